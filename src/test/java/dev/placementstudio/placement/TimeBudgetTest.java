package dev.placementstudio.placement;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A query whose work is a product over many granular groups (3,000 groups with isolate on hosts with two NUMA nodes: 2^3000
 * combinations per host, none of which is kept) gives up once its time budget is spent, with a 400.
 */
class TimeBudgetTest {
    static PlacementEngine numaHosts() {
        Fixtures f = new Fixtures();
        for (int h = 0; h < 4; h++) {
            f.provider("cn" + h, null, Fixtures.inv("DISK_GB", 1000), List.of("COMPUTE_NODE"), List.of());
            for (int n = 0; n < 2; n++) {
                f.provider("cn" + h + "_numa" + n, "cn" + h, Fixtures.inv("VCPU", 64, "MEMORY_MB", 65536),
                        List.of("HW_NUMA_ROOT"), List.of());
            }
        }
        return f.engine();
    }

    static String isolateGroups(int n) {
        StringBuilder q = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            q.append("resources").append(i).append("=VCPU:1&");
        }
        return q.append("group_policy=isolate&limit=1").toString();
    }

    @Test
    void aSearchPastItsBudgetIsRefusedWithA400() {
        PlacementEngine e = numaHosts();
        CandidateOptions budget = CandidateOptions.PLACEMENT_8.withTimeBudget(200);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> e.allocationCandidates(isolateGroups(3000), CandidateQuery.MAX_MICROVERSION, budget))
                .isInstanceOfSatisfying(PlacementException.class, ex -> {
                    assertThat(ex.status()).isEqualTo(400);
                    assertThat(ex.getMessage()).contains("time budget of 200 ms").contains("--request-timeout");
                });
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).as("the search stops soon after its budget").isLessThan(3_000);
    }

    @Test
    void aBudgetChangesNoAnswerThatFitsInIt() {
        PlacementEngine e = numaHosts();
        String q = isolateGroups(2).replace("&limit=1", "");
        AllocationCandidates free = e.allocationCandidates(q, CandidateQuery.MAX_MICROVERSION, CandidateOptions.PLACEMENT_8);
        AllocationCandidates budgeted = e.allocationCandidates(q, CandidateQuery.MAX_MICROVERSION,
                CandidateOptions.PLACEMENT_8.withTimeBudget(60_000));
        assertThat(free.size()).isEqualTo(8); // two NUMA nodes per host, in either order, on 4 hosts
        assertThat(budgeted.toJson()).isEqualTo(free.toJson());
    }

    @Test
    void aNegativeBudgetIsRefused() {
        assertThatThrownBy(() -> CandidateOptions.PLACEMENT_8.withTimeBudget(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
