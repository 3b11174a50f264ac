package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placementstudio.placement.AllocationCandidates;
import dev.placementstudio.placement.AllocationWrite;
import dev.placementstudio.placement.CandidateOptions;
import dev.placementstudio.placement.CandidateQuery;
import dev.placementstudio.placement.ConsumerView;
import dev.placementstudio.placement.Inventory;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.placement.PlacementException;
import dev.placementstudio.placement.ProviderView;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static dev.placementstudio.serve.PlacementServer.F;
import static dev.placementstudio.serve.PlacementServer.body;
import static dev.placementstudio.serve.PlacementServer.json;
import static dev.placementstudio.serve.PlacementServer.mv;

/** Consumers' allocations, usages and allocation candidates. */
final class AllocationRoutes {
    /** Placement's {@code incomplete_consumer_project_id} / {@code _user_id}: owner of writes before 1.8. */
    static final String INCOMPLETE_CONSUMER = "00000000-0000-0000-0000-000000000000";
    /** How {@code /usages} and {@code GET /allocations} name the type of a consumer written without one. */
    static final String UNKNOWN_TYPE = "unknown";
    private final PlacementEngine engine;

    /** {@link CandidateOptions#timeBudgetMillis} of every candidates search ({@link PlacementServer#withRequestTimeout}). */
    private volatile CandidateOptions candidateOptions =
            CandidateOptions.PLACEMENT_8.withTimeBudget(PlacementServer.DEFAULT_REQUEST_TIMEOUT.toMillis());

    AllocationRoutes(PlacementEngine engine) {
        this.engine = engine;
    }

    void timeBudgetMillis(long millis) {
        candidateOptions = CandidateOptions.PLACEMENT_8.withTimeBudget(millis);
    }

    void delete(Context ctx) {
        String consumer = ctx.pathParam("consumer");
        if (engine.consumer(consumer).map(c -> c.allocations().isEmpty()).orElse(true)) {
            throw ApiError.notFound("No allocations for consumer '" + consumer + "'");
        }
        engine.deleteAllocations(consumer);
        ctx.status(204);
    }

    void candidates(Context ctx) {
        checkLimit(ctx);
        CandidateQuery q = CandidateQuery.parse(ctx.queryString() == null ? "" : ctx.queryString(), mv(ctx));
        AllocationCandidates found = engine.allocationCandidates(q, candidateOptions);
        q.requireStorableAmounts(); // the point where Placement's database refuses such a number
        ctx.status(200).contentType("application/json").result(found.toJson());
    }

    /** The {@code limit} parameter's schema (1.16+), checked here so that its 400 names the failed keyword. */
    private static Context checkLimit(Context ctx) {
        List<String> limits = ctx.queryParams("limit");
        String limit = limits.isEmpty() ? null : limits.get(limits.size() - 1); // jsonschema sees the last value
        if (limit != null && mv(ctx) >= 16) {
            ObjectNode schema = F.objectNode().put("type", "object");
            ObjectNode lim = schema.putObject("properties").putObject("limit");
            lim.putArray("type").add("integer").add("string");
            lim.put("pattern", "^[1-9][0-9]*$").put("minimum", 1).put("minLength", 1);
            PlacementServer.validate(F.objectNode().put("limit", limit), schema, "Invalid query string parameters: ");
        }
        return ctx;
    }

    void get(Context ctx) {
        int mv = mv(ctx);
        ConsumerView c = engine.consumer(ctx.pathParam("consumer")).orElse(null);
        ObjectNode o = F.objectNode();
        ObjectNode a = o.putObject("allocations");
        if (c != null && !c.allocations().isEmpty()) {
            c.allocations().forEach((rp, res) -> {
                ObjectNode entry = a.putObject(rp);
                ObjectNode rr = entry.putObject("resources");
                res.forEach(rr::put);
                entry.put("generation", engine.provider(rp).map(ProviderView::generation).orElse(0L));
            });
            if (mv >= 12) {
                o.put("project_id", c.projectId()).put("user_id", c.userId());
                if (mv >= 28) {
                    o.put("consumer_generation", c.generation());
                }
                if (mv >= 38) {
                    o.put("consumer_type", c.consumerType() == null ? UNKNOWN_TYPE : c.consumerType());
                }
            }
        }
        json(ctx, 200, o);
    }

    private static JsonNode putSchema(int mv) {
        if (mv < 12) {
            return BodySchemas.allocationList(mv);
        }
        return BodySchemas.allocationDict(mv, false);
    }

    void put(Context ctx) {
        int mv = mv(ctx);
        String raw = ctx.pathParam("consumer");
        if (!CandidateQuery.isUuidLike(raw)) {
            throw ApiError.badRequest("Malformed consumer_uuid: " + raw);
        }
        String consumer = CandidateQuery.canonicalUuid(raw);
        JsonNode b = body(ctx, putSchema(mv));
        Map<String, AllocationWrite> writes = new LinkedHashMap<>();
        writes.put(consumer, readWrite(b, mv, consumer, ctx));
        checkAndWrite(writes, "Unable to allocate inventory for consumer " + consumer + ": ");
        ctx.status(204);
    }

    void post(Context ctx) {
        int mv = mv(ctx);
        int schemaMv = mv >= 38 ? 38 : mv >= 34 ? 34 : mv >= 28 ? 28 : 13;
        JsonNode b = body(ctx, BodySchemas.postAllocations(schemaMv, 1));
        Map<String, AllocationWrite> writes = new LinkedHashMap<>();
        b.fields().forEachRemaining(e -> writes.put(e.getKey(), readWrite(e.getValue(), mv, e.getKey(), ctx)));
        checkAndWrite(writes, "Unable to allocate inventory ");
        ctx.status(204);
    }

    /** One consumer's new allocations; checks its generation as Placement's ensure_consumer does. */
    private AllocationWrite readWrite(JsonNode b, int mv, String consumer, Context ctx) {
        Map<String, Map<String, Long>> allocs = new LinkedHashMap<>();
        JsonNode a = b.get("allocations");
        if (a.isArray()) { // before 1.12
            for (JsonNode item : a) {
                Map<String, Long> res = new LinkedHashMap<>();
                item.get("resources").fields().forEachRemaining(e -> res.put(e.getKey(), BodyIntegers.amount(e.getValue())));
                allocs.put(item.get("resource_provider").get("uuid").asText(), res);
            }
        } else {
            a.fields().forEachRemaining(e -> {
                Map<String, Long> res = new LinkedHashMap<>();
                e.getValue().get("resources").fields().forEachRemaining(r -> res.put(r.getKey(), BodyIntegers.amount(r.getValue())));
                allocs.put(e.getKey(), res);
            });
        }
        // the providers it names, for whoever watches the requests (a 409 flashes them)
        java.util.List<String> named = ctx.attribute(PlacementServer.PROVIDERS);
        if (named == null) {
            named = new java.util.ArrayList<>();
            ctx.attribute(PlacementServer.PROVIDERS, named);
        }
        for (String rp : allocs.keySet()) {
            if (!named.contains(rp)) {
                named.add(rp);
            }
        }
        String project = b.has("project_id") ? b.get("project_id").asText() : INCOMPLETE_CONSUMER;
        String user = b.has("user_id") ? b.get("user_id").asText() : INCOMPLETE_CONSUMER;
        Long generation = null;
        if (mv >= 28) {
            JsonNode given = b.get("consumer_generation");
            generation = given.isNull() ? null : BodyIntegers.generation(given);
            boolean beyondLong = !given.isNull() && generation == null; // matches no generation there is
            String givenText = given.isNull() ? "None" : BodyIntegers.text(given);
            ConsumerView existing = engine.consumer(consumer).orElse(null);
            if (existing != null && (beyondLong || !Objects.equals(existing.generation(), generation))) {
                throw ApiError.conflict(PlacementException.CONCURRENT_UPDATE, "consumer generation conflict - expected "
                        + existing.generation() + " but got " + givenText);
            }
            if (existing == null && !given.isNull()) {
                throw ApiError.conflict(PlacementException.CONCURRENT_UPDATE,
                        "consumer generation conflict - expected null but got " + givenText);
            }
        }
        String type = mv >= 38 ? b.get("consumer_type").asText() : null;
        return new AllocationWrite(allocs, project, user, type, generation, mv >= 28);
    }

    /**
     * Placement's checks before the write, in its order and with its messages: providers exist (400), classes
     * exist (400), the provider has that inventory (409), the amount fits its units (409); the engine then
     * checks capacity and generations atomically.
     */
    private void checkAndWrite(Map<String, AllocationWrite> writes, String notFoundPrefix) {
        for (AllocationWrite w : writes.values()) {
            for (String rp : w.allocations().keySet()) {
                if (engine.provider(rp).isEmpty()) {
                    throw ApiError.badRequest("Allocation for resource provider '" + rp + "' that does not exist.");
                }
            }
        }
        for (AllocationWrite w : writes.values()) {
            for (var e : w.allocations().entrySet()) {
                for (String rc : e.getValue().keySet()) {
                    if (!engine.resourceClasses().contains(rc)) {
                        throw ApiError.badRequest(notFoundPrefix + "No such resource class " + rc + ".");
                    }
                }
            }
        }
        for (AllocationWrite w : writes.values()) {
            for (var e : w.allocations().entrySet()) {
                ProviderView p = engine.provider(e.getKey()).orElseThrow();
                for (var r : e.getValue().entrySet()) {
                    Inventory inv = p.inventories().get(r.getKey());
                    if (inv == null) {
                        throw ApiError.conflict(null, "Unable to allocate inventory: Inventory for '" + r.getKey()
                                + "' on resource provider '" + p.uuid() + "' invalid.");
                    }
                    long amount = r.getValue();
                    if (amount < inv.minUnit() || amount > inv.maxUnit() || amount % inv.stepSize() != 0) {
                        throw ApiError.conflict(null, "Unable to allocate inventory: Unable to create allocation for '"
                                + r.getKey() + "' on resource provider '" + p.uuid()
                                + "'. The requested amount would violate inventory constraints.");
                    }
                }
            }
        }
        try {
            engine.writeAllocations(writes);
        } catch (PlacementException e) {
            if (e.status() == 409 && e.getMessage().startsWith("Unable to allocate")) {
                throw ApiError.conflict(null, e.getMessage());
            }
            throw e;
        }
    }

    void reshape(Context ctx) {
        int mv = mv(ctx);
        JsonNode b = body(ctx, BodySchemas.reshape(mv));
        Map<String, Map<String, Inventory>> inventories = new LinkedHashMap<>();
        var it = b.get("inventories").fields();
        while (it.hasNext()) {
            var e = it.next();
            String rp = e.getKey();
            ProviderView p = engine.provider(rp).orElseThrow(() -> new ApiError(400, PlacementException.PROVIDER_NOT_FOUND,
                    "Resource provider " + rp + " in inventories not found: No resource provider with uuid " + rp + " found"));
            JsonNode given = e.getValue().get("resource_provider_generation");
            if (!BodyIntegers.same(given, p.generation())) {
                throw ApiError.conflict(PlacementException.CONCURRENT_UPDATE, "resource provider generation conflict for "
                        + "provider " + rp + ": actual: " + p.generation() + ", given: " + BodyIntegers.text(given));
            }
            Map<String, Inventory> inv = new LinkedHashMap<>();
            e.getValue().get("inventories").fields().forEachRemaining(i -> inv.put(i.getKey(), ProviderRoutes.readInventory(i.getValue())));
            inventories.put(rp, inv);
        }
        Map<String, AllocationWrite> writes = new LinkedHashMap<>();
        b.get("allocations").fields().forEachRemaining(e -> writes.put(e.getKey(), readWrite(e.getValue(), mv, e.getKey(), ctx)));
        for (AllocationWrite w : writes.values()) {
            for (String rp : w.allocations().keySet()) {
                if (engine.provider(rp).isEmpty()) {
                    throw ApiError.badRequest("Allocation for resource provider '" + rp + "' that does not exist.");
                }
            }
        }
        for (Map<String, Inventory> inv : inventories.values()) {
            for (String rc : inv.keySet()) {
                if (!engine.resourceClasses().contains(rc)) {
                    throw ApiError.badRequest("malformed reshaper data: No such resource class " + rc + ".");
                }
            }
        }
        try {
            engine.reshape(inventories, writes);
        } catch (PlacementException e) {
            if (e.getMessage().startsWith("Unable to allocate inventory")) {
                throw ApiError.conflict(null, e.getMessage().replace("Unable to allocate inventory: Unable to allocate "
                        + "inventory: ", "Unable to allocate inventory: "));
            }
            throw e;
        }
        ctx.status(204);
    }

    void usages(Context ctx) {
        int mv = mv(ctx);
        PlacementServer.validateQuery(ctx, BodySchemas.usagesQuery(mv));
        String project = ctx.queryParam("project_id");
        String user = ctx.queryParam("user_id");
        String wantType = mv >= 38 ? ctx.queryParam("consumer_type") : null;
        ObjectNode o = F.objectNode();
        ObjectNode out = o.putObject("usages");
        Map<String, Map<String, Long>> byType = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (ConsumerView c : engine.consumers()) {
            if (!Objects.equals(c.projectId(), project) || user != null && !Objects.equals(c.userId(), user)
                    || c.allocations().isEmpty()) {
                continue;
            }
            String type = c.consumerType() == null ? UNKNOWN_TYPE : c.consumerType();
            if (wantType != null && !wantType.equals("all") && !wantType.equals(type)) {
                continue;
            }
            String key = mv < 38 ? "" : "all".equals(wantType) ? "all" : type;
            Map<String, Long> sums = byType.computeIfAbsent(key, k -> new TreeMap<>());
            c.allocations().values().forEach(res -> res.forEach((rc, amt) -> sums.merge(rc, amt, Long::sum)));
            counts.merge(key, 1, Integer::sum);
        }
        if (mv < 38) {
            byType.getOrDefault("", Map.of()).forEach(out::put);
        } else {
            byType.forEach((type, sums) -> {
                ObjectNode t = out.putObject(type);
                sums.forEach(t::put);
                t.put("consumer_count", counts.get(type));
            });
        }
        json(ctx, 200, o);
    }
}
