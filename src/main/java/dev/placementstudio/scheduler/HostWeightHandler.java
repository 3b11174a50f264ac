package dev.placementstudio.scheduler;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Nova's {@code HostWeightHandler.get_weighed_objects} (nova/weights.py): with one host or none nothing is
 * weighed (weight 0); otherwise each weigher's raw value per host is clamped to its minval/maxval,
 * normalized to 0..1 over the hosts (minval, else the hosts' minimum; maxval, else their maximum; all
 * equal: 0), multiplied by the host's own multiplier (aggregate metadata may override the configured one,
 * the smallest value winning; BuildFailureWeigher's is negated) and summed; hosts are sorted by weight,
 * best first, equal weights keeping the order they came in (Python's sort is stable).
 */
public final class HostWeightHandler {
    private final List<Weigher> weighers;
    private final double[] configured;

    /** @param multipliers the configured multiplier of each weigher (null: Nova's default) */
    public HostWeightHandler(List<Weigher> weighers, List<Double> multipliers) {
        this.weighers = List.copyOf(weighers);
        configured = new double[weighers.size()];
        for (int w = 0; w < configured.length; w++) {
            Weigher weigher = weighers.get(w);
            Double m = multipliers.get(w);
            double value = m == null ? weigher.defaultMultiplier() : m;
            configured[w] = weigher.negated() ? -value : value;
        }
    }

    /** The weighers of a {@code weighers} setting (name to multiplier), in its order; unknown names refused. */
    public static HostWeightHandler of(Map<String, Double> settings) {
        List<Weigher> ws = new ArrayList<>();
        List<Double> ms = new ArrayList<>();
        for (Map.Entry<String, Double> e : settings.entrySet()) {
            for (Weigher w : Weigher.resolve(e.getKey())) {
                add(ws, ms, w, e.getKey().endsWith("all_weighers") ? null : e.getValue());
            }
        }
        return new HostWeightHandler(ws, ms);
    }

    /** As {@link #of(Map)}, the MetricsWeigher with the {@code [metrics]} options. */
    public static HostWeightHandler of(Map<String, Double> settings, dev.placementstudio.model.FilterOptions options) {
        HostWeightHandler h = of(settings);
        List<Weigher> ws = new ArrayList<>(h.weighers);
        List<Double> ms = new ArrayList<>();
        boolean any = false;
        for (int w = 0; w < ws.size(); w++) {
            ms.add(h.weighers.get(w).negated() ? -h.configured[w] : h.configured[w]);
            if (ws.get(w).name().equals("MetricsWeigher")) {
                ws.set(w, MetricsWeigher.of(options, h.configured[w]));
                any = true;
            }
        }
        return any ? new HostWeightHandler(ws, ms) : h;
    }

    private static void add(List<Weigher> ws, List<Double> ms, Weigher w, Double multiplier) {
        {
            if (multiplier != null && w.minMultiplier() != null && multiplier < w.minMultiplier()) {
                // oslo.config refuses the value, and Nova does not start
                throw new IllegalArgumentException(w.multiplierKey() + " " + multiplier
                        + ": should be greater than or equal to " + w.minMultiplier());
            }
            ws.add(w);
            ms.add(multiplier);
        }
    }

    public List<Weigher> weighers() {
        return weighers;
    }

    /** The configured multiplier Nova applies, signed (BuildFailureWeigher's negated). */
    public double configuredMultiplier(int weigher) {
        return configured[weigher];
    }

    /**
     * The hosts best first (a read-only list, ordered as far as it is read), and a report row per host
     * (per-weigher values for the first {@code detailed}).
     */
    public record Weighed(List<HostState> ordered, List<SchedulingReport.HostWeight> weights) {
    }

    public Weighed weigh(List<HostState> hosts, RequestSpec spec, int detailed) {
        int n = hosts.size();
        if (n <= 1) {
            List<HostState> ordered = new ArrayList<>(n);
            List<SchedulingReport.HostWeight> out = new ArrayList<>();
            for (HostState h : hosts) {
                h.weight = 0.0;
                out.add(new SchedulingReport.HostWeight(h.name(), 0.0, List.of()));
            }
            ordered.addAll(hosts);
            return new Weighed(ordered, out);
        }
        int count = weighers.size();
        double[] total = new double[n];
        double[][] raws = new double[count][];
        double[] mins = new double[count];
        double[] maxs = new double[count];
        double[][] overrides = multiplierOverrides(hosts);
        for (int w = 0; w < count; w++) {
            Weigher weigher = weighers.get(w);
            double[] raw;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            Double lo = weigher.minval();
            Double hi = weigher.maxval();
            if (weigher.flatFor(spec)) {
                raw = zeros(n); // shared, never written: every host weighs 0
                min = 0;
                max = 0;
            } else {
                raw = new double[n];
                for (int i = 0; i < n; i++) {
                    raw[i] = weigher.raw(hosts.get(i), spec);
                    double v = clamp(raw[i], lo, hi);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            if (lo != null) {
                min = lo;
            }
            if (hi != null) {
                max = hi;
            }
            raws[w] = raw;
            mins[w] = min;
            maxs[w] = max;
            if (max == min) {
                continue; // every normalized value is 0: nothing to add
            }
            for (int i = 0; i < n; i++) {
                total[i] += multiplierOf(overrides, i, w) * ((clamp(raw[i], lo, hi) - min) / (max - min));
            }
        }
        for (int i = 0; i < n; i++) {
            hosts.get(i).weight = total[i];
        }
        // sorted only as far as it is read: a claim reads the first hosts of six hundred
        WeighedOrder order = new WeighedOrder(hosts, total);
        // the report's rows are made when read (a run logs the first five of a thousand)
        List<SchedulingReport.HostWeight> rows = new java.util.AbstractList<>() {
            @Override
            public SchedulingReport.HostWeight get(int rank) {
                int i = order.indexAt(rank);
                List<SchedulingReport.WeigherValue> values = List.of();
                if (rank < detailed) {
                    values = new ArrayList<>(count);
                    for (int w = 0; w < count; w++) {
                        Weigher weigher = weighers.get(w);
                        double v = clamp(raws[w][i], weigher.minval(), weigher.maxval());
                        double norm = maxs[w] == mins[w] ? 0.0 : (v - mins[w]) / (maxs[w] - mins[w]);
                        values.add(new SchedulingReport.WeigherValue(weigher.name(), raws[w][i], norm,
                                multiplierOf(overrides, i, w)));
                    }
                }
                return new SchedulingReport.HostWeight(hosts.get(i).name(), total[i], values);
            }

            @Override
            public int size() {
                return n;
            }
        };
        return new Weighed(order, rows);
    }

    private static double clamp(double v, Double lo, Double hi) {
        if (lo != null && v < lo) {
            v = lo;
        }
        if (hi != null && v > hi) {
            v = hi;
        }
        return v;
    }

    /** All zeros, at least {@code n} long: the raw values of a weigher that weighs every host 0 (read only). */
    private double[] zeros(int n) {
        double[] z = zeroes;
        if (z.length < n) {
            z = new double[Math.max(n, 1024)];
            zeroes = z;
        }
        return z;
    }

    private volatile double[] zeroes = new double[0];

    /**
     * Each host's multipliers, one per weigher (signed), or null for a host whose aggregates override none:
     * the configured values then apply. Hosts share their aggregates' metadata map, so it is read once per
     * distinct map.
     */
    private double[][] multiplierOverrides(List<HostState> hosts) {
        double[][] out = null;
        Map<String, Set<String>> last = null;
        double[] lastValue = null;
        for (int i = 0; i < hosts.size(); i++) {
            HostState h = hosts.get(i);
            Map<String, Set<String>> metadata = h.info().aggregateMetadata();
            if (metadata.isEmpty()) {
                continue;
            }
            if (metadata != last) {
                last = metadata;
                lastValue = overridesOf(metadata);
            }
            if (lastValue != null) {
                if (out == null) {
                    out = new double[hosts.size()][];
                }
                out[i] = lastValue;
            }
        }
        return out;
    }

    /** Multipliers per aggregate-metadata map (by identity: a host's map lives as long as its view). */
    private final Map<Map<String, Set<String>>, double[]> overrideCache = new IdentityHashMap<>();

    private synchronized double[] overridesOf(Map<String, Set<String>> metadata) {
        if (overrideCache.size() > 100_000) {
            overrideCache.clear();
        }
        if (overrideCache.containsKey(metadata)) {
            return overrideCache.get(metadata);
        }
        double[] m = new double[weighers.size()];
        boolean any = false;
        for (int w = 0; w < m.length; w++) {
            Weigher weigher = weighers.get(w);
            double configuredValue = weigher.negated() ? -configured[w] : configured[w];
            Double override = aggregateMultiplier(metadata, weigher.multiplierKey());
            any |= override != null;
            double value = override == null ? configuredValue : override;
            m[w] = weigher.negated() ? -value : value;
        }
        m = any ? m : null;
        overrideCache.put(metadata, m);
        return m;
    }

    /**
     * Nova's {@code utils.get_weight_multiplier}: the smallest of the values the host's aggregates give the
     * key, or null when none does or one is not a number (Nova logs a warning and keeps the configured value).
     */
    static Double aggregateMultiplier(Map<String, Set<String>> metadata, String key) {
        if (key == null) {
            return null;
        }
        Set<String> values = metadata.get(key);
        if (values == null || values.isEmpty()) {
            return null;
        }
        double best = Double.POSITIVE_INFINITY;
        try {
            for (String v : values) {
                best = Math.min(best, Double.parseDouble(v.strip()));
            }
            return best;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The multiplier Nova applies to this host for weigher {@code w}, signed. */
    public double multiplierFor(HostState h, int w) {
        Map<String, Set<String>> metadata = h.info().aggregateMetadata();
        if (metadata.isEmpty()) {
            return configured[w];
        }
        double[] m = overridesOf(metadata);
        return m == null ? configured[w] : m[w];
    }

    private double multiplierOf(double[][] overrides, int host, int weigher) {
        return overrides != null && overrides[host] != null ? overrides[host][weigher] : configured[weigher];
    }

    /**
     * Indexes sorted by weight, best first; ties keep their order (Python's sort is stable). Each weight
     * becomes a long that orders like it (descending), its lowest bits replaced by the index, and the
     * longs are sorted as primitives; hosts whose weights differ only in those lowest bits are then put
     * in exact order run by run.
     */
    static int[] stableOrder(double[] total) {
        int n = total.length;
        int[] idx = new int[n];
        if (n == 0) {
            return idx;
        }
        int bits = Math.max(1, 32 - Integer.numberOfLeadingZeros(n - 1));
        long mask = (1L << bits) - 1;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            double t = total[i];
            if (t != t) {
                return mergeOrder(total); // NaN: no order to encode
            }
            long b = Double.doubleToLongBits(t == 0.0 ? 0.0 : t); // -0.0 weighs as 0.0
            long ascending = b ^ ((b >> 63) & Long.MAX_VALUE);
            keys[i] = ((~ascending >> bits) << bits) | i;
        }
        java.util.Arrays.sort(keys);
        for (int i = 0; i < n; i++) {
            idx[i] = (int) (keys[i] & mask);
        }
        // runs whose weights agree above the index bits: exact order by weight, then index
        int start = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || (keys[i] >> bits) != (keys[start] >> bits)) {
                if (i - start > 1) {
                    insertionOrder(total, idx, start, i);
                }
                start = i;
            }
        }
        return idx;
    }

    /** Stable insertion sort of idx[lo, hi) by descending weight (indexes ascending within the run). */
    private static void insertionOrder(double[] total, int[] idx, int lo, int hi) {
        for (int i = lo + 1; i < hi; i++) {
            int v = idx[i];
            double t = total[v];
            int j = i - 1;
            while (j >= lo && total[idx[j]] < t) {
                idx[j + 1] = idx[j];
                j--;
            }
            idx[j + 1] = v;
        }
    }

    /** Bottom-up stable merge sort by descending weight: the order when weights cannot be encoded. */
    static int[] mergeOrder(double[] total) {
        int n = total.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        int[] tmp = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int a = lo;
                int b = mid;
                int k = lo;
                while (a < mid && b < hi) {
                    tmp[k++] = total[idx[b]] > total[idx[a]] ? idx[b++] : idx[a++];
                }
                while (a < mid) {
                    tmp[k++] = idx[a++];
                }
                while (b < hi) {
                    tmp[k++] = idx[b++];
                }
            }
            int[] swap = idx;
            idx = tmp;
            tmp = swap;
        }
        return idx;
    }
}
