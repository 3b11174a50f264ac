package dev.placementstudio.placement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The merge of {@code allocation_candidates}, one method per step of Placement's
 * {@code objects/allocation_candidate.py} ({@code _merge_candidates} and what it calls): the product of the
 * groups' candidates is checked against {@code group_policy=isolate} ({@link #satisfiesGroupPolicy}),
 * {@code same_subtree} ({@link #satisfiesSameSubtree}), its amounts are summed per provider and class
 * ({@link #consolidate}) and re-checked against capacity ({@link #exceedsCapacity}); nested duplicates are
 * dropped ({@link #dropDuplicates}) and the answer cut at {@code limit} ({@link #limit}).
 */
final class CandidateMerge {
    private final Structure st;
    private final int[][] classes;
    private final long[][] amounts;
    private final boolean[] granular;
    private final int granularCount;
    private final boolean isolate;
    /** For each same_subtree set, the indexes of its groups. */
    private final int[][] sameSubtrees;
    private final String[] suffixes;
    private final int totalClasses;

    CandidateMerge(Structure st, int[][] classes, long[][] amounts, boolean[] granular, boolean isolate,
                   int[][] sameSubtrees, String[] suffixes) {
        this.st = st;
        this.classes = classes;
        this.amounts = amounts;
        this.granular = granular;
        int g = 0;
        int total = 0;
        for (int i = 0; i < granular.length; i++) {
            g += granular[i] ? 1 : 0;
            total += classes[i].length;
        }
        this.granularCount = g;
        this.totalClasses = total;
        this.isolate = isolate;
        this.sameSubtrees = sameSubtrees;
        this.suffixes = suffixes;
    }

    /** One element of the product, merged, or null when a step rules it out. */
    AllocationCandidates.Candidate merge(int root, GroupCandidate[] pick) {
        if (!satisfiesGroupPolicy(pick) || !satisfiesSameSubtree(pick)) {
            return null;
        }
        Consolidated c = consolidate(pick);
        if (exceedsCapacity(c)) {
            return null;
        }
        return c.candidate(st.byIndex[root], root, pick, suffixes);
    }

    /** {@code group_policy=isolate}: the granular groups are served by as many distinct providers as they are. */
    boolean satisfiesGroupPolicy(GroupCandidate[] pick) {
        if (!isolate) {
            return true;
        }
        Set<Provider> used = new HashSet<>();
        for (int g = 0; g < pick.length; g++) {
            if (granular[g]) {
                used.add(pick[g].mapping()[0]);
            }
        }
        return used.size() == granularCount;
    }

    /** Each {@code same_subtree} set: one of its groups' providers is an ancestor of (or is) all the others. */
    boolean satisfiesSameSubtree(GroupCandidate[] pick) {
        for (int[] members : sameSubtrees) {
            List<Provider> rps = new ArrayList<>();
            for (int g : members) {
                for (Provider p : pick[g].mapping()) {
                    if (!rps.contains(p)) {
                        rps.add(p);
                    }
                }
            }
            if (rps.size() > 1 && rps.stream().noneMatch(top -> rps.stream().allMatch(top::isAncestorOrSelfOf))) {
                return false;
            }
        }
        return true;
    }

    /** The groups' amounts summed per (provider, class), in order of first appearance. */
    record Consolidated(Provider[] providers, int[] classes, long[] amounts) {
        AllocationCandidates.Candidate candidate(Provider anchor, int root, GroupCandidate[] pick, String[] suffixes) {
            Provider[][] mappings = new Provider[pick.length][];
            boolean crosses = false;
            for (int g = 0; g < pick.length; g++) {
                mappings[g] = pick[g].mapping(); // suffixes are unique per group
                for (Provider p : mappings[g]) {
                    crosses |= p.root.index != root || p.sharing;
                }
            }
            for (Provider p : providers) {
                crosses |= p.root.index != root || p.sharing;
            }
            return new AllocationCandidates.Candidate(anchor, providers, classes, amounts, suffixes, mappings, crosses);
        }
    }

    Consolidated consolidate(GroupCandidate[] pick) {
        Provider[] provs = new Provider[totalClasses];
        int[] rcs = new int[totalClasses];
        long[] sums = new long[totalClasses];
        int n = 0;
        for (int g = 0; g < pick.length; g++) {
            for (int k = 0; k < classes[g].length; k++) {
                Provider p = pick[g].perClass()[k];
                int rc = classes[g][k];
                int found = -1;
                for (int j = 0; j < n && found < 0; j++) {
                    if (provs[j] == p && rcs[j] == rc) {
                        found = j;
                    }
                }
                if (found >= 0) {
                    sums[found] += amounts[g][k];
                } else {
                    provs[n] = p;
                    rcs[n] = rc;
                    sums[n++] = amounts[g][k];
                }
            }
        }
        if (n < totalClasses) {
            return new Consolidated(Arrays.copyOf(provs, n), Arrays.copyOf(rcs, n), Arrays.copyOf(sums, n));
        }
        return new Consolidated(provs, rcs, sums);
    }

    /** A merged amount that no longer fits its provider's capacity or max_unit. */
    static boolean exceedsCapacity(Consolidated c) {
        for (int j = 0; j < c.providers().length; j++) {
            Provider p = c.providers()[j];
            int rc = c.classes()[j];
            Inventory inv = p.inventory(rc);
            if (p.used(rc) + c.amounts()[j] > inv.capacity() || c.amounts()[j] > inv.maxUnit()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Candidates that reach across trees (sharing providers) can be found from more than one anchor:
     * only the first of equal ones is kept. Candidates within one tree are distinct by construction.
     */
    static Iterator<AllocationCandidates.Candidate> dropDuplicates(Iterator<AllocationCandidates.Candidate> source) {
        Set<AllocationCandidates.Candidate> seen = new HashSet<>();
        return new Iterator<>() {
            private AllocationCandidates.Candidate next;

            @Override
            public boolean hasNext() {
                while (next == null && source.hasNext()) {
                    AllocationCandidates.Candidate c = source.next();
                    if (!c.crossesTrees() || seen.add(c)) {
                        next = c;
                    }
                }
                return next != null;
            }

            @Override
            public AllocationCandidates.Candidate next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                AllocationCandidates.Candidate c = next;
                next = null;
                return c;
            }
        };
    }

    /** The first {@code wanted} candidates; the source is not asked for more. */
    static List<AllocationCandidates.Candidate> limit(Iterator<AllocationCandidates.Candidate> source, int wanted) {
        List<AllocationCandidates.Candidate> out = new ArrayList<>(Math.min(wanted, 4096));
        while (out.size() < wanted && source.hasNext()) {
            out.add(source.next());
        }
        return out;
    }
}
