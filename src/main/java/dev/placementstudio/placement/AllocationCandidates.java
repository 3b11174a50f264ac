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
    record Candidate(Provider anchor, Provider[] providers, int[] classes, long[] amounts,
                     Map<String, Provider[]> mappings, boolean crossesTrees) {
        /** Equality as Placement's: the set of (provider, class, amount) plus the mappings. */
        String key() {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < providers.length; i++) {
                parts.add(providers[i].index + ":" + classes[i] + ":" + amounts[i]);
            }
            parts.sort(null);
            StringBuilder sb = new StringBuilder(String.join(",", parts)).append('|');
            new java.util.TreeMap<>(mappings).forEach((s, ps) -> {
                int[] ids = Arrays.stream(ps).mapToInt(p -> p.index).sorted().toArray();
                sb.append(s).append('=').append(Arrays.toString(ids)).append(';');
            });
            return sb.toString();
        }
    }

    private final List<Candidate> candidates;
    private final List<Provider> summaryProviders;
    private final PlacementEngine engine;
    private final int microversion;
    private final Set<Integer> requestedClasses;
    /** Snapshot of capacity/used taken under the read lock, by provider index and class. */
    private final Map<Integer, long[][]> usageSnapshot;

    private AllocationCandidates(List<Candidate> candidates, List<Provider> summaryProviders, PlacementEngine engine,
                                 int microversion, Set<Integer> requestedClasses) {
        this.candidates = candidates;
        this.summaryProviders = summaryProviders;
        this.engine = engine;
        this.microversion = microversion;
        this.requestedClasses = requestedClasses;
        this.usageSnapshot = new LinkedHashMap<>();
        for (Provider p : summaryProviders) {
            long[][] cu = new long[p.inventory.length][];
            for (int rc = 0; rc < p.inventory.length; rc++) {
                Inventory inv = p.inventory[rc];
                if (inv != null) {
                    cu[rc] = new long[]{inv.capacity(), p.used[rc]};
                }
            }
            usageSnapshot.put(p.index, cu);
        }
    }

    static AllocationCandidates empty(int microversion) {
        return new AllocationCandidates(List.of(), List.of(), null, microversion, Set.of());
    }

    /** Called under the engine's read lock: picks the summaries (every provider of every touched tree). */
    static AllocationCandidates of(List<Candidate> kept, Structure st, PlacementEngine engine, int microversion,
                                   Map<String, RequestGroup> groups) {
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
            return new AllocationCandidates(flat, providers, engine, microversion, requested);
        }
        BitSet roots = new BitSet();
        for (Candidate c : kept) {
            for (Provider p : c.providers()) {
                roots.set(p.root.index);
            }
        }
        List<Provider> providers = new ArrayList<>();
        for (int r = roots.nextSetBit(0); r >= 0; r = roots.nextSetBit(r + 1)) {
            providers.addAll(Arrays.asList(st.tree[r]));
        }
        return new AllocationCandidates(kept, providers, engine, microversion, requested);
    }

    public int size() {
        return candidates.size();
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
            c.mappings().forEach((s, ps) -> mappings.put(s, Arrays.stream(ps).map(p -> p.uuid).toList()));
            out.add(new Request(c.anchor().uuid, allocs, mappings));
        }
        return out;
    }

    /** Provider summaries, in our stable order. */
    public List<Summary> summaries() {
        List<Summary> out = new ArrayList<>();
        for (Provider p : summaryProviders) {
            long[][] cu = usageSnapshot.get(p.index);
            Map<String, long[]> res = new LinkedHashMap<>();
            for (int rc = 0; rc < cu.length; rc++) {
                if (cu[rc] != null) {
                    res.put(engine.classes.name(rc), cu[rc].clone());
                }
            }
            out.add(new Summary(p.uuid, p.parent == null ? null : p.parent.uuid, p.root.uuid, res, traitNames(p)));
        }
        return out;
    }

    private List<String> traitNames(Provider p) {
        List<String> traits = new ArrayList<>();
        for (int t = p.traits.nextSetBit(0); t >= 0; t = p.traits.nextSetBit(t + 1)) {
            String n = engine.traitNames.name(t);
            traits.add(n);
        }
        traits.sort(null);
        return traits;
    }

    /** Placement's response body. */
    public byte[] toJson() {
        JsonOut out = new JsonOut(256 + candidates.size() * 160 + summaryProviders.size() * 300);
        out.beginObject().name("allocation_requests").beginArray();
        Map<Integer, byte[]> classNames = new java.util.HashMap<>();
        for (Candidate c : candidates) {
            out.beginObject();
            if (microversion >= 12) {
                out.name("allocations").beginObject();
                writeAllocationsDict(out, c, classNames);
                out.endObject();
                if (microversion >= 34) {
                    out.name("mappings").beginObject();
                    c.mappings().forEach((suffix, ps) -> {
                        out.name(suffix).beginArray();
                        for (Provider p : ps) {
                            out.rawValue(p.quotedUuid);
                        }
                        out.endArray();
                    });
                    out.endObject();
                }
            } else {
                out.name("allocations").beginArray();
                List<Provider> order = new ArrayList<>();
                for (Provider p : c.providers()) {
                    if (!order.contains(p)) {
                        order.add(p);
                    }
                }
                for (Provider p : order) {
                    out.beginObject().name("resource_provider").beginObject().name("uuid").rawValue(p.quotedUuid)
                            .endObject().name("resources").beginObject();
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
        for (Provider p : summaryProviders) {
            long[][] cu = usageSnapshot.get(p.index);
            out.rawName(p.quotedUuid).beginObject().name("resources").beginObject();
            for (int rc = 0; rc < cu.length; rc++) {
                if (cu[rc] != null && (microversion >= 27 || requestedClasses.contains(rc))) {
                    out.rawName(className(classNames, rc)).beginObject()
                            .name("capacity").value(cu[rc][0]).name("used").value(cu[rc][1]).endObject();
                }
            }
            out.endObject();
            if (microversion >= 17) {
                out.name("traits").beginArray();
                for (String t : traitNames(p)) {
                    out.value(t);
                }
                out.endArray();
            }
            if (microversion >= 29) {
                out.name("parent_provider_uuid");
                if (p.parent == null) {
                    out.nullValue();
                } else {
                    out.rawValue(p.parent.quotedUuid);
                }
                out.name("root_provider_uuid").rawValue(p.root.quotedUuid);
            }
            out.endObject();
        }
        out.endObject().endObject();
        return out.toBytes();
    }

    private void writeAllocationsDict(JsonOut out, Candidate c, Map<Integer, byte[]> classNames) {
        Provider[] ps = c.providers();
        boolean[] written = new boolean[ps.length];
        for (int i = 0; i < ps.length; i++) {
            if (written[i]) {
                continue;
            }
            Provider p = ps[i];
            out.rawName(p.quotedUuid).beginObject().name("resources").beginObject();
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
        return cache.computeIfAbsent(rc, k -> JsonOut.quoted(engine.classes.name(k)));
    }

    public String toJsonString() {
        return new String(toJson(), StandardCharsets.UTF_8);
    }
}
