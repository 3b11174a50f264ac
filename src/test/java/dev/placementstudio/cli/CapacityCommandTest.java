package dev.placementstudio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.TestFiles;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code capacity}: its table, its JSON, and bad input refused with exit 2. */
class CapacityCommandTest {
    private static final String MODEL = TestFiles.root().resolve("sample-clouds/teaching-small.json").toString();

    @Test
    void tableAndJsonAgree() throws Exception {
        CliRunner.Result text = CliRunner.run("capacity", MODEL, "--flavor", "m1.large", "--flavor", "f1.fpga");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out().lines().findFirst().orElseThrow()).matches("cell +resource_class +capacity +used +free");
        CliRunner.Result json = CliRunner.run("capacity", MODEL, "--flavor", "m1.large", "--flavor", "f1.fpga", "--json");
        assertThat(json.exitCode()).isZero();
        JsonNode n = new ObjectMapper().readTree(json.out());
        assertThat(n.get("fits")).hasSize(2);
        for (JsonNode fit : n.get("fits")) {
            assertThat(text.out()).containsPattern("(?m)^" + fit.get("flavor").asText().replace(".", "\\.") + " +"
                    + fit.get("more").asInt() + "$");
        }
        for (JsonNode u : n.get("usage")) {
            assertThat(u.get("free").asLong()).isEqualTo(Math.max(0, u.get("capacity").asLong() - u.get("used").asLong()));
        }
    }

    @Test
    void theBoundIsShownAsAtLeast() {
        CliRunner.Result r = CliRunner.run("capacity", MODEL, "--flavor", "m1.tiny", "--max", "5");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).containsPattern("(?m)^m1\\.tiny +>=5$");
    }

    @Test
    void badInputExitsTwoWithTheProblemNamed() {
        CliRunner.Result unknown = CliRunner.run("capacity", MODEL, "--flavor", "no.such");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--flavor: no flavor 'no.such'");
        CliRunner.Result zero = CliRunner.run("capacity", MODEL, "--max", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("--max must be at least 1");
        CliRunner.Result missing = CliRunner.run("capacity", "/nonexistent/model.json");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).doesNotContain("Exception");
    }
}
