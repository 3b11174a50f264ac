package dev.placementstudio.placement;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The merge steps of {@link CandidateMerge} one by one, and the value equality of a candidate. */
class CandidateMergeTest {
    private static final String[] SUFFIXES = {"", "_A"};

    private final Provider root = new Provider(0, "00000000-0000-0000-0000-000000000000", "cn");
    private final Provider numa0 = child(1, "numa0");
    private final Provider numa1 = child(2, "numa1");
    private final Provider pf = child(3, "pf", numa0);

    private Provider child(int index, String name) {
        return child(index, name, root);
    }

    private Provider child(int index, String name, Provider parent) {
        Provider p = new Provider(index, "00000000-0000-0000-0000-00000000000" + index, name);
        p.parent = parent;
        p.root = parent.root;
        parent.children.add(p);
        return p;
    }

    private static AllocationCandidates.Candidate candidate(Provider[] provs, int[] classes, long[] amounts,
                                                            Provider[]... mappings) {
        return new AllocationCandidates.Candidate(provs[0].root, provs, classes, amounts, SUFFIXES, mappings, true);
    }

    @Test
    void candidatesAreEqualAsPlacementsAreWhateverTheOrder() {
        var a = candidate(new Provider[]{numa0, pf}, new int[]{0, 5}, new long[]{2, 1},
                new Provider[]{numa0}, new Provider[]{pf, numa0});
        var b = candidate(new Provider[]{pf, numa0}, new int[]{5, 0}, new long[]{1, 2},
                new Provider[]{numa0}, new Provider[]{numa0, pf});
        var otherAmount = candidate(new Provider[]{pf, numa0}, new int[]{5, 0}, new long[]{1, 3},
                new Provider[]{numa0}, new Provider[]{numa0, pf});
        var otherMapping = candidate(new Provider[]{pf, numa0}, new int[]{5, 0}, new long[]{1, 2},
                new Provider[]{numa0, pf}, new Provider[]{numa0});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(otherAmount).isNotEqualTo(otherMapping);
    }

    @Test
    void dropDuplicatesKeepsTheFirstOfEqualCrossTreeCandidates() {
        var a = candidate(new Provider[]{numa0}, new int[]{0}, new long[]{1}, new Provider[]{numa0}, new Provider[]{numa0});
        var same = candidate(new Provider[]{numa0}, new int[]{0}, new long[]{1}, new Provider[]{numa0}, new Provider[]{numa0});
        var other = candidate(new Provider[]{numa1}, new int[]{0}, new long[]{1}, new Provider[]{numa1}, new Provider[]{numa1});
        List<AllocationCandidates.Candidate> out =
                CandidateMerge.limit(CandidateMerge.dropDuplicates(List.of(a, same, other, a).iterator()), 10);
        assertThat(out).containsExactly(a, other);
        assertThat(out.get(0)).isSameAs(a);
        assertThat(CandidateMerge.limit(List.of(a, other).iterator(), 1)).containsExactly(a);
    }

    @Test
    void isolateSameSubtreeAndConsolidate() {
        Structure st = null; // the steps below do not read the structure
        CandidateMerge isolate = new CandidateMerge(st, new int[][]{{0}, {0}}, new long[][]{{1}, {2}},
                new boolean[]{true, true}, true, new int[][]{{0, 1}}, SUFFIXES);
        GroupCandidate onNuma0 = new GroupCandidate(new Provider[]{numa0}, new Provider[]{numa0});
        GroupCandidate onNuma1 = new GroupCandidate(new Provider[]{numa1}, new Provider[]{numa1});
        GroupCandidate onPf = new GroupCandidate(new Provider[]{pf}, new Provider[]{pf});
        assertThat(isolate.satisfiesGroupPolicy(new GroupCandidate[]{onNuma0, onNuma0})).isFalse();
        assertThat(isolate.satisfiesGroupPolicy(new GroupCandidate[]{onNuma0, onNuma1})).isTrue();
        // same_subtree: numa0 is pf's ancestor; numa0 and numa1 have no common member of the set above both
        assertThat(isolate.satisfiesSameSubtree(new GroupCandidate[]{onNuma0, onPf})).isTrue();
        assertThat(isolate.satisfiesSameSubtree(new GroupCandidate[]{onNuma0, onNuma1})).isFalse();
        CandidateMerge.Consolidated c = isolate.consolidate(new GroupCandidate[]{onNuma0, onNuma0});
        assertThat(c.providers()).containsExactly(numa0);
        assertThat(c.amounts()).containsExactly(3L);
    }
}
