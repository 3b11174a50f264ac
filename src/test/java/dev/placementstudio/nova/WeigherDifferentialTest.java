package dev.placementstudio.nova;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Nova 26 against us on generated host states (issue 21): the same survivors, the same raw,
 * normalized and per-host multiplier of every weigher, the same ranking (ties as sets) and the same
 * Selection. Each try is a batch of cases run in one python process (importing Nova costs ~3 s, a case
 * ~10 ms); 5 tries x 250 cases = 1,250 cases in about 30 s. Skipped where Nova is not installed; the
 * goldens (NovaGoldenTest) run everywhere.
 */
class WeigherDifferentialTest {
    static final int CASES_PER_TRY = 250;

    @Property(tries = 5, shrinking = ShrinkingMode.OFF)
    void nova26WeighsOurHostStatesAsWeDo(@ForAll long batch) {
        HostStatesOracle.assumeAvailable();
        List<NovaCases.Case> cases = new ArrayList<>();
        java.util.SplittableRandom seeds = new java.util.SplittableRandom(batch);
        for (int i = 0; i < CASES_PER_TRY; i++) {
            cases.add(NovaCases.generate(seeds.nextLong()));
        }
        List<JsonNode> answers = HostStatesOracle.run(cases.stream().map(NovaCases.Case::json).toList());
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            NovaCases.Case c = cases.get(i);
            NovaCases.Ours ours = c.ours();
            List<String> diffs = HostStatesOracle.compare(answers.get(i), ours.decision(), ours.selections());
            if (!diffs.isEmpty()) {
                failures.add("seed " + c.seed() + ": " + String.join("; ", diffs.subList(0, Math.min(4, diffs.size()))));
            }
        }
        assertThat(failures).as("cases where Nova weighs otherwise").isEmpty();
    }
}
