package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.TestFiles;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.io.store.ModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve MODEL.db}: every write the server acknowledges is in the file before the answer leaves, so
 * killing the process with SIGKILL right after loses nothing; serving the file again resumes that state,
 * generations included.
 */
class ServeDurabilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private static Process serve(Path db) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.placementstudio.Launcher",
                "serve", db.toString(), "--port", "0").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The base URL the server prints when it is up. */
    private static String baseOf(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("serve's first line").isNotNull();
        Matcher m = Pattern.compile("(http://[^ ]+)").matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> call(String base, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("x-auth-token", "admin")
                .header("OpenStack-API-Version", "placement 1.39").header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void acknowledgedWritesSurviveKillDashNine(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("cloud.db");
        ModelStore.save(ModelFiles.open(TestFiles.sample("teaching-small")), db);
        String rp = UUID.randomUUID().toString();
        String consumer = UUID.randomUUID().toString();
        long providerGeneration;
        Process first = serve(db);
        try {
            String base = baseOf(first);
            assertThat(call(base, "POST", "/resource_providers", "{\"name\": \"late-host\", \"uuid\": \"" + rp + "\"}")
                    .statusCode()).isEqualTo(200);
            assertThat(call(base, "PUT", "/resource_providers/" + rp + "/inventories", "{\"resource_provider_generation\": 0,"
                    + " \"inventories\": {\"VCPU\": {\"total\": 8}, \"MEMORY_MB\": {\"total\": 4096}}}").statusCode())
                    .isEqualTo(200);
            assertThat(call(base, "PUT", "/traits/CUSTOM_LATE", null).statusCode()).isEqualTo(201);
            HttpResponse<String> claim = call(base, "PUT", "/allocations/" + consumer, "{\"allocations\": {\"" + rp
                    + "\": {\"resources\": {\"VCPU\": 2, \"MEMORY_MB\": 1024}}}, \"project_id\": \"p\", \"user_id\": \"u\","
                    + " \"consumer_generation\": null, \"consumer_type\": \"INSTANCE\"}");
            assertThat(claim.statusCode()).as(claim.body()).isEqualTo(204);
            providerGeneration = JSON.readTree(call(base, "GET", "/resource_providers/" + rp, null).body())
                    .get("generation").asLong();
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        Process second = serve(db);
        try {
            String base = baseOf(second);
            JsonNode provider = JSON.readTree(call(base, "GET", "/resource_providers/" + rp, null).body());
            assertThat(provider.get("name").asText()).isEqualTo("late-host");
            assertThat(provider.get("generation").asLong()).isEqualTo(providerGeneration);
            JsonNode usages = JSON.readTree(call(base, "GET", "/resource_providers/" + rp + "/usages", null).body());
            assertThat(usages.get("usages").get("VCPU").asLong()).isEqualTo(2);
            JsonNode allocations = JSON.readTree(call(base, "GET", "/allocations/" + consumer, null).body());
            assertThat(allocations.get("allocations").get(rp).get("resources").get("MEMORY_MB").asLong()).isEqualTo(1024);
            assertThat(allocations.get("consumer_generation").asLong()).isEqualTo(1);
            assertThat(call(base, "GET", "/traits/CUSTOM_LATE", null).statusCode()).isEqualTo(204);
            // the model's own hosts are still served too
            JsonNode all = JSON.readTree(call(base, "GET", "/resource_providers?name=cn-1", null).body());
            assertThat(all.get("resource_providers")).hasSize(1);
            // and a delete is kept as well
            assertThat(call(base, "DELETE", "/allocations/" + consumer, null).statusCode()).isEqualTo(204);
        } finally {
            second.destroyForcibly();
            second.waitFor(20, TimeUnit.SECONDS);
        }
        Process third = serve(db);
        try {
            String base = baseOf(third);
            assertThat(JSON.readTree(call(base, "GET", "/allocations/" + consumer, null).body()).get("allocations")).isEmpty();
        } finally {
            third.destroyForcibly();
            third.waitFor(20, TimeUnit.SECONDS);
        }
    }
}
