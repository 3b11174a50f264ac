package dev.placementstudio.app;

import java.util.HashMap;
import java.util.Map;

/**
 * A change of usage on its way onto the diagram: per host and per provider (a NUMA node, a PF, a GPU),
 * each resource class's used count before and after, and when the change started. The diagram draws
 * the used count moving from one to the other over {@link #SECONDS}: a claim flows into the bars and
 * slots, an unclaim drains them. Immutable once built; read on the FX thread.
 */
final class UsageFlow {
    /** How long a change takes to flow in, in seconds. */
    static final double SECONDS = 0.8;

    /** Host (or provider) to resource class to {used before, used after}. */
    private final Map<String, Map<String, long[]>> hosts;
    private final Map<String, Map<String, long[]>> providers;
    private final long startNanos;

    private UsageFlow(Map<String, Map<String, long[]>> hosts, Map<String, Map<String, long[]>> providers, long startNanos) {
        this.hosts = hosts;
        this.providers = providers;
        this.startNanos = startNanos;
    }

    /** Collects the changes of one step, class by class, as they are applied. */
    static final class Builder {
        private final Map<String, Map<String, long[]>> hosts = new HashMap<>();
        private final Map<String, Map<String, long[]>> providers = new HashMap<>();

        /** A host's class changed from {@code before} by {@code delta}. */
        void host(String host, String rc, long before, long delta) {
            note(hosts, host, rc, before, delta);
        }

        /** A provider's class changed from {@code before} by {@code delta}. */
        void provider(String provider, String rc, long before, long delta) {
            note(providers, provider, rc, before, delta);
        }

        private static void note(Map<String, Map<String, long[]>> into, String key, String rc, long before, long delta) {
            if (key == null || delta == 0) {
                return;
            }
            long[] ft = into.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(rc, k -> new long[]{before, before});
            ft[1] += delta;
        }

        /** The flow of what was collected, starting now; null when nothing changed in the end. */
        UsageFlow start(long nowNanos) {
            hosts.values().forEach(m -> m.values().removeIf(ft -> ft[0] == ft[1]));
            hosts.values().removeIf(Map::isEmpty);
            providers.values().forEach(m -> m.values().removeIf(ft -> ft[0] == ft[1]));
            providers.values().removeIf(Map::isEmpty);
            return hosts.isEmpty() && providers.isEmpty() ? null : new UsageFlow(hosts, providers, nowNanos);
        }
    }

    /** The flow from one usage to the next (the used counts that differ), starting now; null when none do. */
    static UsageFlow between(Workbench.Usage before, Workbench.Usage after, long nowNanos) {
        Builder b = new Builder();
        if (before != null && after != null) {
            diff(before.byHost(), after.byHost(), b::host);
            diff(before.byProvider(), after.byProvider(), b::provider);
        }
        return b.start(nowNanos);
    }

    private interface Sink {
        void accept(String key, String rc, long before, long delta);
    }

    private static void diff(Map<String, Map<String, long[]>> a, Map<String, Map<String, long[]>> b, Sink sink) {
        b.forEach((key, classes) -> {
            Map<String, long[]> old = a.get(key);
            if (old == null) {
                return; // a provider that was not there: nothing to flow from
            }
            classes.forEach((rc, cu) -> {
                long[] was = old.get(rc);
                if (was != null && was[1] != cu[1]) {
                    sink.accept(key, rc, was[1], cu[1] - was[1]);
                }
            });
        });
    }

    /** How far the flow is at {@code now}, eased (slow in, slow out): 0 at the start, 1 once done. */
    double progress(long nowNanos) {
        double t = (nowNanos - startNanos) / 1e9 / SECONDS;
        if (t <= 0) {
            return 0;
        }
        if (t >= 1) {
            return 1;
        }
        return t * t * (3 - 2 * t);
    }

    boolean running(long nowNanos) {
        return nowNanos - startNanos < SECONDS * 1e9;
    }

    /** A host's class under way: {used before, used after}, or null when it does not change. */
    long[] ofHost(String host, String rc) {
        Map<String, long[]> m = hosts.get(host);
        return m == null ? null : m.get(rc);
    }

    /** A provider's class under way: {used before, used after}, or null. */
    long[] ofProvider(String provider, String rc) {
        Map<String, long[]> m = providers.get(provider);
        return m == null ? null : m.get(rc);
    }

    /** True when any class of the host changes in this flow. */
    boolean touches(String host) {
        return hosts.containsKey(host);
    }

    /** The used count to draw at progress {@code p} for a change {before, after} (the target when none). */
    static double at(long[] ft, double p, long target) {
        return ft == null ? target : ft[0] + (ft[1] - ft[0]) * p;
    }
}
