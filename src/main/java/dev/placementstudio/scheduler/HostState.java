package dev.placementstudio.scheduler;

import dev.placementstudio.placement.AllocationCandidates;

import java.util.Map;
import java.util.function.Supplier;

/**
 * A candidate host as filters and weighers see it (Nova's {@code host_manager.HostState}): its
 * {@link HostInfo}, the numbers of its compute's {@link ComputeNode} record (free RAM without the
 * allocation ratio, vcpus used with pinned instances, disk, PCI pools, instances, I/O operations, failed
 * builds), Placement's capacity of its tree for filters that read Placement, and the allocation request
 * Placement offered for it (the first one, as Nova keeps; built only when needed).
 *
 * <p>Without a ComputeNode (a host known only from raw Placement state) the numbers are read from
 * Placement's usage instead. Within one request the numbers change as Nova's {@code consume_from_request}
 * changes them when a multi-instance request places an instance here.
 */
public final class HostState {
    private final HostInfo info;
    private final AllocationCandidates.TreeUsage usage;
    private final Supplier<Map<String, Map<String, Long>>> request;
    /** The compute's record (its resource tracker's counts), or null for a host known only from Placement. */
    private ComputeNode compute;
    /** The record as the filters read it (see {@link #compute()}), made when first asked. */
    private ComputeNode filterView;
    private Map<String, Map<String, Long>> allocationRequest;
    private final AllocationCandidates candidates;
    private final int index;
    /** The weight the weighers gave this host (0 when there was nothing to weigh). */
    double weight;

    // HostState's mutable view (consume_from_request changes it)
    private long freeRamMb;
    private long freeDiskMb;
    private int vcpusUsed;
    private int numInstances;
    private int numIoOps;
    private boolean loaded;
    /** Set by {@link #startFrom}: the compute's numbers, read from its tracker when this state was made. */
    private boolean started;
    private int vcpusTotal;
    private double cpuRatio;
    private long freePci;

    public HostState(HostInfo info, AllocationCandidates.TreeUsage usage,
                     Supplier<Map<String, Map<String, Long>>> request) {
        this(info, usage, request, null);
    }

    /** A host state from its compute's record (and optionally Placement's usage for the filters). */
    public HostState(HostInfo info, AllocationCandidates.TreeUsage usage,
                     Supplier<Map<String, Map<String, Long>>> request, ComputeNode compute) {
        this.info = info;
        this.usage = usage;
        this.request = request;
        this.candidates = null;
        this.index = -1;
        this.compute = compute;
    }

    /** A host state for candidate {@code index} of a scheduler's answer (its request built when asked). */
    HostState(HostInfo info, AllocationCandidates candidates, int index, ComputeNode compute) {
        this.info = info;
        this.usage = candidates.usageOf(index);
        this.request = null;
        this.candidates = candidates;
        this.index = index;
        this.compute = compute;
    }

    public HostInfo info() {
        return info;
    }

    public String name() {
        return info.name();
    }

    /** The compute's record this state was made from, or null when it came from Placement alone. */
    public ComputeNode computeNode() {
        return compute;
    }

    /**
     * This state's numbers from the compute's tracker, as its record says them now (the record itself
     * stays this state's {@link #computeNode}): what {@link #load} would read from the record, read from
     * the tracker's own fields, now.
     */
    void startFrom(ComputeSource tracker) {
        freeRamMb = tracker.freeRamMb();
        freeDiskMb = tracker.freeDiskMb();
        vcpusUsed = tracker.vcpusUsed();
        numInstances = tracker.numInstances();
        numIoOps = info.ioOps();
        vcpusTotal = tracker.vcpus();
        cpuRatio = tracker.cpuAllocationRatio();
        freePci = tracker.freePciDevices();
        loaded = true;
        started = true;
    }

    private void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        // HostState.num_io_ops: the compute's io_workload stat where its record has one
        numIoOps = compute != null && compute.stats().containsKey("io_workload") ? compute.numIoOps() : info.ioOps();
        if (compute != null) {
            freeRamMb = compute.freeRamMb();
            freeDiskMb = compute.freeDiskMb();
            vcpusUsed = compute.vcpusUsed();
            numInstances = compute.numInstances();
            return;
        }
        long[] wf = usage == null ? new long[]{0, 0, -1, 0} : usage.weigherFree();
        freeRamMb = wf[0];
        freeDiskMb = Math.max(0, wf[2]) * 1024;
        vcpusUsed = (int) Math.max(0, capacity("VCPU") - wf[1]);
        numInstances = info.instances().size();
    }

    public long free(String rc) {
        return usage == null ? 0 : usage.free(rc);
    }

    public long capacity(String rc) {
        return usage == null ? 0 : usage.capacity(rc);
    }

    public boolean has(String rc) {
        return usage != null && usage.has(rc);
    }

    /** HostState.free_ram_mb: memory_mb − used, no allocation ratio; may be negative. */
    public long freeRamMb() {
        load();
        return freeRamMb;
    }

    /** HostState.free_disk_mb. */
    public long freeDiskMb() {
        load();
        return freeDiskMb;
    }

    /** Free disk in GB (free_disk_mb / 1024), or -1 for a host whose tree has no disk at all. */
    public long freeDiskGb() {
        load();
        if (compute == null && (usage == null || usage.weigherFree()[2] < 0)) {
            return -1;
        }
        return Math.floorDiv(freeDiskMb, 1024);
    }

    public int vcpusTotal() {
        if (started) {
            return vcpusTotal;
        }
        return compute != null ? compute.vcpus() : (int) capacity("VCPU");
    }

    public int vcpusUsed() {
        load();
        return vcpusUsed;
    }

    public double cpuAllocationRatio() {
        if (started) {
            return cpuRatio;
        }
        return compute != null ? compute.cpuAllocationRatio() : 1.0;
    }

    /** What CPUWeigher weighs: vcpus_total × cpu_allocation_ratio − vcpus_used. */
    public double freeVcpus() {
        return vcpusTotal() * cpuAllocationRatio() - vcpusUsed();
    }

    public int numInstances() {
        load();
        return numInstances;
    }

    /** HostState.num_io_ops: the compute's io_workload, plus the instances this request placed here. */
    public int numIoOps() {
        load();
        return numIoOps;
    }

    public int failedBuilds() {
        return info.failedBuilds();
    }

    /** Free devices of the host's PCI pools (SR-IOV VFs, passthrough GPUs), as PCIWeigher sums them. */
    public long freePciDevices() {
        if (started) {
            return freePci;
        }
        if (compute != null) {
            return compute.freePciDevices();
        }
        return usage == null ? 0 : usage.weigherFree()[3];
    }

    /**
     * Nova's {@code consume_from_request}: a multi-instance request placed one instance here, so the next
     * instance sees less free RAM and disk, more vcpus used, one more instance and one more I/O operation.
     */
    public void consume(RequestSpec spec) {
        load();
        freeRamMb -= spec.flavor().ramMb();
        freeDiskMb -= spec.flavor().diskGb() * 1024;
        vcpusUsed += spec.flavor().vcpus();
        numInstances++;
        numIoOps++;
    }

    /** Instances placed here by this request (Nova adds them to host_state.instances for the next pass). */
    private java.util.Set<String> added;

    public void addInstance(String uuid) {
        if (added == null) {
            added = new java.util.HashSet<>();
        }
        added.add(uuid);
    }

    /** Whether the instance runs here, as host_state.instances says. */
    public boolean hasInstance(String uuid) {
        return uuid != null && (info.instances().contains(uuid) || added != null && added.contains(uuid));
    }

    public Map<String, Map<String, Long>> allocationRequest() {
        if (allocationRequest == null) {
            allocationRequest = candidates != null ? candidates.allocationsAt(index) : request.get();
        }
        return allocationRequest;
    }

    /** This state, built from this compute node record (a test, a host state read from a file). */
    public HostState withCompute(ComputeNode node) {
        this.compute = node;
        this.filterView = null;
        this.loaded = false;
        this.started = false;
        return this;
    }

    /**
     * The compute node record as Nova's filters read it: the compute's own (its driver's facts, its resource
     * tracker's counts), with the {@code io_workload} and {@code failed_builds} stats the conductor counts for
     * the host when the record does not carry them; for a host no compute reports for, a libvirt/KVM x86_64
     * record with Placement's usage ({@link ComputeNode#fromPlacement}).
     */
    public ComputeNode compute() {
        if (filterView == null) {
            if (compute == null) {
                filterView = ComputeNode.fromPlacement(this);
            } else {
                Map<String, String> more = new java.util.LinkedHashMap<>();
                if (!compute.stats().containsKey("io_workload")) {
                    more.put("io_workload", Integer.toString(info.ioOps()));
                }
                if (!compute.stats().containsKey("failed_builds")) {
                    more.put("failed_builds", Integer.toString(info.failedBuilds()));
                }
                filterView = more.isEmpty() ? compute : compute.withStats(more);
            }
        }
        return filterView;
    }
}
