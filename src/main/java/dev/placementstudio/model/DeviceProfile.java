package dev.placementstudio.model;

import java.util.List;
import java.util.Map;

/**
 * A Cyborg device profile: one request group per entry, each a map such as
 * {@code {"resources:FPGA": "1", "trait:CUSTOM_FPGA_INTEL": "required"}}.
 */
public record DeviceProfile(String name, List<Map<String, String>> groups) {
    public DeviceProfile {
        groups = groups == null ? List.of()
                : groups.stream().map(g -> java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(g))).toList();
    }
}
