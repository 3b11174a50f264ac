package dev.placementstudio.scheduler;

import dev.placementstudio.placement.AllocationCandidates;

import java.util.Map;
import java.util.function.Supplier;

/**
 * A candidate host as filters and weighers see it: its {@link HostInfo}, its capacity and usage from
 * the candidates' provider summaries (summed over its tree), and the allocation request Placement
 * offered for it (the first one, as Nova keeps; built only when needed).
 */
public final class HostState {
    private final HostInfo info;
    private final AllocationCandidates.TreeUsage usage;
    private final Supplier<Map<String, Map<String, Long>>> request;
    private Map<String, Map<String, Long>> allocationRequest;

    public HostState(HostInfo info, AllocationCandidates.TreeUsage usage,
                     Supplier<Map<String, Map<String, Long>>> request) {
        this.info = info;
        this.usage = usage;
        this.request = request;
        this.candidates = null;
        this.index = -1;
    }

    /** A host state for candidate {@code index} of a scheduler's answer (its request built when asked). */
    HostState(HostInfo info, AllocationCandidates candidates, int index) {
        this.info = info;
        this.usage = candidates.usageOf(index);
        this.request = null;
        this.candidates = candidates;
        this.index = index;
    }

    private final AllocationCandidates candidates;
    private final int index;
    /** The weight the weighers gave this host (0 when there was nothing to weigh). */
    double weight;

    public HostInfo info() {
        return info;
    }

    public String name() {
        return info.name();
    }

    public long free(String rc) {
        return usage == null ? 0 : usage.free(rc);
    }

    private long[] common;

    /** Free MEMORY_MB, VCPU, DISK_GB and PCI-like devices, looked up once for the weighers. */
    private long[] common() {
        if (common == null) {
            common = usage == null ? new long[]{0, 0, -1, 0} : usage.weigherFree();
        }
        return common;
    }

    public long freeRamMb() {
        return common()[0];
    }

    public long freeVcpus() {
        return common()[1];
    }

    /** Free local or shared disk, or -1 when the host's tree has no DISK_GB. */
    public long freeDiskGb() {
        return common()[2];
    }

    public long freePciDevices() {
        return common()[3];
    }

    public long capacity(String rc) {
        return usage == null ? 0 : usage.capacity(rc);
    }

    public boolean has(String rc) {
        return usage != null && usage.has(rc);
    }

    public Map<String, Map<String, Long>> allocationRequest() {
        if (allocationRequest == null) {
            allocationRequest = candidates != null ? candidates.allocationsAt(index) : request.get();
        }
        return allocationRequest;
    }

    /** The compute node this state was built from, when one was given or looked up (see {@link #compute}). */
    private ComputeNode compute;
    private Scheduler.CloudView view;

    /** Lets {@link #compute} look up the host's compute node record in the scheduler's view when first read. */
    HostState seenBy(Scheduler.CloudView cloud) {
        this.view = cloud;
        return this;
    }

    /** This state, built from this compute node record (a test, a host state read from a file). */
    public HostState withCompute(ComputeNode node) {
        this.compute = node;
        return this;
    }

    /**
     * The compute node record as Nova's filters read it: the one given, else the view's record of the host's
     * hardware with the scheduler's counts laid over it, else Nova's defaults for a libvirt/KVM x86_64 host.
     */
    public ComputeNode compute() {
        if (compute == null) {
            ComputeNode hardware = view == null ? null : view.computeNode(info.uuid());
            compute = ComputeNode.current(hardware, this);
        }
        return compute;
    }
}
