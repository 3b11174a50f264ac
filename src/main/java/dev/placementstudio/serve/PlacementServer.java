package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placementstudio.model.StandardNames;
import dev.placementstudio.placement.CandidateQuery;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.placement.PlacementException;
import io.javalin.Javalin;

import io.javalin.http.Context;



import java.util.List;

import java.util.UUID;
import java.util.function.Consumer;

import static dev.placementstudio.serve.RouteTable.delete;
import static dev.placementstudio.serve.RouteTable.get;
import static dev.placementstudio.serve.RouteTable.post;
import static dev.placementstudio.serve.RouteTable.put;
import static dev.placementstudio.serve.RouteTable.putWithoutBody;


/**
 * The Placement REST API (microversions 1.0 to 1.39) over a {@link PlacementEngine}: no logic of its
 * own beyond HTTP, microversions, bodies and errors. Requests run concurrently; claims race in the
 * engine exactly as they do in Placement.
 *
 * <p>The checks run in the order of Placement's WSGI pipeline, because a request that breaks two rules
 * gets the error of the first: auth (401), the version header (400/406), a body without a content type
 * (400), the route (404/405), the route's microversion (404), {@code Accept} (406), the body's media type
 * (415), then the handler's own schema and checks ({@link ProviderRoutes}, {@link AllocationRoutes},
 * {@link NameRoutes}).
 */
public final class PlacementServer {
    /**
     * One request as it landed: for the request log, and for a view that shows where it went (the
     * providers an allocation write named, in its order; empty for other requests).
     */
    public record Request(String method, String path, int status, double millis, List<String> providers) {
    }

    /** Context attribute: the providers an allocation write names (set by {@link AllocationRoutes}). */
    static final String PROVIDERS = "placement.providers";

    static final int MIN = 0;
    static final int MAX = CandidateQuery.MAX_MICROVERSION;
    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Reads bodies {@link PythonJson} has passed: as Python, NaN and Infinity are numbers, and numbers and nesting
     * go up to Python's limits (PythonJson has refused beyond them) rather than Jackson's defaults.
     */
    private static final ObjectMapper BODY_JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder(
                    com.fasterxml.jackson.core.JsonFactory.builder().streamReadConstraints(
                            com.fasterxml.jackson.core.StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE)
                                    .maxNestingDepth(PythonJson.MAX_DEPTH + 1).maxStringLength(Integer.MAX_VALUE).build())
                            .build())
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final String MV = "placement.mv";
    /** The largest request body served; Placement has no limit of its own, the web server in front of it has. */
    static final long MAX_BODY = 10 * 1024 * 1024;
    private static final String RID = "placement.rid";
    private static final String T0 = "placement.t0";

    private final PlacementEngine engine;
    private final String token;
    private final Javalin app;
    private final AllocationRoutes allocations;
    private final RouteTable routes;
    private final List<Consumer<Request>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param token when set, every request must carry it as {@code x-auth-token}; otherwise tokens are read as
     *              Placement's noauth2 reads them: {@code admin} may do everything, other users get 403s
     */
    public PlacementServer(PlacementEngine engine, String token) {
        this.engine = engine;
        this.token = token;
        engine.setRefuseCapacityBelowUsage(false); // Placement only warns
        ProviderRoutes providers = new ProviderRoutes(engine);
        this.allocations = new AllocationRoutes(engine);
        NameRoutes names = new NameRoutes(engine);
        this.routes = declare(providers, allocations, names);
        this.app = Javalin.create(cfg -> {
            cfg.http.maxRequestSize = MAX_BODY;
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new ProtocolErrors()));
            // Jetty's header cache matches values case-insensitively and hands back its own spelling; webob sees
            // the bytes sent (APPLICATION/JSON is a 415 in Placement)
            cfg.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
            cfg.jetty.modifyServletContextHandler(h -> h.addFilter(new MethodTokens(), "/*",
                    java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST)));
            cfg.routes.before(this::before);
            cfg.routes.after(this::after);
            cfg.routes.exception(ApiError.class, this::error);
            // Javalin's own refusals (a body over maxRequestSize) in Placement's form, not Javalin's text
            cfg.routes.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> error(new ApiError(e.getStatus(),
                    e.getStatus() == 413 ? "The request body is larger than the " + MAX_BODY + " bytes serve accepts."
                            : e.getMessage()), ctx));
            cfg.routes.exception(PlacementException.class, (e, ctx) -> error(ApiError.of(e), ctx));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed unexpectedly", MethodTokens.of(ctx), ctx.path(), e);
                error(new ApiError(500, "Unexpected error: " + e), ctx);
            });
            routes.registerWith(cfg.routes);
        });
    }

    /** Placement's ROUTE_DECLARATIONS, in its order (the order of the allow header), with our handlers. */
    private RouteTable declare(ProviderRoutes p, AllocationRoutes a, NameRoutes n) {
        return new RouteTable()
                .route("", get(0, null, this::root))
                .route("/", get(0, null, this::root))
                .route("/resource_classes", get(2, "resource_classes:list", n::listClasses),
                        post(2, "resource_classes:create", n::createClass))
                .route("/resource_classes/{name}", get(2, "resource_classes:show", n::showClass),
                        put(2, "resource_classes:update", n::putClass), delete(2, "resource_classes:delete", n::deleteClass))
                .route("/resource_providers", get(0, "resource_providers:list", p::list),
                        post(0, "resource_providers:create", p::create))
                .route("/resource_providers/{uuid}", get(0, "resource_providers:show", p::show),
                        delete(0, "resource_providers:delete", p::delete), put(0, "resource_providers:update", p::update))
                .route("/resource_providers/{uuid}/inventories",
                        get(0, "resource_providers:inventories:list", p::listInventories),
                        post(0, "resource_providers:inventories:create", p::createInventory),
                        put(0, "resource_providers:inventories:update", p::setInventories),
                        delete(5, "resource_providers:inventories:delete", p::deleteInventories))
                .route("/resource_providers/{uuid}/inventories/{rc}",
                        get(0, "resource_providers:inventories:show", p::getInventory),
                        put(0, "resource_providers:inventories:update", p::updateInventory),
                        delete(0, "resource_providers:inventories:delete", p::deleteInventory))
                .route("/resource_providers/{uuid}/usages", get(0, "resource_providers:usages", p::usages))
                .route("/resource_providers/{uuid}/aggregates",
                        get(1, "resource_providers:aggregates:list", p::listAggregates),
                        put(1, "resource_providers:aggregates:update", p::setAggregates))
                // only its link waits for 1.11
                .route("/resource_providers/{uuid}/allocations",
                        get(0, "resource_providers:allocations:list", p::allocations))
                .route("/allocations", post(13, "allocations:manage", a::post))
                .route("/allocations/{consumer}", get(0, "allocations:list", a::get),
                        put(0, "allocations:update", a::put), delete(0, "allocations:delete", a::delete))
                .route("/allocation_candidates", get(10, "allocation_candidates:list", a::candidates))
                .route("/traits", get(6, "traits:list", n::listTraits))
                .route("/traits/{name}", get(6, "traits:show", n::showTrait),
                        putWithoutBody(6, "traits:update", n::putTrait), delete(6, "traits:delete", n::deleteTrait))
                .route("/resource_providers/{uuid}/traits", get(6, "resource_providers:traits:list", p::listTraits),
                        put(6, "resource_providers:traits:update", p::setTraits),
                        delete(6, "resource_providers:traits:delete", p::deleteTraits))
                .route("/usages", get(9, "usages", a::usages))
                .route("/reshaper", post(30, "reshaper:reshape", a::reshape));
    }

    public void addListener(Consumer<Request> l) {
        listeners.add(l);
    }

    /** Makes a request's writes durable before its response leaves (a served {@code .db}). */
    public interface Durability {
        void commit() throws Exception;
    }

    private volatile Durability durability;

    /** Every request's changes go through this before its response is sent. */
    public PlacementServer withDurability(Durability d) {
        this.durability = d;
        return this;
    }

    /** The time budget a request starts with when none is set: generous, yet bounded. */
    public static final java.time.Duration DEFAULT_REQUEST_TIMEOUT = java.time.Duration.ofSeconds(120);

    /**
     * How long one {@code GET /allocation_candidates} may search before it is answered with a 400 that says
     * so and its thread is free again (zero: no bound, as in Placement). The other requests do bounded work.
     */
    public PlacementServer withRequestTimeout(java.time.Duration budget) {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("a request timeout cannot be negative: " + budget);
        }
        allocations.timeBudgetMillis(budget.isZero() ? 0 : Math.max(1, budget.toMillis()));
        return this;
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
        String path = ctx.path();
        // noauth2: the version document needs no token, everything else does
        boolean admin = true;
        if (!path.equals("/") && !path.isEmpty()) {
            String auth = ctx.header("x-auth-token");
            if (auth == null || (token != null && !token.equals(auth))) {
                ApiError unauthorized = new ApiError(401, "");
                unauthorized.outsideFormatter = true;
                throw unauthorized;
            }
            admin = token != null || isAdmin(auth, ctx.header("X-Roles"));
        }
        int mv = MicroversionHeader.settle(java.util.Collections.list(ctx.req().getHeaders("OpenStack-API-Version")), MIN, MAX);
        ctx.attribute(MV, mv);
        String clen = ctx.header("Content-Length");
        if (clen != null) {
            try {
                String ct = ctx.header("Content-Type");
                if (Long.parseLong(clen.strip()) > 0 && (ct == null || ct.isEmpty())) {
                    throw ApiError.badRequest("content-type header required when content-length > 0");
                }
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("content-length header must be an integer");
            }
        }
        String method = MethodTokens.of(ctx);
        RouteTable.Route route = routes.match(path).orElseThrow(() -> ApiError.notFound(""));
        RouteTable.Method m = route.methods().get(method);
        if (m == null) {
            throw new ApiError(405, "The method specified is not allowed for this resource.")
                    .header("allow", route.allow());
        }
        if (mv < m.minVersion()) {
            // DELETE .../inventories answers 405 below its version, the others 404
            if (method.equals("DELETE") && path.endsWith("/inventories")) {
                throw new ApiError(405, "The method specified is not allowed for this resource.")
                        .header("allow", "GET, POST, PUT");
            }
            throw ApiError.notFound("");
        }
        if (method.equals("GET")) {
            checkAccept(ctx);
        }
        boolean bodiless = path.startsWith("/resource_classes/") && method.equals("PUT") && mv >= 7;
        if (m.jsonBody() && !bodiless) {
            String type = mediaType(ctx.header("Content-Type"));
            if (!type.equals("application/json")) { // exactly, as Placement's require_content compares
                throw new ApiError(415, "The media type " + (type.isEmpty() ? "None" : type)
                        + " is not supported, use application/json");
            }
        }
        if (!admin && m.policy() != null) {
            // Placement's default policy gives every API but the version document to admins only
            throw new ApiError(403, "Policy does not allow " + m.policy() + " to be performed.");
        }
    }

    /**
     * Without {@code --token}, as Placement's noauth2: the token names the user ({@code user[:project]}), and
     * the user {@code admin}, or a request with {@code X-Roles} naming admin, has the admin role.
     */
    private static boolean isAdmin(String token, String roles) {
        if (roles != null) {
            for (String r : roles.split(",")) {
                if (r.strip().equals("admin")) {
                    return true;
                }
            }
            return false;
        }
        return token.split(":", 2)[0].equals("admin");
    }

    /** webob's {@code content_type}: the header up to its first ';', neither stripped nor lowercased. */
    static String mediaType(String header) {
        return header == null ? "" : header.split(";", 2)[0];
    }

    /**
     * The request's type as webob's 415 template shows it: the header, with "None" for a missing or empty media
     * type (Placement sets content_type to 'None' then, which keeps the parameters).
     */
    static String shownContentType(String header) {
        String media = mediaType(header);
        return (media.isEmpty() ? "None" : media) + (header == null ? "" : header.substring(media.length()));
    }

    /** webob's {@code check_accept}: an explicit Accept must take application/json. */
    static void checkAccept(Context ctx) {
        MediaRanges ranges = MediaRanges.parse(ctx.header("Accept"));
        if (ranges != null && !ranges.accepts("application/json")) {
            throw new ApiError(406, "Only application/json is provided");
        }
    }

    private void after(Context ctx) {
        Durability d = durability;
        if (d != null) {
            try {
                d.commit(); // what this request changed is in the file before the client hears of it
            } catch (Exception e) {
                LOG.error("{} {}: the change could not be saved", MethodTokens.of(ctx), ctx.path(), e);
                error(new ApiError(500, "The change could not be saved: " + e.getMessage()), ctx);
            }
        }
        String location = ctx.res().getHeader("Location");
        if (location != null && location.startsWith("/")) { // webob sends absolute locations
            ctx.header("Location", ctx.scheme() + "://" + ctx.host() + location);
        }
        boolean hasBody = hasBody(ctx);
        if (!hasBody) { // no body, no content type (as webob)
            ctx.res().setContentType(null);
        }
        Integer mv = ctx.attribute(MV);
        if (mv != null) {
            ctx.header("openstack-api-version", "placement 1." + mv);
            ctx.header("vary", "openstack-api-version");
            int status = ctx.status().getCode();
            boolean ok = status >= 200 && status < 300;
            String method = MethodTokens.of(ctx);
            boolean traitPut = method.equals("PUT") && ctx.path().startsWith("/traits/");
            boolean traitGet = method.equals("GET") && ctx.path().startsWith("/traits/");
            if (mv >= 15 && ok && ((method.equals("GET") || hasBody) || traitPut || traitGet)
                    && !(method.equals("PUT") && ctx.path().startsWith("/resource_classes/") && mv >= 7)) {
                ctx.header("cache-control", "no-cache");
                ctx.header("last-modified", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                        .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)));
            }
        }
        Long t0 = ctx.attribute(T0);
        List<String> named = ctx.attribute(PROVIDERS);
        Request r = new Request(MethodTokens.of(ctx), ctx.path(), ctx.status().getCode(),
                t0 == null ? 0 : (System.nanoTime() - t0) / 1e6, named == null ? List.of() : List.copyOf(named));
        if (r.status() >= 500) {
            LOG.error("{} {} answered {} in {} ms", r.method(), r.path(), r.status(), String.format(java.util.Locale.ROOT, "%.1f", r.millis()));
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} answered {} in {} ms", r.method(), r.path(), r.status(), String.format(java.util.Locale.ROOT, "%.1f", r.millis()));
        }
        listeners.forEach(l -> l.accept(r));
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PlacementServer.class);

    /**
     * Whether the response has a body. Not {@code ctx.result()}: that decodes the whole body into a String
     * (megabytes for a big allocation-candidates answer) each time it is asked.
     */
    private static boolean hasBody(Context ctx) {
        java.io.InputStream in = ctx.resultInputStream();
        try {
            return in != null && in.available() > 0;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private void error(ApiError e, Context ctx) {
        String rid = ctx.attribute(RID);
        String[] body = e.render(MethodTokens.of(ctx), shownContentType(ctx.header("Content-Type")), ctx.header("Accept"), ctx.attribute(MV),
                rid == null ? "req-" + UUID.randomUUID() : rid, MIN, MAX);
        e.headers.forEach(ctx::header);
        ctx.status(e.status).contentType(body[0]).result(body[1]);
    }

    /**
     * Requests Jetty refuses before any handler runs (a malformed header, say) still get Placement's error
     * body; a Content-Length that is no number gets Placement's words for it.
     */
    private static final class ProtocolErrors extends org.eclipse.jetty.server.handler.ErrorHandler {
        /**
         * Jetty writes error bodies for GET, POST and HEAD only; webob writes one whatever the method, except that a
         * response to HEAD never has one (Jetty's own refusals would otherwise send it).
         */
        @Override
        public boolean errorPageForMethod(String method) {
            return !"HEAD".equals(method);
        }

        @Override
        protected void generateResponse(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                        int code, String message, Throwable cause, org.eclipse.jetty.util.Callback callback) {
            String detail = message;
            if (message != null && message.contains("Content-Length")) {
                detail = "content-length header must be an integer";
            }
            if (code == 505 && message != null && message.contains("HTTP/0.9")) {
                // wsgiref serves HTTP/0.9, Jetty cannot: a malformed request line to Jetty, so webob's 400
                code = 400;
                response.setStatus(code);
            }
            String rid = "req-" + UUID.randomUUID();
            String[] body = new ApiError(code, detail == null ? "" : detail).render(request.getMethod(), "None",
                    request.getHeaders().get("Accept"), null, rid, MIN, MAX);
            response.getHeaders().put("x-openstack-request-id", rid);
            response.getHeaders().put("Content-Type", body[0]);
            response.write(true, java.nio.ByteBuffer.wrap(body[1].getBytes(java.nio.charset.StandardCharsets.UTF_8)), callback);
        }
    }

    private void root(Context ctx) {
        ObjectNode o = F.objectNode();
        ObjectNode v = o.putArray("versions").addObject();
        v.put("id", "v1.0").put("max_version", "1." + MAX).put("min_version", "1." + MIN).put("status", "CURRENT")
                .putArray("links").addObject().put("rel", "self").put("href", "");
        json(ctx, 200, o);
    }

    // ------------------------------------------------------------------ helpers for the route classes

    static int mv(Context ctx) {
        Integer mv = ctx.attribute(MV);
        return mv == null ? MIN : mv;
    }

    static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    /** Parses the body as JSON ("Malformed JSON" otherwise) and checks it against {@code schema}. */
    static JsonNode body(Context ctx, JsonNode schema) {
        byte[] raw = ctx.bodyAsBytes();
        String problem = PythonJson.problem(raw); // Placement's parse decides, and words the refusal
        if (problem != null) {
            throw ApiError.badRequest("Malformed JSON: " + problem);
        }
        JsonNode n;
        try {
            n = BODY_JSON.readTree(raw);
        } catch (java.io.IOException e) {
            // PythonJson took it; Jackson should too. Say so without Jackson's words.
            throw ApiError.badRequest("Malformed JSON: the body could not be read");
        }
        validate(n, schema, "JSON does not validate: ");
        return n;
    }

    static void validate(JsonNode n, JsonNode schema, String prefix) {
        JsonSchemaCheck.Failure f = JsonSchemaCheck.check(n, schema);
        if (f != null) {
            throw ApiError.badRequest(prefix + f.describe());
        }
    }

    /** Placement's {@code validate_query_params}: the query (last value of each name) against a schema. */
    static void validateQuery(Context ctx, JsonNode schema) {
        ObjectNode q = F.objectNode();
        ctx.queryParamMap().forEach((k, v) -> q.put(k, v.get(v.size() - 1)));
        validate(q, schema, "Invalid query string parameters: ");
    }

    static boolean knownTrait(String name) {
        return StandardNames.isValidTrait(name);
    }
}
