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
    }

    public HostInfo info() {
        return info;
    }

    public String name() {
        return info.name();
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

    public Map<String, Map<String, Long>> allocationRequest() {
        if (allocationRequest == null) {
            allocationRequest = request.get();
        }
        return allocationRequest;
    }
}
