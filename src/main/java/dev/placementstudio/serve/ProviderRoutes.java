package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placementstudio.placement.CandidateQuery;
import dev.placementstudio.placement.ConsumerView;
import dev.placementstudio.placement.Inventory;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.placement.PlacementException;
import dev.placementstudio.placement.ProviderView;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.placementstudio.serve.PlacementServer.F;
import static dev.placementstudio.serve.PlacementServer.body;
import static dev.placementstudio.serve.PlacementServer.json;
import static dev.placementstudio.serve.PlacementServer.mv;

/** Resource providers and what hangs off them: inventories, aggregates, traits, usages, allocations. */
final class ProviderRoutes {
    private static final long MAX_INT = 2147483647L;
    private final PlacementEngine engine;

    ProviderRoutes(PlacementEngine engine) {
        this.engine = engine;
    }

    void show(Context ctx) {
        json(ctx, 200, provider(ctx, require(ctx)));
    }

    void listInventories(Context ctx) {
        json(ctx, 200, inventories(require(ctx, " : ")));
    }

    void listTraits(Context ctx) {
        json(ctx, 200, traitsOf(require(ctx, ": ")));
    }

    void deleteTraits(Context ctx) {
        ProviderView p = require(ctx);
        engine.setTraits(p.uuid(), p.generation(), List.of());
        ctx.status(204);
    }

    void listAggregates(Context ctx) {
        json(ctx, 200, aggregatesOf(ctx, require(ctx)));
    }

    void usages(Context ctx) {
        ProviderView p = require(ctx, ": ");
        ObjectNode o = F.objectNode();
        o.put("resource_provider_generation", p.generation());
        ObjectNode u = o.putObject("usages");
        p.usages().forEach(u::put);
        json(ctx, 200, o);
    }

    /**
     * The provider the path names, or Placement's 404: the handlers that let {@code NotFound} reach the fault
     * middleware send its text alone, with no error code of their own.
     */
    private ProviderView require(Context ctx) {
        return require(ctx, null);
    }

    /** The same, for the handlers that catch {@code NotFound} and quote it after their own text and {@code separator}. */
    private ProviderView require(Context ctx, String separator) {
        String uuid = ctx.pathParam("uuid");
        String missing = "No resource provider with uuid " + uuid + " found";
        return engine.provider(uuid).orElseThrow(() -> ApiError.notFound(
                separator == null ? missing : missing + separator + missing));
    }

    // ------------------------------------------------------------------ providers

    static ObjectNode provider(Context ctx, ProviderView p) {
        int mv = mv(ctx);
        ObjectNode o = F.objectNode().put("uuid", p.uuid()).put("name", p.name()).put("generation", p.generation());
        if (mv >= 14) {
            o.put("parent_provider_uuid", p.parentUuid());
            o.put("root_provider_uuid", p.rootUuid());
        }
        ArrayNode links = o.putArray("links");
        String base = "/resource_providers/" + p.uuid();
        links.addObject().put("rel", "self").put("href", base);
        List<String> rels = new ArrayList<>(List.of("inventories", "usages"));
        if (mv >= 1) {
            rels.add("aggregates");
        }
        if (mv >= 6) {
            rels.add("traits");
        }
        if (mv >= 11) {
            rels.add("allocations");
        }
        rels.forEach(rel -> links.addObject().put("rel", rel).put("href", base + "/" + rel));
        return o;
    }

    void list(Context ctx) {
        int mv = mv(ctx);
        PlacementServer.validateQuery(ctx, BodySchemas.listProvidersQuery(mv));
        QueryFilters.Aggregates aggs = ctx.queryParamMap().containsKey("member_of")
                ? QueryFilters.memberOf(ctx.queryParams("member_of"), mv, "") : null;
        QueryFilters.Traits traits = ctx.queryParamMap().containsKey("required")
                ? QueryFilters.required(ctx.queryParams("required"), mv, "") : null;
        QueryFilters.Resources asked = ctx.queryParam("resources") == null ? null
                : QueryFilters.resources(ctx.queryParam("resources"));
        Map<String, Long> resources = asked == null ? null : asked.amounts();
        String name = ctx.queryParam("name");
        String uuid = ctx.queryParam("uuid");
        String inTree = ctx.queryParam("in_tree");
        if (resources != null) {
            for (String rc : resources.keySet()) {
                if (!engine.resourceClasses().contains(rc)) {
                    throw ApiError.badRequest("Invalid resource class in resources parameter: No such resource class " + rc + ".");
                }
            }
        }
        if (traits != null) {
            List<String> missing = new ArrayList<>();
            Set<String> known = new HashSet<>(engine.traits());
            traits.names().forEach(t -> {
                if (!known.contains(t) && !missing.contains(t)) {
                    missing.add(t);
                }
            });
            if (!missing.isEmpty()) {
                throw ApiError.badRequest("Invalid trait(s) in \"required\" parameter: No such trait(s): "
                        + String.join(", ", missing) + ".");
            }
        }
        String treeRoot = null;
        if (inTree != null) {
            treeRoot = engine.provider(inTree).map(ProviderView::rootUuid).orElse("-none-");
        }
        if (asked != null && asked.tooLarge() != null && !"-none-".equals(treeRoot)) {
            // where Placement's database refuses the number (a 500), after an unknown tree has already answered []
            throw ApiError.badRequest(asked.tooLarge());
        }
        ObjectNode o = F.objectNode();
        ArrayNode arr = o.putArray("resource_providers");
        for (ProviderView p : engine.providers()) {
            if (name != null && !name.equals(p.name()) || uuid != null && !uuid.equals(p.uuid())
                    || treeRoot != null && !treeRoot.equals(p.rootUuid())
                    || aggs != null && !aggs.matches(new HashSet<>(p.aggregates()))
                    || traits != null && !traits.matches(new HashSet<>(p.traits()))) {
                continue;
            }
            boolean ok = true;
            if (resources != null) {
                for (var e : resources.entrySet()) {
                    Inventory inv = p.inventories().get(e.getKey());
                    long amount = e.getValue();
                    ok &= inv != null && p.usages().getOrDefault(e.getKey(), 0L) + amount <= inv.capacity()
                            && amount <= inv.maxUnit() && amount >= inv.minUnit() && amount % inv.stepSize() == 0;
                }
            }
            if (ok) {
                arr.add(provider(ctx, p));
            }
        }
        json(ctx, 200, o);
    }

    void create(Context ctx) {
        int mv = mv(ctx);
        JsonNode b = body(ctx, BodySchemas.postProvider(mv));
        String name = b.get("name").asText();
        String uuid = b.hasNonNull("uuid") ? CandidateQuery.canonicalUuid(b.get("uuid").asText()) : java.util.UUID.randomUUID().toString();
        String parent = b.hasNonNull("parent_provider_uuid") ? b.get("parent_provider_uuid").asText() : null;
        String prefix = "Unable to create resource provider \"" + name + "\", " + uuid + ": Object action create failed because: ";
        if (parent != null && parent.equals(uuid)) {
            throw ApiError.badRequest(prefix + "parent provider UUID cannot be same as UUID. Please set parent provider "
                    + "UUID to None if there is no parent.");
        }
        if (parent != null && engine.provider(parent).isEmpty()) {
            throw ApiError.badRequest(prefix + "parent provider UUID does not exist.");
        }
        List<String> duplicates = new ArrayList<>();
        if (engine.provider(uuid).isPresent()) {
            duplicates.add("uuid: " + uuid);
        }
        if (engine.providers().stream().anyMatch(p -> p.name().equals(name))) {
            duplicates.add("name: " + name);
        }
        if (!duplicates.isEmpty()) {
            throw ApiError.conflict(PlacementException.DUPLICATE_NAME,
                    "Conflicting resource provider " + String.join(", ", duplicates) + " already exists.");
        }
        ProviderView p = engine.createProvider(uuid, name, parent);
        ctx.header("Location", "/resource_providers/" + p.uuid());
        if (mv >= 20) {
            json(ctx, 200, provider(ctx, p));
        } else {
            ctx.status(201);
        }
    }

    void update(Context ctx) {
        int mv = mv(ctx);
        ProviderView p = require(ctx);
        JsonNode b = body(ctx, BodySchemas.putProvider(mv));
        String name = b.get("name").asText();
        String parent = p.parentUuid();
        String prefix = "Unable to save resource provider " + p.uuid() + ": Object action ";
        if (b.has("parent_provider_uuid")) {
            parent = b.get("parent_provider_uuid").isNull() ? null : b.get("parent_provider_uuid").asText();
            boolean reparent = mv >= 37;
            if (parent != null) {
                if (engine.provider(parent).isEmpty()) {
                    throw ApiError.badRequest(prefix + "create failed because: parent provider UUID does not exist.");
                }
                if (p.parentUuid() != null && !p.parentUuid().equals(parent) && !reparent) {
                    throw ApiError.badRequest(prefix + "update failed because: re-parenting a provider is not currently allowed.");
                }
                if (inSubtree(p.uuid(), parent)) {
                    throw ApiError.badRequest(prefix + "update failed because: creating loop in the provider tree is not allowed.");
                }
            } else if (p.parentUuid() != null && !reparent) {
                throw ApiError.badRequest(prefix + "update failed because: un-parenting a provider is not currently allowed.");
            }
        }
        if (!name.equals(p.name()) && engine.providers().stream().anyMatch(x -> x.name().equals(name))) {
            throw ApiError.conflict(PlacementException.DUPLICATE_NAME, "Conflicting resource provider " + name + " already exists.");
        }
        json(ctx, 200, provider(ctx, engine.updateProvider(p.uuid(), name, parent, true)));
    }

    /** Whether {@code candidate} is {@code root} or below it. */
    private boolean inSubtree(String root, String candidate) {
        String at = candidate;
        while (at != null) {
            if (at.equals(root)) {
                return true;
            }
            at = engine.provider(at).map(ProviderView::parentUuid).orElse(null);
        }
        return false;
    }

    void delete(Context ctx) {
        String uuid = ctx.pathParam("uuid");
        if (engine.provider(uuid).isEmpty()) {
            throw ApiError.notFound("No resource provider with uuid " + uuid + " found for delete");
        }
        engine.deleteProvider(uuid);
        ctx.status(204);
    }

    // ------------------------------------------------------------------ inventories

    private static ObjectNode inventory(Inventory i) {
        return F.objectNode().put("total", i.total()).put("reserved", i.reserved()).put("min_unit", i.minUnit())
                .put("max_unit", i.maxUnit()).put("step_size", i.stepSize()).put("allocation_ratio", i.allocationRatio());
    }

    private static ObjectNode inventories(ProviderView p) {
        ObjectNode o = F.objectNode();
        o.put("resource_provider_generation", p.generation());
        ObjectNode inv = o.putObject("inventories");
        p.inventories().forEach((rc, i) -> inv.set(rc, inventory(i)));
        return o;
    }

    /** Placement's INVENTORY_DEFAULTS under the given fields. */
    static Inventory readInventory(JsonNode n) {
        return new Inventory(n.get("total").asLong(), n.path("reserved").asLong(0), n.path("min_unit").asLong(1),
                n.path("max_unit").asLong(MAX_INT), n.path("step_size").asLong(1),
                n.path("allocation_ratio").asDouble(1.0));
    }

    /** Placement refuses capacity 0 before 1.26 and a reserved above total from then on. */
    private static void checkCapacity(int mv, String rp, String rc, Inventory i, String prefix) {
        long capacity = (long) ((i.total() - i.reserved()) * i.allocationRatio());
        if (mv < 26 ? capacity <= 0 : capacity < 0) {
            throw ApiError.badRequest(prefix + "Invalid inventory for '" + rc + "' on resource provider '" + rp
                    + "'. The reserved value is greater than " + (mv < 26 ? "or equal to " : "") + "total.");
        }
    }

    private void requireClass(String rc, String message) {
        if (!engine.resourceClasses().contains(rc)) {
            throw ApiError.badRequest(message + "No such resource class " + rc + ".");
        }
    }

    void createInventory(Context ctx) {
        ProviderView p = require(ctx);
        JsonNode b = body(ctx, BodySchemas.postInventory());
        String rc = b.get("resource_class").asText();
        Inventory inv = readInventory(b);
        String prefix = "Unable to create inventory for resource provider " + p.uuid() + ": ";
        requireClass(rc, prefix);
        checkCapacity(mv(ctx), p.uuid(), rc, inv, prefix);
        if (p.inventories().containsKey(rc)) {
            throw ApiError.conflict(PlacementException.CONCURRENT_UPDATE, "Update conflict: Inventory for " + rc
                    + " on resource provider " + p.uuid() + " already exists.");
        }
        ProviderView after = engine.setInventory(p.uuid(), p.generation(), rc, inv);
        ctx.header("Location", "/resource_providers/" + p.uuid() + "/inventories/" + rc);
        json(ctx, 201, inventory(after.inventories().get(rc)).put("resource_provider_generation", after.generation()));
    }

    void setInventories(Context ctx) {
        ProviderView p = require(ctx);
        JsonNode b = body(ctx, BodySchemas.putInventories());
        if (!BodyIntegers.same(b.get("resource_provider_generation"), p.generation())) {
            throw ApiError.conflict(PlacementException.CONCURRENT_UPDATE, "resource provider generation conflict");
        }
        Map<String, Inventory> inv = new LinkedHashMap<>();
        b.get("inventories").fields().forEachRemaining(e -> inv.put(e.getKey(), readInventory(e.getValue())));
        for (var e : inv.entrySet()) {
            checkCapacity(mv(ctx), p.uuid(), e.getKey(), e.getValue(),
                    "Unable to update inventory for resource provider " + p.uuid() + ": ");
        }
        for (String rc : inv.keySet()) {
            requireClass(rc, "Unknown resource class in inventory for resource provider " + p.uuid() + ": ");
        }
        List<String> inUse = new ArrayList<>();
        p.inventories().keySet().forEach(rc -> {
            if (!inv.containsKey(rc) && p.usages().getOrDefault(rc, 0L) > 0) {
                inUse.add(rc);
            }
        });
        if (!inUse.isEmpty()) {
            throw ApiError.conflict(PlacementException.INVENTORY_INUSE, "update conflict: Inventory for '"
                    + String.join(", ", inUse) + "' on resource provider '" + p.uuid() + "' in use.");
        }
        ProviderView after = engine.setInventories(p.uuid(), p.generation(), inv);
        ObjectNode o = F.objectNode();
        o.put("resource_provider_generation", after.generation());
        ObjectNode out = o.putObject("inventories");
        inv.keySet().forEach(rc -> out.set(rc, inventory(after.inventories().get(rc))));
        json(ctx, 200, o);
    }

    void deleteInventories(Context ctx) {
        ProviderView p = require(ctx);
        List<String> inUse = new ArrayList<>();
        p.inventories().keySet().forEach(rc -> {
            if (p.usages().getOrDefault(rc, 0L) > 0) {
                inUse.add(rc);
            }
        });
        if (!inUse.isEmpty()) {
            throw ApiError.conflict(PlacementException.INVENTORY_INUSE, "Inventory for '" + String.join(", ", inUse)
                    + "' on resource provider '" + p.uuid() + "' in use.");
        }
        engine.setInventories(p.uuid(), p.generation(), Map.of());
        ctx.status(204);
    }

    void getInventory(Context ctx) {
        ProviderView p = require(ctx, " : ");
        String rc = ctx.pathParam("rc");
        Inventory i = p.inventories().get(rc);
        if (i == null) {
            throw ApiError.notFound("No inventory of class " + rc + " for " + p.uuid());
        }
        json(ctx, 200, inventory(i).put("resource_provider_generation", p.generation()));
    }

    void updateInventory(Context ctx) {
        ProviderView p = require(ctx);
        JsonNode b = body(ctx, BodySchemas.inventory());
        if (!BodyIntegers.same(b.get("resource_provider_generation"), p.generation())) {
            throw ApiError.conflict(PlacementException.CONCURRENT_UPDATE, "resource provider generation conflict");
        }
        String rc = ctx.pathParam("rc");
        Inventory inv = readInventory(b);
        checkCapacity(mv(ctx), p.uuid(), rc, inv, "Unable to update inventory for resource provider " + p.uuid() + ": ");
        if (!p.inventories().containsKey(rc)) {
            throw ApiError.badRequest("No inventory record with resource class for resource provider " + p.uuid()
                    + ": No inventory of class " + rc + " found.");
        }
        ProviderView after = engine.setInventory(p.uuid(), p.generation(), rc, inv);
        json(ctx, 200, inventory(after.inventories().get(rc)).put("resource_provider_generation", after.generation()));
    }

    void deleteInventory(Context ctx) {
        ProviderView p = require(ctx);
        String rc = ctx.pathParam("rc");
        if (!p.inventories().containsKey(rc)) {
            throw ApiError.notFound("No inventory of class " + rc + " found for delete: No inventory of class " + rc
                    + " found for delete");
        }
        if (p.usages().getOrDefault(rc, 0L) > 0) {
            throw ApiError.conflict(PlacementException.CONCURRENT_UPDATE, "Unable to delete inventory of class " + rc
                    + ": Inventory for '" + rc + "' on resource provider '" + p.uuid() + "' in use.");
        }
        engine.deleteInventory(p.uuid(), p.generation(), rc);
        ctx.status(204);
    }

    // ------------------------------------------------------------------ traits and aggregates

    private static ObjectNode traitsOf(ProviderView p) {
        ObjectNode o = F.objectNode();
        ArrayNode a = o.putArray("traits");
        p.traits().forEach(a::add);
        o.put("resource_provider_generation", p.generation());
        return o;
    }

    void setTraits(Context ctx) {
        String uuid = ctx.pathParam("uuid");
        JsonNode b = body(ctx, BodySchemas.setProviderTraits());
        ProviderView p = require(ctx);
        if (!BodyIntegers.same(b.get("resource_provider_generation"), p.generation())) {
            throw ApiError.conflict(PlacementException.CONCURRENT_UPDATE,
                    "Resource provider's generation already changed. Please update the generation and try again.");
        }
        Set<String> traits = new LinkedHashSet<>();
        b.get("traits").forEach(t -> traits.add(t.asText()));
        Set<String> known = new HashSet<>(engine.traits());
        List<String> missing = traits.stream().filter(t -> !known.contains(t)).toList();
        if (!missing.isEmpty()) {
            throw ApiError.badRequest("No such trait " + String.join(", ", missing));
        }
        json(ctx, 200, traitsOf(engine.setTraits(uuid, p.generation(), traits)));
    }

    private static ObjectNode aggregatesOf(Context ctx, ProviderView p) {
        ObjectNode o = F.objectNode();
        ArrayNode a = o.putArray("aggregates");
        p.aggregates().forEach(a::add);
        if (mv(ctx) >= 19) {
            o.put("resource_provider_generation", p.generation());
        }
        return o;
    }

    void setAggregates(Context ctx) {
        int mv = mv(ctx);
        ProviderView p = require(ctx);
        List<String> aggs = new ArrayList<>();
        Long gen = null;
        if (mv >= 19) {
            JsonNode b = body(ctx, BodySchemas.putAggregates());
            if (!BodyIntegers.same(b.get("resource_provider_generation"), p.generation())) {
                throw ApiError.conflict(PlacementException.CONCURRENT_UPDATE,
                        "Resource provider's generation already changed. Please update the generation and try again.");
            }
            gen = p.generation();
            b.get("aggregates").forEach(a -> aggs.add(a.asText()));
        } else {
            body(ctx, BodySchemas.aggregateList()).forEach(a -> aggs.add(a.asText()));
        }
        ProviderView after = engine.setAggregates(p.uuid(), gen, aggs);
        ObjectNode o = F.objectNode();
        ArrayNode a = o.putArray("aggregates");
        aggs.forEach(a::add);
        if (mv >= 19) {
            o.put("resource_provider_generation", after.generation());
        }
        json(ctx, 200, o);
    }

    // ------------------------------------------------------------------ allocations against one provider

    void allocations(Context ctx) {
        String uuid = ctx.pathParam("uuid");
        ProviderView p = engine.provider(uuid).orElseThrow(() -> ApiError.notFound("Resource provider '" + uuid
                + "' not found: No resource provider with uuid " + uuid + " found"));
        ObjectNode o = F.objectNode();
        ObjectNode a = o.putObject("allocations");
        engine.allocationsOnProvider(p.uuid()).forEach((c, res) -> {
            ObjectNode entry = a.putObject(c);
            ObjectNode r = entry.putObject("resources");
            res.forEach(r::put);
            if (mv(ctx) >= 28) {
                entry.put("consumer_generation", engine.consumer(c).map(ConsumerView::generation).orElse(null));
            }
        });
        o.put("resource_provider_generation", p.generation());
        json(ctx, 200, o);
    }
}
