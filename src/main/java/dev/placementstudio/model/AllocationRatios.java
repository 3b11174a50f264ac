package dev.placementstudio.model;

/**
 * Overcommit ratios. Nova's initial ratios (used when none is configured) are CPU 16.0, RAM 1.5 and
 * disk 1.0.
 */
public record AllocationRatios(Double cpu, Double ram, Double disk) {
    public static final AllocationRatios NOVA_INITIAL = new AllocationRatios(16.0, 1.5, 1.0);

    public AllocationRatios {
        cpu = cpu == null ? 16.0 : cpu;
        ram = ram == null ? 1.5 : ram;
        disk = disk == null ? 1.0 : disk;
    }
}
