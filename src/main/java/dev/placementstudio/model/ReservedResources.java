package dev.placementstudio.model;

/**
 * Host resources kept back from guests, as nova.conf's {@code reserved_host_*} options; Nova's defaults
 * are 0 CPUs, 512 MB of memory and 0 GB of disk.
 */
public record ReservedResources(Integer vcpus, Long memoryMb, Long diskGb) {
    public static final ReservedResources NOVA_DEFAULTS = new ReservedResources(0, 512L, 0L);

    public ReservedResources {
        vcpus = vcpus == null ? 0 : vcpus;
        memoryMb = memoryMb == null ? 512L : memoryMb;
        diskGb = diskGb == null ? 0L : diskGb;
    }
}
