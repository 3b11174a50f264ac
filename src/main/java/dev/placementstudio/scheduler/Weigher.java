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

    static Weigher named(String name) {
        return switch (name) {
            case "RAMWeigher" -> of(name, 1.0, (h, s) -> h.freeRamMb());
            case "CPUWeigher" -> of(name, 1.0, (h, s) -> h.freeVcpus());
            case "DiskWeigher" -> of(name, 1.0, (h, s) -> h.freeDiskGb() < 0 ? 0 : h.freeDiskGb() * 1024.0);
            case "IoOpsWeigher" -> of(name, -1.0, (h, s) -> h.info().ioOps());
            // hosts with free PCI devices are kept for instances that need them
            case "PCIWeigher" -> of(name, 1.0, (h, s) -> {
                long free = h.freePciDevices();
                if (free == 0) {
                    return 0;
                }
                return s.flavor().extraSpecs().containsKey("pci_passthrough:alias") ? free : -free;
            });
            case "MetricsWeigher" -> of(name, 1.0, (h, s) -> 0);
            case "BuildFailureWeigher" -> of(name, 1000000.0, (h, s) -> -h.info().failedBuilds());
            case "ServerGroupSoftAffinityWeigher" -> of(name, 1.0, (h, s) ->
                    s.serverGroup() != null && s.serverGroup().policy() == ServerGroupPolicy.SOFT_AFFINITY
                            && s.groupHosts().contains(h.name()) ? 1 : 0);
            case "ServerGroupSoftAntiAffinityWeigher" -> of(name, 1.0, (h, s) ->
                    s.serverGroup() != null && s.serverGroup().policy() == ServerGroupPolicy.SOFT_ANTI_AFFINITY
                            && s.groupHosts().contains(h.name()) ? -1 : 0);
            case "CrossCellWeigher" -> of(name, 1000000.0, (h, s) ->
                    s.sourceCell() == null || s.sourceCell().equals(h.info().cell()) ? 1 : 0);
            default -> null;
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
