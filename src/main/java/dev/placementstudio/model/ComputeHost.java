package dev.placementstudio.model;

import java.util.List;

/**
 * A nova-compute host and its hardware.
 *
 * @param hostname hypervisor hostname; also the name of its root resource provider
 * @param uuid compute node uuid (root provider uuid); derived from the hostname when absent
 * @param cell the cell it belongs to
 * @param rack layout hint for the diagram
 * @param aggregates names of the aggregates (and availability zones) it is in
 * @param hypervisorType QEMU, VMware vCenter Server, …
 * @param status enabled, disabled or down
 * @param cpuTraits CPU model traits (HW_CPU_X86_AVX2, …)
 * @param traits further traits on the root provider (COMPUTE_*, CUSTOM_*)
 * @param numaInPlacement whether VCPU/PCPU/MEMORY_MB are reported on HW_NUMA_ROOT children
 * @param numaNodes the NUMA nodes; the host's CPUs and memory are their sums
 * @param diskGb local disk; 0 when the host uses shared storage
 * @param sharedStorage name of the shared storage pool it takes DISK_GB from, or null
 * @param reserved resources kept back from guests
 * @param allocationRatios overcommit ratios
 * @param pfs SR-IOV physical functions
 * @param gpus GPUs reported by the virt driver
 * @param accelerators accelerators reported by Cyborg
 */
public record ComputeHost(
        String hostname, String uuid, String cell, String rack, List<String> aggregates, String hypervisorType,
        HostStatus status, List<String> cpuTraits, List<String> traits, Boolean numaInPlacement,
        List<NumaNode> numaNodes, Long diskGb, String sharedStorage, ReservedResources reserved,
        AllocationRatios allocationRatios, List<PhysicalFunction> pfs, List<GpuDevice> gpus,
        List<Accelerator> accelerators) {

    public ComputeHost {
        aggregates = List.copyOf(aggregates == null ? List.of() : aggregates);
        hypervisorType = hypervisorType == null ? "QEMU" : hypervisorType;
        status = status == null ? HostStatus.ENABLED : status;
        cpuTraits = List.copyOf(cpuTraits == null ? List.of() : cpuTraits);
        traits = List.copyOf(traits == null ? List.of() : traits);
        numaInPlacement = numaInPlacement == null ? Boolean.FALSE : numaInPlacement;
        numaNodes = List.copyOf(numaNodes == null ? List.of() : numaNodes);
        diskGb = diskGb == null ? 0L : diskGb;
        reserved = reserved == null ? ReservedResources.NOVA_DEFAULTS : reserved;
        allocationRatios = allocationRatios == null ? AllocationRatios.NOVA_INITIAL : allocationRatios;
        pfs = List.copyOf(pfs == null ? List.of() : pfs);
        gpus = List.copyOf(gpus == null ? List.of() : gpus);
        accelerators = List.copyOf(accelerators == null ? List.of() : accelerators);
    }

    public String effectiveUuid() {
        return uuid != null ? uuid : Ids.uuidFor("compute", hostname);
    }

    public int totalCpus() {
        return numaNodes.stream().mapToInt(NumaNode::cpus).sum();
    }

    public int totalPcpus() {
        return numaNodes.stream().mapToInt(NumaNode::pcpus).sum();
    }

    public long totalMemoryMb() {
        return numaNodes.stream().mapToLong(NumaNode::memoryMb).sum();
    }

    public boolean usesSharedStorage() {
        return sharedStorage != null;
    }

    public ComputeHost withCell(String newCell) {
        return new ComputeHost(hostname, uuid, newCell, rack, aggregates, hypervisorType, status, cpuTraits, traits,
                numaInPlacement, numaNodes, diskGb, sharedStorage, reserved, allocationRatios, pfs, gpus, accelerators);
    }

    public ComputeHost withRack(String newRack) {
        return new ComputeHost(hostname, uuid, cell, newRack, aggregates, hypervisorType, status, cpuTraits, traits,
                numaInPlacement, numaNodes, diskGb, sharedStorage, reserved, allocationRatios, pfs, gpus, accelerators);
    }

    public ComputeHost withAggregates(List<String> newAggregates) {
        return new ComputeHost(hostname, uuid, cell, rack, newAggregates, hypervisorType, status, cpuTraits, traits,
                numaInPlacement, numaNodes, diskGb, sharedStorage, reserved, allocationRatios, pfs, gpus, accelerators);
    }

    public ComputeHost withStatus(HostStatus newStatus) {
        return new ComputeHost(hostname, uuid, cell, rack, aggregates, hypervisorType, newStatus, cpuTraits, traits,
                numaInPlacement, numaNodes, diskGb, sharedStorage, reserved, allocationRatios, pfs, gpus, accelerators);
    }

    public ComputeHost withHostname(String newHostname, String newUuid) {
        return new ComputeHost(newHostname, newUuid, cell, rack, aggregates, hypervisorType, status, cpuTraits, traits,
                numaInPlacement, numaNodes, diskGb, sharedStorage, reserved, allocationRatios, pfs, gpus, accelerators);
    }

    public ComputeHost withDevices(List<PhysicalFunction> newPfs, List<GpuDevice> newGpus, List<Accelerator> newAccelerators) {
        return new ComputeHost(hostname, uuid, cell, rack, aggregates, hypervisorType, status, cpuTraits, traits,
                numaInPlacement, numaNodes, diskGb, sharedStorage, reserved, allocationRatios, newPfs, newGpus,
                newAccelerators);
    }

    public ComputeHost withNumaNodes(List<NumaNode> nodes) {
        return new ComputeHost(hostname, uuid, cell, rack, aggregates, hypervisorType, status, cpuTraits, traits,
                numaInPlacement, nodes, diskGb, sharedStorage, reserved, allocationRatios, pfs, gpus, accelerators);
    }

    public ComputeHost withCapacity(Long newDiskGb, ReservedResources newReserved, AllocationRatios newRatios) {
        return new ComputeHost(hostname, uuid, cell, rack, aggregates, hypervisorType, status, cpuTraits, traits,
                numaInPlacement, numaNodes, newDiskGb, sharedStorage, newReserved, newRatios, pfs, gpus, accelerators);
    }

    public ComputeHost withTraits(List<String> newCpuTraits, List<String> newTraits) {
        return new ComputeHost(hostname, uuid, cell, rack, aggregates, hypervisorType, status, newCpuTraits, newTraits,
                numaInPlacement, numaNodes, diskGb, sharedStorage, reserved, allocationRatios, pfs, gpus, accelerators);
    }
}
