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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The Placement REST API over HTTP, in-process. */
class PlacementServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private PlacementEngine engine;
    private PlacementServer server;
    private String base;

    @BeforeEach
    void start() {
        engine = PlacementEngine.empty();
        server = new PlacementServer(engine, null).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpResponse<String> call(String method, String path, String mv, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("X-Auth-Token", "admin");
        if (mv != null) {
            b.header("OpenStack-API-Version", "placement " + mv);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void versionsAuthAndMicroversionNegotiation() throws Exception {
        HttpResponse<String> root = call("GET", "/", null, null);
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(json(root).at("/versions/0/max_version").asText()).isEqualTo("1.39");
        assertThat(root.headers().firstValue("x-openstack-request-id")).get().asString().startsWith("req-");
        HttpResponse<String> anon = http.send(HttpRequest.newBuilder(URI.create(base + "/resource_providers")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anon.statusCode()).isEqualTo(401);
        HttpResponse<String> tooNew = call("GET", "/resource_providers", "1.99", null);
        assertThat(tooNew.statusCode()).isEqualTo(406);
        assertThat(json(tooNew).at("/errors/0/status").asInt()).isEqualTo(406);
        HttpResponse<String> latest = call("GET", "/resource_providers", "latest", null);
        assertThat(latest.headers().firstValue("openstack-api-version")).contains("placement 1.39");
        assertThat(latest.headers().firstValue("cache-control")).contains("no-cache");
        HttpResponse<String> old = call("GET", "/resource_providers", null, null);
        assertThat(old.headers().firstValue("openstack-api-version")).contains("placement 1.0");
        assertThat(old.headers().firstValue("cache-control")).isEmpty();
    }

    @Test
    void providersInventoriesTraitsAggregatesAndGenerations() throws Exception {
        HttpResponse<String> created = call("POST", "/resource_providers", "1.39",
                "{\"name\": \"cn1\", \"uuid\": \"11111111-1111-1111-1111-111111111111\"}");
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(json(created).get("generation").asLong()).isZero();
        // webob sends absolute locations
        assertThat(created.headers().firstValue("location")).contains(base + "/resource_providers/11111111-1111-1111-1111-111111111111");
        String rp = "/resource_providers/11111111-1111-1111-1111-111111111111";
        assertThat(call("POST", "/resource_providers", "1.39", "{\"name\": \"cn1\"}").statusCode()).isEqualTo(409);
        HttpResponse<String> inv = call("PUT", rp + "/inventories", "1.39", "{\"resource_provider_generation\": 0, "
                + "\"inventories\": {\"VCPU\": {\"total\": 8, \"allocation_ratio\": 2.0}, \"MEMORY_MB\": {\"total\": 4096}}}");
        assertThat(inv.statusCode()).isEqualTo(200);
        assertThat(json(inv).get("resource_provider_generation").asLong()).isEqualTo(1);
        HttpResponse<String> stale = call("PUT", rp + "/inventories", "1.39", "{\"resource_provider_generation\": 0, "
                + "\"inventories\": {\"VCPU\": {\"total\": 4}}}");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(json(stale).at("/errors/0/code").asText()).isEqualTo("placement.concurrent_update");
        assertThat(call("PUT", "/traits/CUSTOM_GOLD", "1.39", null).statusCode()).isEqualTo(201);
        assertThat(call("PUT", "/traits/CUSTOM_GOLD", "1.39", null).statusCode()).isEqualTo(204);
        HttpResponse<String> traits = call("PUT", rp + "/traits", "1.39",
                "{\"resource_provider_generation\": 1, \"traits\": [\"CUSTOM_GOLD\", \"COMPUTE_NODE\"]}");
        assertThat(json(traits).get("traits")).hasSize(2);
        assertThat(call("PUT", rp + "/traits", "1.39", "{\"resource_provider_generation\": 2, \"traits\": [\"NOPE\"]}")
                .statusCode()).isEqualTo(400);
        HttpResponse<String> aggs = call("PUT", rp + "/aggregates", "1.39",
                "{\"resource_provider_generation\": 2, \"aggregates\": [\"22222222-2222-2222-2222-222222222222\"]}");
        assertThat(json(aggs).get("resource_provider_generation").asLong()).isEqualTo(3);
        assertThat(call("GET", "/resource_providers?member_of=22222222-2222-2222-2222-222222222222&required=CUSTOM_GOLD", "1.39", null)
                .body()).contains("cn1");
        assertThat(call("GET", "/resource_providers/nope", "1.39", null).statusCode()).isEqualTo(404);
        assertThat(call("PUT", rp + "/inventories", "1.39", "not json").statusCode()).isEqualTo(400);
        HttpResponse<String> wrongType = http.send(HttpRequest.newBuilder(URI.create(base + rp + "/inventories"))
                .header("X-Auth-Token", "admin").header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongType.statusCode()).isEqualTo(415);
    }

    private void computeWithVcpus(String name, String uuid, int vcpus) throws Exception {
        call("POST", "/resource_providers", "1.39", "{\"name\": \"" + name + "\", \"uuid\": \"" + uuid + "\"}");
        call("PUT", "/resource_providers/" + uuid + "/inventories", "1.39", "{\"resource_provider_generation\": 0, "
                + "\"inventories\": {\"VCPU\": {\"total\": " + vcpus + "}}}");
    }

    @Test
    void allocationsConsumerGenerationsUsagesAndCandidates() throws Exception {
        String uuid = "33333333-3333-3333-3333-333333333333";
        computeWithVcpus("cn", uuid, 4);
        String alloc = "{\"allocations\": {\"" + uuid + "\": {\"resources\": {\"VCPU\": 2}}}, \"project_id\": \"p\", "
                + "\"user_id\": \"u\", \"consumer_generation\": null, \"consumer_type\": \"INSTANCE\"}";
        assertThat(call("PUT", "/allocations/aaaaaaaa-0000-0000-0000-000000000001", "1.39", alloc).statusCode()).isEqualTo(204);
        JsonNode got = json(call("GET", "/allocations/aaaaaaaa-0000-0000-0000-000000000001", "1.39", null));
        assertThat(got.at("/allocations/" + uuid + "/resources/VCPU").asInt()).isEqualTo(2);
        assertThat(got.get("consumer_generation").asLong()).isEqualTo(1);
        HttpResponse<String> conflict = call("PUT", "/allocations/aaaaaaaa-0000-0000-0000-000000000001", "1.39", alloc);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(json(conflict).at("/errors/0/code").asText()).isEqualTo("placement.concurrent_update");
        HttpResponse<String> tooMuch = call("PUT", "/allocations/aaaaaaaa-0000-0000-0000-000000000002", "1.39", alloc.replace("\"VCPU\": 2", "\"VCPU\": 3"));
        assertThat(tooMuch.statusCode()).isEqualTo(409);
        // from 1.38 grouped by consumer type, flat before
        assertThat(json(call("GET", "/usages?project_id=p", "1.39", null)).at("/usages/INSTANCE/VCPU").asInt()).isEqualTo(2);
        assertThat(json(call("GET", "/usages?project_id=p", "1.37", null)).at("/usages/VCPU").asInt()).isEqualTo(2);
        assertThat(json(call("GET", "/resource_providers/" + uuid + "/usages", "1.39", null)).at("/usages/VCPU").asInt()).isEqualTo(2);
        // move to a migration consumer in one POST
        String move = "{\"bbbbbbbb-0000-0000-0000-000000000001\": {\"allocations\": {\"" + uuid + "\": {\"resources\": {\"VCPU\": 2}}}, "
                + "\"project_id\": \"p\", \"user_id\": \"u\", \"consumer_generation\": null, \"consumer_type\": \"MIGRATION\"}, "
                + "\"aaaaaaaa-0000-0000-0000-000000000001\": {\"allocations\": {}, \"project_id\": \"p\", \"user_id\": \"u\", \"consumer_generation\": 1, "
                + "\"consumer_type\": \"INSTANCE\"}}";
        assertThat(call("POST", "/allocations", "1.39", move).statusCode()).isEqualTo(204);
        assertThat(json(call("GET", "/allocations/bbbbbbbb-0000-0000-0000-000000000001", "1.39", null)).get("consumer_type").asText()).isEqualTo("MIGRATION");
        HttpResponse<String> cands = call("GET", "/allocation_candidates?resources=VCPU:2", "1.39", null);
        assertThat(cands.statusCode()).isEqualTo(200);
        assertThat(cands.body()).isEqualTo(engine.allocationCandidates("resources=VCPU:2").toJsonString());
        HttpResponse<String> bad = call("GET", "/allocation_candidates?resources=VCPU:0", "1.39", null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).at("/errors/0/detail").asText()).contains("requires amount >= 1");
        assertThat(call("DELETE", "/allocations/bbbbbbbb-0000-0000-0000-000000000001", "1.39", null).statusCode()).isEqualTo(204);
        assertThat(call("DELETE", "/allocations/bbbbbbbb-0000-0000-0000-000000000001", "1.39", null).statusCode()).isEqualTo(404);
    }

    @Test
    void concurrentClaimsGrantExactlyTheCapacity() throws Exception {
        String uuid = "44444444-4444-4444-4444-444444444444";
        computeWithVcpus("cn", uuid, 20);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int id = t;
            fs.add(pool.submit(() -> {
                for (int i = 0; i < 6; i++) {
                    String body = "{\"allocations\": {\"" + uuid + "\": {\"resources\": {\"VCPU\": 1}}}, \"project_id\": \"p\", "
                            + "\"user_id\": \"u\", \"consumer_generation\": null, \"consumer_type\": \"INSTANCE\"}";
                    int s = call("PUT", "/allocations/" + String.format("cccccccc-0000-0000-%04d-%012d", id, i), "1.39", body)
                            .statusCode();
                    (s == 204 ? ok : conflicts).incrementAndGet();
                    assertThat(s).isIn(204, 409);
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        assertThat(ok.get()).isEqualTo(20);
        assertThat(conflicts.get()).isEqualTo(28);
        assertThat(engine.provider(uuid).orElseThrow().usages().get("VCPU")).isEqualTo(20);
    }

    @Test
    void aTokenIsEnforcedWhenSet() throws Exception {
        PlacementServer guarded = new PlacementServer(PlacementEngine.empty(), "s3cret").start("127.0.0.1", 0);
        try {
            String url = "http://127.0.0.1:" + guarded.port() + "/resource_providers";
            int wrong = http.send(HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Token", "admin").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
            int right = http.send(HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Token", "s3cret").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
            assertThat(wrong).isEqualTo(401);
            assertThat(right).isEqualTo(200);
        } finally {
            guarded.stop();
        }
    }
}
