package dev.placementstudio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.TestFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The candidates command's contract, which other tools parse. */
class CandidatesCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String dump = TestFiles.root().resolve("src/test/resources/placement-export/nfv-sriov-numa.dump.json").toString();

    @Test
    void oneQueryPrintsTheRawBodyAndExitsZero() throws Exception {
        CliRunner.Result r = CliRunner.run("candidates", "--dump", dump, "resources=VCPU:1,MEMORY_MB:512");
        assertThat(r.exitCode()).isZero();
        JsonNode body = JSON.readTree(r.out());
        assertThat(body.get("allocation_requests").size()).isGreaterThan(0);
        assertThat(body.get("provider_summaries").fieldNames()).toIterable().isNotEmpty();
    }

    @Test
    void a400PrintsPlacementsErrorBodyAndExitsOne() throws Exception {
        CliRunner.Result r = CliRunner.run("candidates", "--dump", dump, "resources=VCPU:1&required=CUSTOM_NOPE");
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode err = JSON.readTree(r.out()).get("errors").get(0);
        assertThat(err.get("status").asInt()).isEqualTo(400);
        assertThat(err.get("code").asText()).isEqualTo("placement.undefined_code");
        assertThat(err.get("detail").asText()).contains("No such trait(s): CUSTOM_NOPE.");
        assertThat(err.get("request_id").asText()).startsWith("req-");
    }

    @Test
    void jsonlGivesOneLinePerQueryInOrder() throws Exception {
        List<String> qs = List.of("resources=VCPU:1", "resources=VCPU:0", "resources=VCPU:1&limit=2");
        CliRunner.Result r = CliRunner.run("candidates", "--dump", dump, "--jsonl", qs.get(0), qs.get(1), qs.get(2));
        assertThat(r.exitCode()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode line = JSON.readTree(lines.get(i));
            assertThat(line.get("query").asText()).isEqualTo(qs.get(i));
            assertThat(line.get("status").asInt()).isEqualTo(i == 1 ? 400 : 200);
        }
        assertThat(JSON.readTree(lines.get(2)).get("body").get("allocation_requests").size()).isEqualTo(2);
    }

    @Test
    void repeatPrintsTimingAsTheLastLine() throws Exception {
        CliRunner.Result r = CliRunner.run("candidates", "--dump", dump, "--repeat", "3", "resources=VCPU:1");
        assertThat(r.exitCode()).isZero();
        List<String> lines = r.out().lines().toList();
        JsonNode last = JSON.readTree(lines.get(lines.size() - 1));
        assertThat(last.fieldNames()).toIterable().containsExactly("median_ms", "min_ms", "count");
        assertThat(last.get("count").asInt()).isEqualTo(JSON.readTree(lines.get(0)).get("allocation_requests").size());
        assertThat(last.get("min_ms").asDouble()).isLessThanOrEqualTo(last.get("median_ms").asDouble());
    }

    @Test
    void aModelIsQueriedThroughItsProjection() {
        CliRunner.Result r = CliRunner.run("candidates", "--model", TestFiles.sample("teaching-small").toString(),
                "resources=VCPU:1,MEMORY_MB:512,DISK_GB:1");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("allocation_requests");
    }

    @Test
    void aBrokenDumpIsExitTwoWithItsPlace(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"resource_providers\": [ {\"uuid\": 1,,} ]}");
        CliRunner.Result r = CliRunner.run("candidates", "--dump", bad.toString(), "resources=VCPU:1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith(bad.toString() + ":1:");
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void aStateRealPlacementWouldRefuseIsExitTwo(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path bad = dir.resolve("unknown-trait.json");
        Files.writeString(bad, "{\"resource_providers\": [{\"uuid\": \"8d1e4bd0-9bd5-4cc8-9cb5-0d0e2c0f5d11\", "
                + "\"name\": \"cn\", \"inventories\": {}, \"traits\": [\"NOT_A_TRAIT\"], \"aggregates\": []}]}");
        CliRunner.Result r = CliRunner.run("candidates", "--dump", bad.toString(), "resources=VCPU:1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("NOT_A_TRAIT");
    }

    @Test
    void maxAllocationCandidatesBoundsTheAnswer() throws Exception {
        CliRunner.Result r = CliRunner.run("candidates", "--dump", dump, "--max-allocation-candidates", "2",
                "--generation-strategy", "breadth-first", "resources=VCPU:1");
        assertThat(r.exitCode()).isZero();
        JsonNode body = JSON.readTree(r.out());
        assertThat(body.get("allocation_requests").size()).isEqualTo(2);
    }
}
