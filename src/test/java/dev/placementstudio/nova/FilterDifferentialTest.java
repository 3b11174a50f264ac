package dev.placementstudio.nova;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AddLifecycleHook;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Differential test: random host states and requests, Nova 26's own filters (through
 * {@link FilterOracle}) against ours, filter by filter: the same hosts must survive. A batch of cases per
 * try, so that Python imports Nova once per batch. Skipped where the oracle is not installed; the
 * goldens ({@link FilterGoldensTest}) still run there.
 */
@AddLifecycleHook(NovaOracleAvailable.class)
class FilterDifferentialTest {
    /** 4 tries x 250 cases = 1,000 cases, four Nova imports. */
    @Property(tries = 4, shrinking = ShrinkingMode.OFF)
    void theSameHostsSurviveEachFilterAsInNova(@ForAll("batches") List<ObjectNode> cases) {
        List<JsonNode> answers = FilterOracle.run(cases);
        FilterComparison cmp = new FilterComparison();
        for (int i = 0; i < cases.size(); i++) {
            cmp.compare(cases.get(i), answers.get(i));
        }
        Statistics.label("filter answers").collect(cmp.compared);
        Statistics.label("partial answers").collect(cmp.partial);
        Statistics.label("answers Nova raised on").collect(cmp.skipped);
        assertTrue(cmp.mismatches.isEmpty(), cmp::report);
        assertTrue(cmp.partial > 0, "no filter kept some hosts and dropped others: the generator is too tame");
    }

    @Provide
    Arbitrary<List<ObjectNode>> batches() {
        return Arbitraries.randomValue(FilterCases::generate).list().ofSize(250);
    }
}
