package dev.placementstudio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The explain command: its JSON contract, Nova's weight arithmetic, and no valid host at each stage. */
class ExplainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    private static String model() {
        return TestFiles.sample("teaching-small").toString();
    }

    private static JsonNode explain(String... extra) throws Exception {
        String[] args = new String[extra.length + 3];
        args[0] = "explain";
        args[1] = model();
        args[2] = "--json";
        System.arraycopy(extra, 0, args, 3, extra.length);
        CliRunner.Result r = CliRunner.run(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void eachWeigherShowsTheSignedMultiplierPerHostAndTheHostStatesAreTheTrackers() throws Exception {
        Path m = dir.resolve("m.json");
        // az1 overrides ram_weight_multiplier for its hosts; BuildFailureWeigher's multiplier is negated
        String text = Files.readString(TestFiles.sample("teaching-small"))
                .replace("\"availability_zone\": \"az1\"", "\"availability_zone\": \"az1\", \"ram_weight_multiplier\": \"-2.5\"");
        assertThat(text).contains("-2.5");
        Files.writeString(m, text);
        CliRunner.Result r = CliRunner.run("explain", m.toString(), "--json", "--flavor", "m1.small");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode o = JSON.readTree(r.out());
        for (JsonNode w : o.get("weighers")) {
            JsonNode mult = w.get("multipliers");
            assertThat(mult.size()).isEqualTo(o.get("ranked").size());
            if (w.get("name").asText().equals("RAMWeigher")) {
                assertThat(mult.get("cn-1").asDouble()).isEqualTo(-2.5);
                assertThat(mult.get("cn-5").asDouble()).isEqualTo(1.0);
            }
            if (w.get("name").asText().equals("BuildFailureWeigher")) {
                assertThat(w.get("multiplier").asDouble()).isEqualTo(1000000.0); // the setting, as before
                assertThat(mult.get("cn-1").asDouble()).isEqualTo(-1000000.0); // what Nova applies
            }
        }
        JsonNode cn1 = o.get("host_states").get("cn-1");
        assertThat(cn1.get("memory_mb").asLong()).isEqualTo(65536);
        // free_ram_mb without the allocation ratio: memory - reserved - the flavors of its instances
        assertThat(cn1.get("free_ram_mb").asLong()).isLessThanOrEqualTo(65536 - 512);
        assertThat(o.get("host_states").get("cn-5").get("local_gb").asLong()).isEqualTo(20000); // the ceph pool
        String txt = CliRunner.run("explain", m.toString(), "--flavor", "m1.small").out();
        assertThat(txt).contains("Multipliers (as applied, signed").contains("-1,000,000").contains("-2.5 on");
    }

    @Test
    void theJsonHasTheContractsShapeAndNovasArithmetic() throws Exception {
        JsonNode o = explain("--flavor", "m1.large");
        assertThat(o.fieldNames()).toIterable().containsExactly("query", "candidates", "filters", "weighers", "ranked",
                "selection", "no_valid_host", "host_states");
        assertThat(o.get("query").asText()).startsWith("resources=VCPU:4,MEMORY_MB:8192,DISK_GB:80");
        assertThat(o.get("filters").get(0).get("name").asText()).isEqualTo("ComputeFilter");
        // RAMWeigher: minval 0, so normalized = raw / max(raw), multiplier 1.0
        JsonNode ram = null;
        for (JsonNode w : o.get("weighers")) {
            if (w.get("name").asText().equals("RAMWeigher")) {
                ram = w;
            }
        }
        assertThat(ram).isNotNull();
        double max = 0;
        for (JsonNode v : ram.get("raw")) {
            max = Math.max(max, v.asDouble());
        }
        for (var it = ram.get("raw").fields(); it.hasNext(); ) {
            var e = it.next();
            assertThat(ram.get("normalized").get(e.getKey()).asDouble()).isCloseTo(e.getValue().asDouble() / max,
                    org.assertj.core.data.Offset.offset(1e-9));
        }
        // the weight of each host is the sum of multiplier x normalized
        JsonNode first = o.get("ranked").get(0);
        double sum = 0;
        for (JsonNode w : o.get("weighers")) {
            String h = first.get("host").asText();
            sum += w.get("multipliers").get(h).asDouble() * w.get("normalized").get(h).asDouble();
        }
        assertThat(first.get("weight").asDouble()).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-9));
        for (int i = 1; i < o.get("ranked").size(); i++) {
            assertThat(o.get("ranked").get(i - 1).get("weight").asDouble())
                    .isGreaterThanOrEqualTo(o.get("ranked").get(i).get("weight").asDouble());
        }
        assertThat(o.get("selection").get("host").asText()).isEqualTo(first.get("host").asText());
        assertThat(o.get("selection").get("alternates").size()).isLessThanOrEqualTo(2);
        assertThat(o.get("no_valid_host").isNull()).isTrue();
    }

    @Test
    void withOneHostNothingIsWeighed() throws Exception {
        JsonNode o = explain("--flavor", "m1.small", "--server-group", "db");
        assertThat(o.get("ranked").size()).isEqualTo(1);
        assertThat(o.get("weighers").size()).isZero();
        assertThat(o.get("ranked").get(0).get("weight").asDouble()).isZero();
    }

    @Test
    void noValidHostWhenPlacementFindsNothing() throws Exception {
        // add a flavor no host can hold
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(TestFiles.sample("teaching-small").toFile());
        ((com.fasterxml.jackson.databind.node.ArrayNode) tree.get("flavors")).addObject()
                .put("name", "m1.enormous").put("vcpus", 4096).put("ramMb", 8388608).put("diskGb", 1);
        Path f = dir.resolve("enormous.json");
        Files.writeString(f, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
        CliRunner.Result r = CliRunner.run("explain", f.toString(), "--json", "--flavor", "m1.enormous");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode o = JSON.readTree(r.out());
        assertThat(o.get("candidates").asInt()).isZero();
        assertThat(o.get("selection").isNull()).isTrue();
        assertThat(o.get("no_valid_host").asText()).startsWith("placement: Placement returned no allocation candidates");
    }

    @Test
    void noValidHostWhenAServerGroupRulesOutEveryHost() throws Exception {
        // anti-affinity "web" with members already on hosts: ask with a scheduler that keeps only that filter
        Path cfg = dir.resolve("sched.json");
        Files.writeString(cfg, "{\"enabled_filters\": [\"ServerGroupAntiAffinityFilter\", \"SameHostFilter\"]}");
        JsonNode o = explain("--flavor", "m1.small", "--server-group", "web", "--scheduler-config", cfg.toString(),
                "--hint", "same_host=nobody");
        assertThat(o.get("selection").isNull()).isTrue();
        assertThat(o.get("no_valid_host").asText()).startsWith("filter SameHostFilter");
        assertThat(o.get("filters").size()).isEqualTo(2);
    }

    @Test
    void noValidHostWhenTheServerGroupItselfRulesOutEveryHost() throws Exception {
        // "db" is an affinity group whose members are on cn-5, which has no vGPU
        JsonNode o = explain("--flavor", "g1.vgpu", "--server-group", "db");
        assertThat(o.get("selection").isNull()).isTrue();
        assertThat(o.get("no_valid_host").asText()).startsWith("filter ServerGroupAffinityFilter: dropped all");
        JsonNode step = null;
        for (JsonNode f : o.get("filters")) {
            if (f.get("name").asText().equals("ServerGroupAffinityFilter")) {
                step = f;
            }
        }
        assertThat(step.get("out").asInt()).isZero();
        assertThat(step.get("dropped").get(0).get("reason").asText()).isEqualTo("affinity: members of db are on cn-5");
    }

    @Test
    void aFlavorsDeviceProfileBecomesAGranularGroup() throws Exception {
        JsonNode o = explain("--flavor", "f1.fpga");
        assertThat(o.get("query").asText()).contains("resources_ACC0=FPGA:1&required_ACC0=CUSTOM_FPGA_INTEL");
        assertThat(o.get("selection").get("host").asText()).isEqualTo("cn-4"); // the only host with an Intel FPGA
    }

    @Test
    void theTextReportShowsTheFunnelDropsAndRanking() {
        CliRunner.Result r = CliRunner.run("explain", model(), "--flavor", "m1.small", "--server-group", "db");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Funnel").contains("ServerGroupAffinityFilter").contains("Dropped hosts")
                .contains("affinity: members of db are on").contains("Selection: ");
    }

    @Test
    void badInputIsExitTwo() throws Exception {
        assertThat(CliRunner.run("explain", model(), "--flavor", "m9.nope").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("explain", model(), "--flavor", "m1.small", "--hint", "nonsense").exitCode()).isEqualTo(2);
        Path cfg = dir.resolve("bad.json");
        Files.writeString(cfg, "{\"enabled_filters\": [\"NoSuchFilter\"]}");
        CliRunner.Result r = CliRunner.run("explain", model(), "--flavor", "m1.small", "--scheduler-config", cfg.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown filter 'NoSuchFilter'");
        Files.writeString(cfg, "{\"weighers\": {\"RAMWeigher\": \"lots\"}}");
        assertThat(CliRunner.run("explain", model(), "--flavor", "m1.small", "--scheduler-config", cfg.toString()).exitCode())
                .isEqualTo(2);
    }
}
