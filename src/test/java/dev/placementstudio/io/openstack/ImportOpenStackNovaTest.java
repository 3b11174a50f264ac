package dev.placementstudio.io.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.cli.CliRunner;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.Aggregate;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.ComputeHost;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.Instance;
import dev.placementstudio.model.ModelValidator;
import dev.placementstudio.model.ServerGroupPolicy;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.serve.PlacementServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * import-openstack against a real Nova 26 ({@code nova_box.py api}: its compute API over HTTP) with our
 * own {@code serve} as its Placement: the model holds every described host (and its cell), aggregate,
 * flavor, group and server, where Nova put it. Skipped when /usr/bin/python3 cannot import nova.
 */
class ImportOpenStackNovaTest {
    private static final Path BOX = Path.of("/work/shared/nova-oracle/nova_box.py");
    private static final int PLACEMENT = 19410;
    private static final int NOVA = 19411;
    private static final ObjectMapper JSON = new ObjectMapper();

    static boolean novaAvailable() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import nova").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.exists(BOX);
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aRealNovaComesInWithEveryHostAggregateFlavorGroupAndServer(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(novaAvailable(), "/usr/bin/python3 cannot import nova (run ../shared/nova-oracle/install.sh)");
        Path scenario = dir.resolve("scenario.json");
        Files.writeString(scenario, """
                {"name": "import",
                 "cells": ["cell1", "cell2"],
                 "hosts": [{"name": "c1h1", "cell": "cell1", "vcpus": 8, "memory_mb": 8192, "local_gb": 100,
                            "traits": ["CUSTOM_GOLD", "HW_CPU_X86_AVX2"]},
                           {"name": "c1h2", "cell": "cell1", "vcpus": 4, "memory_mb": 4096, "local_gb": 50},
                           {"name": "c2h1", "cell": "cell2", "vcpus": 16, "memory_mb": 32768, "local_gb": 400}],
                 "aggregates": [{"name": "fast", "hosts": ["c1h1"], "metadata": {"ssd": "true"}, "availability_zone": "az-fast"}],
                 "flavors": [{"name": "small", "vcpus": 1, "ram": 512, "disk": 1},
                             {"name": "gold", "vcpus": 2, "ram": 1024, "disk": 5, "extra_specs": {"trait:CUSTOM_GOLD": "required"}}],
                 "server_groups": [{"name": "grp", "policy": "anti-affinity", "rules": {"max_server_per_host": 1}}],
                 "actions": [{"action": "boot", "name": "s1", "flavor": "small"},
                             {"action": "boot", "name": "g1", "flavor": "gold"},
                             {"action": "boot", "name": "z1", "flavor": "small", "az": "az-fast"},
                             {"action": "boot", "name": "m", "flavor": "small", "group": "grp", "min_count": 2, "max_count": 2},
                             {"action": "disable_service", "host": "c1h2", "reason": "maintenance"}]}
                """);
        PlacementServer placement = new PlacementServer(PlacementEngine.empty(), null).start("127.0.0.1", PLACEMENT);
        Path result = dir.resolve("result.json");
        Process box = new ProcessBuilder("/usr/bin/python3", BOX.toString(), "api", scenario.toString(), "--port",
                String.valueOf(NOVA), "--placement", "http://127.0.0.1:" + PLACEMENT, "--out", result.toString())
                .redirectError(dir.resolve("box.err").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(box.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY")) {
                // Nova builds the cloud and runs the actions first
            }
            assertThat(line).as(Files.readString(dir.resolve("box.err"))).startsWith("READY");
            Path cells = dir.resolve("cells.json");
            Files.writeString(cells, "{\"c1h1\": \"cell1\", \"c1h2\": \"cell1\", \"c2h1\": \"cell2\"}");
            Path model = dir.resolve("imported.json");
            CliRunner.Result r = CliRunner.run("import-openstack", "--os-compute-endpoint", "http://127.0.0.1:" + NOVA + "/v2.1",
                    "--os-placement-endpoint", "http://127.0.0.1:" + PLACEMENT, "--os-token", "admin",
                    "--cells", cells.toString(), "--out", model.toString(), "--report", dir.resolve("report.txt").toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            CloudModel m = ModelFiles.open(model);
            assertThat(ModelValidator.validate(m)).isEmpty();
            assertThat(Files.readString(dir.resolve("report.txt"))).contains("imported: 3 hosts", "kept raw: 0");

            assertThat(m.hosts()).extracting(ComputeHost::hostname).containsExactlyInAnyOrder("c1h1", "c1h2", "c2h1");
            Map<String, ComputeHost> hosts = CloudModel.byName(m.hosts(), ComputeHost::hostname);
            assertThat(hosts.get("c1h1").cell()).isEqualTo("cell1");
            assertThat(hosts.get("c2h1").cell()).isEqualTo("cell2");
            assertThat(hosts.get("c1h1").totalCpus()).isEqualTo(8);
            assertThat(hosts.get("c2h1").totalMemoryMb()).isEqualTo(32768);
            assertThat(hosts.get("c1h2").diskGb()).isEqualTo(50);
            assertThat(hosts.get("c1h1").traits()).contains("CUSTOM_GOLD");
            assertThat(hosts.get("c1h1").cpuTraits()).contains("HW_CPU_X86_AVX2");
            assertThat(hosts.get("c1h2").status().name()).isEqualTo("DISABLED");

            Aggregate fast = m.aggregate("fast").orElseThrow();
            assertThat(fast.availabilityZone()).isEqualTo("az-fast");
            assertThat(fast.metadata()).containsEntry("ssd", "true");
            assertThat(hosts.get("c1h1").aggregates()).containsExactly("fast");

            Map<String, Flavor> flavors = CloudModel.byName(m.flavors(), Flavor::name);
            assertThat(flavors).containsKeys("small", "gold");
            assertThat(flavors.get("gold").vcpus()).isEqualTo(2);
            assertThat(flavors.get("gold").ramMb()).isEqualTo(1024);
            assertThat(flavors.get("gold").extraSpecs()).containsEntry("trait:CUSTOM_GOLD", "required");
            assertThat(m.serverGroup("grp").orElseThrow().policy()).isEqualTo(ServerGroupPolicy.ANTI_AFFINITY);
            assertThat(m.serverGroup("grp").orElseThrow().effectiveMaxServerPerHost()).isEqualTo(1);

            // every server, where Nova put it (RESULT.json says), with its flavor and group
            JsonNode servers = JSON.readTree(result.toFile()).path("servers");
            Map<String, Instance> instances = CloudModel.byName(m.instances(), Instance::name);
            assertThat(instances).containsOnlyKeys("s1", "g1", "z1", "m-1", "m-2");
            servers.fields().forEachRemaining(e -> {
                JsonNode s = e.getValue();
                String name = s.path("name").asText(e.getKey());
                Instance i = instances.get(name);
                assertThat(i).as(name).isNotNull();
                assertThat(i.host()).as(name).isEqualTo(s.path("node").asText());
                assertThat(i.flavor()).as(name).isEqualTo(s.path("flavor").asText());
                assertThat(hosts.get(i.host()).cell()).as(name).isEqualTo(s.path("cell").asText());
            });
            assertThat(instances.get("g1").flavor()).isEqualTo("gold");
            assertThat(instances.get("g1").host()).isEqualTo("c1h1");
            assertThat(instances.get("z1").host()).isEqualTo("c1h1");
            assertThat(instances.get("m-1").serverGroup()).isEqualTo("grp");
            assertThat(instances.get("m-1").host()).isNotEqualTo(instances.get("m-2").host());
        } finally {
            box.descendants().forEach(ProcessHandle::destroy);
            box.destroy();
            box.waitFor(30, TimeUnit.SECONDS);
            placement.stop();
        }
    }
}
