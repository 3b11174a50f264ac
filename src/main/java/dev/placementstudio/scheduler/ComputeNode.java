package dev.placementstudio.scheduler;

import java.util.List;

/**
 * Nova's ComputeNode record as the compute's resource tracker writes it, which is what the scheduler's
 * HostState reads ({@code host_manager.HostState._update_from_compute_node}); not Placement's numbers.
 * <ul>
 * <li>{@code freeRamMb} = memory_mb − reserved_host_memory_mb − Σ flavor RAM of tracked instances and
 * migrations; no allocation ratio; may be negative;</li>
 * <li>{@code vcpusUsed} = reserved_host_cpus + Σ flavor.vcpus of every tracked instance, pinned ones too;</li>
 * <li>{@code freeDiskGb} = local_gb − local_gb_used; {@code diskAvailableLeast} is the driver's physical
 * figure (null: not reported), a shared pool's free space for an RBD- or NFS-backed compute;</li>
 * <li>{@code pciPools}: the devices of {@code [pci] device_spec} (SR-IOV VFs, passthrough GPUs) with their
 * free counts; not Cyborg accelerators, not mdev vGPUs.</li>
 * </ul>
 */
public record ComputeNode(int vcpus, int vcpusUsed, long memoryMb, long memoryMbUsed, long localGb, long localGbUsed,
                          Long diskAvailableLeast, int numInstances, double cpuAllocationRatio,
                          double ramAllocationRatio, double diskAllocationRatio, List<PciPool> pciPools) {
    public ComputeNode {
        pciPools = pciPools == null ? List.of() : List.copyOf(pciPools);
    }

    /** One pool of Nova's PciDeviceStats: devices alike in vendor, product, NUMA node and tags. */
    public record PciPool(String vendorId, String productId, Integer numaNode, String devType, String physnet,
                          int count) {
    }

    public long freeRamMb() {
        return memoryMb - memoryMbUsed;
    }

    public long freeDiskGb() {
        return localGb - localGbUsed;
    }

    /** HostState.free_disk_mb: the smaller of disk_available_least and free_disk_gb, in MB. */
    public long freeDiskMb() {
        long gb = freeDiskGb();
        if (diskAvailableLeast != null) {
            gb = Math.min(diskAvailableLeast, gb);
        }
        return gb * 1024;
    }

    /** Free devices over all pools (what PCIWeigher sums). */
    public int freePciDevices() {
        int n = 0;
        for (PciPool p : pciPools) {
            n += p.count();
        }
        return n;
    }
}
