package dev.placementstudio.scheduler;

import dev.placementstudio.model.FilterOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Nova 26's {@code nova/scheduler/weights/metrics.py}: the sum of each {@code [metrics] weight_setting}
 * metric's value times its ratio, over the metrics the compute reports. A host missing one weighs
 * {@code [metrics] weight_of_unavailable} when the ratio times the host's multiplier is not 0 (with
 * {@code [metrics] required = False}); with {@code required = True} Nova raises ComputeHostMetricNotFound
 * and the request fails: the studio weighs such a host as unavailable too (MetricsFilter, which Nova pairs
 * with this weigher, drops it first).
 */
final class MetricsWeigher {
    private MetricsWeigher() {
    }

    /** One {@code name=ratio} entry of weight_setting, as {@code utils.parse_options} keeps it. */
    record Setting(String name, double ratio) {
    }

    /** {@code utils.parse_options(sep='=', converter=float)}: invalid entries are dropped. */
    static List<Setting> parse(List<String> weightSetting) {
        List<Setting> out = new ArrayList<>();
        for (String entry : weightSetting) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            Double ratio = ExtraSpecsOps.pythonFloat(entry.substring(eq + 1));
            if (ratio != null) {
                out.add(new Setting(entry.substring(0, eq), ratio));
            }
        }
        return out;
    }

    /** The metrics Nova's MonitorMetricList.from_json reads as percentages (FIELDS_REQUIRING_CONVERSION). */
    private static final java.util.Set<String> PERCENT = java.util.Set.of("cpu.user.percent", "cpu.kernel.percent",
            "cpu.idle.percent", "cpu.iowait.percent", "cpu.percent");

    /**
     * A reported metric as MonitorMetric holds it: an integer ({@code IntegerField}, Python's {@code int()}
     * truncates), a percentage times 100 first.
     */
    static double monitorValue(String name, double reported) {
        double v = PERCENT.contains(name) ? reported * 100 : reported;
        return (double) (long) v;
    }

    /**
     * The weigher with these options.
     *
     * @param configured the configured multiplier ({@code [metrics] weight_multiplier}), or null for 1.0
     */
    static Weigher of(FilterOptions o, Double configured) {
        List<Setting> settings = parse(o.metricsWeightSetting());
        double multiplier = configured == null ? 1.0 : configured;
        boolean required = o.metricsRequired();
        double unavailable = o.metricsWeightOfUnavailable();
        return Weigher.of("MetricsWeigher", 1.0, null, "metrics_weight_multiplier", false, (h, s) -> {
            Map<String, Double> metrics = h.compute().metrics();
            double value = 0.0;
            for (Setting st : settings) {
                Double v = metrics.get(st.name());
                if (v != null) {
                    value += monitorValue(st.name(), v) * st.ratio();
                } else if (required) {
                    return unavailable;
                } else {
                    Double override = HostWeightHandler.aggregateMultiplier(h.info().aggregateMetadata(),
                            "metrics_weight_multiplier");
                    if (st.ratio() * (override == null ? multiplier : override) != 0) {
                        return unavailable;
                    }
                }
            }
            return value;
        }, s -> settings.isEmpty());
    }
}
