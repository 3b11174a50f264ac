package dev.placementstudio.placement;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answer to {@code GET /allocation_candidates}: allocation requests (each with its allocations per
 * provider and the mappings of request groups to providers) and the provider summaries of every tree
 * they touch. {@link #toJson()} writes Placement's response body for the query's microversion.
 */
public final class AllocationCandidates {
    /** A provider summary as a reader sees it. */
    public record Summary(String uuid, String parentUuid, String rootUuid, Map<String, long[]> resources,
                          List<String> traits) {
        /** capacity of a class, or -1 */
        public long capacity(String rc) {
            long[] cu = resources.get(rc);
            return cu == null ? -1 : cu[0];
        }

        public long used(String rc) {
            long[] cu = resources.get(rc);
            return cu == null ? 0 : cu[1];
        }
    }

    /** One allocation request, with the root of the tree it is anchored at. */
    public record Request(String anchorRootUuid, Map<String, Map<String, Long>> allocations,
                          Map<String, List<String>> mappings) {
    }

    /** Internal form of one candidate (dense ids), built by {@link CandidateSearch}. */
    record Candidate(Provider anchor, Provider[] providers, int[] classes, long[] amounts, String[] suffixes,
                     Provider[][] mappings, boolean crossesTrees) {
        /**
         * Equality as Placement's {@code AllocationRequest.__eq__}: the same (provider, class, amount)
         * triples in any order, and per group suffix the same set of mapped providers.
         */
        @Override
        public boolean equals(Object o) {
            return o instanceof Candidate c && Arrays.equals(triples(), c.triples())
                    && Arrays.equals(suffixes, c.suffixes) && Arrays.deepEquals(mappingIds(), c.mappingIds());
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(triples()) + Arrays.deepHashCode(mappingIds());
        }

        /** (provider index, class, amount) per allocation, sorted by provider and class. */
        private long[] triples() {
            Integer[] order = new Integer[providers.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> providers[a].index != providers[b].index
                    ? Integer.compare(providers[a].index, providers[b].index) : Integer.compare(classes[a], classes[b]));
            long[] out = new long[3 * order.length];
            for (int i = 0; i < order.length; i++) {
                out[3 * i] = providers[order[i]].index;
                out[3 * i + 1] = classes[order[i]];
                out[3 * i + 2] = amounts[order[i]];
            }
            return out;
        }

        private int[][] mappingIds() {
            int[][] out = new int[mappings.length][];
            for (int g = 0; g < mappings.length; g++) {
                out[g] = Arrays.stream(mappings[g]).mapToInt(p -> p.index).sorted().toArray();
            }
            return out;
        }

        @Override
        public String toString() {
            return "Candidate" + Arrays.toString(triples()) + Arrays.deepToString(mappingIds());
        }
    }

    private static final byte[] Q_RESOURCES = JsonOut.quoted("resources");
    private static final byte[] Q_CAPACITY = JsonOut.quoted("capacity");
    private static final byte[] Q_USED = JsonOut.quoted("used");
    private static final byte[] Q_ALLOCATIONS = JsonOut.quoted("allocations");
    private static final byte[] Q_MAPPINGS = JsonOut.quoted("mappings");
    private final List<Candidate> candidates;
    private final List<Provider> summaryProviders;
    private final PlacementEngine engine;
    private final int microversion;
    private final Set<Integer> requestedClasses;
    private final Structure st;
    /**
     * Capacity and usage of the summaries' providers, taken under the read lock: for each provider in
     * order, its classes as (class id, capacity, used) triples; {@link #snapshotStart} indexes it.
     */
    private final long[] snapshot;
    private final int[] snapshotStart;
    /** Filled instead of the snapshot for a scheduler: usage summed per tree. */
    private Map<String, TreeUsage> treeUsage;

    /** A scheduler's answer: per-tree usage summed under the read lock, no provider summaries. */
    private AllocationCandidates(List<Candidate> candidates, PlacementEngine engine, Structure st) {
        this.candidates = candidates;
        this.summaryProviders = List.of();
        this.engine = engine;
        this.microversion = CandidateQuery.MAX_MICROVERSION;
        this.requestedClasses = Set.of();
        this.st = st;
        this.snapshot = new long[0];
        this.snapshotStart = new int[]{0};
        treeUsage = null;
        NameLookup names = st.sharedNames(engine.classes);
        usageByCandidate = new TreeUsage[candidates.size()];
        TreeUsage last = null;
        for (int i = 0; i < usageByCandidate.length; i++) {
            Provider anchor = candidates.get(i).anchor();
            if (last == null || last.root != anchor.index) {
                last = TreeUsage.of(names, anchor.index, st);
            }
            usageByCandidate[i] = last;
        }
    }

    /** For a scheduler's answer: the usage of each candidate's tree (candidates of one tree share it). */
    private TreeUsage[] usageByCandidate;

    /** The engine's index of each candidate's anchor root (a dense int, stable while the provider exists). */
    public int[] anchorIndexes() {
        int[] out = new int[candidates.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = candidates.get(i).anchor().index;
        }
        return out;
    }

    /** Capacity and usage of the tree of candidate {@code i} (scheduler answers). */
    public TreeUsage usageOf(int i) {
        if (usageByCandidate != null) {
            return usageByCandidate[i];
        }
        return treeUsage().get(candidates.get(i).anchor().uuid);
    }

    private AllocationCandidates(List<Candidate> candidates, List<Provider> summaryProviders, PlacementEngine engine,
                                 int microversion, Set<Integer> requestedClasses, Structure st) {
        this.candidates = candidates;
        this.summaryProviders = summaryProviders;
        this.engine = engine;
        this.microversion = microversion;
        this.requestedClasses = requestedClasses;
        this.st = st;
        int count = 0;
        for (Provider p : summaryProviders) {
            for (Inventory inv : p.inventory) {
                if (inv != null) {
                    count++;
                }
            }
        }
        snapshot = new long[count * 3];
        snapshotStart = new int[summaryProviders.size() + 1];
        int k = 0;
        for (int i = 0; i < summaryProviders.size(); i++) {
            Provider p = summaryProviders.get(i);
            snapshotStart[i] = k;
            for (int rc = 0; rc < p.inventory.length; rc++) {
                Inventory inv = p.inventory[rc];
                if (inv != null) {
                    snapshot[k++] = rc;
                    snapshot[k++] = inv.capacity();
                    snapshot[k++] = p.used[rc];
                }
            }
        }
        snapshotStart[summaryProviders.size()] = k;
    }

    /**
     * A scheduler's answer that keeps one candidate per tree but reports how many allocation requests
     * Placement's answer had ({@code size}).
     */
    static AllocationCandidates forScheduler(List<Candidate> firstPerTree, Structure st, PlacementEngine engine,
                                             int size) {
        AllocationCandidates c = new AllocationCandidates(firstPerTree, engine, st);
        c.reportedSize = size;
        return c;
    }

    /** How many allocation requests the answer had when only the first of each tree was kept; -1 otherwise. */
    private int reportedSize = -1;

    static AllocationCandidates empty(int microversion) {
        return new AllocationCandidates(List.of(), List.of(), null, microversion, Set.of(), null);
    }

    /** Called under the engine's read lock: picks the summaries (every provider of every touched tree). */
    static AllocationCandidates of(List<Candidate> kept, Structure st, PlacementEngine engine, int microversion,
                                   Map<String, RequestGroup> groups, boolean forScheduler) {
        if (forScheduler) {
            return new AllocationCandidates(kept, engine, st);
        }
        Set<Integer> requested = new HashSet<>();
        groups.values().forEach(g -> g.resources().keySet().forEach(rc -> requested.add(engine.classes.id(rc))));
        if (microversion < 29 && st.hasTrees) {
            // before 1.29 a client cannot understand nested providers: only requests with one provider per tree
            List<Candidate> flat = new ArrayList<>();
            List<Provider> providers = new ArrayList<>();
            Set<Provider> seen = new HashSet<>();
            for (Candidate c : kept) {
                Set<Provider> roots = new HashSet<>();
                Set<Provider> distinct = new HashSet<>(Arrays.asList(c.providers()));
                distinct.forEach(p -> roots.add(p.root));
                if (roots.size() == distinct.size()) {
                    flat.add(c);
                    for (Provider p : c.providers()) {
                        if (seen.add(p)) {
                            providers.add(p);
                        }
                    }
                }
            }
            providers.sort((a, b) -> Integer.compare(a.index, b.index));
            return new AllocationCandidates(flat, providers, engine, microversion, requested, st);
        }
        BitSet roots = new BitSet();
        for (Candidate c : kept) {
            for (Provider p : c.providers()) {
                roots.set(p.root.index);
            }
        }
        int total = 0;
        for (int r = roots.nextSetBit(0); r >= 0; r = roots.nextSetBit(r + 1)) {
            total += st.tree[r].length;
        }
        List<Provider> providers = new ArrayList<>(total);
        for (int r = roots.nextSetBit(0); r >= 0; r = roots.nextSetBit(r + 1)) {
            providers.addAll(Arrays.asList(st.tree[r]));
        }
        return new AllocationCandidates(kept, providers, engine, microversion, requested, st);
    }

    /** The number of allocation requests in the answer. */
    public int size() {
        return reportedSize >= 0 ? reportedSize : candidates.size();
    }

    public boolean isEmpty() {
        return candidates.isEmpty();
    }

    /** The allocation requests, in our stable order. */
    public List<Request> requests() {
        List<Request> out = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            Map<String, Map<String, Long>> allocs = new LinkedHashMap<>();
            for (int i = 0; i < c.providers().length; i++) {
                allocs.computeIfAbsent(c.providers()[i].uuid, k -> new LinkedHashMap<>())
                        .put(engine.classes.name(c.classes()[i]), c.amounts()[i]);
            }
            Map<String, List<String>> mappings = new LinkedHashMap<>();
            for (int g = 0; g < c.suffixes().length; g++) {
                mappings.put(c.suffixes()[g], Arrays.stream(c.mappings()[g]).map(p -> p.uuid).toList());
            }
            out.add(new Request(c.anchor().uuid, allocs, mappings));
        }
        return out;
    }

    /** Provider summaries, in our stable order. */
    public List<Summary> summaries() {
        List<Summary> out = new ArrayList<>();
        for (int i = 0; i < summaryProviders.size(); i++) {
            Provider p = summaryProviders.get(i);
            Map<String, long[]> res = new LinkedHashMap<>();
            for (int k = snapshotStart[i]; k < snapshotStart[i + 1]; k += 3) {
                res.put(engine.classes.name((int) snapshot[k]), new long[]{snapshot[k + 1], snapshot[k + 2]});
            }
            out.add(new Summary(p.uuid, p.parent == null ? null : p.parent.uuid, p.root.uuid, res,
                    List.of(st.traitNames[p.index])));
        }
        return out;
    }

    /**
     * Capacity and usage of one tree, by resource class (what a scheduler's host state reads): only the
     * classes the tree has, a handful, so a thousand of them per scheduling call stay cheap.
     */
    public static final class TreeUsage {
        private final NameLookup names;
        /** Root provider index, or -1. */
        final int root;
        int[] ids;
        long[] capacity;
        long[] used;
        int count;

        TreeUsage(NameLookup names, int root, int expected) {
            this.names = names;
            this.root = root;
            ids = new int[expected];
            capacity = new long[expected];
            used = new long[expected];
        }

        /**
         * A tree's inventories and usage summed (the caller holds the engine's read lock): the one kept from
         * an earlier call when no usage of the tree changed since, else summed now and kept. A kept one is
         * never changed (it is shared by the answers that read it) and looks names up in the engine's own
         * registry, which any thread may read under the lock.
         */
        static TreeUsage of(NameLookup names, int root, Structure st) {
            long stamp = st.treeStamp[root];
            TreeUsage kept = st.treeUsage.get(root);
            if (kept != null && kept.stamp == stamp) {
                return kept;
            }
            TreeUsage t = sum(names, root, st);
            t.stamp = stamp;
            st.treeUsage.set(root, t);
            return t;
        }

        /** The usage-change count of its tree this was summed at (see {@link Structure#treeStamp}). */
        private long stamp = -1;

        private static TreeUsage sum(NameLookup names, int root, Structure st) {
            int[] classes = st.treeClasses[root];
            TreeUsage t = new TreeUsage(names, root, 0);
            int n = classes.length;
            long[] cap = new long[n];
            long[] use = new long[n];
            if (st.treeSize[root] == 1) {
                for (int k = 0; k < n; k++) {
                    int rc = classes[k];
                    cap[k] = (long) st.limit[rc][root]; // Inventory.capacity(): int((total - reserved) * ratio)
                    use[k] = st.used[rc][root];
                }
            } else {
                for (Provider p : st.tree[root]) {
                    int i = p.index;
                    for (int k = 0; k < n; k++) {
                        int rc = classes[k];
                        double l = st.limit[rc][i];
                        if (l == l) {
                            cap[k] += (long) l;
                            use[k] += st.used[rc][i];
                        }
                    }
                }
            }
            t.ids = classes;
            t.capacity = cap;
            t.used = use;
            t.count = n;
            t.weigherFree = t.computeWeigherFree();
            return t;
        }

        void add(int rc, long cap, long use) {
            for (int k = 0; k < count; k++) {
                if (ids[k] == rc) {
                    capacity[k] += cap;
                    used[k] += use;
                    return;
                }
            }
            if (count == ids.length) {
                // never for a tree made by of(): its classes are all known up front
                ids = Arrays.copyOf(ids, Math.max(4, count * 2));
                capacity = Arrays.copyOf(capacity, ids.length);
                used = Arrays.copyOf(used, ids.length);
            }
            ids[count] = rc;
            capacity[count] = cap;
            used[count++] = use;
        }

        private int slot(String rc) {
            int id = names.id(rc);
            if (id < 0) {
                return -1;
            }
            for (int k = 0; k < count; k++) {
                if (ids[k] == id) {
                    return k;
                }
            }
            return -1;
        }

        /**
         * What the weighers read of every host, in one pass: free MEMORY_MB, free VCPU, free DISK_GB (-1
         * when the tree has no DISK_GB) and free PGPU + FPGA + PCI_DEVICE.
         */
        public long[] weigherFree() {
            return weigherFree != null ? weigherFree : computeWeigherFree();
        }

        /** Computed with the tree for a scheduler's answer (read-only once made). */
        private long[] weigherFree;

        private long[] computeWeigherFree() {
            int[] common = names.common();
            long[] wf = {0, 0, -1, 0};
            for (int k = 0; k < count; k++) {
                int rc = ids[k];
                long free = capacity[k] - used[k];
                if (rc == common[0]) {
                    wf[0] = free;
                } else if (rc == common[1]) {
                    wf[1] = free;
                } else if (rc == common[2]) {
                    wf[2] = capacity[k] > 0 ? free : -1;
                } else if (rc == common[3] || rc == common[4] || rc == common[5]) {
                    wf[3] += free;
                }
            }
            return wf;
        }

        public boolean has(String rc) {
            int k = slot(rc);
            return k >= 0 && capacity[k] > 0;
        }

        public long capacity(String rc) {
            int k = slot(rc);
            return k < 0 ? 0 : capacity[k];
        }

        public long free(String rc) {
            int k = slot(rc);
            return k < 0 ? 0 : capacity[k] - used[k];
        }
    }

    /** Class name to id, -1 when unknown. */
    interface NameLookup {
        int id(String name);

        /** Ids of MEMORY_MB, VCPU, DISK_GB, PGPU, FPGA, PCI_DEVICE (-1 when unknown). */
        default int[] common() {
            int[] out = new int[COMMON.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = id(COMMON[i]);
            }
            return out;
        }
    }

    private static final String[] COMMON = {"MEMORY_MB", "VCPU", "DISK_GB", "PGPU", "FPGA", "PCI_DEVICE"};

    /** Names looked up in the engine's registry, with the common ids read once: safe to share between calls. */
    static final class RegistryNames implements NameLookup {
        private final NameRegistry registry;
        private final int[] common;

        RegistryNames(NameRegistry registry) {
            this.registry = registry;
            common = new int[COMMON.length];
            for (int i = 0; i < common.length; i++) {
                common[i] = registry.id(COMMON[i]);
            }
        }

        @Override
        public int[] common() {
            return common;
        }

        @Override
        public int id(String name) {
            return registry.id(name);
        }
    }

    /** The anchor tree (root uuid) of every candidate, in order; cheap, no maps built. */
    public String[] anchors() {
        String[] out = new String[candidates.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = candidates.get(i).anchor().uuid;
        }
        return out;
    }

    /** The allocations of one candidate: provider uuid to (class to amount). */
    public Map<String, Map<String, Long>> allocationsAt(int index) {
        Candidate c = candidates.get(index);
        Map<String, Map<String, Long>> allocs = new LinkedHashMap<>();
        for (int i = 0; i < c.providers().length; i++) {
            allocs.computeIfAbsent(c.providers()[i].uuid, k -> new LinkedHashMap<>())
                    .put(engine.classes.name(c.classes()[i]), c.amounts()[i]);
        }
        return allocs;
    }

    /** Capacity and usage of every touched tree, by root uuid. */
    public Map<String, TreeUsage> treeUsage() {
        if (treeUsage != null) {
            return treeUsage;
        }
        Map<String, TreeUsage> out = new java.util.HashMap<>(summaryProviders.size() * 2);
        NameLookup names = engine.classes::id;
        for (int i = 0; i < summaryProviders.size(); i++) {
            Provider p = summaryProviders.get(i);
            TreeUsage t = out.get(p.root.uuid);
            if (t == null) {
                t = new TreeUsage(names, p.root.index, 4);
                out.put(p.root.uuid, t);
            }
            for (int k = snapshotStart[i]; k < snapshotStart[i + 1]; k += 3) {
                t.add((int) snapshot[k], snapshot[k + 1], snapshot[k + 2]);
            }
        }
        return out;
    }

    /**
     * Capacity and usage summed over each touched tree, by root uuid then resource class: what a
     * scheduler's host state needs (free RAM, free vCPUs, free disk), without building every summary.
     */
    public Map<String, Map<String, long[]>> treeTotals() {
        Map<String, Map<String, long[]>> out = new LinkedHashMap<>();
        for (int i = 0; i < summaryProviders.size(); i++) {
            Provider p = summaryProviders.get(i);
            Map<String, long[]> tree = out.computeIfAbsent(p.root.uuid, k -> new LinkedHashMap<>());
            for (int k = snapshotStart[i]; k < snapshotStart[i + 1]; k += 3) {
                long[] cu = tree.computeIfAbsent(engine.classes.name((int) snapshot[k]), x -> new long[2]);
                cu[0] += snapshot[k + 1];
                cu[1] += snapshot[k + 2];
            }
        }
        return out;
    }

    /** Placement's response body. */
    public byte[] toJson() {
        return toJsonOut().toBytes();
    }

    /** Writes Placement's response body to a stream without building one big array. */
    public void writeJson(java.io.OutputStream out) throws java.io.IOException {
        toJsonOut().writeTo(out);
    }

    /** The response body, serialized into chunks. */
    public JsonOut toJsonOut() {
        JsonOut out = new JsonOut(256 + candidates.size() * 160 + summaryProviders.size() * 300);
        out.beginObject().name("allocation_requests").beginArray();
        Map<Integer, byte[]> classNames = new java.util.HashMap<>();
        for (Candidate c : candidates) {
            out.beginObject();
            if (microversion >= 12) {
                out.rawName(Q_ALLOCATIONS).beginObject();
                writeAllocationsDict(out, c, classNames);
                out.endObject();
                if (microversion >= 34) {
                    out.rawName(Q_MAPPINGS).beginObject();
                    for (int g = 0; g < c.suffixes().length; g++) {
                        out.name(c.suffixes()[g]).beginArray();
                        for (Provider p : c.mappings()[g]) {
                            out.rawValue(p.quotedUuid);
                        }
                        out.endArray();
                    }
                    out.endObject();
                }
            } else {
                out.rawName(Q_ALLOCATIONS).beginArray();
                List<Provider> order = new ArrayList<>();
                for (Provider p : c.providers()) {
                    if (!order.contains(p)) {
                        order.add(p);
                    }
                }
                for (Provider p : order) {
                    out.beginObject().name("resource_provider").beginObject().name("uuid").rawValue(p.quotedUuid)
                            .endObject().rawName(Q_RESOURCES).beginObject();
                    for (int i = 0; i < c.providers().length; i++) {
                        if (c.providers()[i] == p) {
                            out.rawName(className(classNames, c.classes()[i])).value(c.amounts()[i]);
                        }
                    }
                    out.endObject().endObject();
                }
                out.endArray();
            }
            out.endObject();
        }
        out.endArray();
        out.name("provider_summaries").beginObject();
        for (int i = 0; i < summaryProviders.size(); i++) {
            Provider p = summaryProviders.get(i);
            out.rawName(p.quotedUuid).beginObject().rawName(Q_RESOURCES).beginObject();
            for (int k = snapshotStart[i]; k < snapshotStart[i + 1]; k += 3) {
                int rc = (int) snapshot[k];
                if (microversion >= 27 || requestedClasses.contains(rc)) {
                    out.rawName(st.className[rc]).beginObject()
                            .rawName(Q_CAPACITY).value(snapshot[k + 1]).rawName(Q_USED).value(snapshot[k + 2]).endObject();
                }
            }
            out.endObject();
            if (microversion >= 29) {
                out.raw(st.summaryTail[p.index]);
            } else if (microversion >= 17) {
                out.name("traits").beginArray();
                for (String t : st.traitNames[p.index]) {
                    out.value(t);
                }
                out.endArray();
            }
            out.endObject();
        }
        out.endObject().endObject();
        return out;
    }

    private void writeAllocationsDict(JsonOut out, Candidate c, Map<Integer, byte[]> classNames) {
        Provider[] ps = c.providers();
        boolean[] written = new boolean[ps.length];
        for (int i = 0; i < ps.length; i++) {
            if (written[i]) {
                continue;
            }
            Provider p = ps[i];
            out.rawName(p.quotedUuid).beginObject().rawName(Q_RESOURCES).beginObject();
            for (int j = i; j < ps.length; j++) {
                if (ps[j] == p) {
                    written[j] = true;
                    out.rawName(className(classNames, c.classes()[j])).value(c.amounts()[j]);
                }
            }
            out.endObject().endObject();
        }
    }

    private byte[] className(Map<Integer, byte[]> cache, int rc) {
        return st.className[rc];
    }

    public String toJsonString() {
        return new String(toJson(), StandardCharsets.UTF_8);
    }
}
