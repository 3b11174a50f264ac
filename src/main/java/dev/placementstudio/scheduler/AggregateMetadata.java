package dev.placementstudio.scheduler;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The two ways Nova's filters read a host's aggregate metadata ({@code nova/scheduler/filters/utils.py}):
 * {@code aggregate_values_from_key}, the values as the aggregates hold them, and
 * {@code aggregate_metadata_get_by_host}, every value split on commas and stripped.
 */
final class AggregateMetadata {
    private AggregateMetadata() {
    }

    /** The values of the aggregates that set this key, as they are. */
    static Set<String> values(Map<String, Set<String>> metadata, String key) {
        Set<String> v = metadata.get(key);
        return v == null ? Set.of() : v;
    }

    /** The values of the aggregates that set this key, each split on commas and stripped. */
    static Set<String> splitValues(Map<String, Set<String>> metadata, String key) {
        Set<String> raw = metadata.get(key);
        if (raw == null || raw.isEmpty()) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String v : raw) {
            for (String part : v.split(",", -1)) {
                out.add(part.strip());
            }
        }
        return Collections.unmodifiableSet(out);
    }
}
