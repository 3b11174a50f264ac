package dev.placementstudio.sweep;

import dev.placementstudio.io.store.SweepStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distribution of one metric over a sweep's seeds: per design and era the number of cells with a
 * value, p5, median and p95 (nearest rank), and the designs ranked by their median over all eras. What
 * the Portfolio view's table and ranking show.
 */
public final class ResultSummary {
    /** One design under one era. */
    public record Line(String design, String era, int cells, double p5, double median, double p95) {
    }

    /** A design's place: its median over every cell of it. */
    public record Rank(String design, int cells, double median) {
    }

    private ResultSummary() {
    }

    /** The values of {@code metric} per design and era, in the order the rows come (the portfolio's). */
    private static Map<String, Map<String, List<Double>>> values(String header, List<SweepStore.Row> rows,
                                                                 String metric) {
        List<String> columns = List.of(header.split(","));
        int at = columns.indexOf(metric);
        if (at < 4) {
            throw new IllegalArgumentException("no metric '" + metric + "' in these results");
        }
        Map<String, Map<String, List<Double>>> out = new LinkedHashMap<>();
        for (SweepStore.Row r : rows) {
            String[] f = r.values().split(",", -1);
            String v = f[at - 4];
            List<Double> list = out.computeIfAbsent(r.design(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.era(), k -> new ArrayList<>());
            if (!v.isEmpty()) {
                list.add(Double.parseDouble(v));
            }
        }
        return out;
    }

    public static List<Line> lines(String header, List<SweepStore.Row> rows, String metric) {
        List<Line> out = new ArrayList<>();
        values(header, rows, metric).forEach((design, byEra) -> byEra.forEach((era, vs) -> {
            List<Double> s = new ArrayList<>(vs);
            s.sort(null);
            out.add(new Line(design, era, s.size(), rank(s, 0.05), rank(s, 0.50), rank(s, 0.95)));
        }));
        return out;
    }

    /** The designs by median, best first: highest first when {@code higherIsBetter}, else lowest first. */
    public static List<Rank> ranking(String header, List<SweepStore.Row> rows, String metric, boolean higherIsBetter) {
        List<Rank> out = new ArrayList<>();
        values(header, rows, metric).forEach((design, byEra) -> {
            List<Double> all = new ArrayList<>();
            byEra.values().forEach(all::addAll);
            all.sort(null);
            out.add(new Rank(design, all.size(), rank(all, 0.50)));
        });
        Comparator<Rank> byMedian = Comparator.comparingDouble(Rank::median);
        out.sort(higherIsBetter ? byMedian.reversed() : byMedian); // stable: ties keep the portfolio's order
        return out;
    }

    /** Nearest-rank quantile of sorted values; NaN for none. */
    static double rank(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
