package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.TestFiles;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.Projection;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.placement.ProviderView;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: a bounded fuzz of {@code serve} over raw sockets. Random methods (lowercase, made up), paths (every
 * route, with real and random ids, garbage, percent-encodings good and bad, very long ones, query strings full of
 * odd numbers), headers (microversions valid, invalid and huge; Accept; Content-Type; a token or none) and bodies
 * (each route's body with a value swapped for random JSON; broken JSON, bad UTF-8, big ones).
 *
 * <p>What must hold, as Placement 8.0.0 answers (the oracle): no 5xx ever; every 4xx carries webob's body for the
 * client's Accept, and as JSON it is Placement's {@code {"errors": [{"status", "title", "detail", "request_id"}]}},
 * with {@code "code"} exactly when the microversion was settled at 1.23 or later (the response then says which in
 * {@code openstack-api-version}); the 401 of noauth2 is webob's own {@code {"message", "code", "title"}}, it comes
 * before any microversion; and the server still answers a normal request after each one.
 */
class HttpFuzzTest {
    static final int TRIES = 400;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SENT = new AtomicInteger();
    private static final Map<Integer, Integer> STATUSES = new java.util.TreeMap<>();
    private static PlacementServer server;
    private static List<String> providers;
    private static List<String> consumers;

    @BeforeContainer
    static void start() throws Exception {
        PlacementEngine engine = PlacementEngine.fromState(Projection.project(ModelFiles.open(TestFiles.sample("teaching-small"))));
        providers = engine.providers().stream().map(ProviderView::uuid).toList();
        consumers = new ArrayList<>(engine.consumers().stream().map(c -> c.uuid()).toList());
        server = new PlacementServer(engine, null).start("127.0.0.1", 0);
    }

    @AfterContainer
    static void stop() {
        System.out.println("HttpFuzzTest: " + SENT.get() + " requests, statuses " + STATUSES);
        server.stop();
    }

    // ------------------------------------------------------------------ what is sent

    /** One request: its parts, and how to print it when a property fails. */
    record Req(String method, String path, Map<String, String> headers, byte[] body) {
        byte[] bytes() {
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1\r\nConnection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body != null && !headers.containsKey("Content-Length")) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.writeBytes(body);
            }
            return out.toByteArray();
        }

        @Override
        public String toString() {
            String b = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.ISO_8859_1);
            return method + " " + (path.length() > 300 ? path.substring(0, 300) + "..." : path) + " " + headers
                    + (body == null ? "" : " body(" + body.length + ")=" + b);
        }
    }

    private static final String[] TEMPLATES = {"/", "", "/resource_providers", "/resource_providers/{rp}",
            "/resource_providers/{rp}/inventories", "/resource_providers/{rp}/inventories/{rc}",
            "/resource_providers/{rp}/usages", "/resource_providers/{rp}/aggregates", "/resource_providers/{rp}/allocations",
            "/resource_providers/{rp}/traits", "/allocations", "/allocations/{c}", "/allocation_candidates", "/traits",
            "/traits/{trait}", "/resource_classes", "/resource_classes/{rc}", "/usages", "/reshaper", "/{junk}",
            "/resource_providers/{rp}/{junk}", "//resource_providers", "/resource_providers/", "/./traits",
            "/resource_providers/../traits"};

    private static final String[] QUERY_KEYS = {"resources", "resources1", "resources_X", "required", "required1",
            "member_of", "member_of1", "in_tree", "limit", "group_policy", "root_required", "same_subtree", "name",
            "uuid", "project_id", "user_id", "consumer_type", "associated", "name", "{junk}"};

    private static final String[] NUMBERS = {"0", "1", "-1", "2147483647", "2147483648", "9223372036854775807",
            "9223372036854775808", "99999999999999999999", "-99999999999999999999", "1_0", "+5", "1e3", "1.5", "0x10",
            "%D9%A5", "%205%20", "", "1" + "0".repeat(400)};

    private static Arbitrary<String> junk() {
        Arbitrary<String> printable = Arbitraries.strings().withCharRange('!', '~').excludeChars('?', '#', '%', '&')
                .ofMinLength(1).ofMaxLength(30);
        Arbitrary<String> encoded = Arbitraries.strings().all().ofMaxLength(12).map(HttpFuzzTest::percentEncode);
        Arbitrary<String> badEscapes = Arbitraries.of("%", "%zz", "%0", "%00", "%C0%AF", "%FF%FE", "%2F", "%252F",
                "%E2%82", "%ED%A0%80", "\u00e9", "\u00ff");
        Arbitrary<String> longOne = Arbitraries.integers().between(500, 7000).map(n -> "a".repeat(n));
        return Arbitraries.frequencyOf(f(5, printable), f(4, encoded), f(3, badEscapes), f(1, longOne));
    }

    /** A weighted choice for {@link Arbitraries#frequencyOf}. */
    private static net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends String>> f(int weight, Arbitrary<String> a) {
        return net.jqwik.api.Tuple.of(weight, a);
    }

    private static String percentEncode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && "?#%&/ ".indexOf(c) < 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    private static Arbitrary<String> id(String kind) {
        Arbitrary<String> real = switch (kind) {
            case "rp" -> Arbitraries.of(providers);
            case "c" -> Arbitraries.of(consumers);
            case "rc" -> Arbitraries.of("VCPU", "MEMORY_MB", "DISK_GB", "CUSTOM_FUZZ", "custom_lower", "CUSTOM_" + "X".repeat(300));
            default -> Arbitraries.of("HW_CPU_X86_AVX2", "CUSTOM_FUZZ", "COMPUTE_NODE", "MISC_SHARES_VIA_AGGREGATE", "bad-trait");
        };
        return Arbitraries.frequencyOf(f(6, real), f(2, Arbitraries.create(() -> java.util.UUID.randomUUID().toString())),
                f(2, junk()));
    }

    private static Arbitrary<String> query() {
        Arbitrary<String> key = Arbitraries.of(QUERY_KEYS).flatMap(k -> k.equals("{junk}") ? junk() : Arbitraries.just(k));
        Arbitrary<String> amount = Arbitraries.of(NUMBERS);
        Arbitrary<String> resources = Combinators.combine(Arbitraries.of("VCPU", "MEMORY_MB", "DISK_GB", "CUSTOM_NOPE", "", "vcpu"),
                amount).as((rc, n) -> rc + ":" + n).list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(",", l));
        Arbitrary<String> value = Arbitraries.frequencyOf(f(4, resources), f(3, amount),
                f(2, Arbitraries.of("none", "isolate", "in:HW_CPU_X86_AVX2,!COMPUTE_NODE", "!in:", "_X,_Y",
                        java.util.UUID.randomUUID().toString(), "true", "false")), f(2, junk()));
        Arbitrary<String> pair = Combinators.combine(key, value, Arbitraries.integers().between(0, 9))
                .as((k, v, shape) -> shape == 0 ? k : shape == 1 ? k + "=" : k + "=" + v);
        return pair.list().ofMinSize(1).ofMaxSize(6).map(l -> "?" + String.join("&", l));
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> template = Arbitraries.of(TEMPLATES);
        return Combinators.combine(template, id("rp"), id("c"), id("rc"), id("trait"), junk(),
                Arbitraries.frequencyOf(f(1, query()), f(1, Arbitraries.just(""))))
                .as((t, rp, c, rc, trait, j, q) -> t.replace("{rp}", rp).replace("{c}", c).replace("{rc}", rc)
                        .replace("{trait}", trait).replace("{junk}", j) + q);
    }

    @Provide
    Arbitrary<String> methods() {
        Arbitrary<String> standard = Arbitraries.of("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS");
        Arbitrary<String> odd = Arbitraries.of("get", "Put", "post", "delete", "M-SEARCH", "PROPFIND", "GET2", "G%T",
                "X_Y", "QUERY", "TRACE");
        Arbitrary<String> token = Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz0123456789!#$%&'*+-.^_`|~")
                .ofMinLength(1).ofMaxLength(12);
        return Arbitraries.frequencyOf(f(8, standard), f(3, odd), f(2, token));
    }

    @Provide
    Arbitrary<Map<String, String>> headerSets() {
        Arbitrary<String> version = Arbitraries.frequencyOf(
                f(6, Arbitraries.integers().between(0, 39).map(n -> "placement 1." + n)),
                f(2, Arbitraries.of("placement latest", "placement 1.99999999999", "placement 2147483648.1",
                        "placement 1." + "9".repeat(5000), "placement 1. 5", "placement 1.5_0", "placement 1", "placement x.y",
                        "placement 1.40", "placement -1.5", "compute 2.1", "placement 1.5, placement 1.x", "placement",
                        "placement 1.0000000000000000000000039", "PLACEMENT LATEST", "placement\t1.30")),
                f(2, Arbitraries.just("")));
        Arbitrary<String> accept = Arbitraries.of("", "application/json", "text/html", "text/plain", "*/*", "application/xml",
                "text/html;q=0.5, application/json;q=0.4", "application/json;q=abc", "application/json;charset=utf-8",
                "*/*;q=0", ",,,", "text/*", "application/*;q=0.001", "a".repeat(3000) + "/b");
        Arbitrary<String> contentType = Arbitraries.of("", "application/json", "application/json; charset=utf-8",
                "APPLICATION/JSON", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "garbage", ";");
        Arbitrary<String> token = Arbitraries.of("admin", "admin", "admin", "admin", "", "someone", "admin:project");
        Arbitrary<String> extra = Arbitraries.of("", "Content-Length: abc", "Content-Length: 99999999999999999999",
                "X-Roles: admin", "X-Roles: reader", "Expect: 100-continue", "OpenStack-API-Version: placement 1.2",
                "Accept-Encoding: gzip", "X-Forwarded-For: " + "1.".repeat(2000), "Cookie: a=b");
        return Combinators.combine(version, accept, contentType, token, extra).as((v, a, ct, t, x) -> {
            Map<String, String> h = new LinkedHashMap<>();
            if (!t.isEmpty()) {
                h.put("X-Auth-Token", t);
            }
            if (!v.isEmpty()) {
                h.put("OpenStack-API-Version", v);
            }
            if (!a.isEmpty()) {
                h.put("Accept", a);
            }
            if (!ct.isEmpty()) {
                h.put("Content-Type", ct);
            }
            if (!x.isEmpty()) {
                int colon = x.indexOf(':');
                h.merge(x.substring(0, colon), x.substring(colon + 2), (old, add) -> old + ", " + add);
            }
            return h;
        });
    }

    /** Random JSON text: scalars of every odd kind, arrays and objects with Placement's field names, nested. */
    private static Arbitrary<String> json(int depth) {
        Arbitrary<String> scalar = Arbitraries.frequencyOf(
                f(3, Arbitraries.of(NUMBERS).filter(n -> n.matches("-?[0-9]+")).map(n -> n.replace("%", ""))),
                f(2, Arbitraries.of("1e400", "-1e400", "1.0", "4.0", "0.5", "-0", "1E2", "123456789012345678901234567890.5")),
                f(3, Arbitraries.strings().all().ofMaxLength(20).map(s -> JSON.valueToTree(s).toString())),
                f(2, Arbitraries.of("true", "false", "null", "\"\"", "\"INSTANCE\"", "\"VCPU\"",
                        "\"" + java.util.UUID.randomUUID() + "\"")));
        if (depth <= 0) {
            return scalar;
        }
        Arbitrary<String> key = Arbitraries.frequencyOf(f(6, Arbitraries.of("resource_provider_generation", "inventories",
                "allocations", "resources", "total", "reserved", "min_unit", "max_unit", "step_size", "allocation_ratio",
                "traits", "aggregates", "name", "uuid", "parent_provider_uuid", "consumer_generation", "project_id",
                "user_id", "consumer_type", "mappings", "VCPU", "MEMORY_MB", "DISK_GB")), f(2, Arbitraries.of(providers)),
                f(1, Arbitraries.strings().all().ofMaxLength(10)));
        Arbitrary<String> array = json(depth - 1).list().ofMaxSize(4).map(l -> "[" + String.join(", ", l) + "]");
        Arbitrary<String> object = Combinators.combine(key, json(depth - 1)).as((k, v) -> JSON.valueToTree(k) + ": " + v)
                .list().ofMaxSize(4).map(l -> "{" + String.join(", ", l) + "}");
        return Arbitraries.frequencyOf(f(4, scalar), f(2, array), f(3, object));
    }

    /** Each route's body, with one value swapped for random JSON. */
    private static Arbitrary<String> routeBody() {
        return Combinators.combine(Arbitraries.integers().between(0, 7), json(2), Arbitraries.of(providers),
                Arbitraries.of(NUMBERS).filter(n -> n.matches("-?[0-9]+"))).as((kind, v, rp, n) -> switch (kind) {
                    case 0 -> "{\"resource_provider_generation\": " + n + ", \"inventories\": {\"VCPU\": {\"total\": " + v + "}}}";
                    case 1 -> "{\"resource_provider_generation\": " + v + ", \"inventories\": {\"VCPU\": {\"total\": " + n + "}}}";
                    case 2 -> "{\"allocations\": {\"" + rp + "\": {\"resources\": {\"VCPU\": " + n + "}}}, \"project_id\": \"p\", "
                            + "\"user_id\": \"u\", \"consumer_generation\": " + v + ", \"consumer_type\": \"INSTANCE\"}";
                    case 3 -> "{\"allocations\": {\"" + rp + "\": {\"resources\": {\"VCPU\": " + v + "}}}, \"project_id\": \"p\", "
                            + "\"user_id\": \"u\", \"consumer_generation\": null}";
                    case 4 -> "{\"resource_provider_generation\": " + n + ", \"traits\": " + v + "}";
                    case 5 -> "{\"resource_provider_generation\": " + n + ", \"aggregates\": " + v + "}";
                    case 6 -> "{\"name\": " + v + ", \"parent_provider_uuid\": \"" + rp + "\"}";
                    default -> "{\"inventories\": {\"" + rp + "\": {\"resource_provider_generation\": " + n
                            + ", \"inventories\": " + v + "}}, \"allocations\": {}}";
                });
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<String> text = Arbitraries.frequencyOf(f(5, routeBody()), f(3, json(3)),
                f(1, Arbitraries.of("", "{", "[", "{\"a\":", "nul", "\"unterminated", "{}{}", "[[[[[[[[[[[[[[[[[[[[",
                        "[".repeat(3000) + "]".repeat(3000), "{\"a\": 1,}", "\ufeff{}", "\u0000")));
        return Combinators.combine(text, Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 100_000))
                .as((t, mutation, n) -> {
                    byte[] b = t.getBytes(StandardCharsets.UTF_8);
                    return switch (mutation) {
                        case 0 -> java.util.Arrays.copyOf(b, b.length == 0 ? 0 : n % b.length); // truncated
                        case 1 -> concat(java.util.Arrays.copyOf(b, b.length / 2), new byte[]{(byte) 0xC3, 0x28, (byte) 0xFF},
                                java.util.Arrays.copyOfRange(b, b.length / 2, b.length)); // bad UTF-8
                        case 2 -> ("{\"name\": \"" + "x".repeat(n * 3) + "\", \"pad\": " + t + "}").getBytes(StandardCharsets.UTF_8);
                        default -> b;
                    };
                });
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ what comes back

    /** A response off the wire: status, headers with lowercase names, the body (de-chunked). */
    record Resp(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static Resp send(byte[] request) throws Exception {
        SENT.incrementAndGet();
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(30_000);
            try {
                s.getOutputStream().write(request);
                s.getOutputStream().flush();
                s.shutdownOutput();
            } catch (java.net.SocketException refusedEarly) {
                // the server answered and closed before it had read all of a request it refuses (too big): its answer
                // is still there to read
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                in.transferTo(all);
            } catch (java.net.SocketException reset) {
                // a reset after the answer (the unread rest of our request): keep what arrived
            }
            return parse(all.toByteArray());
        }
    }

    private static Resp parse(byte[] all) {
        String text = new String(all, StandardCharsets.ISO_8859_1);
        while (text.startsWith("HTTP/1.1 1")) { // an interim 100 Continue: the answer follows
            int end = text.indexOf("\r\n\r\n") + 4;
            all = java.util.Arrays.copyOfRange(all, end, all.length);
            text = text.substring(end);
        }
        int split = text.indexOf("\r\n\r\n");
        assertThat(split).as("a response: " + text).isPositive();
        String[] head = text.substring(0, split).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.put(head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).strip());
        }
        byte[] body = java.util.Arrays.copyOfRange(all, split + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        if ("gzip".equalsIgnoreCase(headers.get("content-encoding"))) { // Javalin compresses for Accept-Encoding: gzip
            try (java.util.zip.GZIPInputStream z = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                body = z.readAllBytes();
            } catch (java.io.IOException e) {
                throw new AssertionError("a gzip body that does not inflate", e);
            }
        }
        return new Resp(Integer.parseInt(head[0].split(" ")[1]), headers, body);
    }

    private static byte[] dechunk(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int p = 0;
        while (p < b.length) {
            int eol = p;
            while (eol + 1 < b.length && !(b[eol] == '\r' && b[eol + 1] == '\n')) {
                eol++;
            }
            int size = Integer.parseInt(new String(b, p, eol - p, StandardCharsets.ISO_8859_1).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            out.write(b, eol + 2, size);
            p = eol + 2 + size + 2;
        }
        return out.toByteArray();
    }

    /** Webob's body for the status, in the form the client's Accept asked for; Placement's JSON shape. */
    static void checkError(Req req, Resp r) throws Exception {
        String type = r.headers().getOrDefault("content-type", "");
        if (req.method().equals("HEAD") && r.body().length == 0) {
            // HEAD has no body, except where Jetty refuses the request before it has read the method (a bad URI,
            // headers too large): that body is then checked as any other
            return;
        }
        String title = ApiError.title(r.status());
        assertThat(title).as("a title of webob's").isNotEqualTo("Internal Server Error");
        if (type.startsWith("text/html")) {
            assertThat(r.text()).contains("<title>" + r.status() + " " + title + "</title>");
            return;
        }
        if (type.startsWith("text/plain")) {
            assertThat(r.text()).startsWith(r.status() + " " + title + "\n\n");
            return;
        }
        assertThat(type).startsWith("application/json");
        JsonNode body = JSON.readTree(r.body());
        if (r.status() == 401) {
            // noauth2 is outside Placement's JSON formatter: webob's own JSON, and before any microversion
            assertThat(body.fieldNames()).toIterable().containsExactly("message", "code", "title");
            assertThat(body.get("code").asText()).isEqualTo("401 Unauthorized");
            assertThat(r.headers()).doesNotContainKey("openstack-api-version");
            return;
        }
        assertThat(body.fieldNames()).toIterable().containsExactly("errors");
        assertThat(body.get("errors")).hasSize(1);
        JsonNode e = body.get("errors").get(0);
        assertThat(e.get("status").asInt()).isEqualTo(r.status());
        assertThat(e.get("title").asText()).isEqualTo(title);
        assertThat(e.get("detail").isTextual()).isTrue();
        assertThat(e.get("request_id").asText()).startsWith("req-");
        String settled = r.headers().get("openstack-api-version");
        int mv = settled == null ? -1 : Integer.parseInt(settled.substring("placement 1.".length()));
        List<String> keys = new ArrayList<>();
        e.fieldNames().forEachRemaining(keys::add);
        List<String> expected = new ArrayList<>(List.of("status", "title", "detail"));
        if (mv >= 23) {
            expected.add("code");
        }
        expected.add("request_id");
        if (keys.contains("max_version")) { // the version header's own 400/406: no microversion was settled
            assertThat(settled).isNull();
            expected.addAll(List.of("max_version", "min_version"));
        }
        assertThat(keys).as("fields at microversion " + settled).containsExactlyElementsOf(expected);
        if (mv >= 23) {
            assertThat(e.get("code").asText()).startsWith("placement.");
        }
    }

    private static void stillAnswers() throws Exception {
        Resp r = send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(r.status()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).at("/versions/0/max_version").asText()).isEqualTo("1.39");
    }

    private static void check(Req req) throws Exception {
        Resp r = send(req.bytes());
        synchronized (STATUSES) {
            STATUSES.merge(r.status(), 1, Integer::sum);
        }
        assertThat(r.status()).as(req + " -> " + r.text()).isLessThan(500);
        if (r.status() >= 400) {
            try {
                checkError(req, r);
            } catch (AssertionError e) {
                throw new AssertionError(req + " -> " + r.status() + " " + r.headers() + " " + r.text(), e);
            }
        }
        stillAnswers();
    }

    // ------------------------------------------------------------------ properties

    @Property(tries = TRIES)
    void anyRequestGetsAnAnswerBelow500InPlacementsForm(@ForAll("methods") String method, @ForAll("paths") String path,
                                                        @ForAll("headerSets") Map<String, String> headers,
                                                        @ForAll("bodies") byte[] body) throws Exception {
        boolean withBody = !method.equalsIgnoreCase("GET") && !method.equals("HEAD") || body.length % 7 == 0;
        check(new Req(method, path.isEmpty() ? "/" : path, headers, withBody ? body : null));
    }

    @Property(tries = TRIES / 2)
    void writesWithRandomBodiesOnRealRoutes(@ForAll("bodies") byte[] body, @ForAll("headerSets") Map<String, String> headers,
                                            @ForAll("writeRoutes") String route) throws Exception {
        String[] mp = route.split(" ", 2);
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("X-Auth-Token", "admin");
        h.putIfAbsent("Content-Type", "application/json");
        check(new Req(mp[0], mp[1], h, body));
    }

    @Provide
    Arbitrary<String> writeRoutes() {
        return Combinators.combine(Arbitraries.of(providers), Arbitraries.of(consumers),
                Arbitraries.of("PUT /resource_providers/{rp}/inventories", "POST /resource_providers/{rp}/inventories",
                        "PUT /resource_providers/{rp}/inventories/VCPU", "PUT /resource_providers/{rp}/traits",
                        "PUT /resource_providers/{rp}/aggregates", "PUT /resource_providers/{rp}", "POST /resource_providers",
                        "PUT /allocations/{c}", "POST /allocations", "POST /reshaper", "PUT /resource_classes/CUSTOM_FUZZ",
                        "POST /resource_classes")).as((rp, c, t) -> t.replace("{rp}", rp).replace("{c}", c));
    }

    @Example
    void aBodyOverTheSizeLimitIsPlacementsForm() throws Exception {
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Auth-Token", "admin");
        h.put("OpenStack-API-Version", "placement 1.39");
        h.put("Content-Type", "application/json");
        check(new Req("POST", "/resource_providers", h, big));
    }

    @Example
    void afterItAllTheCloudIsStillServed() throws Exception {
        Map<String, String> h = Map.of("X-Auth-Token", "admin", "OpenStack-API-Version", "placement 1.39");
        Resp r = send(new Req("GET", "/resource_providers", h, null).bytes());
        assertThat(r.status()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("resource_providers").isArray()).isTrue();
    }
}
