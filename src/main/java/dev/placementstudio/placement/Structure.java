package dev.placementstudio.placement;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Indexes over the provider graph that only change when providers, inventories' classes, traits or
 * aggregates change (not when allocations do): trees in pre-order, providers per resource class, sharing
 * providers and the anchor trees each one serves. Built once per structural version and shared by queries.
 */
final class Structure {
    final long version;
    final Provider[] byIndex;
    /** Roots in creation order. */
    final List<Provider> roots = new ArrayList<>();
    /** By root index: the tree in pre-order (parents before children). */
    final Provider[][] tree;
    /** By resource class id: providers with an inventory of it, in index order. */
    final Provider[][] byClass;
    /** By root index: the distinct classes some provider of that tree has inventory of, in id order. */
    final int[][] treeClasses;
    /** By root index: how many providers its tree has (0 for a non-root). */
    final int[] treeSize;
    /**
     * Dense copies of every inventory, by class then provider index, so a search that walks the anchors
     * in index order reads memory in order: {@code limit} is (total - reserved) * allocation_ratio (NaN
     * where the provider has no inventory of the class), {@code units} holds min_unit, max_unit and
     * step_size (three per provider) and {@code used} the usage, kept current by the engine's writes
     * ({@link #addUsed}) while this structure is the engine's current one. Null for unused classes.
     */
    final double[][] limit;
    /** By trait id: the providers (by index) that have it; null for a trait no provider has. */
    final BitSet[] traitMembers;
    final long[][] units;
    final long[][] used;
    final List<Provider> sharing = new ArrayList<>();
    /** By sharing provider index: the roots of every provider that shares an aggregate with it, itself included. */
    final Map<Integer, int[]> anchorsOfSharing = new HashMap<>();
    /** By root index: sharing providers outside that tree that serve it. */
    final List<Provider>[] sharingForAnchor;
    final boolean hasTrees;
    final Map<String, BitSet> aggregateMembers = new HashMap<>();
    /** By provider index: the JSON of a provider summary after its resources, for 1.29+ bodies. */
    final byte[][] summaryTail;
    /** By provider index: the sorted trait names. */
    final String[][] traitNames;
    /** By class id: the quoted class name. */
    final byte[][] className;

    /** {@link #rootsWith}'s answers, by the trait ids asked for; built once per structure. */
    private final Map<String, BitSet> rootsWithTraits = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The roots (by index) with every trait of {@code required} and none of {@code forbidden}: what
     * {@code root_required} leaves as anchors. Nova asks {@code root_required=!COMPUTE_STATUS_DISABLED} on
     * every request, so the answer is kept for this structure (its traits change only with a new one).
     * Shared between searches: never modify it.
     */
    BitSet rootsWith(int[] required, int[] forbidden) {
        return rootsWithTraits.computeIfAbsent(java.util.Arrays.toString(required) + "!" + java.util.Arrays.toString(forbidden),
                k -> {
                    BitSet out = new BitSet(byIndex.length);
                    for (Provider r : roots) {
                        boolean ok = true;
                        for (int t : required) {
                            ok &= r.traits.get(t);
                        }
                        for (int t : forbidden) {
                            ok &= !r.traits.get(t);
                        }
                        if (ok) {
                            out.set(r.index);
                        }
                    }
                    return out;
                });
    }

    @SuppressWarnings("unchecked")
    Structure(PlacementEngine engine, long version) {
        this.version = version;
        List<Provider> all = engine.providers;
        int n = all.size();
        treeStamp = new long[n];
        treeUsage = new java.util.concurrent.atomic.AtomicReferenceArray<>(n);
        byIndex = all.toArray(new Provider[0]);
        tree = new Provider[n][];
        summaryTail = new byte[n][];
        traitNames = new String[n][];
        className = new byte[engine.classes.size()][];
        for (int rc = 0; rc < className.length; rc++) {
            className[rc] = JsonOut.quoted(engine.classes.name(rc));
        }
        sharingForAnchor = new List[n];
        boolean trees = false;
        int classes = engine.classes.size();
        List<List<Provider>> perClass = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
            perClass.add(new ArrayList<>());
        }
        int sharingTrait = engine.traitNames.id(PlacementEngine.SHARING_TRAIT);
        for (Provider p : byIndex) {
            if (p == null) {
                continue;
            }
            if (p.parent == null) {
                roots.add(p);
                List<Provider> members = new ArrayList<>();
                collect(p, members);
                tree[p.index] = members.toArray(new Provider[0]);
            } else {
                trees = true;
            }
            for (int rc = 0; rc < Math.min(classes, p.inventory.length); rc++) {
                if (p.inventory[rc] != null) {
                    perClass.get(rc).add(p);
                }
            }
            p.sharing = sharingTrait >= 0 && p.traits.get(sharingTrait);
            if (p.sharing) {
                sharing.add(p);
            }
            summaryTail[p.index] = summaryTail(engine, p);
            for (String agg : p.aggregates) {
                aggregateMembers.computeIfAbsent(agg, k -> new BitSet()).set(p.index);
            }
        }
        hasTrees = trees;
        treeSize = new int[n];
        treeClasses = new int[n][];
        for (Provider r : roots) {
            BitSet have = new BitSet();
            for (Provider p : tree[r.index]) {
                for (int rc = 0; rc < Math.min(classes, p.inventory.length); rc++) {
                    if (p.inventory[rc] != null) {
                        have.set(rc);
                    }
                }
            }
            treeClasses[r.index] = have.stream().toArray();
            treeSize[r.index] = tree[r.index].length;
        }
        BitSet[] byTrait = new BitSet[engine.traitNames.size()];
        for (Provider p : byIndex) {
            if (p == null) {
                continue;
            }
            for (int t = p.traits.nextSetBit(0); t >= 0; t = p.traits.nextSetBit(t + 1)) {
                if (t >= byTrait.length) {
                    byTrait = java.util.Arrays.copyOf(byTrait, t + 1);
                }
                if (byTrait[t] == null) {
                    byTrait[t] = new BitSet(n);
                }
                byTrait[t].set(p.index);
            }
        }
        traitMembers = byTrait;
        limit = new double[classes][];
        units = new long[classes][];
        used = new long[classes][];
        for (int rc = 0; rc < classes; rc++) {
            if (perClass.get(rc).isEmpty()) {
                continue;
            }
            double[] lim = new double[n];
            java.util.Arrays.fill(lim, Double.NaN);
            long[] u = new long[3 * n];
            long[] use = new long[n];
            for (Provider p : perClass.get(rc)) {
                Inventory inv = p.inventory[rc];
                int i = p.index;
                lim[i] = (inv.total() - inv.reserved()) * inv.allocationRatio();
                u[3 * i] = inv.minUnit();
                u[3 * i + 1] = inv.maxUnit();
                u[3 * i + 2] = inv.stepSize();
                use[i] = p.used[rc];
            }
            limit[rc] = lim;
            units[rc] = u;
            used[rc] = use;
        }
        byClass = new Provider[classes][];
        for (int rc = 0; rc < classes; rc++) {
            byClass[rc] = perClass.get(rc).toArray(new Provider[0]);
        }
        for (Provider s : sharing) {
            BitSet anchors = new BitSet();
            for (String agg : s.aggregates) {
                BitSet members = aggregateMembers.get(agg);
                for (int i = members.nextSetBit(0); i >= 0; i = members.nextSetBit(i + 1)) {
                    anchors.set(byIndex[i].root.index);
                }
            }
            anchorsOfSharing.put(s.index, anchors.stream().toArray());
            for (int r = anchors.nextSetBit(0); r >= 0; r = anchors.nextSetBit(r + 1)) {
                if (r != s.root.index) {
                    if (sharingForAnchor[r] == null) {
                        sharingForAnchor[r] = new ArrayList<>();
                    }
                    sharingForAnchor[r].add(s);
                }
            }
        }
    }

    boolean hasTrait(int trait, int index) {
        return trait < traitMembers.length && traitMembers[trait] != null && traitMembers[trait].get(index);
    }

    /** Keeps the dense usage current (the engine's write lock is held). */
    void addUsed(Provider p, int rc, long change) {
        if (rc < used.length && used[rc] != null) {
            used[rc][p.index] += change;
        }
        treeStamp[p.root.index]++; // the tree's usage summed for a scheduler is out of date
    }

    /**
     * By root index: a count of the usage changes in that tree (under the engine's write lock), and the
     * tree's summed usage as a scheduler last read it with the count it was made at. Between two scheduling
     * calls only the trees a claim touched change, so the other few thousand are read from here.
     */
    final long[] treeStamp;
    private volatile AllocationCandidates.RegistryNames sharedNames;

    /** The class names the kept tree usages look up (made once per structure: its classes are fixed). */
    AllocationCandidates.RegistryNames sharedNames(NameRegistry classes) {
        AllocationCandidates.RegistryNames n = sharedNames;
        if (n == null) {
            n = new AllocationCandidates.RegistryNames(classes);
            sharedNames = n;
        }
        return n;
    }
    final java.util.concurrent.atomic.AtomicReferenceArray<AllocationCandidates.TreeUsage> treeUsage;

    /**
     * Room for {@code amount} of class {@code rc} on provider {@code i}: an inventory whose units allow the
     * amount and Placement's capacity test, {@code used + amount <= (total - reserved) * ratio}.
     */
    boolean hasRoom(int i, int rc, long amount) {
        if (rc >= limit.length) {
            return false;
        }
        double[] lim = limit[rc];
        if (lim == null || i >= lim.length) {
            return false;
        }
        double l = lim[i];
        if (l != l) { // NaN: no inventory of this class
            return false;
        }
        long[] u = units[rc];
        return u[3 * i] <= amount && amount <= u[3 * i + 1] && amount % u[3 * i + 2] == 0
                && used[rc][i] + amount <= l;
    }

    private byte[] summaryTail(PlacementEngine engine, Provider p) {
        List<String> names = new ArrayList<>();
        for (int t = p.traits.nextSetBit(0); t >= 0; t = p.traits.nextSetBit(t + 1)) {
            names.add(engine.traitNames.name(t));
        }
        // In trait id order, as Placement lists them: standard traits first, then custom ones as created.
        traitNames[p.index] = names.toArray(new String[0]);
        JsonOut o = new JsonOut(128);
        o.beginObject().name("x").value(0);
        int skip = o.length();
        o.name("traits").beginArray();
        for (String t : names) {
            o.value(t);
        }
        o.endArray().name("parent_provider_uuid");
        if (p.parent == null) {
            o.nullValue();
        } else {
            o.rawValue(p.parent.quotedUuid);
        }
        o.name("root_provider_uuid").rawValue(p.root.quotedUuid);
        byte[] all = o.toBytes();
        return java.util.Arrays.copyOfRange(all, skip, all.length); // ", \"traits\": [...], ..."
    }

    private final Map<Integer, BitSet> anchorsWithClass = new java.util.concurrent.ConcurrentHashMap<>();

    /** Roots whose tree has an inventory of the class, or that a sharing provider with it serves. */
    BitSet anchorsWithClass(int rc) {
        return anchorsWithClass.computeIfAbsent(rc, k -> {
            BitSet out = new BitSet();
            if (k < byClass.length) {
                for (Provider p : byClass[k]) {
                    out.set(p.root.index);
                    int[] shared = anchorsOfSharing.get(p.index);
                    if (shared != null) {
                        for (int a : shared) {
                            out.set(a);
                        }
                    }
                }
            }
            return out;
        });
    }

    private static void collect(Provider p, List<Provider> out) {
        out.add(p);
        for (Provider c : p.children) {
            collect(c, out);
        }
    }

    List<Provider> sharingFor(int rootIndex) {
        List<Provider> l = sharingForAnchor[rootIndex];
        return l == null ? List.of() : l;
    }

    /** Providers in every one of the aggregate lists (each list: any of its aggregates). */
    BitSet membersOfAll(List<? extends java.util.Set<String>> memberOf) {
        BitSet result = null;
        for (java.util.Set<String> any : memberOf) {
            BitSet union = new BitSet();
            for (String agg : any) {
                BitSet m = aggregateMembers.get(agg);
                if (m != null) {
                    union.or(m);
                }
            }
            if (result == null) {
                result = union;
            } else {
                result.and(union);
            }
        }
        return result == null ? new BitSet() : result;
    }
}
