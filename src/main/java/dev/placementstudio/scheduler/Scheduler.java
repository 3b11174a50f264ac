package dev.placementstudio.scheduler;

import dev.placementstudio.model.SchedulerSettings;
import dev.placementstudio.placement.AllocationCandidates;
import dev.placementstudio.placement.AllocationWrite;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.placement.PlacementException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Nova's {@code select_destinations}, in two steps so that a simulation can put time between them (and
 * so let two schedulers race): {@link #decide} asks Placement for candidates, builds host states, runs
 * the filters and the weighers; {@link #claim} then claims the best host in Placement, moving on to the
 * next one when a claim is refused, and picks alternates from the chosen host's cell.
 */
public final class Scheduler {
    /** The scheduler's view of the cloud beyond Placement. */
    public interface CloudView {
        /** The host whose root provider has this uuid, or null (a sharing provider, raw state). */
        HostInfo host(String rootUuid);

        /** The aggregate uuid behind an availability zone, or null. */
        String azAggregate(String availabilityZone);

        /** A live handle on the host of a root provider (looked up once, read at each call), or null. */
        default java.util.function.Supplier<HostInfo> live(String rootUuid) {
            return host(rootUuid) == null ? null : () -> host(rootUuid);
        }

        /** The hardware and driver facts of the host of a root provider (its counts are ignored), or null. */
        default ComputeNode computeNode(String rootUuid) {
            return null;
        }
    }

    /** Live host handles by the engine's root provider index; the lookup by uuid happens once per host. */
    private java.util.function.Supplier<HostInfo>[] handles = newHandles(1024);
    private boolean[] known = new boolean[1024];

    @SuppressWarnings("unchecked")
    private static java.util.function.Supplier<HostInfo>[] newHandles(int n) {
        return new java.util.function.Supplier[n];
    }

    private java.util.function.Supplier<HostInfo> handle(int index, String uuid) {
        if (index >= handles.length) {
            int n = Math.max(index + 1, handles.length * 2);
            handles = java.util.Arrays.copyOf(handles, n);
            known = java.util.Arrays.copyOf(known, n);
        }
        if (!known[index]) {
            handles[index] = view.live(uuid);
            known[index] = true;
        }
        return handles[index];
    }

    private final PlacementEngine placement;
    private final CloudView view;
    private final SchedulerSettings settings;
    private final List<Filter> filters;
    private final List<Weigher> weighers = new ArrayList<>();
    private final List<Double> multipliers = new ArrayList<>();
    private final SplittableRandom random;
    /** Hosts whose weigher values are kept in the report (the rest keep their total). */
    public static final int DETAILED = 20;

    public Scheduler(PlacementEngine placement, CloudView view, SchedulerSettings settings, List<String> filterNames,
                     SplittableRandom random) {
        this.placement = placement;
        this.view = view;
        this.settings = settings;
        this.filters = Filters.named(filterNames, settings.effectiveFilterOptions());
        this.random = random;
        for (Map.Entry<String, Double> e : settings.weighers().entrySet()) {
            Weigher w = Weigher.named(e.getKey());
            if (w == null) {
                throw new IllegalArgumentException("unknown weigher " + e.getKey());
            }
            weighers.add(w);
            multipliers.add(e.getValue() == null ? w.defaultMultiplier() : e.getValue());
        }
    }

    public Scheduler(PlacementEngine placement, CloudView view, SchedulerSettings settings, SplittableRandom random) {
        this(placement, view, settings, settings.enabledFilters(), random);
    }

    /** The outcome of looking: hosts in weighed order, best first, with the report so far. */
    public record Decision(RequestSpec spec, String query, int candidates, List<String> hostsFromPlacement,
                           List<SchedulingReport.FilterStep> filters, List<SchedulingReport.HostWeight> weights,
                           List<HostState> ordered) {
    }

    /** The query this spec becomes. */
    public String query(RequestSpec spec) {
        String az = spec.availabilityZone() == null ? null : view.azAggregate(spec.availabilityZone());
        return ResourceRequest.toQuery(spec, az, settings.maxPlacementResults());
    }

    public Decision decide(RequestSpec spec) {
        String query = query(spec);
        AllocationCandidates c;
        try {
            c = placement.schedulerCandidates(query);
        } catch (PlacementException e) {
            return new Decision(spec, query, 0, List.of(), List.of(), List.of(), List.of());
        }
        int[] anchors = c.anchorIndexes();
        java.util.BitSet seen = new java.util.BitSet();
        List<HostState> hosts = new ArrayList<>(anchors.length);
        String[] uuids = null;
        for (int i = 0; i < anchors.length; i++) {
            if (seen.get(anchors[i])) {
                continue; // Nova keeps every request per host and claims the first
            }
            seen.set(anchors[i]);
            if (anchors[i] >= known.length || !known[anchors[i]]) {
                if (uuids == null) {
                    uuids = c.anchors();
                }
                handle(anchors[i], uuids[i]);
            }
            java.util.function.Supplier<HostInfo> live = handles[anchors[i]];
            if (live == null) {
                continue;
            }
            hosts.add(new HostState(live.get(), c, i).seenBy(view));
        }
        List<String> fromPlacement = new ArrayList<>(hosts.size());
        for (HostState h : hosts) {
            fromPlacement.add(h.name());
        }
        List<SchedulingReport.FilterStep> steps = new ArrayList<>(filters.size());
        for (Filter f : filters) {
            if (f.passesEveryHost(spec)) {
                steps.add(new SchedulingReport.FilterStep(f.name(), hosts.size(), hosts.size(), Map.of()));
                continue;
            }
            List<HostState> kept = new ArrayList<>(hosts.size());
            Map<String, String> dropped = null;
            for (HostState h : hosts) {
                String why = f.reject(h, spec);
                if (why == null) {
                    kept.add(h);
                } else {
                    if (dropped == null) {
                        dropped = new LinkedHashMap<>();
                    }
                    dropped.put(h.name(), why);
                }
            }
            steps.add(new SchedulingReport.FilterStep(f.name(), hosts.size(), kept.size(),
                    dropped == null ? Map.of() : dropped));
            hosts = kept;
        }
        List<HostState> ordered = new ArrayList<>(hosts.size());
        List<SchedulingReport.HostWeight> weights = weigh(hosts, spec, ordered);
        pickFirst(ordered, weights);
        return new Decision(spec, query, c.size(), fromPlacement, steps, weights, ordered);
    }

    /**
     * Nova's BaseWeightHandler.get_weighed_objects: with one host or none nothing is weighed; otherwise each
     * weigher's raw values are normalized to 0..1 (its minval, else the hosts' minimum, and the hosts'
     * maximum; all equal: 0), multiplied by the multiplier (aggregate metadata may override it per host,
     * BuildFailureWeigher's is negated) and summed; hosts are sorted by weight, best first, ties keeping
     * Placement's order (Python's sort is stable).
     */
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

    private List<SchedulingReport.HostWeight> weigh(List<HostState> hosts, RequestSpec spec, List<HostState> ordered) {
        int n = hosts.size();
        if (n <= 1) {
            List<SchedulingReport.HostWeight> out = new ArrayList<>();
            hosts.forEach(h -> out.add(new SchedulingReport.HostWeight(h.name(), 0.0, List.of())));
            ordered.addAll(hosts);
            return out;
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
            boolean flat = weigher.flatFor(spec);
            if (flat) {
                min = 0; // every host weighs 0: every normalized value is 0, as Nova's normalize gives
                max = 0;
                raw = zeros(n); // shared, never written
            } else {
                raw = new double[n];
                for (int i = 0; i < n; i++) {
                    raw[i] = weigher.raw(hosts.get(i), spec);
                    min = Math.min(min, raw[i]);
                    max = Math.max(max, raw[i]);
                }
            }
            if (weigher.minval() != null) {
                min = weigher.minval();
            }
            raws[w] = raw;
            mins[w] = min;
            maxs[w] = max;
            if (max == min) {
                continue; // every normalized value is 0: nothing to add
            }
            for (int i = 0; i < n; i++) {
                total[i] += multiplierOf(overrides, i, w) * ((raw[i] - min) / (max - min));
            }
        }
        int[] idx = stableOrder(total);
        for (int rank = 0; rank < n; rank++) {
            HostState h = hosts.get(idx[rank]);
            h.weight = total[idx[rank]];
            ordered.add(h);
        }
        int keep = detailed;
        // the report's rows are made when read (a run logs the first five of a thousand)
        return new java.util.AbstractList<>() {
            @Override
            public SchedulingReport.HostWeight get(int rank) {
                int i = idx[rank];
                List<SchedulingReport.WeigherValue> values = List.of();
                if (rank < keep) {
                    values = new ArrayList<>(count);
                    for (int w = 0; w < count; w++) {
                        double norm = maxs[w] == mins[w] ? 0.0 : (raws[w][i] - mins[w]) / (maxs[w] - mins[w]);
                        values.add(new SchedulingReport.WeigherValue(weighers.get(w).name(), raws[w][i], norm,
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
    }

    /**
     * Each host's multipliers, one per weigher (BuildFailureWeigher's negated), or null for a host whose
     * aggregates override none: the plain configured values then apply. Hosts share their aggregates'
     * metadata map, so it is read once per distinct map.
     */
    private double[][] multiplierOverrides(List<HostState> hosts) {
        double[][] out = null;
        Map<String, java.util.Set<String>> last = null;
        double[] lastValue = null;
        for (int i = 0; i < hosts.size(); i++) {
            HostState h = hosts.get(i);
            Map<String, java.util.Set<String>> metadata = h.info().aggregateMetadata();
            if (metadata.isEmpty()) {
                continue;
            }
            if (metadata != last) {
                last = metadata;
                lastValue = overridesOf(h, metadata);
            }
            if (lastValue != null) {
                if (out == null) {
                    out = new double[hosts.size()][];
                }
                out[i] = lastValue;
            }
        }
        if (configured == null) {
            configured = new double[weighers.size()];
            for (int w = 0; w < configured.length; w++) {
                configured[w] = weighers.get(w).negated() ? -multipliers.get(w) : multipliers.get(w);
            }
        }
        return out;
    }

    /** Multipliers per aggregate-metadata map (by identity: a host's map lives as long as its view). */
    private final Map<Map<String, java.util.Set<String>>, double[]> overrideCache = new java.util.IdentityHashMap<>();

    private double[] overridesOf(HostState h, Map<String, java.util.Set<String>> metadata) {
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
            m[w] = multiplier(h, weigher, multipliers.get(w));
            any |= weigher.multiplierKey() != null && metadata.containsKey(weigher.multiplierKey());
            if (weigher.negated()) {
                m[w] = -m[w];
            }
        }
        m = any ? m : null;
        overrideCache.put(metadata, m);
        return m;
    }

    /** The configured multipliers, BuildFailureWeigher's negated. */
    private double[] configured;

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

    /** How many hosts keep their per-weigher values in the report (explain keeps them all). */
    private int detailed = DETAILED;

    public Scheduler detailEveryHost() {
        detailed = Integer.MAX_VALUE;
        return this;
    }

    private static double multiplier(HostState h, Weigher w, double configured) {
        String key = w.multiplierKey();
        if (key == null) {
            return configured;
        }
        java.util.Set<String> values = h.info().aggregateMetadata().get(key);
        if (values == null || values.isEmpty()) {
            return configured;
        }
        double best = Double.POSITIVE_INFINITY;
        try {
            for (String v : values) {
                best = Math.min(best, Double.parseDouble(v.strip()));
            }
            return best;
        } catch (NumberFormatException e) {
            return configured; // Nova logs a warning and keeps the configured value
        }
    }

    /** host_subset_size and shuffle_best_same_weighed_hosts: which of the best goes first. */
    private void pickFirst(List<HostState> ordered, List<SchedulingReport.HostWeight> weights) {
        if (ordered.size() < 2) {
            return;
        }
        if (settings.shuffleBestSameWeighedHosts()) {
            double best = weights.get(0).total();
            int same = 0;
            while (same < weights.size() && weights.get(same).total() == best) {
                same++;
            }
            if (same > 1) {
                List<HostState> head = new ArrayList<>(ordered.subList(0, same));
                for (int i = head.size() - 1; i > 0; i--) {
                    Collections.swap(head, i, random.nextInt(i + 1));
                }
                for (int i = 0; i < same; i++) {
                    ordered.set(i, head.get(i));
                }
            }
        }
        int subset = Math.min(Math.max(1, settings.hostSubsetSize()), ordered.size());
        if (subset > 1) {
            int pick = random.nextInt(subset);
            HostState chosen = ordered.remove(pick);
            ordered.add(0, chosen);
        }
    }

    /**
     * Claims the best host that can still be claimed (unless {@code claimInPlacement} is false, as before
     * Pike) and picks up to max_attempts - 1 alternates from its cell.
     */
    public SchedulingReport claim(Decision d, boolean claimInPlacement) {
        List<String> conflicts = new ArrayList<>();
        List<Selection> selections = new ArrayList<>();
        int chosen = -1;
        for (int i = 0; i < d.ordered().size(); i++) {
            HostState h = d.ordered().get(i);
            if (!claimInPlacement) {
                chosen = i;
                break;
            }
            try {
                placement.putAllocations(d.spec().instanceUuid(), new AllocationWrite(h.allocationRequest(),
                        d.spec().projectId(), d.spec().userId(), "INSTANCE", null, true));
                chosen = i;
                break;
            } catch (PlacementException refused) {
                conflicts.add(h.name());
            }
        }
        String noValidHost = null;
        if (chosen < 0) {
            noValidHost = d.ordered().isEmpty()
                    ? (d.candidates() == 0 ? "Placement found no allocation candidates" : "every host was filtered out")
                    : "every claim was refused";
        } else {
            HostState first = d.ordered().get(chosen);
            selections.add(selection(first, d));
            String cell = first.info().cell();
            for (int i = chosen + 1; i < d.ordered().size() && selections.size() < settings.maxAttempts(); i++) {
                HostState alt = d.ordered().get(i);
                if (java.util.Objects.equals(alt.info().cell(), cell)) {
                    selections.add(selection(alt, d));
                }
            }
        }
        return new SchedulingReport(d.query(), d.candidates(), d.hostsFromPlacement(), d.filters(), d.weights(),
                selections, conflicts, noValidHost);
    }

    private static Selection selection(HostState h, Decision d) {
        return new Selection(h.info().uuid(), h.name(), h.name(), h.info().cell(), h.allocationRequest(), "1.39",
                h.info().availabilityZone(), h.weight);
    }

    /** Both steps at once: Nova's select_destinations for one instance. */
    public SchedulingReport selectDestinations(RequestSpec spec) {
        return claim(decide(spec), true);
    }
}
