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
 * @param architecture the CPU architecture the hypervisor runs guests of (Nova's names: x86_64, aarch64,
 *                     ppc64le, s390x, …); null means x86_64. An x86_64 KVM host also runs i686 guests.
 * @param hypervisorVersion the hypervisor's version as dotted numbers ("7.2.0"), which Nova keeps as
 *                          7002000 and ImagePropertiesFilter compares with {@code img_hv_requested_version};
 *                          null means 7.2.0 (QEMU of Debian 12)
 */
public record ComputeHost(
        String hostname, String uuid, String cell, String rack, List<String> aggregates, String hypervisorType,
        HostStatus status, List<String> cpuTraits, List<String> traits, Boolean numaInPlacement,
        List<NumaNode> numaNodes, Long diskGb, String sharedStorage, ReservedResources reserved,
        AllocationRatios allocationRatios, List<PhysicalFunction> pfs, List<GpuDevice> gpus,
        List<Accelerator> accelerators, String architecture, String hypervisorVersion) {

    /** Nova's default architecture of a libvirt/KVM host. */
    public static final String DEFAULT_ARCHITECTURE = "x86_64";
    /** QEMU 7.2.0, Debian 12's, as a host without a version says. */
    public static final String DEFAULT_HYPERVISOR_VERSION = "7.2.0";

    /** A host of the default architecture and hypervisor version. */
    public ComputeHost(
            String hostname, String uuid, String cell, String rack, List<String> aggregates, String hypervisorType,
            HostStatus status, List<String> cpuTraits, List<String> traits, Boolean numaInPlacement,
            List<NumaNode> numaNodes, Long diskGb, String sharedStorage, ReservedResources reserved,
            AllocationRatios allocationRatios, List<PhysicalFunction> pfs, List<GpuDevice> gpus,
            List<Accelerator> accelerators) {
        this(hostname, uuid, cell, rack, aggregates, hypervisorType, status, cpuTraits, traits, numaInPlacement,
                numaNodes, diskGb, sharedStorage, reserved, allocationRatios, pfs, gpus, accelerators, null, null);
    }

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

    public String effectiveArchitecture() {
        return architecture != null ? architecture : DEFAULT_ARCHITECTURE;
    }

    public String effectiveHypervisorVersion() {
        return hypervisorVersion != null ? hypervisorVersion : DEFAULT_HYPERVISOR_VERSION;
    }

    public ComputeHost withHypervisor(String newArchitecture, String newHypervisorVersion) {
        return new ComputeHost(hostname, uuid, cell, rack, aggregates, hypervisorType, status, cpuTraits, traits,
                numaInPlacement, numaNodes, diskGb, sharedStorage, reserved, allocationRatios, pfs, gpus, accelerators,
                newArchitecture, newHypervisorVersion);
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
                numaInPlacement, numaNodes, diskGb, sharedStorage, reserved, allocationRatios, pfs, gpus, accelerators, architecture, hypervisorVersion);
    }

    public ComputeHost withRack(String newRack) {
        return new ComputeHost(hostname, uuid, cell, newRack, aggregates, hypervisorType, status, cpuTraits, traits,
                numaInPlacement, numaNodes, diskGb, sharedStorage, reserved, allocationRatios, pfs, gpus, accelerators, architecture, hypervisorVersion);
    }

    public ComputeHost withAggregates(List<String> newAggregates) {
        return new ComputeHost(hostname, uuid, cell, rack, newAggregates, hypervisorType, status, cpuTraits, traits,
                numaInPlacement, numaNodes, diskGb, sharedStorage, reserved, allocationRatios, pfs, gpus, accelerators, architecture, hypervisorVersion);
    }

    public ComputeHost withStatus(HostStatus newStatus) {
        return new ComputeHost(hostname, uuid, cell, rack, aggregates, hypervisorType, newStatus, cpuTraits, traits,
                numaInPlacement, numaNodes, diskGb, sharedStorage, reserved, allocationRatios, pfs, gpus, accelerators, architecture, hypervisorVersion);
    }

    public ComputeHost withHostname(String newHostname, String newUuid) {
        return new ComputeHost(newHostname, newUuid, cell, rack, aggregates, hypervisorType, status, cpuTraits, traits,
                numaInPlacement, numaNodes, diskGb, sharedStorage, reserved, allocationRatios, pfs, gpus, accelerators, architecture, hypervisorVersion);
    }

    public ComputeHost withDevices(List<PhysicalFunction> newPfs, List<GpuDevice> newGpus, List<Accelerator> newAccelerators) {
        return new ComputeHost(hostname, uuid, cell, rack, aggregates, hypervisorType, status, cpuTraits, traits,
                numaInPlacement, numaNodes, diskGb, sharedStorage, reserved, allocationRatios, newPfs, newGpus,
                newAccelerators, architecture, hypervisorVersion);
    }

    public ComputeHost withNumaNodes(List<NumaNode> nodes) {
        return new ComputeHost(hostname, uuid, cell, rack, aggregates, hypervisorType, status, cpuTraits, traits,
                numaInPlacement, nodes, diskGb, sharedStorage, reserved, allocationRatios, pfs, gpus, accelerators, architecture, hypervisorVersion);
    }

    public ComputeHost withCapacity(Long newDiskGb, ReservedResources newReserved, AllocationRatios newRatios) {
        return new ComputeHost(hostname, uuid, cell, rack, aggregates, hypervisorType, status, cpuTraits, traits,
                numaInPlacement, numaNodes, newDiskGb, sharedStorage, newReserved, newRatios, pfs, gpus, accelerators, architecture, hypervisorVersion);
    }

    public ComputeHost withTraits(List<String> newCpuTraits, List<String> newTraits) {
        return new ComputeHost(hostname, uuid, cell, rack, aggregates, hypervisorType, status, newCpuTraits, newTraits,
                numaInPlacement, numaNodes, diskGb, sharedStorage, reserved, allocationRatios, pfs, gpus, accelerators, architecture, hypervisorVersion);
    }
}
