package dev.placementstudio.model;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTest {
    /** Our name-based uuids are the JDK's (a model's uuids must not change). */
    @Property(tries = 500)
    void theSameUuidsAsTheJdksNameBasedOnes(@ForAll String kind, @ForAll String name) {
        byte[] bytes = ("placement-studio/" + kind + "/" + name).getBytes(StandardCharsets.UTF_8);
        assertThat(Ids.uuidFor(kind, name)).isEqualTo(UUID.nameUUIDFromBytes(bytes).toString());
    }
}
