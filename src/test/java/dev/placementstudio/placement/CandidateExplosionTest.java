package dev.placementstudio.placement;

import dev.placementstudio.model.PlacementState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query whose full answer is huge (granular groups over many SR-IOV PFs per host) must stop at the
 * limit, or at max_allocation_candidates, without generating the rest.
 */
class CandidateExplosionTest {
    /** 2,000 hosts with 12 PFs each: 4 granular VF groups give 12^4 = 20,736 candidates per host (41 million in all). */
    private static PlacementEngine manyPfs() {
        Fixtures f = new Fixtures();
        for (int h = 0; h < 2000; h++) {
            f.provider("cn" + h, null, Fixtures.inv("VCPU", 64, "MEMORY_MB", 262144), List.of("COMPUTE_NODE"), List.of());
            for (int pf = 0; pf < 12; pf++) {
                f.provider("cn" + h + "_pf" + pf, "cn" + h, Fixtures.inv("SRIOV_NET_VF", 16), List.of(), List.of());
            }
        }
        return f.engine();
    }

    private static final String QUERY = "resources=VCPU:1&resources1=SRIOV_NET_VF:1&resources2=SRIOV_NET_VF:1"
            + "&resources3=SRIOV_NET_VF:1&resources4=SRIOV_NET_VF:1&group_policy=none";

    @Test
    void limitStopsTheWorkEarly() {
        PlacementEngine e = manyPfs();
        long t0 = System.nanoTime();
        AllocationCandidates c = e.allocationCandidates(QUERY + "&limit=1000");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(c.size()).isEqualTo(1000);
        assertThat(ms).as("a limited answer must not walk 41 million candidates").isLessThan(5_000);
        Set<String> distinct = new HashSet<>();
        c.requests().forEach(r -> distinct.add(r.allocations() + "|" + r.mappings()));
        assertThat(distinct).hasSize(1000);
    }

    @Test
    void maxAllocationCandidatesBoundsAnUnlimitedQueryAndBreadthFirstSpreadsIt() {
        PlacementEngine e = manyPfs();
        CandidateOptions opts = new CandidateOptions(4000, CandidateOptions.GenerationStrategy.BREADTH_FIRST);
        AllocationCandidates c = e.allocationCandidates(CandidateQuery.parse(QUERY), opts);
        assertThat(c.size()).isEqualTo(4000);
        List<String> anchors = new ArrayList<>();
        c.requests().forEach(r -> anchors.add(r.anchorRootUuid()));
        // one candidate per host in turn: the first 2,000 are on 2,000 different hosts
        assertThat(new HashSet<>(anchors.subList(0, 2000))).hasSize(2000);
        CandidateOptions depth = new CandidateOptions(4000, CandidateOptions.GenerationStrategy.DEPTH_FIRST);
        AllocationCandidates d = e.allocationCandidates(CandidateQuery.parse(QUERY), depth);
        assertThat(d.requests().stream().map(AllocationCandidates.Request::anchorRootUuid).distinct().count()).isEqualTo(1);
    }
}
