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

    /**
     * What an instance of this flavor asks of its compute's root (before ports and device profiles): CPU
     * (VCPU, or PCPU when dedicated) and MEMORY_MB, overridden by unsuffixed {@code resources:RC=N} extra
     * specs (0 removes a class), DISK_GB likewise, and the other classes those specs name, in spec order.
     */
    public record RootAmounts(Map<String, Long> cpuAndMemory, long diskGb, Map<String, Long> other) {
    }

    public RootAmounts rootAmounts() {
        Map<String, Long> cpuMem = new java.util.LinkedHashMap<>();
        String cpuClass = dedicatedCpus() ? "PCPU" : "VCPU";
        if (vcpus > 0) {
            cpuMem.put(cpuClass, (long) vcpus);
        }
        if (ramMb > 0) {
            cpuMem.put("MEMORY_MB", ramMb);
        }
        long disk = diskGb;
        Map<String, Long> other = new java.util.LinkedHashMap<>();
        for (var e : extraSpecs.entrySet()) {
            if (!e.getKey().startsWith("resources:")) {
                continue;
            }
            String rc = e.getKey().substring("resources:".length());
            long amount;
            try {
                amount = Long.parseLong(e.getValue().strip());
            } catch (NumberFormatException x) {
                amount = 0; // the validator reports it
            }
            switch (rc) {
                case "VCPU", "PCPU", "MEMORY_MB" -> {
                    cpuMem.remove(rc.equals("MEMORY_MB") ? "MEMORY_MB" : cpuClass);
                    if (amount > 0) {
                        cpuMem.put(rc, amount);
                    }
                }
                case "DISK_GB" -> disk = amount;
                default -> {
                    if (amount > 0) {
                        other.put(rc, amount);
                    }
                }
            }
        }
        return new RootAmounts(cpuMem, disk, other);
    }
}
