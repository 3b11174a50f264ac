package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placementstudio.model.StandardNames;
import dev.placementstudio.placement.AllocationWrite;
import dev.placementstudio.placement.CandidateOptions;
import dev.placementstudio.placement.CandidateQuery;
import dev.placementstudio.placement.ConsumerView;
import dev.placementstudio.placement.Inventory;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.placement.PlacementException;
import dev.placementstudio.placement.ProviderView;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The Placement REST API (microversions 1.0 to 1.39) over a {@link PlacementEngine}: no logic of its
 * own beyond HTTP, microversions, bodies and errors. Requests run concurrently; claims race in the
 * engine exactly as they do in Placement.
 */
public final class PlacementServer {
    /** One request as it landed: for the request log. */
    public record Request(String method, String path, int status, double millis) {
    }

    static final int MIN = 0;
    static final int MAX = CandidateQuery.MAX_MICROVERSION;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String MV = "placement.mv";
    private static final String RID = "placement.rid";
    private static final String T0 = "placement.t0";

    private final PlacementEngine engine;
    private final String token;
    private final Javalin app;
    private final List<Consumer<Request>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** @param token when set, every request must carry it as {@code x-auth-token}; otherwise any token will do */
    public PlacementServer(PlacementEngine engine, String token) {
        this.engine = engine;
        this.token = token;
        engine.setRefuseCapacityBelowUsage(false); // Placement only warns
        this.app = Javalin.create(cfg -> {
            cfg.http.maxRequestSize = 10 * 1024 * 1024;
            cfg.startup.showJavalinBanner = false;
            cfg.routes.before(this::before);
            cfg.routes.after(this::after);
            cfg.routes.exception(PlacementException.class, (e, ctx) -> error(ctx, e));
            cfg.routes.exception(BadBody.class, (e, ctx) -> error(ctx, PlacementException.badRequest(e.getMessage())));
            cfg.routes.exception(Exception.class, (e, ctx) -> error(ctx, new PlacementException(500,
                    PlacementException.UNDEFINED, "Unexpected error: " + e)));
            cfg.routes.get("/", this::root);
            cfg.routes.get("/resource_providers", this::listProviders);
            cfg.routes.post("/resource_providers", this::createProvider);
            cfg.routes.get("/resource_providers/{uuid}", ctx -> json(ctx, 200, provider(ctx, require(ctx))));
            cfg.routes.put("/resource_providers/{uuid}", this::updateProvider);
            cfg.routes.delete("/resource_providers/{uuid}", ctx -> {
                engine.deleteProvider(require(ctx).uuid());
                ctx.status(204);
            });
            cfg.routes.get("/resource_providers/{uuid}/inventories", ctx -> json(ctx, 200, inventories(require(ctx))));
            cfg.routes.put("/resource_providers/{uuid}/inventories", this::putInventories);
            cfg.routes.delete("/resource_providers/{uuid}/inventories", ctx -> {
                ProviderView p = require(ctx);
                engine.setInventories(p.uuid(), p.generation(), Map.of());
                ctx.status(204);
            });
            cfg.routes.get("/resource_providers/{uuid}/inventories/{rc}", this::getInventory);
            cfg.routes.put("/resource_providers/{uuid}/inventories/{rc}", this::putInventory);
            cfg.routes.delete("/resource_providers/{uuid}/inventories/{rc}", ctx -> {
                ProviderView p = require(ctx);
                engine.deleteInventory(p.uuid(), p.generation(), ctx.pathParam("rc"));
                ctx.status(204);
            });
            cfg.routes.get("/resource_providers/{uuid}/traits", ctx -> json(ctx, 200, traitsOf(require(ctx))));
            cfg.routes.put("/resource_providers/{uuid}/traits", this::putProviderTraits);
            cfg.routes.delete("/resource_providers/{uuid}/traits", ctx -> {
                ProviderView p = require(ctx);
                engine.setTraits(p.uuid(), p.generation(), List.of());
                ctx.status(204);
            });
            cfg.routes.get("/resource_providers/{uuid}/aggregates", ctx -> json(ctx, 200, aggregatesOf(ctx, require(ctx))));
            cfg.routes.put("/resource_providers/{uuid}/aggregates", this::putAggregates);
            cfg.routes.get("/resource_providers/{uuid}/usages", ctx -> {
                ProviderView p = require(ctx);
                ObjectNode o = F.objectNode();
                ObjectNode u = o.putObject("usages");
                p.usages().forEach(u::put);
                o.put("resource_provider_generation", p.generation());
                json(ctx, 200, o);
            });
            cfg.routes.get("/resource_providers/{uuid}/allocations", ctx -> {
                ProviderView p = require(ctx);
                ObjectNode o = F.objectNode();
                ObjectNode a = o.putObject("allocations");
                engine.allocationsOnProvider(p.uuid()).forEach((c, res) -> {
                    ObjectNode r = a.putObject(c).putObject("resources");
                    res.forEach(r::put);
                });
                o.put("resource_provider_generation", p.generation());
                json(ctx, 200, o);
            });
            cfg.routes.get("/usages", this::usages);
            cfg.routes.get("/traits", this::listTraits);
            cfg.routes.get("/traits/{name}", ctx -> ctx.status(engine.traits().contains(ctx.pathParam("name")) ? 204 : 404));
            cfg.routes.put("/traits/{name}", ctx -> {
                boolean created = engine.createTrait(ctx.pathParam("name"));
                ctx.header("Location", "/traits/" + ctx.pathParam("name"));
                ctx.status(created ? 201 : 204);
            });
            cfg.routes.delete("/traits/{name}", ctx -> {
                engine.deleteTrait(ctx.pathParam("name"));
                ctx.status(204);
            });
            cfg.routes.get("/resource_classes", ctx -> {
                ObjectNode o = F.objectNode();
                ArrayNode a = o.putArray("resource_classes");
                engine.resourceClasses().forEach(rc -> a.addObject().put("name", rc).putArray("links").addObject()
                        .put("rel", "self").put("href", "/resource_classes/" + rc));
                json(ctx, 200, o);
            });
            cfg.routes.post("/resource_classes", ctx -> {
                String name = body(ctx).path("name").asText(null);
                if (name == null) {
                    throw new BadBody("JSON does not validate: 'name' is a required property");
                }
                if (!engine.createResourceClass(name)) {
                    throw PlacementException.conflict(PlacementException.DUPLICATE_NAME, "Conflicting resource class already exists: " + name);
                }
                ctx.header("Location", "/resource_classes/" + name);
                ctx.status(201);
            });
            cfg.routes.get("/resource_classes/{name}", ctx -> {
                String name = ctx.pathParam("name");
                if (!engine.resourceClasses().contains(name)) {
                    throw PlacementException.notFound("No such resource class " + name + ".");
                }
                ObjectNode o = F.objectNode().put("name", name);
                o.putArray("links").addObject().put("rel", "self").put("href", "/resource_classes/" + name);
                json(ctx, 200, o);
            });
            cfg.routes.put("/resource_classes/{name}", ctx -> {
                boolean created = engine.createResourceClass(ctx.pathParam("name"));
                ctx.header("Location", "/resource_classes/" + ctx.pathParam("name"));
                ctx.status(created ? 201 : 204);
            });
            cfg.routes.delete("/resource_classes/{name}", ctx -> {
                engine.deleteResourceClass(ctx.pathParam("name"));
                ctx.status(204);
            });
            cfg.routes.get("/allocations/{consumer}", this::getAllocations);
            cfg.routes.put("/allocations/{consumer}", this::putAllocations);
            cfg.routes.delete("/allocations/{consumer}", ctx -> {
                engine.deleteAllocations(ctx.pathParam("consumer"));
                ctx.status(204);
            });
            cfg.routes.post("/allocations", this::postAllocations);
            cfg.routes.get("/allocation_candidates", ctx -> {
                int mv = ctx.attribute(MV);
                if (mv < 10) {
                    throw PlacementException.notFound("The resource could not be found.");
                }
                ctx.status(200).contentType("application/json")
                        .result(engine.allocationCandidates(ctx.queryString() == null ? "" : ctx.queryString(), mv,
                                CandidateOptions.PLACEMENT_8).toJson());
            });
        });
    }

    public void addListener(Consumer<Request> l) {
        listeners.add(l);
    }

    public PlacementServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }

    // ------------------------------------------------------------------ cross-cutting

    private void before(Context ctx) {
        ctx.attribute(T0, System.nanoTime());
        String rid = "req-" + UUID.randomUUID();
        ctx.attribute(RID, rid);
        ctx.header("x-openstack-request-id", rid);
        ctx.attribute(MV, 0);
        String auth = ctx.header("x-auth-token");
        if (auth == null || (token != null && !token.equals(auth))) {
            throw new PlacementException(401, PlacementException.UNDEFINED,
                    "The request you have made requires authentication.");
        }
        int mv = MIN;
        String wanted = ctx.header("OpenStack-API-Version");
        if (wanted != null) {
            String v = wanted.strip();
            if (v.startsWith("placement ")) {
                v = v.substring("placement ".length()).strip();
                if (v.equals("latest")) {
                    mv = MAX;
                } else if (v.matches("1\\.(0|[1-9][0-9]*)")) {
                    mv = Integer.parseInt(v.substring(2));
                    if (mv > MAX) {
                        ctx.attribute(MV, MAX);
                        throw new PlacementException(406, PlacementException.UNDEFINED, "Unacceptable version header: "
                                + wanted.substring("placement ".length()).strip());
                    }
                } else {
                    throw PlacementException.badRequest("invalid version string: " + v);
                }
            }
        }
        ctx.attribute(MV, mv);
        ctx.header("openstack-api-version", "placement 1." + mv);
        ctx.header("vary", "openstack-api-version");
        String method = ctx.method().name();
        if ((method.equals("PUT") || method.equals("POST") || method.equals("PATCH")) && ctx.bodyAsBytes().length > 0) {
            String ct = ctx.contentType();
            if (ct == null || !ct.toLowerCase().startsWith("application/json")) {
                throw new PlacementException(415, PlacementException.UNDEFINED, "The media type " + ct
                        + " is not supported, use application/json");
            }
        }
    }

    private void after(Context ctx) {
        int mv = ctx.attribute(MV) == null ? 0 : ctx.attribute(MV);
        if (mv >= 15 && ctx.method().name().equals("GET") && ctx.status().getCode() == 200) {
            ctx.header("cache-control", "no-cache");
            ctx.header("last-modified", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)));
        }
        Long t0 = ctx.attribute(T0);
        Request r = new Request(ctx.method().name(), ctx.path(), ctx.status().getCode(),
                t0 == null ? 0 : (System.nanoTime() - t0) / 1e6);
        listeners.forEach(l -> l.accept(r));
    }

    private void error(Context ctx, PlacementException e) {
        String rid = ctx.attribute(RID);
        ctx.status(e.status()).contentType("application/json").result(e.toJson(rid == null ? "req-" + UUID.randomUUID() : rid));
        if (e.status() == 406 || e.status() == 401) {
            ctx.header("openstack-api-version", "placement 1." + MIN);
        }
    }

    /** A body that is not valid JSON or not of the expected shape. */
    static final class BadBody extends RuntimeException {
        BadBody(String message) {
            super(message);
        }
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode n = JSON.readTree(ctx.bodyAsBytes());
            if (n == null || !n.isObject()) {
                throw new BadBody("Malformed JSON: the body must be a JSON object");
            }
            return n;
        } catch (java.io.IOException e) {
            throw new BadBody("Malformed JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    private ProviderView require(Context ctx) {
        String uuid = ctx.pathParam("uuid");
        return engine.provider(uuid).orElseThrow(() -> new PlacementException(404, PlacementException.PROVIDER_NOT_FOUND,
                "No resource provider with uuid " + uuid + " found"));
    }

    private static long generation(JsonNode body, String field) {
        JsonNode g = body.get(field);
        if (g == null || !g.canConvertToLong()) {
            throw new BadBody("JSON does not validate: '" + field + "' is a required property");
        }
        return g.asLong();
    }

    // ------------------------------------------------------------------ routes

    private void root(Context ctx) {
        ObjectNode o = F.objectNode();
        ObjectNode v = o.putArray("versions").addObject();
        v.put("id", "v1.0").put("max_version", "1." + MAX).put("min_version", "1." + MIN).put("status", "CURRENT")
                .putArray("links").addObject().put("rel", "self").put("href", "");
        json(ctx, 200, o);
    }

    private ObjectNode provider(Context ctx, ProviderView p) {
        int mv = ctx.attribute(MV);
        ObjectNode o = F.objectNode().put("uuid", p.uuid()).put("name", p.name()).put("generation", p.generation());
        if (mv >= 14) {
            o.put("parent_provider_uuid", p.parentUuid());
            o.put("root_provider_uuid", p.rootUuid());
        }
        ArrayNode links = o.putArray("links");
        String base = "/resource_providers/" + p.uuid();
        links.addObject().put("rel", "self").put("href", base);
        links.addObject().put("rel", "inventories").put("href", base + "/inventories");
        links.addObject().put("rel", "usages").put("href", base + "/usages");
        if (mv >= 1) {
            links.addObject().put("rel", "aggregates").put("href", base + "/aggregates");
        }
        if (mv >= 6) {
            links.addObject().put("rel", "traits").put("href", base + "/traits");
        }
        if (mv >= 11) {
            links.addObject().put("rel", "allocations").put("href", base + "/allocations");
        }
        return o;
    }

    private void listProviders(Context ctx) {
        String name = ctx.queryParam("name");
        String uuid = ctx.queryParam("uuid");
        String inTree = ctx.queryParam("in_tree");
        String memberOf = ctx.queryParam("member_of");
        String required = ctx.queryParam("required");
        String resources = ctx.queryParam("resources");
        Map<String, Long> wantRes = resources == null ? Map.of() : parseResources(resources);
        String treeRoot = null;
        if (inTree != null) {
            treeRoot = engine.provider(inTree).map(ProviderView::rootUuid).orElse("-none-");
        }
        Set<String> aggs = new LinkedHashSet<>();
        if (memberOf != null) {
            aggs.addAll(List.of((memberOf.startsWith("in:") ? memberOf.substring(3) : memberOf).split(",")));
        }
        List<String> traits = required == null ? List.of() : List.of(required.split(","));
        for (String t : traits) {
            String tn = t.startsWith("!") ? t.substring(1) : t;
            if (!engine.traits().contains(tn)) {
                throw PlacementException.badRequest("No such trait(s): " + tn + ".");
            }
        }
        ObjectNode o = F.objectNode();
        ArrayNode arr = o.putArray("resource_providers");
        for (ProviderView p : engine.providers()) {
            if (name != null && !name.equals(p.name()) || uuid != null && !uuid.equals(p.uuid())
                    || treeRoot != null && !treeRoot.equals(p.rootUuid())
                    || !aggs.isEmpty() && p.aggregates().stream().noneMatch(aggs::contains)) {
                continue;
            }
            boolean ok = true;
            for (String t : traits) {
                ok &= t.startsWith("!") ? !p.traits().contains(t.substring(1)) : p.traits().contains(t);
            }
            for (var e : wantRes.entrySet()) {
                Inventory inv = p.inventories().get(e.getKey());
                ok &= inv != null && p.usages().getOrDefault(e.getKey(), 0L) + e.getValue() <= inv.capacity()
                        && e.getValue() <= inv.maxUnit() && e.getValue() >= inv.minUnit() && e.getValue() % inv.stepSize() == 0;
            }
            if (ok) {
                arr.add(provider(ctx, p));
            }
        }
        json(ctx, 200, o);
    }

    private static Map<String, Long> parseResources(String qs) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String part : qs.split(",")) {
            String[] kv = part.split(":");
            if (kv.length != 2) {
                throw PlacementException.badRequest("Badly formed resources parameter. Expected resources query string "
                        + "parameter in form: ?resources=VCPU:2,MEMORY_MB:1024. Got: " + part + ".");
            }
            try {
                m.put(kv[0], Long.parseLong(kv[1].strip()));
            } catch (NumberFormatException e) {
                throw PlacementException.badRequest("Requested resource " + kv[0] + " expected positive integer amount. Got: "
                        + kv[1] + ".");
            }
        }
        return m;
    }

    private void createProvider(Context ctx) {
        JsonNode b = body(ctx);
        String name = b.path("name").asText(null);
        if (name == null) {
            throw new BadBody("JSON does not validate: 'name' is a required property");
        }
        String uuid = b.hasNonNull("uuid") ? b.get("uuid").asText() : null;
        String parent = b.hasNonNull("parent_provider_uuid") ? b.get("parent_provider_uuid").asText() : null;
        ProviderView p = engine.createProvider(uuid, name, parent);
        ctx.header("Location", "/resource_providers/" + p.uuid());
        int mv = ctx.attribute(MV);
        if (mv >= 20) {
            json(ctx, 200, provider(ctx, p));
        } else {
            ctx.status(201);
        }
    }

    private void updateProvider(Context ctx) {
        ProviderView p = require(ctx);
        JsonNode b = body(ctx);
        String name = b.path("name").asText(null);
        if (name == null) {
            throw new BadBody("JSON does not validate: 'name' is a required property");
        }
        int mv = ctx.attribute(MV);
        String parent = b.has("parent_provider_uuid") ? (b.get("parent_provider_uuid").isNull() ? null
                : b.get("parent_provider_uuid").asText()) : p.parentUuid();
        ProviderView updated = engine.updateProvider(p.uuid(), name, parent, mv >= 37);
        json(ctx, 200, provider(ctx, updated));
    }

    private static ObjectNode inventory(Inventory i) {
        return F.objectNode().put("total", i.total()).put("reserved", i.reserved()).put("min_unit", i.minUnit())
                .put("max_unit", i.maxUnit()).put("step_size", i.stepSize()).put("allocation_ratio", i.allocationRatio());
    }

    private static ObjectNode inventories(ProviderView p) {
        ObjectNode o = F.objectNode();
        ObjectNode inv = o.putObject("inventories");
        p.inventories().forEach((rc, i) -> inv.set(rc, inventory(i)));
        o.put("resource_provider_generation", p.generation());
        return o;
    }

    private static Inventory readInventory(JsonNode n, String rc) {
        if (!n.has("total") || !n.get("total").canConvertToLong()) {
            throw new BadBody("JSON does not validate: 'total' is a required property (inventory of " + rc + ")");
        }
        long total = n.get("total").asLong();
        return new Inventory(total, n.path("reserved").asLong(0), n.path("min_unit").asLong(1),
                n.path("max_unit").asLong(Integer.MAX_VALUE), n.path("step_size").asLong(1),
                n.path("allocation_ratio").asDouble(1.0));
    }

    private void putInventories(Context ctx) {
        ProviderView p = require(ctx);
        JsonNode b = body(ctx);
        long gen = generation(b, "resource_provider_generation");
        Map<String, Inventory> inv = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = b.path("inventories").fields();
        while (it.hasNext()) {
            var e = it.next();
            inv.put(e.getKey(), readInventory(e.getValue(), e.getKey()));
        }
        json(ctx, 200, inventories(engine.setInventories(p.uuid(), gen, inv)));
    }

    private void getInventory(Context ctx) {
        ProviderView p = require(ctx);
        Inventory i = p.inventories().get(ctx.pathParam("rc"));
        if (i == null) {
            throw PlacementException.notFound("No inventory of class " + ctx.pathParam("rc") + " for " + p.uuid());
        }
        json(ctx, 200, inventory(i).put("resource_provider_generation", p.generation()));
    }

    private void putInventory(Context ctx) {
        ProviderView p = require(ctx);
        JsonNode b = body(ctx);
        long gen = generation(b, "resource_provider_generation");
        String rc = ctx.pathParam("rc");
        ProviderView after = engine.setInventory(p.uuid(), gen, rc, readInventory(b, rc));
        json(ctx, 200, inventory(after.inventories().get(rc)).put("resource_provider_generation", after.generation()));
    }

    private static ObjectNode traitsOf(ProviderView p) {
        ObjectNode o = F.objectNode();
        ArrayNode a = o.putArray("traits");
        p.traits().forEach(a::add);
        o.put("resource_provider_generation", p.generation());
        return o;
    }

    private void putProviderTraits(Context ctx) {
        ProviderView p = require(ctx);
        JsonNode b = body(ctx);
        long gen = generation(b, "resource_provider_generation");
        List<String> traits = new ArrayList<>();
        b.path("traits").forEach(t -> traits.add(t.asText()));
        json(ctx, 200, traitsOf(engine.setTraits(p.uuid(), gen, traits)));
    }

    private static ObjectNode aggregatesOf(Context ctx, ProviderView p) {
        ObjectNode o = F.objectNode();
        ArrayNode a = o.putArray("aggregates");
        p.aggregates().forEach(a::add);
        if ((int) ctx.attribute(MV) >= 19) {
            o.put("resource_provider_generation", p.generation());
        }
        return o;
    }

    private void putAggregates(Context ctx) {
        ProviderView p = require(ctx);
        int mv = ctx.attribute(MV);
        JsonNode b;
        try {
            b = JSON.readTree(ctx.bodyAsBytes());
        } catch (java.io.IOException e) {
            throw new BadBody("Malformed JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<String> aggs = new ArrayList<>();
        Long gen = null;
        if (mv >= 19) {
            if (b == null || !b.isObject()) {
                throw new BadBody("JSON does not validate: the body must be an object at 1.19+");
            }
            gen = generation(b, "resource_provider_generation");
            b.path("aggregates").forEach(a -> aggs.add(a.asText()));
        } else {
            if (b == null || !b.isArray()) {
                throw new BadBody("JSON does not validate: the body must be a list of aggregate uuids");
            }
            b.forEach(a -> aggs.add(a.asText()));
        }
        for (String a : aggs) {
            if (!CandidateQuery.isUuidLike(a)) {
                throw new BadBody("JSON does not validate: '" + a + "' is not a 'uuid'");
            }
        }
        json(ctx, 200, aggregatesOf(ctx, engine.setAggregates(p.uuid(), gen, aggs)));
    }

    private void usages(Context ctx) {
        String project = ctx.queryParam("project_id");
        if (project == null) {
            throw PlacementException.badRequest("Invalid query string parameters: 'project_id' is a required property");
        }
        ObjectNode o = F.objectNode();
        ObjectNode u = o.putObject("usages");
        engine.usages(project, ctx.queryParam("user_id"), ctx.queryParam("consumer_type")).forEach(u::put);
        json(ctx, 200, o);
    }

    private void listTraits(Context ctx) {
        String name = ctx.queryParam("name");
        String associated = ctx.queryParam("associated");
        List<String> all = new ArrayList<>(engine.traits());
        if (name != null) {
            if (name.startsWith("startswith:")) {
                String prefix = name.substring("startswith:".length());
                all.removeIf(t -> !t.startsWith(prefix));
            } else if (name.startsWith("in:")) {
                Set<String> want = Set.of(name.substring(3).split(","));
                all.removeIf(t -> !want.contains(t));
            } else {
                throw PlacementException.badRequest("Badly formed name parameter. Expected name query string parameter in "
                        + "form: ?name=[in|startswith]:[name1,name2|prefix]. Got: \"" + name + "\"");
            }
        }
        if (associated != null) {
            Set<String> used = new LinkedHashSet<>();
            engine.providers().forEach(p -> used.addAll(p.traits()));
            boolean want = Boolean.parseBoolean(associated);
            all.removeIf(t -> used.contains(t) != want);
        }
        ObjectNode o = F.objectNode();
        ArrayNode a = o.putArray("traits");
        all.forEach(a::add);
        json(ctx, 200, o);
    }

    private void getAllocations(Context ctx) {
        int mv = ctx.attribute(MV);
        ConsumerView c = engine.consumer(ctx.pathParam("consumer")).orElse(null);
        ObjectNode o = F.objectNode();
        ObjectNode a = o.putObject("allocations");
        if (c != null) {
            c.allocations().forEach((rp, res) -> {
                ObjectNode r = a.putObject(rp);
                r.put("generation", engine.provider(rp).map(ProviderView::generation).orElse(0L));
                ObjectNode rr = r.putObject("resources");
                res.forEach(rr::put);
            });
            if (mv >= 12) {
                o.put("project_id", c.projectId()).put("user_id", c.userId());
            }
            if (mv >= 28) {
                o.put("consumer_generation", c.generation());
            }
            if (mv >= 38) {
                o.put("consumer_type", c.consumerType());
            }
        }
        json(ctx, 200, o);
    }

    private AllocationWrite readWrite(JsonNode b, int mv) {
        Map<String, Map<String, Long>> allocs = new LinkedHashMap<>();
        JsonNode a = b.get("allocations");
        if (a == null) {
            throw new BadBody("JSON does not validate: 'allocations' is a required property");
        }
        if (a.isArray()) { // before 1.12
            for (JsonNode item : a) {
                String rp = item.path("resource_provider").path("uuid").asText();
                Map<String, Long> res = new LinkedHashMap<>();
                item.path("resources").fields().forEachRemaining(e -> res.put(e.getKey(), e.getValue().asLong()));
                allocs.put(rp, res);
            }
        } else {
            a.fields().forEachRemaining(e -> {
                Map<String, Long> res = new LinkedHashMap<>();
                e.getValue().path("resources").fields().forEachRemaining(r -> {
                    if (!r.getValue().canConvertToLong() || r.getValue().asLong() < 1) {
                        throw new BadBody("JSON does not validate: " + r.getValue() + " is less than the minimum of 1");
                    }
                    res.put(r.getKey(), r.getValue().asLong());
                });
                allocs.put(e.getKey(), res);
            });
        }
        String project = b.path("project_id").asText(null);
        String user = b.path("user_id").asText(null);
        if (mv >= 8 && (project == null || user == null)) {
            throw new BadBody("JSON does not validate: 'project_id' and 'user_id' are required properties");
        }
        Long generation = null;
        boolean check = mv >= 28;
        if (check) {
            if (!b.has("consumer_generation")) {
                throw new BadBody("JSON does not validate: 'consumer_generation' is a required property");
            }
            generation = b.get("consumer_generation").isNull() ? null : b.get("consumer_generation").asLong();
        }
        String type = mv >= 38 ? b.path("consumer_type").asText("INSTANCE") : "INSTANCE";
        return new AllocationWrite(allocs, project, user, type, generation, check);
    }

    private void putAllocations(Context ctx) {
        int mv = ctx.attribute(MV);
        engine.putAllocations(ctx.pathParam("consumer"), readWrite(body(ctx), mv));
        ctx.status(204);
    }

    private void postAllocations(Context ctx) {
        int mv = ctx.attribute(MV);
        if (mv < 13) {
            throw new PlacementException(405, PlacementException.UNDEFINED, "The method POST is not allowed for this resource.");
        }
        JsonNode b = body(ctx);
        Map<String, AllocationWrite> writes = new LinkedHashMap<>();
        b.fields().forEachRemaining(e -> writes.put(e.getKey(), readWrite(e.getValue(), mv)));
        engine.writeAllocations(writes);
        ctx.status(204);
    }

    static boolean knownTrait(String name) {
        return StandardNames.isValidTrait(name);
    }
}
