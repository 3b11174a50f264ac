package dev.placementstudio.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * A Nova flavor. Extra specs follow Nova's syntax: {@code hw:cpu_policy=dedicated},
 * {@code hw:numa_nodes=1}, {@code resources:CUSTOM_X=1}, {@code resources1:VGPU=1},
 * {@code trait:HW_CPU_X86_AVX2=required|forbidden}, {@code accel:device_profile=NAME}.
 */
public record Flavor(String name, int vcpus, long ramMb, long diskGb, Map<String, String> extraSpecs) {
    public Flavor {
        extraSpecs = extraSpecs == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(extraSpecs));
    }

    /** The five flavors every Nova tutorial knows. */
    public static java.util.List<Flavor> classics() {
        return java.util.List.of(
                new Flavor("m1.tiny", 1, 512, 1, null),
                new Flavor("m1.small", 1, 2048, 20, null),
                new Flavor("m1.medium", 2, 4096, 40, null),
                new Flavor("m1.large", 4, 8192, 80, null),
                new Flavor("m1.xlarge", 8, 16384, 160, null));
    }

    public boolean dedicatedCpus() {
        return "dedicated".equals(extraSpecs.get("hw:cpu_policy"));
    }
}
