package dev.placementstudio.placement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One run of {@code allocation_candidates}, in Placement's shape: a search context per request group
 * (which providers can serve the group: resources with room, traits, aggregates, tree limits), a
 * request-wide context ({@code root_required}, {@code group_policy}, {@code same_subtree}, {@code limit}),
 * then the merge: product of the groups' candidates per anchor tree → isolate → same_subtree →
 * consolidate per provider → re-check capacity of merged amounts → de-duplicate → limit.
 *
 * <p>Unlike Placement we walk anchor trees in a stable order (creation order of their roots) and generate
 * each tree's candidates lazily, so a {@code limit} stops the work early and nothing is materialized that
 * would be thrown away.
 */
final class CandidateSearch {
    private final PlacementEngine engine;
    private final Structure st;
    private final CandidateQuery q;
    private final CandidateOptions options;
    /** Roots allowed as anchors by root_required; null when any root may anchor. */
    private BitSet anchorRoots;
    private final List<GroupContext> groups = new ArrayList<>();
    private final int granularCount;
    private final List<List<GroupContext>> sameSubtrees = new ArrayList<>();
    private String[] suffixes;
    /** Placement's tree_dict order for the unsuffixed group, by root index (lazily, for behaviour 5). */
    private int[] unsuffixedAnchorRank;

    /** True when the caller needs tree usage for host states, not a response body. */
    private boolean forScheduler;

    CandidateSearch forScheduler() {
        forScheduler = true;
        return this;
    }

    CandidateSearch(PlacementEngine engine, Structure st, CandidateQuery q, CandidateOptions options) {
        this.engine = engine;
        this.st = st;
        this.q = q;
        this.options = options;
        this.granularCount = (int) q.groups().values().stream().filter(RequestGroup::useSameProvider).count();
        this.deadline = options.timeBudgetMillis() == 0 ? Long.MAX_VALUE
                : System.nanoTime() + options.timeBudgetMillis() * 1_000_000L;
    }

    /** {@link System#nanoTime} after which the search gives up ({@link CandidateOptions#timeBudgetMillis}). */
    private final long deadline;
    private int ticks;

    /** Called in the loops whose work grows as a product: gives up, with a 400, once the budget is spent. */
    private void checkTime() {
        if ((++ticks & 0x3ff) == 0 && deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0) {
            throw PlacementException.badRequest("The allocation candidates query did not finish within the server's "
                    + "time budget of " + options.timeBudgetMillis() + " ms (serve --request-timeout). Its work grows "
                    + "as the product of the groups' options: ask with fewer request groups, without "
                    + "group_policy=isolate, or with narrower resources.");
        }
    }

    /** Why a search context found nothing: Placement's ResourceProviderNotFound, answered with an empty 200. */
    private static final class NothingFound extends Exception {
        NothingFound() {
            super(null, null, false, false);
        }
    }

    AllocationCandidates run() {
        try {
            requestWideContext();
            for (RequestGroup g : q.groups().values()) {
                GroupContext ctx;
                try {
                    ctx = new GroupContext(g);
                } catch (PlacementException bad) {
                    // Placement stops at the first group with no candidates, before it looks at later groups
                    for (GroupContext earlier : groups) {
                        if (!earlier.hasAnyCandidate()) {
                            return AllocationCandidates.empty(q.microversion());
                        }
                    }
                    throw bad;
                }
                groups.add(ctx);
            }
        } catch (NothingFound none) {
            return AllocationCandidates.empty(q.microversion());
        }
        for (Set<String> suffixes : q.sameSubtrees()) {
            List<GroupContext> members = new ArrayList<>();
            for (GroupContext g : groups) {
                if (suffixes.contains(g.group.suffix())) {
                    members.add(g);
                }
            }
            sameSubtrees.add(members);
        }
        suffixes = groups.stream().map(g -> g.group.suffix()).toArray(String[]::new);
        return merge();
    }

    // ------------------------------------------------------------------ request-wide context

    private void requestWideContext() throws NothingFound {
        Set<String> required = q.rootRequired();
        Set<String> forbidden = q.rootForbidden();
        boolean anyRequired = required != null && !required.isEmpty();
        boolean anyForbidden = forbidden != null && !forbidden.isEmpty();
        if (!anyRequired && !anyForbidden) {
            return;
        }
        int[] req = anyRequired ? traitIds(required) : new int[0];
        int[] forb = anyForbidden ? traitIds(forbidden) : new int[0];
        java.util.Arrays.sort(req);
        java.util.Arrays.sort(forb);
        anchorRoots = st.rootsWith(req, forb); // shared: only read
        if (anchorRoots.isEmpty()) {
            throw new NothingFound();
        }
    }

    private int[] traitIds(Set<String> names) {
        int[] ids = new int[names.size()];
        int i = 0;
        for (String n : names) {
            int id = engine.traitNames.id(n);
            if (id < 0) {
                throw PlacementException.badRequest("No such trait(s): " + n + ".");
            }
            ids[i++] = id;
        }
        return ids;
    }

    private boolean anchorAllowed(int rootIndex) {
        return anchorRoots == null || anchorRoots.get(rootIndex);
    }

    // ------------------------------------------------------------------ per-group search context

    private final class GroupContext {
        final RequestGroup group;
        final int[] classes;
        final long[] amounts;
        final int[][] requiredAny;
        final int[] forbiddenTraits;
        final BitSet inAggregates;
        final BitSet badAggregates;
        final Provider treeRoot;

        GroupContext(RequestGroup g) throws NothingFound {
            this.group = g;
            int n = g.resources().size();
            classes = new int[n];
            amounts = new long[n];
            int i = 0;
            for (Map.Entry<String, Long> e : g.resources().entrySet()) {
                int rc = engine.classes.id(e.getKey());
                if (rc < 0) {
                    throw PlacementException.badRequest("Invalid resource class in resources parameter: "
                            + "No such resource class " + e.getKey() + ".");
                }
                classes[i] = rc;
                amounts[i++] = e.getValue();
            }
            if (!g.memberOf().isEmpty()) {
                inAggregates = st.membersOfAll(g.memberOf());
                if (inAggregates.isEmpty()) {
                    throw new NothingFound();
                }
            } else {
                inAggregates = null;
            }
            requiredAny = new int[g.requiredTraits().size()][];
            for (int k = 0; k < requiredAny.length; k++) {
                requiredAny[k] = traitIds(g.requiredTraits().get(k));
            }
            forbiddenTraits = g.forbiddenTraits().isEmpty() ? new int[0] : traitIds(g.forbiddenTraits());
            if (g.inTree() != null) {
                Provider p = engine.byUuid.get(g.inTree());
                if (p == null) {
                    throw new NothingFound();
                }
                treeRoot = p.root;
            } else {
                treeRoot = null;
            }
            // Placement's get_providers_with_resource: nothing found for one class ends the search
            for (int k = 0; k < n; k++) {
                boolean any = false;
                int rc = classes[k];
                Provider[] have = rc < st.byClass.length ? st.byClass[rc] : new Provider[0];
                for (Provider p : have) {
                    if (hasRoom(k, p)) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    throw new NothingFound();
                }
            }
            badAggregates = g.forbiddenAggregates().isEmpty() ? null
                    : st.membersOfAll(List.of(g.forbiddenAggregates()));
        }

        /** Room for this group's amount of its k-th class (and in the in_tree tree, if any). */
        boolean hasRoom(int k, Provider p) {
            if (treeRoot != null && p.root != treeRoot) {
                return false;
            }
            return st.hasRoom(p.index, classes[k], amounts[k]);
        }

        /** {@link #hasRoom} by provider index, for a lone provider (no in_tree, no provider object read). */
        boolean hasRoomAt(int k, int index) {
            return st.hasRoom(index, classes[k], amounts[k]);
        }

        boolean resourceless() {
            return classes.length == 0;
        }

        boolean traitsOk(BitSet traits) {
            for (int t : forbiddenTraits) {
                if (traits.get(t)) {
                    return false;
                }
            }
            for (int[] any : requiredAny) {
                boolean found = false;
                for (int t : any) {
                    if (traits.get(t)) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }

        /** {@link #traitsOk} for one provider, read from the structure's per-trait index. */
        boolean traitsOkAt(int index) {
            for (int t : forbiddenTraits) {
                if (st.hasTrait(t, index)) {
                    return false;
                }
            }
            for (int[] any : requiredAny) {
                boolean found = false;
                for (int t : any) {
                    if (st.hasTrait(t, index)) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }

        /** {@link #traitsOk} for the traits of several providers pooled (the unsuffixed group's rule). */
        boolean pooledTraitsOk(Provider[] providers) {
            return pooledTraitsOk(providers, providers.length);
        }

        /** {@link #pooledTraitsOk(Provider[])} over the first {@code count} providers. */
        boolean pooledTraitsOk(Provider[] providers, int count) {
            for (int t : forbiddenTraits) {
                for (int i = 0; i < count; i++) {
                    if (st.hasTrait(t, providers[i].index)) {
                        return false;
                    }
                }
            }
            for (int[] any : requiredAny) {
                boolean found = false;
                search:
                for (int t : any) {
                    for (int i = 0; i < count; i++) {
                        if (st.hasTrait(t, providers[i].index)) {
                            found = true;
                            break search;
                        }
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }

        /** A suffixed group is served by one provider, which must itself satisfy everything. */
        boolean servesAlone(Provider p) {
            for (int k = 0; k < classes.length; k++) {
                if (!hasRoom(k, p)) {
                    return false;
                }
            }
            if (inAggregates != null && !inAggregates.get(p.index)) {
                return false;
            }
            if (badAggregates != null && badAggregates.get(p.index)) {
                return false;
            }
            return traitsOk(p.traits);
        }

        /** The unsuffixed group's aggregate rules apply to a provider or the anchor it serves. */
        boolean entryOk(Provider p, int root) {
            if (inAggregates != null && !inAggregates.get(p.index) && !inAggregates.get(root)) {
                return false;
            }
            return badAggregates == null || (!badAggregates.get(p.index) && !badAggregates.get(root));
        }

        /** Roots that could anchor a candidate of this group: a superset, cheap to compute. */
        BitSet possibleAnchors() {
            BitSet anchors = null;
            for (int rc : classes) {
                BitSet a = st.anchorsWithClass(rc);
                if (anchors == null) {
                    anchors = (BitSet) a.clone();
                } else {
                    anchors.and(a);
                }
            }
            if (anchors == null) {
                anchors = new BitSet();
                for (Provider r : st.roots) {
                    anchors.set(r.index);
                }
            }
            if (treeRoot != null && !group.useSameProvider()) {
                boolean had = anchors.get(treeRoot.index);
                anchors.clear();
                if (had) {
                    anchors.set(treeRoot.index);
                }
            }
            if (anchorRoots != null) {
                anchors.and(anchorRoots);
            }
            return anchors;
        }

        boolean hasAnyCandidate() {
            if (resourceless()) {
                for (Provider r : st.roots) {
                    if (anchorAllowed(r.index) && !candidatesAt(r.index, false).isEmpty()) {
                        return true;
                    }
                }
                return false;
            }
            BitSet anchors = possibleAnchors();
            for (int r = anchors.nextSetBit(0); r >= 0; r = anchors.nextSetBit(r + 1)) {
                if (!candidatesAt(r, false).isEmpty()) {
                    return true;
                }
            }
            return false;
        }

        /** This group's candidates anchored at one tree. */
        List<GroupCandidate> candidatesAt(int root, boolean applySharingQuirk) {
            if (!anchorAllowed(root)) {
                return List.of();
            }
            return group.useSameProvider() ? granularAt(root) : unsuffixedAt(root, applySharingQuirk);
        }

        private List<GroupCandidate> granularAt(int root) {
            if (resourceless() && requiredAny.length == 0 && inAggregates == null) {
                // Placement finds no provider for a resourceless group with nothing to look for
                return List.of();
            }
            List<GroupCandidate> out = new ArrayList<>();
            for (Provider p : st.tree[root]) {
                if (servesAlone(p)) {
                    out.add(single(p));
                }
            }
            for (Provider s : st.sharingFor(root)) {
                if (servesAlone(s)) {
                    out.add(single(s));
                }
            }
            return out;
        }

        private GroupCandidate single(Provider p) {
            Provider[] per = new Provider[classes.length];
            Arrays.fill(per, p);
            return new GroupCandidate(per, new Provider[]{p});
        }

        /** A lone provider (no sharing anywhere) serves this group: the lone case of {@link #unsuffixedAt}. */
        boolean loneFits(int root) {
            if (treeRoot != null && treeRoot.index != root) {
                return false;
            }
            for (int k = 0; k < classes.length; k++) {
                if (!hasRoomAt(k, root)) {
                    return false;
                }
            }
            if (classes.length > 0 && !entryOk(st.byIndex[root], root)) {
                return false;
            }
            return (requiredAny.length == 0 && forbiddenTraits.length == 0) || traitsOkAt(root);
        }

        /**
         * The first of the unsuffixed group's candidates at one tree (no sharing providers anywhere), with
         * how many there are, counted up to {@code cap} without building the others.
         */
        GroupCandidate firstAt(int root, long cap, long[] count) {
            int n = classes.length;
            if (st.treeSize[root] == 1) {
                List<GroupCandidate> lone = unsuffixedAt(root, false);
                count[0] = lone.size();
                return lone.isEmpty() ? null : lone.get(0);
            }
            if (!optionsInto(root)) {
                return null;
            }
            // the scratch arrays are this context's own (one search, one thread), reused tree after tree
            Provider[][] options = scratch;
            int[] lens = scratchLen;
            boolean checkTraits = requiredAny.length > 0 || forbiddenTraits.length > 0;
            int[] idx = scratchIdx;
            Arrays.fill(idx, 0);
            Provider[] per = scratchPer;
            Provider[] distinct = scratchDistinct;
            GroupCandidate first = null;
            long counted = 0;
            while (counted < cap) {
                for (int k = 0; k < n; k++) {
                    per[k] = options[k][idx[k]];
                }
                int d = distinctInto(per, distinct);
                if (!checkTraits || pooledTraitsOk(distinct, d)) {
                    if (first == null) {
                        first = new GroupCandidate(per.clone(), Arrays.copyOf(distinct, d));
                    }
                    counted++;
                }
                int k = n - 1;
                while (k >= 0 && ++idx[k] == lens[k]) {
                    idx[k] = 0;
                    k--;
                }
                if (k < 0) {
                    break;
                }
            }
            count[0] = counted;
            return first;
        }

        /** The options of the last tree {@link #optionsInto} looked at, in reused arrays: per class, the first {@code scratchLen[k]}. */
        private Provider[][] scratch;
        private int[] scratchLen;
        private int[] scratchIdx;
        private Provider[] scratchPer;
        private Provider[] scratchDistinct;

        /**
         * For each class of the group, the providers of the tree (then the sharing providers that may
         * serve it) with room and allowed by the aggregate rules, into {@link #scratch}; false when a class
         * has none. {@link #firstAt} reads them in place, {@link #optionsAt} copies them.
         */
        private boolean optionsInto(int root) {
            Provider[] tree = st.tree[root];
            List<Provider> sharingHere = treeRoot == null ? st.sharingFor(root) : List.of();
            int n = classes.length;
            int room = tree.length + sharingHere.size();
            if (scratch == null) {
                scratch = new Provider[n][];
                scratchLen = new int[n];
                scratchIdx = new int[n];
                scratchPer = new Provider[n];
                scratchDistinct = new Provider[n];
            }
            for (int k = 0; k < n; k++) {
                Provider[] buffer = scratch[k];
                if (buffer == null || buffer.length < room) {
                    buffer = new Provider[Math.max(room, 8)];
                    scratch[k] = buffer;
                }
                int found = 0;
                for (Provider p : tree) {
                    if (hasRoom(k, p) && entryOk(p, root)) {
                        buffer[found++] = p;
                    }
                }
                for (Provider sp : sharingHere) {
                    if (hasRoom(k, sp) && (inAggregates == null || inAggregates.get(sp.index))
                            && entryOk(sp, root)) {
                        buffer[found++] = sp;
                    }
                }
                if (found == 0) {
                    return false;
                }
                scratchLen[k] = found;
            }
            return true;
        }

        /** {@link #optionsInto}'s answer as arrays of their own (the full answer keeps them); null when a class has none. */
        private Provider[][] optionsAt(int root) {
            if (!optionsInto(root)) {
                return null;
            }
            Provider[][] options = new Provider[classes.length][];
            for (int k = 0; k < classes.length; k++) {
                options[k] = Arrays.copyOf(scratch[k], scratchLen[k]);
            }
            return options;
        }

        private List<GroupCandidate> unsuffixedAt(int root, boolean applySharingQuirk) {
            int n = classes.length;
            if (st.treeSize[root] == 1 && (treeRoot != null || st.sharingFor(root).isEmpty())) {
                // a lone provider (a flat compute): it serves every class or nothing
                if (treeRoot != null && treeRoot.index != root) {
                    return List.of();
                }
                for (int k = 0; k < n; k++) {
                    if (!hasRoomAt(k, root)) {
                        return List.of();
                    }
                }
                Provider p = st.byIndex[root];
                if (n > 0 && !entryOk(p, root)) {
                    return List.of();
                }
                if ((requiredAny.length > 0 || forbiddenTraits.length > 0) && !traitsOkAt(root)) {
                    return List.of();
                }
                return List.of(single(p));
            }
            Provider[][] options = optionsAt(root);
            if (options == null) {
                return List.of();
            }
            long combinations = 1;
            for (Provider[] o : options) {
                combinations = Math.min(combinations * o.length, 4096);
            }
            List<GroupCandidate> out = new ArrayList<>((int) combinations);
            int[] idx = new int[n];
            boolean checkTraits = requiredAny.length > 0 || forbiddenTraits.length > 0;
            while (true) {
                checkTime();
                Provider[] per = new Provider[n];
                for (int k = 0; k < n; k++) {
                    per[k] = options[k][idx[k]];
                }
                Provider[] distinct = distinct(per);
                boolean sharingOnly = true;
                for (Provider p : distinct) {
                    if (p.root.index == root) {
                        sharingOnly = false;
                        break;
                    }
                }
                if ((!checkTraits || pooledTraitsOk(distinct))
                        && (!sharingOnly || !applySharingQuirk || chosenAnchor(this, distinct) == root)) {
                    out.add(new GroupCandidate(per, distinct));
                }
                if (!nextCombination(idx, options)) {
                    break;
                }
            }
            return out;
        }
    }

    /** Moves the odometer {@code idx} over {@code options} to the next combination; false after the last. */
    private static boolean nextCombination(int[] idx, Provider[][] options) {
        int k = idx.length - 1;
        while (k >= 0 && ++idx[k] == options[k].length) {
            idx[k] = 0;
            k--;
        }
        return k >= 0;
    }

    private static Provider[] distinct(Provider[] per) {
        Provider[] out = new Provider[per.length];
        int n = distinctInto(per, out);
        return n == per.length ? out : Arrays.copyOf(out, n);
    }

    /** The distinct providers of {@code per}, in order of first appearance, into {@code out}; their count. */
    private static int distinctInto(Provider[] per, Provider[] out) {
        int n = 0;
        outer:
        for (Provider p : per) {
            for (int i = 0; i < n; i++) {
                if (out[i] == p) {
                    continue outer;
                }
            }
            out[n++] = p;
        }
        return n;
    }


    // ------------------------------------------------------------------ behaviour 5: one anchor keeps a shared part

    /**
     * Placement collects the unsuffixed group's allocation requests in a set whose equality ignores the
     * anchor tree, so a request made only of sharing providers survives for the first tree, in its
     * {@code tree_dict} order, that produced it; only that tree can combine it with the granular groups.
     */
    private int chosenAnchor(GroupContext ctx, Provider[] combo) {
        int[] rank = unsuffixedAnchorRank(ctx);
        int best = -1;
        int bestRank = Integer.MAX_VALUE;
        for (Provider r : st.roots) {
            int ri = r.index;
            if (rank[ri] >= bestRank || rank[ri] == Integer.MAX_VALUE || !anchorAllowed(ri)) {
                continue;
            }
            boolean ok = true;
            for (Provider p : combo) {
                boolean serves = p.root.index == ri || contains(st.anchorsOfSharing.get(p.index), ri);
                if (!serves || !ctx.entryOk(p, ri)) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                best = ri;
                bestRank = rank[ri];
            }
        }
        return best;
    }

    private static boolean contains(int[] sorted, int v) {
        return sorted != null && Arrays.binarySearch(sorted, v) >= 0;
    }

    private int[] unsuffixedAnchorRank(GroupContext ctx) {
        if (unsuffixedAnchorRank != null) {
            return unsuffixedAnchorRank;
        }
        int standard = dev.placementstudio.model.StandardNames.resourceClasses().size();
        PySetOrder provs = new PySetOrder();
        for (int k = 0; k < ctx.classes.length; k++) {
            int rc = ctx.classes[k];
            long pyRc = rc < standard ? rc : 10000 + (rc - standard);
            PySetOrder rows = new PySetOrder();
            BitSet room = new BitSet();
            for (Provider p : st.byClass[rc]) {
                if (ctx.hasRoom(k, p)) {
                    room.set(p.index);
                    rows.add(new long[]{p.index + 1, p.root.index + 1});
                }
            }
            PySetOrder c = new PySetOrder();
            c.ior(rows.mapFilter(t -> new long[]{t[0], t[1], pyRc}, t -> true));
            if (ctx.treeRoot == null) {
                PySetOrder anchors = new PySetOrder();
                for (Provider s : st.sharing) {
                    if (room.get(s.index) && (ctx.inAggregates == null || ctx.inAggregates.get(s.index))) {
                        for (int a : st.anchorsOfSharing.get(s.index)) {
                            anchors.add(new long[]{s.index + 1, a + 1});
                        }
                    }
                }
                if (anchors.size() > 0) {
                    c.ior(anchors.mapFilter(t -> new long[]{t[0], t[1], pyRc}, t -> true));
                }
            }
            if (anchorRoots != null) {
                c = c.mapFilter(t -> t, t -> anchorRoots.get((int) t[1] - 1));
            }
            if (ctx.inAggregates != null) {
                BitSet in = ctx.inAggregates;
                c = c.mapFilter(t -> t, t -> in.get((int) t[0] - 1) || in.get((int) t[1] - 1));
            }
            if (ctx.badAggregates != null) {
                BitSet bad = ctx.badAggregates;
                c = c.mapFilter(t -> t, t -> !bad.get((int) t[0] - 1) && !bad.get((int) t[1] - 1));
            }
            if (provs.size() == 0) {
                provs = c;
            } else if (c.size() > 0) {
                Set<Long> mine = new HashSet<>();
                provs.items().forEach(t -> mine.add(t[1]));
                Set<Long> both = new HashSet<>();
                c.items().forEach(t -> {
                    if (mine.contains(t[1])) {
                        both.add(t[1]);
                    }
                });
                provs.ior(c);
                provs = provs.mapFilter(t -> t, t -> both.contains(t[1]));
            }
        }
        int[] rank = new int[st.byIndex.length];
        Arrays.fill(rank, Integer.MAX_VALUE);
        int next = 0;
        for (long[] t : provs.items()) {
            int r = (int) t[1] - 1;
            if (rank[r] == Integer.MAX_VALUE) {
                rank[r] = next++;
            }
        }
        unsuffixedAnchorRank = rank;
        return rank;
    }

    // ------------------------------------------------------------------ merge

    private AllocationCandidates merge() {
        BitSet anchors = null;
        for (GroupContext g : groups) {
            if (!g.resourceless()) {
                BitSet a = g.possibleAnchors();
                // a granular group pinned by in_tree may still reach other anchors through sharing providers
                if (anchors == null) {
                    anchors = a;
                } else {
                    anchors.and(a);
                }
            }
        }
        if (anchors == null || anchors.isEmpty()) {
            return AllocationCandidates.empty(q.microversion());
        }
        boolean quirk = granularCount > 0 && groups.stream().anyMatch(g -> !g.group.useSameProvider())
                && !st.sharing.isEmpty();
        int limit = q.limit() == null ? Integer.MAX_VALUE : q.limit();
        int bound = options.maxAllocationCandidates() < 0 ? Integer.MAX_VALUE : options.maxAllocationCandidates();
        int wanted = Math.min(limit, bound);

        if (forScheduler && groups.size() == 1 && sameSubtrees.isEmpty() && st.sharing.isEmpty()
                && !groups.get(0).group.useSameProvider()
                && options.generationStrategy() == CandidateOptions.GenerationStrategy.DEPTH_FIRST) {
            return firstPerTree(anchors, wanted);
        }
        mergeStep = newMerge();
        Iterator<AllocationCandidates.Candidate> source =
                options.generationStrategy() == CandidateOptions.GenerationStrategy.BREADTH_FIRST
                        ? new RoundRobin(anchors, quirk) : new DepthFirst(anchors, quirk);
        List<AllocationCandidates.Candidate> out = CandidateMerge.limit(CandidateMerge.dropDuplicates(source), wanted);
        return AllocationCandidates.of(out, st, engine, q.microversion(), q.groups(), forScheduler);
    }

    /** The merge steps over this request's groups, in group order. */
    private CandidateMerge newMerge() {
        int n = groups.size();
        int[][] classes = new int[n][];
        long[][] amounts = new long[n][];
        boolean[] granular = new boolean[n];
        for (int g = 0; g < n; g++) {
            classes[g] = groups.get(g).classes;
            amounts[g] = groups.get(g).amounts;
            granular[g] = groups.get(g).group.useSameProvider();
        }
        int[][] subtrees = new int[sameSubtrees.size()][];
        for (int i = 0; i < subtrees.length; i++) {
            subtrees[i] = sameSubtrees.get(i).stream().mapToInt(groups::indexOf).toArray();
        }
        return new CandidateMerge(st, classes, amounts, granular, "isolate".equals(q.groupPolicy()), subtrees, suffixes);
    }

    private CandidateMerge mergeStep;

    /**
     * A scheduler's answer to a one-group query when no provider shares: Nova keeps only the first
     * allocation request of each host, so each tree yields its first candidate, and its other candidates
     * are only counted (they still use up the {@code limit}, exactly as the full answer's would). Without
     * sharing providers no candidate crosses trees, so nothing is de-duplicated across trees.
     */
    private AllocationCandidates firstPerTree(BitSet anchors, int wanted) {
        GroupContext g = groups.get(0);
        List<AllocationCandidates.Candidate> out = new ArrayList<>(Math.min(wanted, 1024));
        long total = 0;
        for (int r = anchors.nextSetBit(0); r >= 0 && total < wanted; r = anchors.nextSetBit(r + 1)) {
            if (!anchorAllowed(r)) {
                continue;
            }
            if (st.treeSize[r] == 1) {
                if (g.loneFits(r)) {
                    Provider p = st.byIndex[r];
                    out.add(new AllocationCandidates.Candidate(p, p.repeated(g.classes.length), g.classes, g.amounts,
                            suffixes, p.aloneMapping(), false));
                    total++;
                }
                continue;
            }
            long[] count = {0};
            GroupCandidate first = g.firstAt(r, wanted - total, count);
            if (first != null) {
                out.add(direct(r, first));
                total += count[0];
            }
        }
        return AllocationCandidates.forScheduler(out, st, engine, (int) total);
    }

    /** All candidates of one anchor tree, generated lazily (an odometer over the groups' lists). */
    private final class AnchorCandidates implements Iterator<AllocationCandidates.Candidate> {
        private final int root;
        private final GroupCandidate[][] lists;
        private final int[] idx;
        private boolean done;
        private AllocationCandidates.Candidate next;

        AnchorCandidates(int root, boolean quirk) {
            this.root = root;
            lists = new GroupCandidate[groups.size()][];
            for (int g = 0; g < groups.size(); g++) {
                List<GroupCandidate> l = groups.get(g).candidatesAt(root, quirk);
                if (l.isEmpty()) {
                    done = true;
                    break;
                }
                lists[g] = l.toArray(new GroupCandidate[0]);
            }
            idx = new int[groups.size()];
            single = !done && lists.length == 1 && q.sameSubtrees().isEmpty();
        }

        /** One group and no same_subtree: a group candidate is already a candidate, nothing to merge. */
        private final boolean single;

        @Override
        public boolean hasNext() {
            while (next == null && !done) {
                checkTime();
                if (single) {
                    next = direct(root, lists[0][idx[0]]);
                } else {
                    GroupCandidate[] pick = new GroupCandidate[lists.length];
                    for (int g = 0; g < lists.length; g++) {
                        pick[g] = lists[g][idx[g]];
                    }
                    next = mergeStep.merge(root, pick);
                }
                int k = lists.length - 1;
                while (k >= 0 && ++idx[k] == lists[k].length) {
                    idx[k] = 0;
                    k--;
                }
                if (k < 0) {
                    done = true;
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
    }

    private final class DepthFirst implements Iterator<AllocationCandidates.Candidate> {
        private final BitSet anchors;
        private final boolean quirk;
        private int nextRoot;
        private AnchorCandidates current;

        DepthFirst(BitSet anchors, boolean quirk) {
            this.anchors = anchors;
            this.quirk = quirk;
            this.nextRoot = anchors.nextSetBit(0);
        }

        @Override
        public boolean hasNext() {
            while (current == null || !current.hasNext()) {
                if (nextRoot < 0) {
                    return false;
                }
                current = new AnchorCandidates(nextRoot, quirk);
                nextRoot = anchors.nextSetBit(nextRoot + 1);
            }
            return true;
        }

        @Override
        public AllocationCandidates.Candidate next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }

    /** Breadth-first: one candidate from each anchor tree in turn. */
    private final class RoundRobin implements Iterator<AllocationCandidates.Candidate> {
        private final List<AnchorCandidates> live = new ArrayList<>();
        private int pos;

        RoundRobin(BitSet anchors, boolean quirk) {
            for (int r = anchors.nextSetBit(0); r >= 0; r = anchors.nextSetBit(r + 1)) {
                AnchorCandidates a = new AnchorCandidates(r, quirk);
                if (a.hasNext()) {
                    live.add(a);
                }
            }
        }

        @Override
        public boolean hasNext() {
            while (!live.isEmpty()) {
                if (pos >= live.size()) {
                    pos = 0;
                }
                if (live.get(pos).hasNext()) {
                    return true;
                }
                live.remove(pos);
            }
            return false;
        }

        @Override
        public AllocationCandidates.Candidate next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return live.get(pos++).next();
        }
    }

    /**
     * The candidate of a one-group query: its amounts were checked provider by provider already (the
     * merged amounts are the same), so only the distinct (provider, class) pairs are laid out.
     */
    private AllocationCandidates.Candidate direct(int root, GroupCandidate c) {
        GroupContext ctx = groups.get(0);
        boolean crosses = false;
        for (Provider p : c.perClass()) {
            crosses |= p.root.index != root || p.sharing;
        }
        for (Provider p : c.mapping()) {
            crosses |= p.root.index != root || p.sharing;
        }
        // candidates are never modified: the group's arrays are shared, not copied
        return new AllocationCandidates.Candidate(st.byIndex[root], c.perClass(), ctx.classes, ctx.amounts, suffixes,
                new Provider[][]{c.mapping()}, crosses);
    }

    private static Provider[] union(Provider[] a, Provider[] b) {
        List<Provider> out = new ArrayList<>(List.of(a));
        for (Provider p : b) {
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return out.toArray(new Provider[0]);
    }
}
