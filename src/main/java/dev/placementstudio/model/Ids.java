package dev.placementstudio.model;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Stable uuids for model entities that have none: a name-based (version 3) uuid of the entity's kind and
 * name, so the same model always projects to the same provider and consumer uuids.
 */
public final class Ids {
    private Ids() {
    }

    public static String uuidFor(String kind, String name) {
        return UUID.nameUUIDFromBytes(("placement-studio/" + kind + "/" + name).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
