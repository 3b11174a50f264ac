package dev.placementstudio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.TestFiles;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code candidates} with numbers too big for an int: it once exited 70 with "internal error:
 * java.lang.NumberFormatException", and under {@code --jsonl} the whole batch died with it. Now each query gets what
 * Placement 8.0.0 answers (a huge limit is no limit) or, where Placement would answer 500, a 400 body saying why;
 * the exit codes are the documented ones (0 for a 200, 1 for a 400 with Placement's error body on stdout).
 */
class CandidatesNumbersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String dump = TestFiles.root().resolve("src/test/resources/placement-export/nfv-sriov-numa.dump.json").toString();

    @Test
    void aLimitBeyondAnIntIsNoLimit() throws Exception {
        CliRunner.Result all = CliRunner.run("candidates", "--dump", dump, "resources=VCPU:1");
        CliRunner.Result huge = CliRunner.run("candidates", "--dump", dump, "resources=VCPU:1&limit=1000000000000");
        assertThat(huge.exitCode()).as(huge.err()).isZero();
        assertThat(huge.err()).isEmpty();
        assertThat(JSON.readTree(huge.out()).get("allocation_requests").size())
                .isEqualTo(JSON.readTree(all.out()).get("allocation_requests").size());
    }

    @Test
    void anAmountBeyondWhatPlacementStoresIsA400BodyThatNamesIt() throws Exception {
        CliRunner.Result r = CliRunner.run("candidates", "--dump", dump, "resources=VCPU:99999999999999999999");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("at dev.");
        JsonNode e = JSON.readTree(r.out()).get("errors").get(0);
        assertThat(e.get("status").asInt()).isEqualTo(400);
        assertThat(e.get("detail").asText()).contains("Requested resource VCPU in resources asks for 99999999999999999999, "
                + "more than the largest amount Placement can store (9223372036854775807).");
    }

    @Test
    void aBadLineInABatchIsReportedOnItsLineAndTheBatchGoesOn() throws Exception {
        List<String> qs = List.of("resources=VCPU:1&limit=2", "resources=VCPU:1&limit=1000000000000",
                "resources=VCPU:99999999999999999999", "resources=VCPU:1&limit=abc&limit=5", "resources=VCPU:1");
        CliRunner.Result batch = CliRunner.run("candidates", "--dump", dump, "--jsonl", qs.get(0), qs.get(1), qs.get(2),
                qs.get(3), qs.get(4));
        assertThat(batch.exitCode()).as(batch.err()).isZero();
        List<String> lines = batch.out().lines().toList();
        assertThat(lines).hasSize(qs.size());
        int[] statuses = {200, 200, 400, 400, 200};
        for (int i = 0; i < qs.size(); i++) {
            JsonNode line = JSON.readTree(lines.get(i));
            assertThat(line.fieldNames()).toIterable().containsExactly("query", "status", "body");
            assertThat(line.get("query").asText()).isEqualTo(qs.get(i));
            assertThat(line.get("status").asInt()).as(qs.get(i)).isEqualTo(statuses[i]);
            if (statuses[i] == 400) {
                assertThat(line.at("/body/errors/0/detail").asText()).isNotBlank().doesNotContain("Exception");
            }
        }
        // a good line is byte for byte the single query's body
        String single = CliRunner.run("candidates", "--dump", dump, qs.get(4)).out().strip();
        assertThat(lines.get(4)).isEqualTo("{\"query\": " + JSON.writeValueAsString(qs.get(4)) + ", \"status\": 200, "
                + "\"body\": " + single + "}");
    }
}
