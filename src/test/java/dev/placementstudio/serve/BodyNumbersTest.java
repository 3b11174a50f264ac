package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.placement.PlacementEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integers in request bodies are Python ints in Placement 8.0.0, compared exactly. We read them with Jackson's
 * {@code asLong()}, which wraps past 2^63: an allocation of 2^64+1 VCPU was written as 1 VCPU (the oracle: 409,
 * "would violate inventory constraints"), a generation of actual+2^64 passed the generation check (the oracle: 409),
 * and conflict messages quoted wrapped numbers. A float that is infinite (1e400) counted as an integer (the oracle:
 * "inf is not of type 'integer'").
 */
class BodyNumbersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RP = "11111111-2222-3333-4444-555555555555";
    private static final String VM = "99999999-0000-0000-0000-000000000001";
    private static final String WRAPS_TO_ONE = "18446744073709551617";
    private final HttpClient http = HttpClient.newHttpClient();
    private PlacementEngine engine;
    private PlacementServer server;

    @BeforeEach
    void start() throws Exception {
        engine = PlacementEngine.empty();
        server = new PlacementServer(engine, null).start("127.0.0.1", 0);
        assertThat(call("POST", "/resource_providers", "{\"uuid\": \"" + RP + "\", \"name\": \"cn1\"}").statusCode()).isEqualTo(200);
        assertThat(call("PUT", "/resource_providers/" + RP + "/inventories",
                "{\"resource_provider_generation\": 0, \"inventories\": {\"VCPU\": {\"total\": 8}}}").statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("X-Auth-Token", "admin").header("OpenStack-API-Version", "placement 1.39");
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String detail(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).at("/errors/0/detail").asText();
    }

    private String allocation(String amount, String generation) {
        return "{\"allocations\": {\"" + RP + "\": {\"resources\": {\"VCPU\": " + amount + "}}}, \"project_id\": \"p\", "
                + "\"user_id\": \"u\", \"consumer_generation\": " + generation + ", \"consumer_type\": \"INSTANCE\"}";
    }

    @Test
    void anAmountBeyondALongIsTooMuchNotWhatItWrapsTo() throws Exception {
        for (String amount : new String[]{WRAPS_TO_ONE, "99999999999999999999", "9223372036854775808", "1e30"}) {
            HttpResponse<String> r = call("PUT", "/allocations/" + VM, allocation(amount, "null"));
            assertThat(r.statusCode()).as(amount + ": " + r.body()).isEqualTo(409);
            assertThat(detail(r)).contains("Unable to create allocation for 'VCPU' on resource provider '" + RP
                    + "'. The requested amount would violate inventory constraints.");
        }
        HttpResponse<String> post = call("POST", "/allocations", "{\"" + VM + "\": " + allocation(WRAPS_TO_ONE, "null") + "}");
        assertThat(post.statusCode()).as(post.body()).isEqualTo(409);
        assertThat(engine.consumer(VM)).isEmpty();
    }

    @Test
    void aGenerationBeyondALongNeverMatchesAndIsQuotedAsGiven() throws Exception {
        HttpResponse<String> fresh = call("PUT", "/allocations/" + VM, allocation("1", "99999999999999999999"));
        assertThat(fresh.statusCode()).isEqualTo(409);
        assertThat(detail(fresh)).contains("consumer generation conflict - expected null but got 99999999999999999999");
        assertThat(call("PUT", "/allocations/" + VM, allocation("1", "null")).statusCode()).isEqualTo(204);
        // 2^64 + 1: wraps to the consumer's generation, 1
        HttpResponse<String> wrapped = call("PUT", "/allocations/" + VM, allocation("2", WRAPS_TO_ONE));
        assertThat(wrapped.statusCode()).as(wrapped.body()).isEqualTo(409);
        assertThat(detail(wrapped)).contains("consumer generation conflict - expected 1 but got " + WRAPS_TO_ONE);
        assertThat(call("PUT", "/allocations/" + VM, allocation("2", "1.0")).statusCode()).isEqualTo(204);
    }

    @Test
    void aProviderGenerationThatWrapsToTheActualOneIsAConflict() throws Exception {
        long actual = engine.provider(RP).orElseThrow().generation();
        String wraps = new java.math.BigInteger(Long.toString(actual)).add(java.math.BigInteger.TWO.pow(64)).toString();
        String[][] writes = {
                {"PUT", "/resource_providers/" + RP + "/inventories", "{\"resource_provider_generation\": " + wraps
                        + ", \"inventories\": {\"VCPU\": {\"total\": 16}}}", "resource provider generation conflict"},
                {"PUT", "/resource_providers/" + RP + "/inventories/VCPU", "{\"resource_provider_generation\": " + wraps
                        + ", \"total\": 16}", "resource provider generation conflict"},
                {"PUT", "/resource_providers/" + RP + "/traits", "{\"resource_provider_generation\": " + wraps
                        + ", \"traits\": []}", "Resource provider's generation already changed."},
                {"PUT", "/resource_providers/" + RP + "/aggregates", "{\"resource_provider_generation\": " + wraps
                        + ", \"aggregates\": []}", "Resource provider's generation already changed."},
                {"POST", "/reshaper", "{\"inventories\": {\"" + RP + "\": {\"resource_provider_generation\": " + wraps
                        + ", \"inventories\": {\"VCPU\": {\"total\": 16}}}}, \"allocations\": {}}",
                        "resource provider generation conflict for provider " + RP + ": actual: " + actual + ", given: " + wraps}};
        for (String[] w : writes) {
            HttpResponse<String> r = call(w[0], w[1], w[2]);
            assertThat(r.statusCode()).as(w[1] + ": " + r.body()).isEqualTo(409);
            assertThat(detail(r)).as(w[1]).contains(w[3]);
        }
        assertThat(engine.provider(RP).orElseThrow().generation()).isEqualTo(actual);
        assertThat(engine.provider(RP).orElseThrow().inventories().get("VCPU").total()).isEqualTo(8);
    }

    @Test
    void anInfiniteFloatIsNoInteger() throws Exception {
        HttpResponse<String> r = call("PUT", "/resource_providers/" + RP + "/inventories",
                "{\"resource_provider_generation\": 1, \"inventories\": {\"VCPU\": {\"total\": 1e400}}}");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = JSON.readTree(r.body()).at("/errors/0");
        assertThat(e.get("detail").asText()).contains("JSON does not validate: inf is not of type 'integer'");
    }
}
