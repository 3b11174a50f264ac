package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.placement.PlacementEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behaviours of Placement 8.0.0's API that its gabbi suites check (src/test/gabbi runs those over HTTP), pinned
 * here in-process so that `mvn verify` keeps them: the request pipeline's order of refusals, error bodies,
 * JSON-schema messages, generations and the reshaper.
 */
class PlacementConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RP = "11111111-2222-3333-4444-555555555555";
    private static final String CHILD = "11111111-2222-3333-4444-666666666666";
    private static final String VM = "99999999-0000-0000-0000-000000000001";
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

    private HttpResponse<String> call(String method, String path, String mv, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("X-Auth-Token", "admin");
        if (mv != null) {
            b.header("OpenStack-API-Version", "placement " + mv);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static String detail(HttpResponse<String> r) throws Exception {
        return json(r).at("/errors/0/detail").asText();
    }

    private long generation() {
        return engine.provider(RP).orElseThrow().generation();
    }

    @Test
    void unknownPathsAndMethodsAndVersionsAreRefusedAsPlacementDoes() throws Exception {
        HttpResponse<String> nowhere = call("GET", "/barnabas", "1.23", null);
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(json(nowhere).at("/errors/0/title").asText()).isEqualTo("Not Found");
        assertThat(json(nowhere).at("/errors/0/code").asText()).isEqualTo("placement.undefined_code");
        HttpResponse<String> method = call("DELETE", "/resource_providers", null, null);
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(method.headers().firstValue("allow")).contains("GET, POST");
        assertThat(detail(method)).contains("The method DELETE is not allowed for this resource.");
        // a route newer than the asked microversion is not there yet
        assertThat(call("GET", "/traits", "1.5", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/traits", "1.6", null).statusCode()).isEqualTo(200);
        HttpResponse<String> html = call("GET", "/nowhere", null, null, "Accept", "text/html");
        assertThat(html.headers().firstValue("content-type").orElse("")).startsWith("text/html");
        assertThat(html.body()).contains("The resource could not be found");
        assertThat(call("GET", "/resource_providers", null, null, "Accept", "text/plain").statusCode()).isEqualTo(406);
        HttpResponse<String> badVersion = call("GET", "/", "pony.horse", null);
        assertThat(badVersion.statusCode()).isEqualTo(400);
        assertThat(detail(badVersion)).contains("invalid version string: pony.horse");
        HttpResponse<String> tooOld = call("GET", "/", "0.5", null);
        assertThat(tooOld.statusCode()).isEqualTo(406);
        assertThat(json(tooOld).at("/errors/0/max_version").asText()).isEqualTo("1.39");
        // the version document needs no token
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void noauth2RolesWithoutAToken() throws Exception {
        HttpRequest.Builder user = HttpRequest.newBuilder(URI.create(base + "/resource_providers")).header("X-Auth-Token", "user");
        assertThat(http.send(user.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/resource_providers", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void bodiesAreCheckedAgainstPlacementsSchemasWithJsonschemasWords() throws Exception {
        HttpResponse<String> noName = call("POST", "/resource_providers", "1.39", "{\"uuid\": \"" + RP + "\"}");
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(detail(noName)).contains("JSON does not validate: 'name' is a required property")
                .contains("Failed validating 'required' in schema");
        call("POST", "/resource_providers", "1.39", "{\"name\": \"cn\", \"uuid\": \"" + RP + "\"}");
        HttpResponse<String> total = call("POST", "/resource_providers/" + RP + "/inventories", "1.39",
                "{\"resource_class\": \"VCPU\", \"total\": 0}");
        assertThat(detail(total)).contains("Failed validating 'minimum' in schema['properties']['total']");
        HttpResponse<String> extra = call("PUT", "/resource_providers/" + RP + "/traits", "1.39",
                "{\"traits\": [], \"resource_provider_generation\": 0, \"cows\": 1}");
        assertThat(detail(extra)).contains("Additional properties are not allowed ('cows' was unexpected)");
        HttpResponse<String> badType = call("PUT", "/allocations/" + VM, "1.38", "{\"allocations\": {}, \"project_id\": \"p\", "
                + "\"user_id\": \"u\", \"consumer_generation\": null, \"consumer_type\": \"instance\"}");
        assertThat(detail(badType)).contains("'instance' does not match '^[A-Z0-9_]+$'");
        HttpResponse<String> notUuid = call("PUT", "/allocations/not-a-uuid", "1.39", "{}");
        assertThat(detail(notUuid)).contains("Malformed consumer_uuid: not-a-uuid");
    }

    @Test
    void generationsAdvanceWhenPlacementAdvancesThem() throws Exception {
        HttpResponse<String> created = call("POST", "/resource_providers", "1.39", "{\"name\": \"cn\", \"uuid\": \"" + RP + "\"}");
        assertThat(created.headers().firstValue("location")).contains(base + "/resource_providers/" + RP);
        HttpResponse<String> inv = call("POST", "/resource_providers/" + RP + "/inventories", "1.39",
                "{\"resource_class\": \"VCPU\", \"total\": 8}");
        assertThat(inv.statusCode()).isEqualTo(201);
        assertThat(json(inv).get("resource_provider_generation").asLong()).isEqualTo(1);
        assertThat(inv.headers().firstValue("location")).contains(base + "/resource_providers/" + RP + "/inventories/VCPU");
        // the list body of aggregates (before 1.19) leaves the generation, the 1.19 body advances it
        call("PUT", "/resource_providers/" + RP + "/aggregates", "1.18", "[\"" + CHILD + "\"]");
        assertThat(generation()).isEqualTo(1);
        call("PUT", "/resource_providers/" + RP + "/aggregates", "1.19",
                "{\"aggregates\": [], \"resource_provider_generation\": 1}");
        assertThat(generation()).isEqualTo(2);
        // unchanged traits and a rename leave it
        call("PUT", "/resource_providers/" + RP + "/traits", "1.39", "{\"traits\": [], \"resource_provider_generation\": 2}");
        call("PUT", "/resource_providers/" + RP, "1.39", "{\"name\": \"renamed\"}");
        assertThat(generation()).isEqualTo(2);
        String alloc = "{\"allocations\": {\"" + RP + "\": {\"resources\": {\"VCPU\": 2}}}, \"project_id\": \"p\", "
                + "\"user_id\": \"u\", \"consumer_generation\": null, \"consumer_type\": \"INSTANCE\"}";
        HttpResponse<String> put = call("PUT", "/allocations/" + VM, "1.39", alloc);
        assertThat(put.statusCode()).isEqualTo(204);
        assertThat(put.headers().firstValue("content-type")).isEmpty();
        assertThat(generation()).isEqualTo(3);
        HttpResponse<String> stale = call("PUT", "/allocations/" + VM, "1.39", alloc);
        assertThat(detail(stale)).contains("consumer generation conflict - expected 1 but got None");
        call("DELETE", "/allocations/" + VM, null, null);
        assertThat(generation()).isEqualTo(3);
    }

    @Test
    void allocationRefusalsNameTheirCause() throws Exception {
        call("POST", "/resource_providers", "1.39", "{\"name\": \"cn\", \"uuid\": \"" + RP + "\"}");
        call("POST", "/resource_providers/" + RP + "/inventories", "1.39",
                "{\"resource_class\": \"DISK_GB\", \"total\": 100, \"step_size\": 10}");
        String body = "{\"allocations\": {\"" + RP + "\": {\"resources\": {\"%s\": %d}}}, \"project_id\": \"p\", "
                + "\"user_id\": \"u\", \"consumer_generation\": null, \"consumer_type\": \"INSTANCE\"}";
        HttpResponse<String> noInventory = call("PUT", "/allocations/" + VM, "1.39", String.format(body, "VCPU", 1));
        assertThat(noInventory.statusCode()).isEqualTo(409);
        assertThat(detail(noInventory)).contains("Inventory for 'VCPU' on resource provider '" + RP + "' invalid.");
        HttpResponse<String> step = call("PUT", "/allocations/" + VM, "1.39", String.format(body, "DISK_GB", 5));
        assertThat(step.statusCode()).isEqualTo(409);
        assertThat(detail(step)).contains("would violate inventory constraints");
        HttpResponse<String> unknown = call("PUT", "/allocations/" + VM, "1.39", String.format(body, "CUSTOM_NOPE", 1));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(detail(unknown)).contains("No such resource class CUSTOM_NOPE");
    }

    @Test
    void reshaperMovesInventoryAndAllocationsTogether() throws Exception {
        call("POST", "/resource_providers", "1.39", "{\"name\": \"cn\", \"uuid\": \"" + RP + "\"}");
        call("POST", "/resource_providers", "1.39", "{\"name\": \"numa\", \"uuid\": \"" + CHILD + "\", "
                + "\"parent_provider_uuid\": \"" + RP + "\"}");
        call("POST", "/resource_providers/" + RP + "/inventories", "1.39", "{\"resource_class\": \"VCPU\", \"total\": 8}");
        call("PUT", "/allocations/" + VM, "1.39", "{\"allocations\": {\"" + RP + "\": {\"resources\": {\"VCPU\": 2}}}, "
                + "\"project_id\": \"p\", \"user_id\": \"u\", \"consumer_generation\": null, \"consumer_type\": \"INSTANCE\"}");
        String move = "{\"inventories\": {\"" + RP + "\": {\"resource_provider_generation\": 2, \"inventories\": {}}, \""
                + CHILD + "\": {\"resource_provider_generation\": 0, \"inventories\": {\"VCPU\": {\"total\": 8}}}}, "
                + "\"allocations\": {\"" + VM + "\": {\"allocations\": {\"" + CHILD + "\": {\"resources\": {\"VCPU\": 2}}}, "
                + "\"project_id\": \"p\", \"user_id\": \"u\", \"consumer_generation\": 1, \"consumer_type\": \"INSTANCE\"}}}";
        HttpResponse<String> staleRp = call("POST", "/reshaper", "1.39", move.replace("\"resource_provider_generation\": 2",
                "\"resource_provider_generation\": 1"));
        assertThat(staleRp.statusCode()).isEqualTo(409);
        assertThat(detail(staleRp)).contains("actual: 2, given: 1");
        assertThat(call("POST", "/reshaper", "1.39", move).statusCode()).isEqualTo(204);
        assertThat(engine.provider(RP).orElseThrow().inventories()).isEmpty();
        assertThat(engine.provider(CHILD).orElseThrow().usages()).containsEntry("VCPU", 2L);
        // leaving a class that is still in use on a provider refuses the whole reshape
        String keep = "{\"inventories\": {\"" + CHILD + "\": {\"resource_provider_generation\": "
                + engine.provider(CHILD).orElseThrow().generation() + ", \"inventories\": {}}}, \"allocations\": {}}";
        HttpResponse<String> inUse = call("POST", "/reshaper", "1.39", keep);
        assertThat(inUse.statusCode()).isEqualTo(409);
        assertThat(json(inUse).at("/errors/0/code").asText()).isEqualTo("placement.inventory.inuse");
        assertThat(engine.provider(CHILD).orElseThrow().inventories()).containsKey("VCPU");
    }

    /** Each text below is what Placement 8.0.0 sent for the same request (osc-placement shows such details). */
    @Test
    void schemaRefusalsQuoteSchemaAndInstanceAsJsonschemaPrintsThemWithWebobsLineBreaksGone() throws Exception {
        String explanation = "The server could not comply with the request since it is either malformed or otherwise incorrect.\n\n ";
        HttpResponse<String> noName = call("POST", "/resource_providers", "1.39", "{\"uuid\": \"" + RP + "\"}");
        assertThat(detail(noName)).isEqualTo(explanation + "JSON does not validate: 'name' is a required property  "
                + "Failed validating 'required' in schema:     {'additionalProperties': False,      "
                + "'properties': {'name': {'maxLength': 200, 'type': 'string'},                     "
                + "'parent_provider_uuid': {'anyOf': [{'format': 'uuid',                                                         "
                + "'type': 'string'},                                                        {'type': 'null'}]},                     "
                + "'uuid': {'format': 'uuid', 'type': 'string'}},      'required': ['name'],      'type': 'object'}  "
                + "On instance:     {'uuid': '" + RP + "'}  ");
        call("POST", "/resource_providers", "1.39", "{\"name\": \"cn\", \"uuid\": \"" + RP + "\"}");
        String minUnit = "{\"resource_provider_generation\": 0, \"inventories\": {\"VCPU\": {\"total\": 4, \"min_unit\": 0}}}";
        HttpResponse<String> zero = call("PUT", "/resource_providers/" + RP + "/inventories", "1.39", minUnit);
        assertThat(detail(zero)).isEqualTo(explanation + "JSON does not validate: 0 is less than the minimum of 1  "
                + "Failed validating 'minimum' in schema['properties']['inventories']['patternProperties']['^[A-Z0-9_]+$']"
                + "['properties']['min_unit']:     {'maximum': 2147483647, 'minimum': 1, 'type': 'integer'}  "
                + "On instance['inventories']['VCPU']['min_unit']:     0  ");
        // the HTML body keeps the line breaks, and escapes quotes too
        HttpResponse<String> html = call("PUT", "/resource_providers/" + RP + "/inventories", "1.39", minUnit, "Accept", "text/html");
        assertThat(html.body()).isEqualTo("<html>\n <head>\n  <title>400 Bad Request</title>\n </head>\n <body>\n"
                + "  <h1>400 Bad Request</h1>\n  The server could not comply with the request since it is either malformed or "
                + "otherwise incorrect.<br /><br />\nJSON does not validate: 0 is less than the minimum of 1\n\n"
                + "Failed validating &#x27;minimum&#x27; in schema[&#x27;properties&#x27;][&#x27;inventories&#x27;]"
                + "[&#x27;patternProperties&#x27;][&#x27;^[A-Z0-9_]+$&#x27;][&#x27;properties&#x27;][&#x27;min_unit&#x27;]:\n"
                + "    {&#x27;maximum&#x27;: 2147483647, &#x27;minimum&#x27;: 1, &#x27;type&#x27;: &#x27;integer&#x27;}\n\n"
                + "On instance[&#x27;inventories&#x27;][&#x27;VCPU&#x27;][&#x27;min_unit&#x27;]:\n    0\n\n\n </body>\n</html>");
    }

    @Test
    void statusesWithWebobTemplatesOfTheirOwnQuoteTheRequestAsWebobDoes() throws Exception {
        HttpResponse<String> method = call("DELETE", "/resource_providers", "1.39", null, "Accept", "text/plain");
        assertThat(method.body()).isEqualTo("405 Method Not Allowed\n\nThe method DELETE is not allowed for this resource. \n\n "
                + "The method specified is not allowed for this resource.");
        // webob's template misses the closing parenthesis
        HttpResponse<String> xml = call("GET", "/resource_providers", "1.39", null, "Accept", "application/xml");
        assertThat(xml.body()).isEqualTo("406 Not Acceptable\n\nThe resource could not be generated that was acceptable to your "
                + "browser (content of type application/xml. \n\n Only application/json is provided");
        HttpResponse<String> media = http.send(HttpRequest.newBuilder(URI.create(base + "/resource_providers"))
                .header("X-Auth-Token", "admin").header("OpenStack-API-Version", "placement 1.39")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(detail(media)).isEqualTo("The request media type text/plain is not supported by this server. \n\n "
                + "The media type text/plain is not supported, use application/json");
        // Placement's request log middleware reads a missing Accept as application/json
        HttpResponse<String> version = http.send(HttpRequest.newBuilder(URI.create(base + "/resource_providers"))
                .header("X-Auth-Token", "admin").header("OpenStack-API-Version", "placement 1.99").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(detail(version)).startsWith("The resource could not be generated that was acceptable to your browser "
                + "(content of type application/json. \n\n Invalid microversion");
    }

    @Test
    void errorBodiesAreHtmlWhenTheClientRatesHtmlAtLeastAsHighAsJson() throws Exception {
        String missing = "/resource_providers/" + CHILD;
        assertThat(call("GET", missing, "1.39", null, "Accept", "application/json, text/html").headers()
                .firstValue("content-type").orElse("")).startsWith("text/html");
        assertThat(call("GET", missing, "1.39", null, "Accept", "text/html, application/json;q=0.1").headers()
                .firstValue("content-type").orElse("")).startsWith("text/html");
        assertThat(call("GET", missing, "1.39", null, "Accept", "application/json, text/html;q=0.5").headers()
                .firstValue("content-type").orElse("")).startsWith("application/json");
        assertThat(call("GET", missing, "1.39", null, "Accept", "*/*").headers()
                .firstValue("content-type").orElse("")).startsWith("application/json");
    }

    @Test
    void noauth2s401ComesInWebobsOwnJsonFromOutsidePlacementsErrorFormatter() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + "/resource_providers")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous)).isEqualTo(JSON.readTree("{\"message\": \"This server could not verify that you are "
                + "authorized to access the document you requested. Either you supplied the wrong credentials (e.g., bad "
                + "password), or your browser does not understand how to supply the credentials required.<br /><br />\\n\\n\\n\", "
                + "\"code\": \"401 Unauthorized\", \"title\": \"Unauthorized\"}"));
    }

    @Test
    void a403NamesThePolicyTheHandlerChecks() throws Exception {
        HttpResponse<String> user = http.send(HttpRequest.newBuilder(URI.create(base + "/resource_providers/" + RP + "/inventories/VCPU"))
                .header("X-Auth-Token", "user").header("OpenStack-API-Version", "placement 1.39").DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(user.statusCode()).isEqualTo(403);
        assertThat(detail(user)).isEqualTo("Access was denied to this resource.\n\n "
                + "Policy does not allow placement:resource_providers:inventories:delete to be performed.  ");
    }

    @Test
    void aMissingProviderIsWordedAsEachPlacementHandlerWordsIt() throws Exception {
        String missing = "No resource provider with uuid " + CHILD + " found";
        String prefix = "The resource could not be found.\n\n ";
        String rp = "/resource_providers/" + CHILD;
        for (String path : new String[]{"", "/aggregates"}) {
            HttpResponse<String> r = call("GET", rp + path, "1.39", null);
            assertThat(detail(r)).as(path).isEqualTo(prefix + missing + "  ");
            assertThat(json(r).at("/errors/0/code").asText()).isEqualTo("placement.undefined_code");
        }
        for (String path : new String[]{"/inventories", "/inventories/VCPU"}) {
            assertThat(detail(call("GET", rp + path, "1.39", null))).as(path).isEqualTo(prefix + missing + " : " + missing + "  ");
        }
        for (String path : new String[]{"/traits", "/usages"}) {
            assertThat(detail(call("GET", rp + path, "1.39", null))).as(path).isEqualTo(prefix + missing + ": " + missing + "  ");
        }
        assertThat(detail(call("GET", rp + "/allocations", "1.39", null)))
                .isEqualTo(prefix + "Resource provider '" + CHILD + "' not found: " + missing + "  ");
        assertThat(detail(call("DELETE", rp, "1.39", null))).isEqualTo(prefix + missing + " for delete  ");
    }

    @Test
    void aContentLengthThatIsNoNumberGetsPlacementsAnswer() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /resource_providers HTTP/1.1\r\nHost: x\r\nX-Auth-Token: admin\r\n"
                    + "Content-Type: application/json\r\nContent-Length: hi mom\r\nConnection: close\r\n\r\n{}")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400").contains("content-length header must be an integer");
        }
    }
}
