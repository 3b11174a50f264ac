package dev.placementstudio.nova;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * New random boot sequences run through real Nova 26 ({@code nova_box.py}) and through our simulation,
 * compared as {@link NovaBoxGoldenTest} compares the goldens. Seeds differ at each run (printed, and
 * fixed with {@code -Dnova.box.seed=S}); {@code -Dnova.box.live=N} sequences (default 4, two at a time,
 * about 40 s each). Skipped where /usr/bin/python3 cannot import Nova.
 */
class NovaBoxDifferentialTest {
    @Test
    void newSequencesLandWhereNovaPutsThem() throws Exception {
        Assumptions.assumeTrue(NovaBox.available(), "/usr/bin/python3 cannot import nova (run ../shared/nova-oracle/install.sh)");
        int count = Integer.getInteger("nova.box.live", 4);
        long base = Long.getLong("nova.box.seed", 1_000_000L + (System.currentTimeMillis() % 1_000_000L) * 10);
        System.out.println("nova_box live sequences: seeds " + base + " .. " + (base + count - 1));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<BoxComparison.Result> results = new ArrayList<>();
        try {
            List<Future<BoxComparison.Result>> jobs = new ArrayList<>();
            for (long seed = base; seed < base + count; seed++) {
                long s = seed;
                jobs.add(pool.submit(() -> {
                    ObjectNode scenario = BoxScenarios.generate(s);
                    JsonNode nova = BoxReplay.trimNova(NovaBox.run(scenario));
                    return NovaBoxGoldenTest.compare("seed " + s, scenario, nova);
                }));
            }
            for (Future<BoxComparison.Result> j : jobs) {
                results.add(j.get());
            }
        } finally {
            pool.shutdown();
        }
        NovaBoxGoldenTest.report(results);
        List<String> problems = new ArrayList<>();
        results.forEach(r -> r.problems().forEach(x -> problems.add(r.name() + ": " + x)));
        assertThat(problems).isEmpty();
    }
}
