package dev.placementstudio.cli;

import dev.placementstudio.TestFiles;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Issue 19: malformed scenario files through {@code scenario run FILE.json --events OUT}: exit 0 or 2, on 2
 * {@code file:line:col: message} and no event log, never a stack trace, and the file
 * unchanged. The bases are two small built-in scenarios (a claim race; a cell going down, with events).
 */
class ScenarioFuzzTest {
    private static final int TRIES = 60;
    private static final FuzzSupport.Tally SCENARIOS = new FuzzSupport.Tally("ScenarioFuzzTest.scenarioJson");
    private static final String[] TOKENS = concat(FuzzSupport.ODD_JSON_TOKENS, "\"pike\"", "\"no-such-era\"", "0",
            "\"steps\": [],", "{\"type\": \"no_such_event\"}", "\"highlight\": [\"rack:x\"],", "\"nth\": -1,");

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Provide
    Arbitrary<String> mutatedScenario() throws Exception {
        Path dir = TestFiles.root().resolve("sample-clouds/scenarios");
        List<String> bases = List.of(Files.readString(dir.resolve("claim-race-pre-pike.json")),
                Files.readString(dir.resolve("cell-down.json")));
        return Arbitraries.of(bases).flatMap(b -> FuzzSupport.mutationsOf(b, TOKENS));
    }

    @Property(tries = TRIES)
    void scenarioJson(@ForAll("mutatedScenario") String text) throws Exception {
        Path dir = Files.createTempDirectory("scenariofuzz");
        try {
            Path in = dir.resolve("story.json");
            Files.writeString(in, text);
            String before = FuzzSupport.sha256(in);
            Path events = dir.resolve("ev.jsonl");
            CliRunner.Result r = CliRunner.run("scenario", "run", in.toString(), "--events", events.toString());
            SCENARIOS.count(r);
            FuzzSupport.assertCleanOutcome(r, in, before, FuzzSupport.lineAndColumn(in), events);
        } finally {
            FuzzSupport.deleteTree(dir);
        }
    }

    @AfterContainer
    static void summary() {
        System.out.println(SCENARIOS.line());
    }
}
