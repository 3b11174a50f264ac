package dev.placementstudio.scheduler;

import java.util.Map;

/**
 * A candidate host as filters and weighers see it: its {@link HostInfo}, its free resources from the
 * candidates' provider summaries (summed over its tree), and the allocation request Placement offered
 * for it (the first one, as Nova keeps).
 */
public record HostState(HostInfo info, Map<String, long[]> resources, Map<String, Map<String, Long>> allocationRequest) {
    public String name() {
        return info.name();
    }

    public long free(String rc) {
        long[] cu = resources.get(rc);
        return cu == null ? 0 : cu[0] - cu[1];
    }

    public long capacity(String rc) {
        long[] cu = resources.get(rc);
        return cu == null ? 0 : cu[0];
    }
}
