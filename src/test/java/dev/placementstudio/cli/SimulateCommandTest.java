package dev.placementstudio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulate command's contract: the summary line, the event log, the final state, bad workloads. */
class SimulateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    private String model() {
        return TestFiles.sample("teaching-small").toString();
    }

    private String workload() {
        return TestFiles.root().resolve("sample-clouds/workloads/teaching-busy-day.json").toString();
    }

    @Test
    void theLastLineIsTheSummaryAndTheLogReplaysByteForByte() throws Exception {
        Path ev1 = dir.resolve("a.jsonl");
        Path ev2 = dir.resolve("b.jsonl");
        Path state = dir.resolve("state.json");
        CliRunner.Result r = CliRunner.run("simulate", model(), "--workload", workload(), "--seed", "7", "--era", "queens",
                "--events", ev1.toString(), "--state-out", state.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        JsonNode summary = JSON.readTree(lines.get(lines.size() - 1));
        assertThat(summary.fieldNames()).toIterable().containsExactly("requested", "active", "error", "deleted",
                "scheduler_calls", "claim_conflicts", "reschedules", "alternate_claims", "sim_ms", "wall_ms");
        assertThat(summary.get("active").asLong() + summary.get("error").asLong() + summary.get("deleted").asLong())
                .isEqualTo(summary.get("requested").asLong());
        CliRunner.run("simulate", model(), "--workload", workload(), "--seed", "7", "--era", "queens", "--events", ev2.toString());
        assertThat(Files.readAllBytes(ev2)).isEqualTo(Files.readAllBytes(ev1));
        for (String line : Files.readAllLines(ev1)) {
            JsonNode e = JSON.readTree(line);
            assertThat(e.has("t") && e.has("seq") && e.has("type")).isTrue();
        }
        JsonNode dump = JSON.readTree(state.toFile());
        assertThat(dump.get("resource_providers").size()).isGreaterThan(0);
        // a different seed gives another run
        Path ev3 = dir.resolve("c.jsonl");
        CliRunner.run("simulate", model(), "--workload", workload(), "--seed", "8", "--era", "queens", "--events", ev3.toString());
        assertThat(Files.readAllBytes(ev3)).isNotEqualTo(Files.readAllBytes(ev1));
    }

    @Test
    void aCsvTraceIsAWorkloadToo() {
        CliRunner.Result r = CliRunner.run("simulate", model(), "--workload",
                TestFiles.root().resolve("sample-clouds/workloads/trace-sample.csv").toString(), "--seed", "1", "--era", "pike");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"requested\": 5");
    }

    @Test
    void aBadWorkloadIsExitTwoWithItsPlace() throws Exception {
        Path w = dir.resolve("bad.json");
        Files.writeString(w, "{\n  \"arrivals\": [\n    {\"flavor\": \"m9.huge\", \"count\": 3}\n  ]\n}\n");
        CliRunner.Result r = CliRunner.run("simulate", model(), "--workload", w.toString(), "--seed", "1", "--era", "queens");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith(w + ":3:").contains("no flavor 'm9.huge'");
        Files.writeString(w, "{\"arrivals\": [{\"flavor\": \"m1.small\", \"colour\": 1}]}");
        r = CliRunner.run("simulate", model(), "--workload", w.toString(), "--seed", "1", "--era", "queens");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith(w + ":1:").contains("unknown field 'colour'");
        Files.writeString(w, "{\"arrivals\": [");
        r = CliRunner.run("simulate", model(), "--workload", w.toString(), "--seed", "1", "--era", "queens");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith(w + ":1:").doesNotContain("Exception");
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "submit_ms,flavor,duration_ms\n0,m1.small,10\nsoon,m1.small,10\n");
        r = CliRunner.run("simulate", model(), "--workload", csv.toString(), "--seed", "1", "--era", "queens");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith(csv + ":3:1:");
        r = CliRunner.run("simulate", model(), "--workload", workload(), "--seed", "1", "--era", "ocata");
        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void aRunIsKeptInADbModel() throws Exception {
        Path db = dir.resolve("m.db");
        CliRunner.run("convert", model(), db.toString());
        CliRunner.Result r = CliRunner.run("simulate", db.toString(), "--workload", workload(), "--seed", "3", "--era",
                "pike", "--save-run", "pike-3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        CliRunner.Result runs = CliRunner.run("runs", db.toString());
        assertThat(runs.out()).contains("pike-3").contains("pike");
        var kept = dev.placementstudio.io.store.RunStore.load(db, "pike-3").orElseThrow();
        String summaryLine = r.out().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(kept.summary()).isEqualTo(summaryLine);
        assertThat(kept.events()).isNotEmpty();
        // read back, the kept lines are the typed records again, and the same lines once written
        var log = kept.log(db.toString());
        assertThat(log).hasSameSizeAs(kept.events()).first().isInstanceOf(dev.placementstudio.sim.SimEvent.BootRequested.class);
        assertThat(log).extracting(dev.placementstudio.io.EventLogJson::line).isEqualTo(kept.events());
        assertThat(kept.summaryOf(db.toString()).requested()).isEqualTo(JSON.readTree(summaryLine).get("requested").asLong());
        assertThat(CliRunner.run("simulate", model(), "--workload", workload(), "--seed", "3", "--era", "pike",
                "--save-run", "x").exitCode()).isEqualTo(2);
    }
}
