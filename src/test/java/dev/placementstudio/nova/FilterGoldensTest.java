package dev.placementstudio.nova;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real Nova 26's filter answers, captured into {@code src/test/resources/nova-golden/filters/} by
 * {@code src/test/oracle/capture-nova-filters.sh} (which runs {@link #capture}), replayed against our
 * filters on every build: no Python needed.
 */
class FilterGoldensTest {
    static final Path DIR = Path.of("src/test/resources/nova-golden/filters");
    /** A golden file: its name, the generator's seed, how many cases to try. */
    record GoldenSet(String name, long seed, int cases) {
    }

    static final List<GoldenSet> SETS = List.of(new GoldenSet("extra-specs", 21_005L, 70),
            new GoldenSet("all-filters", 21_007L, 70), new GoldenSet("numa-pci", 21_009L, 70));

    @Test
    void ourFiltersKeepTheHostsNovaKept() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        FilterComparison cmp = new FilterComparison();
        int cases = 0;
        for (Path f : files) {
            JsonNode doc = FilterOracle.JSON.readTree(f.toFile());
            for (int i = 0; i < doc.get("cases").size(); i++) {
                cmp.compare(doc.get("cases").get(i), doc.get("answers").get(i));
                cases++;
            }
        }
        assertTrue(cases >= 100, "only " + cases + " golden cases");
        assertTrue(cmp.mismatches.isEmpty(), cmp::report);
        assertEquals(0, cmp.skipped, "goldens hold only cases Nova answered");
    }

    /** Regenerates the golden files from real Nova: {@code -Dnova.golden.capture=true}. */
    @Test
    @EnabledIfSystemProperty(named = "nova.golden.capture", matches = "true")
    void capture() throws IOException {
        Assumptions.assumeTrue(FilterOracle.available(), "the Nova oracle is not installed");
        Files.createDirectories(DIR);
        for (GoldenSet set : SETS) {
            List<ObjectNode> cases = FilterCases.generate(set.seed(), set.cases());
            List<JsonNode> answers = FilterOracle.run(cases);
            ObjectNode doc = FilterOracle.JSON.createObjectNode();
            doc.put("about", "Nova 26.2.2 filters, each alone on every host; captured by "
                    + "src/test/oracle/capture-nova-filters.sh from FilterCases seed " + set.seed());
            ArrayNode cs = doc.putArray("cases");
            ArrayNode as = doc.putArray("answers");
            for (int i = 0; i < cases.size(); i++) {
                JsonNode a = answers.get(i);
                if (a.has("error") || a.path("errors").size() > 0) {
                    continue;
                }
                cs.add(cases.get(i));
                as.add(a);
            }
            write(DIR.resolve(set.name() + ".json"), doc);
        }
    }

    /** One case and one answer per line, so that a re-capture's diff shows which cases changed. */
    static void write(Path file, ObjectNode doc) throws IOException {
        StringBuilder sb = new StringBuilder("{\n\"about\": ").append(FilterOracle.JSON.writeValueAsString(doc.get("about")));
        for (String key : List.of("cases", "answers")) {
            sb.append(",\n\"").append(key).append("\": [");
            for (int i = 0; i < doc.get(key).size(); i++) {
                sb.append(i == 0 ? "\n" : ",\n").append(FilterOracle.JSON.writeValueAsString(doc.get(key).get(i)));
            }
            sb.append("\n]");
        }
        Files.writeString(file, sb.append("\n}\n").toString());
    }
}
