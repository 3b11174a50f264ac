package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.placement.PlacementEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request lines that Placement's server stack takes and Jetty or Javalin did not, sent over a raw socket. What the
 * oracle (Placement 8.0.0 under wsgiref) answered: any method token, lowercase or unknown, reaches Placement's router,
 * which answers 405 naming the method as sent (after auth and the version header, and 404 for an unknown path). We
 * once gave {@code get / HTTP/1.1} a 500 with an empty body. An HTTP/0.9 line ({@code GET /}) is served by wsgiref,
 * which Jetty cannot; it was a 505 titled "Internal Server Error", and is now Placement's 400 body. An unknown
 * version ({@code HTTP/9.9}) is a 505 there too, titled as webob titles it.
 */
class RequestLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PlacementServer server;

    @BeforeAll
    static void start() {
        server = new PlacementServer(PlacementEngine.empty(), null).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** A response as it came off the wire: status, headers (lowercase names), body. */
    record Raw(int status, Map<String, String> headers, String body) {
        JsonNode error() throws Exception {
            assertThat(headers.get("content-type")).as(body).startsWith("application/json");
            JsonNode root = JSON.readTree(body);
            assertThat(root.fieldNames()).toIterable().containsExactly("errors");
            JsonNode e = root.get("errors").get(0);
            assertThat(e.get("status").asInt()).isEqualTo(status);
            assertThat(e.get("request_id").asText()).startsWith("req-");
            return e;
        }
    }

    static Raw send(int port, String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int split = text.indexOf("\r\n\r\n");
            assertThat(split).as(text).isPositive();
            String[] head = text.substring(0, split).split("\r\n");
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).strip());
            }
            return new Raw(Integer.parseInt(head[0].split(" ")[1]), headers,
                    new String(text.substring(split + 4).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
    }

    private static Raw send(String request) throws Exception {
        return send(server.port(), request);
    }

    private static void stillAnswers() throws Exception {
        assertThat(send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"get", "Get", "M-SEARCH", "GET2", "G%T", "post", "FOO"})
    void anyMethodTokenReachesTheRouterAndGetsPlacements405(String method) throws Exception {
        Raw r = send(method + " / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(r.status()).as(r.body()).isEqualTo(405);
        assertThat(r.headers()).containsEntry("allow", "GET").containsEntry("openstack-api-version", "placement 1.0");
        JsonNode e = r.error();
        assertThat(e.fieldNames()).toIterable().containsExactly("status", "title", "detail", "request_id");
        assertThat(e.get("title").asText()).isEqualTo("Method Not Allowed");
        assertThat(e.get("detail").asText()).isEqualTo("The method " + method + " is not allowed for this resource. \n\n "
                + "The method specified is not allowed for this resource.");
        stillAnswers();
    }

    @Test
    void aLowercaseMethodMeetsAuthVersionAndRouteChecksInPlacementsOrder() throws Exception {
        Raw anonymous = send("get /resource_providers HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).get("title").asText()).isEqualTo("Unauthorized");
        Raw admin = send("get /resource_providers HTTP/1.1\r\nHost: x\r\nX-Auth-Token: admin\r\n"
                + "OpenStack-API-Version: placement 1.39\r\nConnection: close\r\n\r\n");
        assertThat(admin.status()).isEqualTo(405);
        assertThat(admin.headers()).containsEntry("allow", "GET, POST");
        assertThat(admin.error().get("code").asText()).isEqualTo("placement.undefined_code");
        Raw version = send("get /resource_providers HTTP/1.1\r\nHost: x\r\nX-Auth-Token: admin\r\n"
                + "OpenStack-API-Version: placement 1.99\r\nConnection: close\r\n\r\n");
        assertThat(version.status()).isEqualTo(406);
        Raw nowhere = send("get /nope HTTP/1.1\r\nHost: x\r\nX-Auth-Token: admin\r\nConnection: close\r\n\r\n");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.error().get("title").asText()).isEqualTo("Not Found");
    }

    /** Javalin keeps a HandlerType per method name it meets, for good: a stream of made-up methods must not grow it. */
    @Test
    void madeUpMethodsDoNotAccumulateInTheServer() throws Exception {
        java.lang.reflect.Field f = io.javalin.http.HandlerType.class.getDeclaredField("METHOD_MAP");
        f.setAccessible(true);
        Map<?, ?> known = (Map<?, ?>) f.get(null);
        send("ZZZWARMUP / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        int before = known.size();
        for (int i = 0; i < 30; i++) {
            Raw r = send("MADEUP" + (char) ('A' + i % 26) + (char) ('A' + i / 26) + " / HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: close\r\n\r\n");
            assertThat(r.status()).isEqualTo(405);
        }
        assertThat(known.size()).isEqualTo(before);
    }

    @Test
    void anHttp09RequestLineIsPlacements400() throws Exception {
        Raw r = send("GET /\r\n\r\n");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        JsonNode e = r.error();
        assertThat(e.get("title").asText()).isEqualTo("Bad Request");
        assertThat(e.get("detail").asText()).startsWith("The server could not comply with the request since it is either "
                + "malformed or otherwise incorrect.\n\n ").contains("HTTP/0.9");
        stillAnswers();
    }

    @Test
    void anUnknownHttpVersionIs505TitledAsWebobTitlesIt() throws Exception {
        Raw r = send("GET / HTTP/9.9\r\nHost: x\r\n\r\n");
        assertThat(r.status()).isEqualTo(505);
        JsonNode e = r.error();
        assertThat(e.get("title").asText()).isEqualTo("HTTP Version Not Supported");
        assertThat(e.get("detail").asText()).startsWith("The HTTP version is not supported.\n\n ");
        stillAnswers();
    }

    /** Jetty wrote error bodies for GET, POST and HEAD only: a PUT with a bad Content-Length got an empty 400. */
    @Test
    void jettysOwnRefusalsCarryPlacementsBodyForEveryMethod() throws Exception {
        for (String method : new String[]{"PUT", "DELETE", "PATCH", "get"}) {
            Raw r = send(method + " /resource_providers HTTP/1.1\r\nHost: x\r\nX-Auth-Token: admin\r\n"
                    + "Content-Type: application/json\r\nContent-Length: abc\r\nConnection: close\r\n\r\n");
            assertThat(r.status()).isEqualTo(400);
            JsonNode e = r.error();
            assertThat(e.get("detail").asText()).contains("content-length header must be an integer");
            assertThat(e.get("request_id").asText()).isEqualTo(r.headers().get("x-openstack-request-id"));
            Raw target = send(method + " ?resources HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(target.status()).isEqualTo(400);
            assertThat(target.error().get("title").asText()).isEqualTo("Bad Request");
        }
        Raw head = send("HEAD /resource_providers HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n");
        assertThat(head.status()).isEqualTo(400);
        assertThat(head.body()).as("a response to HEAD has no body").isEmpty();
        stillAnswers();
    }

    /** Javalin refused a body over the size limit with its own text/plain "Content Too Large". */
    @Test
    void aBodyOverTheSizeLimitIsPlacements413() throws Exception {
        String body = " ".repeat((int) PlacementServer.MAX_BODY + 1);
        Raw r = send("POST /resource_providers HTTP/1.1\r\nHost: x\r\nX-Auth-Token: admin\r\n"
                + "OpenStack-API-Version: placement 1.39\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(r.status()).isEqualTo(413);
        JsonNode e = r.error();
        assertThat(e.get("title").asText()).isEqualTo("Request Entity Too Large");
        assertThat(e.get("detail").asText()).isEqualTo("The body of your request was too large for this server.\n\n "
                + "The request body is larger than the 10485760 bytes serve accepts.  ");
        assertThat(e.get("code").asText()).isEqualTo("placement.undefined_code");
        stillAnswers();
    }
}
