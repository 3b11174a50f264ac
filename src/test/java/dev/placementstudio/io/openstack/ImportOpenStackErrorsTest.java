package dev.placementstudio.io.openstack;

import com.sun.net.httpserver.HttpServer;
import dev.placementstudio.cli.CliRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * import-openstack when the cloud says no: bad credentials at Keystone, an unreachable endpoint, a 404
 * and a 500 from Nova (retried first) each give a one-line error naming the endpoint and exit 2, and
 * no file. The fake Keystone and Nova are JDK HttpServers on loopback.
 */
class ImportOpenStackErrorsTest {
    private static final int KEYSTONE = 19431;
    private static final int NOVA = 19432;
    private static final int CLOSED = 19439;

    @TempDir
    Path dir;
    private HttpServer server;
    private final AtomicInteger novaCalls = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void reply(com.sun.net.httpserver.HttpExchange ex, int status, String body, String token) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        if (token != null) {
            ex.getResponseHeaders().add("X-Subject-Token", token);
        }
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    /** Keystone accepting only secret/s3cret; Nova answering every request with {@code novaStatus}. */
    private void start(int port, int novaStatus) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/v3/auth/tokens", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!body.contains("\"password\":\"s3cret\"")) {
                reply(ex, 401, "{\"error\": {\"code\": 401, \"title\": \"Unauthorized\"}}", null);
                return;
            }
            String nova = "http://127.0.0.1:" + port + "/compute/v2.1";
            reply(ex, 201, "{\"token\": {\"catalog\": [{\"type\": \"compute\", \"endpoints\": [{\"interface\": \"public\", "
                    + "\"region_id\": \"RegionOne\", \"url\": \"" + nova + "\"}]}, {\"type\": \"placement\", \"endpoints\": "
                    + "[{\"interface\": \"public\", \"region_id\": \"RegionOne\", \"url\": \"http://127.0.0.1:" + port
                    + "/placement\"}]}]}}", "tok-1");
        });
        server.createContext("/compute", ex -> {
            novaCalls.incrementAndGet();
            assertThat(ex.getRequestHeaders().getFirst("X-Auth-Token")).isEqualTo("tok-1");
            reply(ex, novaStatus, "{\"itemNotFound\": {\"message\": \"nope\"}}", null);
        });
        server.start();
    }

    private CliRunner.Result run(String... extra) {
        String[] base = {"import-openstack", "--out", dir.resolve("m.json").toString(), "--retries", "2"};
        String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return CliRunner.run(all);
    }

    private void assertOneLineExit2(CliRunner.Result r, String... parts) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).contains(parts).doesNotContain("Exception", "\tat ");
        assertThat(Files.exists(dir.resolve("m.json"))).isFalse();
        try (var s = Files.list(dir)) {
            assertThat(s.toList()).as("no partial or temporary file").isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void badCredentialsAtKeystone() throws Exception {
        start(KEYSTONE, 200);
        CliRunner.Result r = run("--os-auth-url", "http://127.0.0.1:" + KEYSTONE + "/v3", "--os-username", "admin",
                "--os-password", "wrong", "--os-project-name", "admin");
        assertOneLineExit2(r, "127.0.0.1:" + KEYSTONE, "/v3/auth/tokens", "HTTP 401");
        assertThat(novaCalls).hasValue(0);
    }

    @Test
    void anUnreachableEndpoint() {
        CliRunner.Result r = run("--os-compute-endpoint", "http://127.0.0.1:" + CLOSED + "/v2.1",
                "--os-placement-endpoint", "http://127.0.0.1:" + CLOSED, "--os-token", "admin");
        assertOneLineExit2(r, "127.0.0.1:" + CLOSED, "cannot reach it");
    }

    @Test
    void a404FromNovaThroughTheCatalog() throws Exception {
        start(NOVA, 404);
        CliRunner.Result r = run("--os-auth-url", "http://127.0.0.1:" + NOVA, "--os-username", "admin",
                "--os-password", "s3cret", "--os-project-name", "admin");
        assertOneLineExit2(r, "127.0.0.1:" + NOVA, "/compute/v2.1/os-services", "HTTP 404");
        assertThat(novaCalls).hasValue(1); // a 404 is not retried
    }

    @Test
    void a500FromNovaIsRetriedWithBackoffThenAnError() throws Exception {
        start(NOVA, 500);
        long t0 = System.nanoTime();
        CliRunner.Result r = run("--os-auth-url", "http://127.0.0.1:" + NOVA + "/v3", "--os-username", "admin",
                "--os-password", "s3cret", "--os-project-name", "admin");
        assertOneLineExit2(r, "127.0.0.1:" + NOVA, "HTTP 500 after 3 tries");
        assertThat(novaCalls).hasValue(3);
        assertThat((System.nanoTime() - t0) / 1_000_000).as("backoff 500 ms, then 1 s").isGreaterThanOrEqualTo(1400);
    }

    @Test
    void optionsComeFromFlagsThenOsVariablesThenCloudsYaml() throws Exception {
        Path yaml = dir.resolve("clouds.yaml");
        Files.writeString(yaml, """
                # a comment
                clouds:
                  lab:
                    auth:
                      auth_url: "http://keystone.example:5000/v3"
                      username: 'alice'
                      password: yaml-pass   # trailing comment
                      project_name: demo
                    region_name: RegionTwo
                    interface: internal
                """);
        var env = java.util.Map.of("OS_CLIENT_CONFIG_FILE", yaml.toString(), "OS_PASSWORD", "env-pass",
                "HOME", dir.toString());
        OpenStackOptions o = OpenStackOptions.resolve("lab", java.util.Map.of("username", "bob"), env);
        assertThat(o.authUrl()).isEqualTo("http://keystone.example:5000/v3");
        assertThat(o.username()).isEqualTo("bob");
        assertThat(o.password()).isEqualTo("env-pass");
        assertThat(o.projectName()).isEqualTo("demo");
        assertThat(o.regionName()).isEqualTo("RegionTwo");
        assertThat(o.interfaceName()).isEqualTo("internal");
        assertThat(o.userDomainName()).isEqualTo("Default");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> OpenStackOptions.resolve("nope", java.util.Map.of(), env)))
                .hasMessageContaining("no cloud named 'nope'");
        files(); // the clouds.yaml is the only file
    }

    private void files() throws IOException {
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("clouds.yaml");
        }
    }
}
