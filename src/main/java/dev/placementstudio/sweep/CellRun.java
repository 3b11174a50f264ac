package dev.placementstudio.sweep;

import dev.placementstudio.conductor.Era;
import dev.placementstudio.model.BaremetalNode;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.ComputeHost;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.InvalidModelException;
import dev.placementstudio.placement.Inventory;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.placement.ProviderView;
import dev.placementstudio.sim.SimEvent;
import dev.placementstudio.sim.Simulation;
import dev.placementstudio.sim.Summary;
import dev.placementstudio.sim.Workload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One cell run: the simulation with {@code simulate}'s defaults (2 scheduler workers, the model's
 * max_attempts), its summary, and the metrics read off its events and its final Placement state.
 */
final class CellRun {
    /** {@code simulate}'s default number of scheduler workers. */
    static final int SCHEDULERS = 2;

    private final List<String> classes;
    private final Map<String, Long> bootAt = new HashMap<>();
    private final Map<String, Long> claimAt = new HashMap<>();
    private final Set<String> placed = new HashSet<>();
    private final List<Long> latencies = new ArrayList<>();
    private long noValidHost;
    private long maxRetries;
    private long retries;
    private long firstNoValidHostMs = -1;
    private Map<String, double[]> fillAtNvh;

    private CellRun(List<String> classes) {
        this.classes = classes;
    }

    static List<String> run(CloudModel model, Workload workload, Era era, long seed, List<String> classes,
                            List<String[]> costs) {
        Simulation sim;
        try {
            sim = new Simulation(model, workload, new Simulation.Settings(seed, era, SCHEDULERS,
                    model.scheduler().maxAttempts()), false);
        } catch (InvalidModelException e) {
            throw new IllegalStateException("a validated design failed to project: " + e.problems().get(0), e);
        }
        CellRun r = new CellRun(classes);
        sim.trace().addListener(e -> r.observe(e, sim.placement()));
        Summary s = sim.run();
        return r.fields(s, sim.placement(), model, costs);
    }

    private void observe(SimEvent e, PlacementEngine placement) {
        if (e instanceof SimEvent.BootRequested b) {
            bootAt.put(b.instance(), b.t());
        } else if (e instanceof SimEvent.Claimed c) {
            if (c.migration() == null) {
                claimAt.put(c.instance(), c.t());
            }
            if (c.alternate()) {
                retries++;
            }
        } else if (e instanceof SimEvent.Rescheduled) {
            retries++;
        } else if (e instanceof SimEvent.Active a) {
            if (placed.add(a.instance()) && bootAt.containsKey(a.instance())) {
                latencies.add(claimAt.getOrDefault(a.instance(), a.t()) - bootAt.get(a.instance()));
            }
        } else if (e instanceof SimEvent.Errored x) {
            String why = x.reason() == null ? "" : x.reason();
            if (why.startsWith("NoValidHost")) {
                noValidHost++;
                if (firstNoValidHostMs < 0) {
                    firstNoValidHostMs = x.t();
                    fillAtNvh = usage(placement);
                }
            } else if (why.startsWith("MaxRetriesExceeded")) {
                maxRetries++;
            }
        }
    }

    /** Per resource class {used, capacity} over all providers. */
    private Map<String, double[]> usage(PlacementEngine placement) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (ProviderView p : placement.providers()) {
            for (var en : p.inventories().entrySet()) {
                double[] uc = out.computeIfAbsent(en.getKey(), k -> new double[2]);
                uc[0] += p.usages().getOrDefault(en.getKey(), 0L);
                uc[1] += en.getValue().capacity();
            }
        }
        return out;
    }

    private List<String> fields(Summary s, PlacementEngine placement, CloudModel model, List<String[]> costs) {
        List<String> f = new ArrayList<>();
        for (long v : new long[]{s.requested(), s.active(), s.error(), s.deleted(), s.schedulerCalls(),
                s.claimConflicts(), s.reschedules(), s.alternateClaims(), s.simMs(), placed.size(), noValidHost,
                maxRetries, retries}) {
            f.add(Long.toString(v));
        }
        f.add(firstNoValidHostMs < 0 ? "" : Long.toString(firstNoValidHostMs));
        Map<String, double[]> end = usage(placement);
        for (String c : classes) {
            f.add(fill(end.get(c)));
        }
        for (String c : classes) {
            f.add(fillAtNvh == null ? "" : fill(fillAtNvh.get(c)));
        }
        Map<String, Long> stranded = stranded(placement, model);
        for (String c : classes) {
            f.add(Long.toString(stranded.getOrDefault(c, 0L)));
        }
        List<Long> sorted = new ArrayList<>(latencies);
        sorted.sort(null);
        for (double q : new double[]{0.50, 0.95, 0.99}) {
            f.add(sorted.isEmpty() ? "" : Long.toString(sorted.get(
                    (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(q * sorted.size()) - 1)))));
        }
        if (costs.isEmpty() || placed.isEmpty()) {
            f.add("");
            f.add("");
        } else {
            double price = 0;
            double watts = 0;
            List<String> names = new ArrayList<>();
            model.hosts().stream().map(ComputeHost::hostname).forEach(names::add);
            model.baremetalNodes().stream().map(BaremetalNode::name).forEach(names::add);
            for (String h : names) {
                for (String[] k : costs) {
                    if (Pattern.compile(("\\Q" + k[0] + "\\E").replace("*", "\\E.*\\Q")).matcher(h).matches()) {
                        price += Double.parseDouble(k[1]);
                        watts += Double.parseDouble(k[2]);
                        break;
                    }
                }
            }
            f.add(ResultColumns.decimal(price / placed.size()));
            f.add(ResultColumns.decimal(watts / placed.size()));
        }
        return f;
    }

    private static String fill(double[] uc) {
        return uc == null || uc[1] <= 0 ? "" : ResultColumns.decimal(uc[0] / uc[1]);
    }

    /**
     * Free units of each class on hosts (provider trees) where another class is full: less free than the
     * smallest amount of it a flavor of the model asks for (VCPU, MEMORY_MB, DISK_GB), or 1 of any other class.
     */
    private static Map<String, Long> stranded(PlacementEngine placement, CloudModel model) {
        Map<String, Long> need = new HashMap<>();
        need.put("VCPU", model.flavors().stream().mapToLong(Flavor::vcpus).filter(v -> v > 0).min().orElse(1));
        need.put("MEMORY_MB", model.flavors().stream().mapToLong(Flavor::ramMb).filter(v -> v > 0).min().orElse(1));
        need.put("DISK_GB", model.flavors().stream().mapToLong(Flavor::diskGb).filter(v -> v > 0).min().orElse(1));
        Map<String, Map<String, long[]>> trees = new LinkedHashMap<>(); // root -> class -> {free, capacity}
        for (ProviderView p : placement.providers()) {
            Map<String, long[]> t = trees.computeIfAbsent(p.rootUuid(), k -> new HashMap<>());
            for (Map.Entry<String, Inventory> en : p.inventories().entrySet()) {
                long cap = en.getValue().capacity();
                long[] fc = t.computeIfAbsent(en.getKey(), k -> new long[2]);
                fc[0] += Math.max(0, cap - p.usages().getOrDefault(en.getKey(), 0L));
                fc[1] += cap;
            }
        }
        Map<String, Long> out = new HashMap<>();
        for (Map<String, long[]> t : trees.values()) {
            Set<String> full = new HashSet<>();
            t.forEach((rc, fc) -> {
                if (fc[1] > 0 && fc[0] < need.getOrDefault(rc, 1L)) {
                    full.add(rc);
                }
            });
            if (full.isEmpty()) {
                continue;
            }
            t.forEach((rc, fc) -> {
                if (!full.contains(rc) && fc[0] > 0) {
                    out.merge(rc, fc[0], Long::sum);
                }
            });
        }
        return out;
    }
}
