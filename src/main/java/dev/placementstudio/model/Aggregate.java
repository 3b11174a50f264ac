package dev.placementstudio.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * A host aggregate. When {@code availabilityZone} is set the aggregate is an availability zone, as Nova
 * marks it with the {@code availability_zone} metadata key.
 */
public record Aggregate(String name, String uuid, String availabilityZone, Map<String, String> metadata) {
    public Aggregate {
        metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(metadata));
    }
}
