package dev.placementstudio.conductor;

import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.InvalidModelException;
import dev.placementstudio.model.Projection;
import dev.placementstudio.model.SchedulerSettings;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.scheduler.RequestSpec;
import dev.placementstudio.scheduler.Scheduler;
import dev.placementstudio.scheduler.SchedulingReport;

import java.util.List;

import java.util.SplittableRandom;

/**
 * Why a boot request lands where it does, or why no host is valid: the scheduler's look at a model
 * (candidates, filters with reasons, weights) and the Selection it would make, without claiming anything.
 * Shared by the {@code explain} command and the GUI.
 */
public final class Explainer {
    /** The decision, the would-be selection, and (when nothing fits) the first stage that emptied the list. */
    public record Explanation(Scheduler.Decision decision, SchedulingReport report, String noValidHost,
                              List<HostStateRow> hostStates) {
        public Explanation(Scheduler.Decision decision, SchedulingReport report, String noValidHost) {
            this(decision, report, noValidHost, List.of());
        }
    }

    /** What a candidate host's compute reports (its ComputeNode record) and its stats, as the weighers read them. */
    public record HostStateRow(String host, dev.placementstudio.scheduler.ComputeNode compute, int ioOps,
                               int failedBuilds) {
    }

    private Explainer() {
    }

    /** The device profile a flavor names in {@code accel:device_profile}, as Nova resolves it, or null. */
    public static dev.placementstudio.model.DeviceProfile deviceProfileOf(CloudModel model, dev.placementstudio.model.Flavor f) {
        return RequestSpec.deviceProfileOf(model, f);
    }

    public static Explanation explain(CloudModel model, PlacementEngine engine, RequestSpec spec, SchedulerSettings settings) {
        Cloud cloud = new Cloud(model); // it tracks the model's instances on their computes
        Scheduler scheduler = new Scheduler(engine, cloud, settings, new SplittableRandom(0)).detailEveryHost();
        Scheduler.Decision d = scheduler.decide(spec);
        SchedulingReport r = scheduler.claim(d, false);
        String noValidHost = null;
        if (r.selections().isEmpty()) {
            if (d.candidates() == 0) {
                noValidHost = "placement: Placement returned no allocation candidates for " + d.query();
            } else if (d.hostsFromPlacement().isEmpty()) {
                noValidHost = "placement: the candidates are on no compute host";
            } else {
                for (SchedulingReport.FilterStep step : d.filters()) {
                    if (step.after() == 0) {
                        noValidHost = "filter " + step.filter() + ": dropped all " + step.before() + " remaining host"
                                + (step.before() == 1 ? "" : "s") + " (" + String.join("; ", step.dropped().values().stream()
                                .distinct().limit(3).toList()) + ")";
                        break;
                    }
                }
            }
        }
        List<HostStateRow> rows = new java.util.ArrayList<>();
        for (String h : d.hostsFromPlacement()) {
            var cn = cloud.computeNode(h);
            var info = cloud.host(cloud.uuidOf(h));
            if (cn != null && info != null) {
                rows.add(new HostStateRow(h, cn, info.ioOps(), info.failedBuilds()));
            }
        }
        return new Explanation(d, r, noValidHost, rows);
    }

    /** The same, on the model's own Placement projection. */
    public static Explanation explain(CloudModel model, RequestSpec spec, SchedulerSettings settings)
            throws InvalidModelException {
        return explain(model, PlacementEngine.fromState(Projection.project(model)), spec, settings);
    }

    /**
     * The multiplier Nova applies per weigher, signed (BuildFailureWeigher's is negated), and the hosts whose
     * aggregate metadata overrides it.
     */
    private static void multipliers(StringBuilder sb, List<SchedulingReport.HostWeight> weights) {
        if (weights.isEmpty() || weights.get(0).values().isEmpty()) {
            return;
        }
        sb.append("\nMultipliers (as applied, signed; aggregate metadata overrides per host)\n");
        int count = weights.get(0).values().size();
        for (int w = 0; w < count; w++) {
            java.util.Map<Double, List<String>> byValue = new java.util.LinkedHashMap<>();
            for (SchedulingReport.HostWeight hw : weights) {
                if (w < hw.values().size()) {
                    byValue.computeIfAbsent(hw.values().get(w).multiplier(), k -> new java.util.ArrayList<>()).add(hw.host());
                }
            }
            String name = weights.get(0).values().get(w).weigher();
            if (byValue.size() == 1) {
                sb.append(String.format("  %-36s %s%n", name, fmt(byValue.keySet().iterator().next())));
            } else {
                StringBuilder parts = new StringBuilder();
                byValue.forEach((m, hosts) -> parts.append(parts.length() == 0 ? "" : "; ").append(fmt(m))
                        .append(" on ").append(String.join(", ", hosts)));
                sb.append(String.format("  %-36s %s%n", name, parts));
            }
        }
    }

    private static String fmt(double m) {
        return m == Math.rint(m) && Math.abs(m) < 1e15 ? String.format("%+,.0f", m)
                : (m > 0 ? "+" : "") + java.math.BigDecimal.valueOf(m).stripTrailingZeros().toPlainString();
    }

    /** The readable report: the funnel, the dropped hosts with reasons, the ranking, the Selection. */
    public static String text(Explanation x) {
        Scheduler.Decision d = x.decision();
        SchedulingReport r = x.report();
        String noValidHost = x.noValidHost();
        StringBuilder sb = new StringBuilder();
        sb.append("Request: ").append(d.query()).append("\n\n");
        sb.append(String.format("%-36s %6s%n", "Funnel", "hosts"));
        sb.append(String.format("%-36s %6d  (%d allocation candidates)%n", "Placement", d.hostsFromPlacement().size(), d.candidates()));
        for (SchedulingReport.FilterStep s : d.filters()) {
            sb.append(String.format("  %-34s %6d%s%n", s.filter(), s.after(), s.before() == s.after() ? "" : "  (-" + (s.before() - s.after()) + ")"));
        }
        boolean anyDropped = d.filters().stream().anyMatch(s -> !s.dropped().isEmpty());
        if (anyDropped) {
            sb.append("\nDropped hosts\n");
            for (SchedulingReport.FilterStep s : d.filters()) {
                s.dropped().forEach((h, why) -> sb.append(String.format("  %-16s %-32s %s%n", h, s.filter(), why)));
            }
        }
        if (!d.weights().isEmpty()) {
            sb.append("\nRanking (weight = sum of multiplier x normalized value)\n");
            List<String> names = d.weights().get(0).values().stream().map(SchedulingReport.WeigherValue::weigher).toList();
            sb.append(String.format("  %-4s %-16s %12s", "#", "host", "weight"));
            for (String n : names) {
                sb.append(String.format(" %14s", n.replace("Weigher", "").replace("ServerGroup", "SG")));
            }
            sb.append('\n');
            int rank = 1;
            boolean ties = false;
            List<SchedulingReport.HostWeight> all = d.weights();
            for (int i = 0; i < all.size(); i++) {
                SchedulingReport.HostWeight w = all.get(i);
                // hosts of equal weight share a rank: Nova's order among them is not defined
                boolean tiedAbove = i > 0 && all.get(i - 1).total() == w.total();
                boolean tied = tiedAbove || i + 1 < all.size() && all.get(i + 1).total() == w.total();
                ties |= tied;
                if (!tiedAbove) {
                    rank = i + 1;
                }
                sb.append(String.format("  %-4s %-16s %12.4f", rank + (tied ? "=" : ""), w.host(), w.total()));
                for (SchedulingReport.WeigherValue v : w.values()) {
                    sb.append(String.format(" %14s", String.format("%.3g/%.2f", v.raw(), v.normalized())));
                }
                sb.append('\n');
            }
            if (ties) {
                sb.append("  (n= : equal weights; Nova's order among them comes from a Python set and is not defined)\n");
            }
            multipliers(sb, d.weights());
        }
        sb.append('\n');
        if (noValidHost != null) {
            sb.append("No valid host: ").append(noValidHost).append('\n');
        } else {
            dev.placementstudio.scheduler.Selection first = r.selections().get(0);
            sb.append("Selection: ").append(first.serviceHost()).append(" (").append(first.cell()).append(")");
            if (r.selections().size() > 1) {
                sb.append(", alternates ").append(String.join(", ", r.selections().subList(1, r.selections().size())
                        .stream().map(dev.placementstudio.scheduler.Selection::serviceHost).toList()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
