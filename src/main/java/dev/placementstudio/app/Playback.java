package dev.placementstudio.app;

import dev.placementstudio.conductor.EventLog.Ranked;
import dev.placementstudio.sim.AllocationReplay;
import dev.placementstudio.sim.EventWords;
import dev.placementstudio.sim.SimEvent;
import dev.placementstudio.sim.SimEvent.BuildFailed;
import dev.placementstudio.sim.SimEvent.CellDown;
import dev.placementstudio.sim.SimEvent.CellUp;
import dev.placementstudio.sim.SimEvent.ClaimConflict;
import dev.placementstudio.sim.SimEvent.Claimed;
import dev.placementstudio.sim.SimEvent.Filtered;
import dev.placementstudio.sim.SimEvent.MigrationConfirmed;
import dev.placementstudio.sim.SimEvent.MigrationStarted;
import dev.placementstudio.sim.SimEvent.Rescheduled;
import dev.placementstudio.sim.SimEvent.SchedulerCalled;
import dev.placementstudio.sim.SimEvent.Weighed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a diagram shows at one event of a log: the event's host lit, a filter's dropped hosts outlined, the
 * tags the event pins on hosts, the cells down, and the usage as it was then (the model's own plus what
 * the run holds, rebuilt from the log's claims). One per workbench: the main playback, and the comparison
 * run's beside it.
 */
final class Playback {
    private final Workbench wb;
    private List<SimEvent> log = List.of();
    /** The model's own usage, and the usage this playback last published. */
    private Workbench.Usage base;
    private Workbench.Usage shown;
    private final Map<String, String> rootOf = new HashMap<>();
    /** The log's cell_down / cell_up events: index, cell, down. */
    private final List<Object[]> cellChanges = new ArrayList<>();
    private boolean replay;

    Playback(Workbench wb) {
        this.wb = wb;
        wb.model.addListener((o, a, m) -> forget());
    }

    /** Drops the loaded run and puts the model's own usage back on the diagram. */
    void reset() {
        if (shown != null && base != null && wb.usage.get() == shown) {
            wb.usage.set(base);
        }
        forget();
    }

    /** Another model: a loaded run no longer describes it (its projection is on its way). */
    private void forget() {
        replayer = null;
        base = null;
        shown = null;
        rootOf.clear();
        cellChanges.clear();
        log = List.of();
        wb.flow.set(null);
        wb.downCells.clear();
        wb.marks.clear();
        wb.arrows.clear();
        wb.dimmed.clear();
        wb.weights.clear();
    }

    void load(List<SimEvent> ev) {
        log = ev;
        if (wb.usage.get() != shown) {
            base = wb.usage.get();
        }
        cellChanges.clear();
        for (int k = 0; k < ev.size(); k++) {
            SimEvent e = ev.get(k);
            if (e instanceof CellDown || e instanceof CellUp) {
                cellChanges.add(new Object[]{k, String.valueOf(e.cell()), e instanceof CellDown});
            }
        }
        replay = AllocationReplay.possible(ev);
        rootOf.clear();
        replayer = null;
    }

    /** The model's own usage, as the run started (null until the projection is in). */
    Workbench.Usage base() {
        return base;
    }

    /** The last event at or before simulated time {@code t} (0 when none is). */
    static int indexAt(List<SimEvent> log, long t) {
        int lo = 0;
        int hi = log.size() - 1;
        int found = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (log.get(mid).t() <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    void show(int i) {
        if (log.isEmpty() || i < 0 || i >= log.size()) {
            return;
        }
        SimEvent e = log.get(i);
        wb.highlighted.clear();
        wb.dropped.clear();
        if (e.host() != null) {
            wb.highlighted.add(e.host());
        }
        if (e instanceof Filtered f && f.dropped() != null) {
            f.dropped().forEach((h, why) -> wb.dropped.put(h, f.filter() + ": " + why));
        }
        replayUsage(i);
        wb.marks.clear();
        wb.marks.putAll(EventWords.tags(e));
        // the attempt so far: hosts dropped by earlier filters are dimmed; at the weighing, weights as bars
        java.util.Set<String> dim = new java.util.HashSet<>();
        if ((e instanceof Filtered || e instanceof Weighed) && e.instance() != null) {
            for (int k = i - 1; k >= Math.max(0, i - 2000); k--) {
                SimEvent p = log.get(k);
                if (!e.instance().equals(p.instance())) {
                    continue;
                }
                if (p instanceof SchedulerCalled) {
                    break;
                }
                if (p instanceof Filtered f && f.dropped() != null) {
                    dim.addAll(f.dropped().keySet());
                }
            }
        }
        if (!dim.equals(wb.dimmed)) {
            wb.dimmed.retainAll(dim);
            wb.dimmed.addAll(dim);
        }
        Map<String, Double> w = new HashMap<>();
        if (e instanceof Weighed weighed && weighed.top() != null && !weighed.top().isEmpty()) {
            double best = Double.NEGATIVE_INFINITY;
            double worst = Double.POSITIVE_INFINITY;
            for (Ranked r : weighed.top()) {
                if (r.weight() != null) {
                    best = Math.max(best, r.weight().doubleValue());
                    worst = Math.min(worst, r.weight().doubleValue());
                }
            }
            for (Ranked r : weighed.top()) {
                if (r.weight() != null) {
                    // relative to the range shown (all equal: full bars), so small differences are visible
                    double n = r.weight().doubleValue();
                    w.put(String.valueOf(r.host()), best == worst ? 1.0 : 0.15 + 0.85 * (n - worst) / (best - worst));
                }
            }
        }
        if (!w.equals(wb.weights)) {
            wb.weights.clear();
            wb.weights.putAll(w);
        }
        String[] arrow = arrow(i);
        if (arrow == null) {
            if (!wb.arrows.isEmpty()) {
                wb.arrows.clear();
            }
        } else {
            wb.arrows.setAll(List.<String[]>of(arrow));
        }
        Set<String> down = new HashSet<>();
        for (Object[] c : cellChanges) {
            if ((int) c[0] <= i) {
                if ((boolean) c[2]) {
                    down.add((String) c[1]);
                } else {
                    down.remove((String) c[1]);
                }
            }
        }
        if (!down.equals(wb.downCells)) {
            wb.downCells.retainAll(down);
            wb.downCells.addAll(down);
        }
    }

    /** The incremental replay: applied up to event {@link #replayed}; usage by host kept up to date. */
    private AllocationReplay.Replayer replayer;
    private int replayed = -1;
    private Map<String, Map<String, long[]>> byHost;
    private Map<String, Map<String, long[]>> byProvider;
    /** Collects the changes of the step being applied, for the diagram's flow (null: not collecting). */
    private UsageFlow.Builder collecting;
    /** A step of at most this many events is animated as a flow. */
    static final int FLOW_STEPS = 3;

    /**
     * The arrow the event at {@code i} draws: from the host a build failed on to the alternate the cell
     * conductor retries on, or from a migration's source to its destination; null for none.
     */
    String[] arrow(int i) {
        SimEvent e = log.get(i);
        String instance = e.instance();
        String host = e.host();
        if (instance == null || host == null) {
            return null;
        }
        boolean retry = e instanceof Rescheduled r && "alternate".equals(r.via())
                || e instanceof Claimed c && "conductor".equals(c.by());
        boolean move = e instanceof Claimed c && c.migration() != null || e instanceof MigrationConfirmed;
        if (!retry && !move) {
            return null;
        }
        if (e instanceof MigrationConfirmed m) {
            return new String[]{String.valueOf(m.freed()), host, "migrated"};
        }
        for (int k = i - 1; k >= Math.max(0, i - 5000); k--) {
            SimEvent p = log.get(k);
            if (!instance.equals(p.instance())) {
                continue;
            }
            if (retry && (p instanceof BuildFailed || p instanceof ClaimConflict)
                    && p.host() != null && !host.equals(p.host())) {
                return new String[]{p.host(), host, "retry"};
            }
            if (move && p instanceof MigrationStarted started) {
                return new String[]{String.valueOf(started.source()), host, "migration"};
            }
        }
        return null;
    }

    private void replayUsage(int i) {
        if (!replay) {
            return;
        }
        if (base == null && wb.usage.get() != null && wb.usage.get() != shown) {
            base = wb.usage.get(); // the projection arrived after the log
            replayer = null;
        }
        if (base == null) {
            return;
        }
        if (rootOf.isEmpty()) {
            Map<String, String> names = new HashMap<>();
            base.engine().providers().forEach(p -> names.put(p.uuid(), p.name()));
            base.engine().providers().forEach(p -> rootOf.put(p.name(), names.get(p.rootUuid())));
        }
        if (replayer == null || i < replayed) {
            // from the start: the model's own usage, then the run's claims (going back means starting over)
            byHost = new LinkedHashMap<>();
            base.byHost().forEach((h, m) -> {
                Map<String, long[]> copy = new LinkedHashMap<>();
                m.forEach((rc, cu) -> copy.put(rc, cu.clone()));
                byHost.put(h, copy);
            });
            byProvider = new HashMap<>();
            base.byProvider().forEach((p, m) -> {
                Map<String, long[]> copy = new LinkedHashMap<>();
                m.forEach((rc, cu) -> copy.put(rc, cu.clone()));
                byProvider.put(p, copy);
            });
            Map<String, Map<String, long[]>> target = byHost;
            Map<String, Map<String, long[]>> perProvider = byProvider;
            replayer = new AllocationReplay.Replayer((provider, rc, delta) -> {
                UsageFlow.Builder flow = collecting;
                String root = rootOf.get(provider);
                Map<String, long[]> h = target.get(root);
                long[] cu = h == null ? null : h.get(rc);
                if (cu != null) {
                    if (flow != null) {
                        flow.host(root, rc, cu[1], delta);
                    }
                    cu[1] += delta;
                }
                Map<String, long[]> p = perProvider.get(provider);
                long[] pu = p == null ? null : p.get(rc);
                if (pu != null) {
                    if (flow != null) {
                        flow.provider(provider, rc, pu[1], delta);
                    }
                    pu[1] += delta;
                }
            });
            replayed = -1;
        }
        // a step of a few events (stepping, slow play) flows into the bars; a jump or fast play just shows the result
        boolean flows = replayed >= 0 && i > replayed && i - replayed <= FLOW_STEPS;
        collecting = flows ? new UsageFlow.Builder() : null;
        for (int k = replayed + 1; k <= i; k++) {
            replayer.apply(log.get(k));
        }
        UsageFlow flow = collecting == null ? null : collecting.start(System.nanoTime());
        collecting = null;
        replayed = i;
        wb.flow.set(flow);
        // a new Usage each time (listeners compare identities); the counts are updated in place
        shown = new Workbench.Usage(base.engine(), byHost, byProvider, base.computedFor());
        wb.usage.set(shown);
    }
}
