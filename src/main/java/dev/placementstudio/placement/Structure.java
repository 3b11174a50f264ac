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
    final List<Provider> sharing = new ArrayList<>();
    /** By sharing provider index: the roots of every provider that shares an aggregate with it, itself included. */
    final Map<Integer, int[]> anchorsOfSharing = new HashMap<>();
    /** By root index: sharing providers outside that tree that serve it. */
    final List<Provider>[] sharingForAnchor;
    final boolean hasTrees;
    final Map<String, BitSet> aggregateMembers = new HashMap<>();

    @SuppressWarnings("unchecked")
    Structure(PlacementEngine engine, long version) {
        this.version = version;
        List<Provider> all = engine.providers;
        int n = all.size();
        byIndex = all.toArray(new Provider[0]);
        tree = new Provider[n][];
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
            if (sharingTrait >= 0 && p.traits.get(sharingTrait)) {
                sharing.add(p);
            }
            for (String agg : p.aggregates) {
                aggregateMembers.computeIfAbsent(agg, k -> new BitSet()).set(p.index);
            }
        }
        hasTrees = trees;
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
