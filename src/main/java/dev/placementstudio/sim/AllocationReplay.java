package dev.placementstudio.sim;

import dev.placementstudio.sim.SimEvent.Claimed;
import dev.placementstudio.sim.SimEvent.Deleted;
import dev.placementstudio.sim.SimEvent.MigrationConfirmed;
import dev.placementstudio.sim.SimEvent.MigrationReverted;
import dev.placementstudio.sim.SimEvent.Unclaimed;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the consumers of a run hold at one event of its log, rebuilt from the log alone: {@code claimed}
 * events recorded with their {@code allocations} (runs that record selections: scenarios, the GUI) give
 * the amounts; {@code unclaimed} and {@code deleted} free an instance's; a migration's claim moves the
 * instance's old allocation to the migration, which {@code migration_confirmed} frees and
 * {@code migration_reverted} gives back. Used to show usage as it was at each step of a playback.
 */
public final class AllocationReplay {
    private AllocationReplay() {
    }

    /** True when the log's claims carry their allocations, so that a replay is possible. */
    public static boolean possible(List<SimEvent> log) {
        for (SimEvent e : log) {
            if (e instanceof Claimed c) {
                return c.allocations() != null;
            }
        }
        return false;
    }

    /** Provider name to resource class to the amount held after event {@code index} (inclusive). */
    public static Map<String, Map<String, Long>> at(List<SimEvent> log, int index) {
        Replayer r = new Replayer();
        for (int i = 0; i <= index && i < log.size(); i++) {
            r.apply(log.get(i));
        }
        return r.held();
    }

    /** The replay one event at a time, with running totals per resource class (for charts over time). */
    public static final class Replayer {
        /** Told of every change: provider name, resource class, amount added (negative: freed). */
        public interface Change {
            void changed(String provider, String resourceClass, long delta);
        }

        private final Map<String, Map<String, Map<String, Long>>> held = new HashMap<>();
        private final Map<String, Long> totals = new TreeMap<>();
        private final Change change;

        public Replayer() {
            this((p, rc, d) -> { });
        }

        public Replayer(Change change) {
            this.change = change;
        }

        public void apply(SimEvent e) {
            String instance = e.instance();
            if (e instanceof Claimed c) {
                if (c.migration() != null) {
                    Map<String, Map<String, Long>> source = held.remove(instance);
                    if (source != null) {
                        held.put(c.migration(), source);
                    }
                }
                put(instance, amounts(c.allocations()));
            } else if (e instanceof Unclaimed || e instanceof Deleted) {
                put(instance, null);
            } else if (e instanceof MigrationConfirmed m) {
                put(String.valueOf(m.migration()), null);
            } else if (e instanceof MigrationReverted m) {
                Map<String, Map<String, Long>> source = held.get(String.valueOf(m.migration()));
                put(String.valueOf(m.migration()), null);
                if (source != null) {
                    put(instance, source);
                }
            }
        }

        private void put(String consumer, Map<String, Map<String, Long>> now) {
            Map<String, Map<String, Long>> before = now == null ? held.remove(consumer) : held.put(consumer, now);
            if (before != null) {
                before.forEach((provider, res) -> res.forEach((rc, n) -> {
                    totals.merge(rc, -n, Long::sum);
                    change.changed(provider, rc, -n);
                }));
            }
            if (now != null) {
                now.forEach((provider, res) -> res.forEach((rc, n) -> {
                    totals.merge(rc, n, Long::sum);
                    change.changed(provider, rc, n);
                }));
            }
        }

        /** Resource class to the amount held by all consumers now. */
        public Map<String, Long> totals() {
            return totals;
        }

        /** Provider name to resource class to the amount held now. */
        public Map<String, Map<String, Long>> held() {
            Map<String, Map<String, Long>> total = new TreeMap<>();
            held.values().forEach(a -> a.forEach((provider, res) -> res.forEach((rc, n) ->
                    total.computeIfAbsent(provider, k -> new TreeMap<>()).merge(rc, n, Long::sum))));
            return total;
        }
    }

    private static Map<String, Map<String, Long>> amounts(Map<String, Map<String, Long>> allocations) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        if (allocations != null) {
            allocations.forEach((provider, res) -> {
                if (res != null) {
                    res.forEach((rc, n) -> out.computeIfAbsent(provider, k -> new TreeMap<>()).put(rc, n));
                }
            });
        }
        return out;
    }
}
