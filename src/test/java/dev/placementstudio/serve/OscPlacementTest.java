package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.placement.PlacementEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The OpenStack client (osc-placement) works against {@code serve}: provider, inventory, trait, aggregate,
 * allocation, usage and allocation-candidate commands, each checked against what it did. Runs when the
 * client is installed ({@code apt-get install python3-osc-placement python3-openstackclient}).
 */
class OscPlacementTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private PlacementServer server;
    private String url;

    @BeforeEach
    void start() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openstack")), "osc-placement is not installed");
        server = new PlacementServer(PlacementEngine.empty(), null).start("127.0.0.1", 0);
        url = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Runs {@code openstack ARGS} against the server at microversion 1.39; its stdout, or the failure. */
    private String osc(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/openstack", "--os-auth-type", "admin_token",
                "--os-token", "admin", "--os-endpoint", url, "--os-placement-api-version", "1.39"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", args) + ": " + err).isZero();
        return out;
    }

    private JsonNode oscJson(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-f", "json"));
        return JSON.readTree(osc(all.toArray(String[]::new)));
    }

    @Test
    void theOpenstackClientDrivesTheServedPlacement() throws Exception {
        String rp = oscJson("resource", "provider", "create", "cn-osc").get("uuid").asText();
        assertThat(oscJson("resource", "provider", "list")).extracting(n -> n.get("name").asText()).containsExactly("cn-osc");
        osc("resource", "provider", "inventory", "set", rp, "--resource", "VCPU=8", "--resource",
                "VCPU:allocation_ratio=2.0", "--resource", "MEMORY_MB=4096");
        JsonNode inv = oscJson("resource", "provider", "inventory", "list", rp);
        assertThat(inv).extracting(n -> n.get("resource_class").asText()).containsExactlyInAnyOrder("VCPU", "MEMORY_MB");
        osc("trait", "create", "CUSTOM_OSC");
        osc("resource", "provider", "trait", "set", rp, "--trait", "CUSTOM_OSC", "--trait", "HW_CPU_X86_AVX2");
        assertThat(oscJson("resource", "provider", "trait", "list", rp)).extracting(n -> n.get("name").asText())
                .containsExactlyInAnyOrder("CUSTOM_OSC", "HW_CPU_X86_AVX2");
        String agg = UUID.randomUUID().toString();
        osc("resource", "provider", "aggregate", "set", rp, "--aggregate", agg, "--generation", "2");
        assertThat(oscJson("resource", "provider", "aggregate", "list", rp)).extracting(n -> n.get("uuid").asText())
                .containsExactly(agg);
        // candidates: the one provider, then the claim, then the usage it leaves
        JsonNode candidates = oscJson("allocation", "candidate", "list", "--resource", "VCPU=2", "--resource", "MEMORY_MB=512",
                "--required", "CUSTOM_OSC");
        assertThat(candidates).hasSize(1);
        String consumer = UUID.randomUUID().toString();
        osc("resource", "provider", "allocation", "set", consumer, "--allocation", "rp=" + rp + ",VCPU=2,MEMORY_MB=512",
                "--project-id", UUID.randomUUID().toString(), "--user-id", UUID.randomUUID().toString(),
                "--consumer-type", "INSTANCE");
        JsonNode usage = oscJson("resource", "provider", "usage", "show", rp);
        assertThat(usage).anySatisfy(u -> {
            assertThat(u.get("resource_class").asText()).isEqualTo("VCPU");
            assertThat(u.get("usage").asLong()).isEqualTo(2);
        });
        assertThat(oscJson("resource", "provider", "allocation", "show", consumer)).extracting(n -> n.get("resource_provider").asText())
                .containsExactly(rp);
        osc("resource", "provider", "allocation", "delete", consumer);
        assertThat(oscJson("resource", "provider", "usage", "show", rp)).allSatisfy(u -> assertThat(u.get("usage").asLong()).isZero());
        osc("resource", "provider", "delete", rp);
        assertThat(oscJson("resource", "provider", "list")).isEmpty();
    }
}
