package dev.placementstudio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.io.ScenarioFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The scenario command's contract: list's lines, run's narrative and its last line, --events, errors. */
class ScenarioCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    @Test
    void listPrintsOneLinePerScenario_nameThenSummary() throws Exception {
        CliRunner.Result r = CliRunner.run("scenario", "list");
        assertThat(r.exitCode()).isZero();
        List<String> lines = r.out().lines().toList();
        List<String> names = ScenarioFiles.builtInNames();
        assertThat(lines).hasSize(names.size()).hasSizeGreaterThanOrEqualTo(15);
        for (int i = 0; i < names.size(); i++) {
            String[] parts = lines.get(i).split("\\s{2,}", 2);
            assertThat(parts[0]).isEqualTo(names.get(i));
            assertThat(parts[1]).isEqualTo(ScenarioFiles.builtIn(names.get(i)).summary());
        }
    }

    @Test
    void runPrintsTheStepsWithTheirEventsAndTheSummaryJsonLast() throws Exception {
        Path events = dir.resolve("out.jsonl");
        CliRunner.Result r = CliRunner.run("scenario", "run", "alternates-retry", "--events", events.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        int steps = ScenarioFiles.builtIn("alternates-retry").steps().size();
        assertThat(lines).filteredOn(l -> l.startsWith("Step ")).hasSize(steps);
        assertThat(lines).contains("Step 1/" + steps + ": One boot");
        // each step tied to an event shows that event's JSON line
        List<String> shown = lines.stream().filter(l -> l.startsWith("    {")).map(String::strip).toList();
        assertThat(shown).hasSize(steps);
        List<String> written = Files.readAllLines(events);
        assertThat(written).containsAll(shown);
        for (String w : written) {
            assertThat(JSON.readTree(w).get("type").isTextual()).isTrue();
        }
        JsonNode summary = JSON.readTree(lines.get(lines.size() - 1));
        assertThat(summary.get("active").asLong()).isEqualTo(1);
        assertThat(summary.get("scheduler_calls").asLong()).isEqualTo(1);
        assertThat(summary.get("alternate_claims").asLong()).isEqualTo(1);
        assertThat(written.stream().filter(w -> w.contains("\"type\": \"boot_requested\""))).hasSize(
                summary.get("requested").asInt());
    }

    @Test
    void aComparisonStepIsMarkedWithItsEra() {
        CliRunner.Result r = CliRunner.run("scenario", "run", "pike-multicell-no-upcall");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("compared with era queens").contains("[queens run]");
        assertThat(r.out().lines().reduce((a, b) -> b).orElseThrow()).contains("\"error\": 1");
    }

    @Test
    void anUnknownScenarioExitsTwoWithAMessage() {
        CliRunner.Result r = CliRunner.run("scenario", "run", "no-such-story");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no scenario 'no-such-story'").doesNotContain("Exception");
    }

    @Test
    void aBrokenScenarioFileExitsTwoNamingItsPlace() throws Exception {
        Path f = dir.resolve("mine.json");
        Files.writeString(f, "{\"name\": \"x\", \"title\": \"t\", \"summary\": \"s\", \"era\": \"queens\",\n \"model\": 5}");
        CliRunner.Result r = CliRunner.run("scenario", "run", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("mine.json").contains(":2").contains("model");
        assertThat(r.out()).isEmpty();
    }
}
