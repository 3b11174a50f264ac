package dev.placementstudio.scheduler;

import dev.placementstudio.model.ServerGroupPolicy;

/**
 * A Nova weigher: a raw value per host, normalized over the hosts to [0, 1] (Nova's
 * {@code weights.normalize}: (v - min) / (max - min), all 0 when every host has the same value) and
 * multiplied by its multiplier.
 */
public interface Weigher {
    String name();

    double raw(HostState host, RequestSpec spec);

    /** Nova's default multiplier ({@code [filter_scheduler]*_weight_multiplier}). */
    double defaultMultiplier();

    /** Nova's {@code minval} (the lower normalization bound; null: the hosts' minimum). */
    default Double minval() {
        return null;
    }

    /**
     * The aggregate metadata key that overrides the multiplier per host (Nova's
     * {@code utils.get_weight_multiplier}: the smallest of the host's aggregates' values).
     */
    default String multiplierKey() {
        return null;
    }

    /** True when every host weighs the same for this request (so every normalized value is 0). */
    default boolean flatFor(RequestSpec spec) {
        return false;
    }

    /** True for BuildFailureWeigher, whose multiplier Nova negates. */
    default boolean negated() {
        return false;
    }

    /** PCIWeigher's MAX_DEVS in nova/scheduler/weights/pci.py. */
    int PCI_MAX_DEVS = 100;

    /**
     * The smallest value Nova's option accepts for the configured multiplier (oslo.config {@code min}),
     * or null when any is allowed. Aggregate metadata is not checked (Nova does not either).
     */
    default Double minMultiplier() {
        return switch (name()) {
            case "PCIWeigher", "ServerGroupSoftAffinityWeigher", "ServerGroupSoftAntiAffinityWeigher" -> 0.0;
            default -> null;
        };
    }

    /** Nova's {@code maxval} (the upper normalization bound; null: the hosts' maximum). */
    default Double maxval() {
        return null;
    }

    /**
     * The weigher of that class name, as nova/scheduler/weights/ has it (Zed), or null when Nova has none.
     * Raw values are HostState's (the compute's record), clamped to minval/maxval before normalizing.
     */
    static Weigher named(String name) {
        return switch (name) {
            case "RAMWeigher" -> of(name, 1.0, 0.0, "ram_weight_multiplier", false, (h, s) -> h.freeRamMb());
            // vcpus_total x cpu_allocation_ratio - vcpus_used (pinned instances' vcpus included)
            case "CPUWeigher" -> of(name, 1.0, 0.0, "cpu_weight_multiplier", false, (h, s) -> h.freeVcpus());
            case "DiskWeigher" -> of(name, 1.0, 0.0, "disk_weight_multiplier", false, (h, s) -> h.freeDiskMb());
            case "IoOpsWeigher" -> of(name, -1.0, 0.0, "io_ops_weight_multiplier", false, (h, s) -> h.numIoOps());
            // fewest free PCI devices first, whether or not the request asks for any (Zed)
            case "PCIWeigher" -> of(name, 1.0, null, "pci_weight_multiplier", false,
                    (h, s) -> PCI_MAX_DEVS - Math.min(h.freePciDevices(), PCI_MAX_DEVS - 1));
            // without [metrics] weight_setting (Nova's default): see MetricsWeigher for the configured one
            case "MetricsWeigher" -> of(name, 1.0, null, "metrics_weight_multiplier", false, (h, s) -> 0, s -> true);
            case "BuildFailureWeigher" -> of(name, 1000000.0, null, "build_failure_weight_multiplier", true,
                    (h, s) -> h.failedBuilds());
            case "ServerGroupSoftAffinityWeigher" -> of(name, 1.0, null, "soft_affinity_weight_multiplier", false,
                    (h, s) -> groupMembersOn(h, s, ServerGroupPolicy.SOFT_AFFINITY),
                    s -> s.serverGroup() == null || s.serverGroup().policy() != ServerGroupPolicy.SOFT_AFFINITY);
            case "ServerGroupSoftAntiAffinityWeigher" -> of(name, 1.0, null, "soft_anti_affinity_weight_multiplier", false,
                    (h, s) -> 0.0 - groupMembersOn(h, s, ServerGroupPolicy.SOFT_ANTI_AFFINITY),
                    s -> s.serverGroup() == null || s.serverGroup().policy() != ServerGroupPolicy.SOFT_ANTI_AFFINITY);
            case "CrossCellWeigher" -> of(name, 1000000.0, null, "cross_cell_move_weight_multiplier", false,
                    (h, s) -> s.sourceCell() == null ? 0 : s.sourceCell().equals(h.info().cell()) ? 1 : -1,
                    s -> s.sourceCell() == null);
            default -> null;
        };
    }

    /** Nova 26's weigher classes by their module path under nova.scheduler.weights (all_weighers' order). */
    java.util.Map<String, String> NOVA_CLASSES = java.util.Map.ofEntries(
            java.util.Map.entry("affinity.ServerGroupSoftAffinityWeigher", "ServerGroupSoftAffinityWeigher"),
            java.util.Map.entry("affinity.ServerGroupSoftAntiAffinityWeigher", "ServerGroupSoftAntiAffinityWeigher"),
            java.util.Map.entry("compute.BuildFailureWeigher", "BuildFailureWeigher"),
            java.util.Map.entry("cpu.CPUWeigher", "CPUWeigher"),
            java.util.Map.entry("cross_cell.CrossCellWeigher", "CrossCellWeigher"),
            java.util.Map.entry("disk.DiskWeigher", "DiskWeigher"),
            java.util.Map.entry("io_ops.IoOpsWeigher", "IoOpsWeigher"),
            java.util.Map.entry("metrics.MetricsWeigher", "MetricsWeigher"),
            java.util.Map.entry("pci.PCIWeigher", "PCIWeigher"),
            java.util.Map.entry("ram.RAMWeigher", "RAMWeigher"));

    /**
     * The weighers a {@code weight_classes} entry names: a class name ({@code RAMWeigher}), Nova's class
     * path ({@code nova.scheduler.weights.ram.RAMWeigher}) or {@code nova.scheduler.weights.all_weighers}
     * (all ten). Anything else is refused as Nova's loader refuses it at start.
     */
    static java.util.List<Weigher> resolve(String entry) {
        String prefix = "nova.scheduler.weights.";
        if (entry.equals(prefix + "all_weighers")) {
            return new java.util.TreeMap<>(NOVA_CLASSES).values().stream().sorted().map(Weigher::named).toList();
        }
        Weigher w = named(entry);
        if (w == null && entry.startsWith(prefix) && NOVA_CLASSES.containsKey(entry.substring(prefix.length()))) {
            w = named(NOVA_CLASSES.get(entry.substring(prefix.length())));
        }
        if (w == null) {
            throw new IllegalArgumentException("Class " + entry + " could not be found: Nova 26 has no such weigher"
                    + " (its weighers: " + String.join(", ", new java.util.TreeSet<>(NOVA_CLASSES.values())) + ")");
        }
        return java.util.List.of(w);
    }

    /** The group's members among the host's instances (Nova: host_state.instances ∩ group.members). */
    private static double groupMembersOn(HostState h, RequestSpec s, ServerGroupPolicy policy) {
        if (s.serverGroup() == null || s.serverGroup().policy() != policy) {
            return 0;
        }
        int n = 0;
        for (String m : s.groupMembers()) {
            if (h.hasInstance(m)) {
                n++;
            }
        }
        return n;
    }

    static Weigher of(String name, double multiplier, Double minval, String key, boolean negated,
                      java.util.function.ToDoubleBiFunction<HostState, RequestSpec> f) {
        return of(name, multiplier, minval, key, negated, f, spec -> false);
    }

    /** @param flat true for requests on which every host weighs 0 (nothing to compute) */
    static Weigher of(String name, double multiplier, Double minval, String key, boolean negated,
                      java.util.function.ToDoubleBiFunction<HostState, RequestSpec> f,
                      java.util.function.Predicate<RequestSpec> flat) {
        return new Weigher() {
            @Override
            public boolean flatFor(RequestSpec spec) {
                return flat.test(spec);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public double raw(HostState host, RequestSpec spec) {
                return f.applyAsDouble(host, spec);
            }

            @Override
            public double defaultMultiplier() {
                return multiplier;
            }

            @Override
            public Double minval() {
                return minval;
            }

            @Override
            public String multiplierKey() {
                return key;
            }

            @Override
            public boolean negated() {
                return negated;
            }
        };
    }

    static Weigher of(String name, double multiplier, java.util.function.ToDoubleBiFunction<HostState, RequestSpec> f) {
        return new Weigher() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double raw(HostState host, RequestSpec spec) {
                return f.applyAsDouble(host, spec);
            }

            @Override
            public double defaultMultiplier() {
                return multiplier;
            }
        };
    }
}
