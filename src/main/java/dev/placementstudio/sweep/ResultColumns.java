package dev.placementstudio.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The columns of a sweep's results (docs/sweep.md, "Columns"): the cell's key, {@code simulate}'s summary
 * fields under their own names (all but the wall-clock {@code wall_ms}, which no two runs share), then the
 * metrics, the per-class ones once per resource class the portfolio's designs have.
 */
public final class ResultColumns {
    /** The summary fields of {@code simulate}, in its order. */
    public static final List<String> SUMMARY = List.of("requested", "active", "error", "deleted", "scheduler_calls",
            "claim_conflicts", "reschedules", "alternate_claims", "sim_ms");

    private ResultColumns() {
    }

    public static List<String> header(List<String> classes) {
        List<String> h = new ArrayList<>(List.of("design", "workload", "era", "seed"));
        h.addAll(SUMMARY);
        h.addAll(List.of("placed", "errors_no_valid_host", "errors_max_retries", "retries", "first_no_valid_host_ms"));
        classes.forEach(c -> h.add("fill_end_" + c));
        classes.forEach(c -> h.add("fill_nvh_" + c));
        classes.forEach(c -> h.add("stranded_" + c));
        h.addAll(List.of("latency_p50_ms", "latency_p95_ms", "latency_p99_ms", "cost_per_placed", "watts_per_placed"));
        return h;
    }

    /** A fraction or an amount as the CSV writes it: 4 decimals, a dot, whatever the locale. */
    static String decimal(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break. */
    public static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
