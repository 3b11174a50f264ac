package dev.placementstudio.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.model.PlacementState;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a live Placement over its REST API into a {@link PlacementState}: providers with their trees,
 * inventories, traits and aggregates, then every consumer's allocations with project and user. Uses the
 * highest microversion both sides know (at least 1.14, for provider trees).
 */
public final class PlacementReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final String base;
    private final String token;
    private String microversion = "1.14";

    public PlacementReader(String url, String token) {
        this(url, token, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    /** With a client of the caller's (a CA file's trust, say). */
    public PlacementReader(String url, String token, HttpClient http) {
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.token = token == null ? "admin" : token;
        this.http = http;
    }

    private JsonNode get(String path) throws InputProblemException {
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                    .header("X-Auth-Token", token).header("Accept", "application/json")
                    .header("OpenStack-API-Version", "placement " + microversion).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new InputProblemException(base, 0, 0, "", "cannot reach it (connection refused or no route)");
        } catch (IOException e) {
            throw new InputProblemException(base, 0, 0, "", "cannot reach it: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputProblemException(base, 0, 0, "", "interrupted");
        } catch (IllegalArgumentException e) {
            throw new InputProblemException(base, 0, 0, "", "not a valid URL: " + e.getMessage());
        }
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new InputProblemException(base, 0, 0, path, "the token was refused (HTTP " + r.statusCode() + ")");
        }
        if (r.statusCode() != 200) {
            throw new InputProblemException(base, 0, 0, path, "HTTP " + r.statusCode() + " from " + path);
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new InputProblemException(base, 0, 0, path, "the answer is not JSON: is this a Placement endpoint?");
        }
    }

    /**
     * The minor of the endpoint's {@code max_version}, which must read {@code 1.N}; a minor beyond an int is a
     * Placement newer than any (we read it at our newest, 1.39, anyway).
     */
    private int minorOf(String max) throws InputProblemException {
        if (!max.matches("1\\.[0-9]+")) {
            throw new InputProblemException(base, 0, 0, "versions[0].max_version", "the version document's max_version '"
                    + max + "' is not a Placement microversion (1.N)");
        }
        return new java.math.BigInteger(max.substring(2)).min(java.math.BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
    }

    /** Reads everything; {@code progress} hears a line now and then. */
    public PlacementState read(Consumer<String> progress) throws InputProblemException {
        JsonNode root = get("/");
        JsonNode versions = root.path("versions");
        if (!versions.isArray() || versions.isEmpty() || !versions.get(0).has("max_version")) {
            throw new InputProblemException(base, 0, 0, "", "this is not a Placement endpoint (no version document at /)");
        }
        String max = versions.get(0).get("max_version").asText();
        int minor = minorOf(max);
        if (minor < 14) {
            throw new InputProblemException(base, 0, 0, "", "Placement offers up to " + max + "; reading trees needs 1.14");
        }
        microversion = "1." + Math.min(minor, 39);
        List<PlacementState.ResourceProviderRecord> rps = new ArrayList<>();
        Map<String, PlacementState.ConsumerRecord> consumers = new LinkedHashMap<>();
        JsonNode list = get("/resource_providers").path("resource_providers");
        int n = 0;
        Map<String, Map<String, Map<String, Long>>> allocsByConsumer = new LinkedHashMap<>();
        for (JsonNode p : list) {
            String uuid = p.get("uuid").asText();
            Map<String, PlacementState.InventoryRecord> inv = new LinkedHashMap<>();
            get("/resource_providers/" + uuid + "/inventories").path("inventories").fields().forEachRemaining(e -> {
                JsonNode i = e.getValue();
                inv.put(e.getKey(), new PlacementState.InventoryRecord(i.path("total").asLong(), i.path("reserved").asLong(),
                        i.path("min_unit").asLong(1), i.path("max_unit").asLong(), i.path("step_size").asLong(1),
                        i.path("allocation_ratio").asDouble(1.0)));
            });
            List<String> traits = new ArrayList<>();
            get("/resource_providers/" + uuid + "/traits").path("traits").forEach(t -> traits.add(t.asText()));
            List<String> aggs = new ArrayList<>();
            get("/resource_providers/" + uuid + "/aggregates").path("aggregates").forEach(a -> aggs.add(a.asText()));
            get("/resource_providers/" + uuid + "/allocations").path("allocations").fields().forEachRemaining(e ->
                    e.getValue().path("resources").fields().forEachRemaining(r -> allocsByConsumer
                            .computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(uuid, k -> new LinkedHashMap<>()).put(r.getKey(), r.getValue().asLong())));
            rps.add(new PlacementState.ResourceProviderRecord(uuid, p.path("name").asText(),
                    p.hasNonNull("parent_provider_uuid") ? p.get("parent_provider_uuid").asText() : null, inv, traits, aggs));
            if (++n % 100 == 0) {
                progress.accept("read " + n + " of " + list.size() + " providers");
            }
        }
        int c = 0;
        for (var e : allocsByConsumer.entrySet()) {
            JsonNode a = get("/allocations/" + e.getKey());
            String type = a.path("consumer_type").asText("INSTANCE");
            consumers.put(e.getKey(), new PlacementState.ConsumerRecord(e.getValue(), a.path("project_id").asText(null),
                    a.path("user_id").asText(null), type));
            if (++c % 500 == 0) {
                progress.accept("read " + c + " of " + allocsByConsumer.size() + " consumers");
            }
        }
        return new PlacementState(topologicalOrder(rps), consumers, Map.of());
    }

    /** Parents before children, as a dump is written. */
    private static List<PlacementState.ResourceProviderRecord> topologicalOrder(List<PlacementState.ResourceProviderRecord> rps) {
        Map<String, PlacementState.ResourceProviderRecord> byUuid = new LinkedHashMap<>();
        rps.forEach(r -> byUuid.put(r.uuid(), r));
        List<PlacementState.ResourceProviderRecord> out = new ArrayList<>();
        java.util.Set<String> done = new java.util.HashSet<>();
        for (PlacementState.ResourceProviderRecord r : rps) {
            add(r, byUuid, done, out);
        }
        return out;
    }

    private static void add(PlacementState.ResourceProviderRecord r, Map<String, PlacementState.ResourceProviderRecord> byUuid,
                            java.util.Set<String> done, List<PlacementState.ResourceProviderRecord> out) {
        if (done.contains(r.uuid())) {
            return;
        }
        PlacementState.ResourceProviderRecord parent = r.parentProviderUuid() == null ? null : byUuid.get(r.parentProviderUuid());
        if (parent != null) {
            add(parent, byUuid, done, out);
        }
        done.add(r.uuid());
        out.add(r);
    }
}
