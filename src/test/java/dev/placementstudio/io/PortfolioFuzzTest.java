package dev.placementstudio.io;

import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.TestFiles;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any damage to a portfolio file ends in a portfolio or in a placed problem: never another exception,
 * never a problem without its file, and for a problem inside the JSON, its line and column.
 */
class PortfolioFuzzTest {
    private static final String GOOD = "{\"schemaVersion\": 1, \"name\": \"f\", \"base\": \"" + TestFiles.sample("teaching-small")
            + "\",\n \"designs\": [{\"name\": \"base\", \"edits\": []}, {\"name\": \"more\", \"edits\": ["
            + "{\"op\": \"add_hosts\", \"like\": \"cn-4\", \"count\": 2}, {\"op\": \"set_allocation_ratios\","
            + " \"hosts\": [\"cn-*\"], \"ram\": 2.0}, {\"op\": \"set_weighers\", \"multipliers\": {\"RAMWeigher\": -1}}]}],\n"
            + " \"workloads\": [\"" + TestFiles.root().resolve("sample-clouds/workloads/teaching-busy-day.json") + "\"],\n"
            + " \"eras\": [\"pike\", \"queens\"], \"seeds\": [1, 2],\n"
            + " \"cost\": [{\"kind\": \"c\", \"hosts\": \"*\", \"price\": 1, \"watts\": 2}]}";

    private static final String[] PIECES = {"", "null", "0", "-1", "1e9", "\"\"", "\"cn-*\"", "[]", "{}", "[null]",
            "\"kilo\"", "true", "\"add_hosts\"", "\"remove_hosts\"", "\"nope\"", "\"cn-99\"", ",", "}", "]", "\"x\": 1,",
            "99999999999999999999"};

    @Provide
    Arbitrary<String> damaged() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, GOOD.length() - 1);
        Arbitrary<Integer> len = Arbitraries.integers().between(0, 12);
        Arbitrary<String> piece = Arbitraries.of(PIECES);
        return Combinators.combine(at, len, piece).as((a, l, p) ->
                GOOD.substring(0, a) + p + GOOD.substring(Math.min(GOOD.length(), a + l)));
    }

    @Property(tries = 300)
    void damageIsPlacedOrHarmless(@ForAll("damaged") String text) throws Exception {
        Path dir = Files.createTempDirectory("portfoliofuzz");
        Path p = dir.resolve("p.json");
        try {
            Files.writeString(p, text);
            try {
                PortfolioFiles.Portfolio read = PortfolioFiles.read(p, ModelFiles::open);
                assertThat(read.cells()).isPositive();
            } catch (InputProblemException e) {
                assertThat(e.file()).isNotBlank();
                if (e.file().equals(p.toString())) {
                    assertThat(e.line()).as(e.getMessage()).isPositive();
                }
                assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("dev.placementstudio");
            }
        } finally {
            Files.deleteIfExists(p);
            Files.deleteIfExists(dir);
        }
    }
}
