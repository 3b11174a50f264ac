package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.TestFiles;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.Projection;
import dev.placementstudio.placement.PlacementEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Numbers in query strings are Python ints in Placement 8.0.0: unbounded. What it answered (the oracle):
 * {@code limit=1000000000000} is a 200 with every candidate; an amount up to 2^63-1 is a 200 with nothing that fits;
 * a larger one passes the parse and then fails in the database with a 500 ("Python int too large to convert to SQLite
 * INTEGER"), after the checks of names and of the other amounts. We give a 400 with a clear detail at that point
 * instead. These once gave a 500 naming NumberFormatException, or a 400 saying a positive integer was not one.
 */
class QueryNumbersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOO_BIG = "9223372036854775808";
    private static PlacementServer server;

    @BeforeAll
    static void start() throws Exception {
        PlacementEngine engine = PlacementEngine.fromState(Projection.project(ModelFiles.open(TestFiles.sample("teaching-small"))));
        server = new PlacementServer(engine, null).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
                .header("X-Auth-Token", "admin").header("OpenStack-API-Version", "placement 1.39").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode error(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode e = JSON.readTree(r.body()).get("errors").get(0);
        assertThat(e.fieldNames()).toIterable().containsExactly("status", "title", "detail", "code", "request_id");
        assertThat(e.get("title").asText()).isEqualTo("Bad Request");
        assertThat(e.get("code").asText()).isEqualTo("placement.undefined_code");
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000000000000", "2147483648", "99999999999999999999999999999999"})
    void aLimitBeyondAnIntIsNoLimit(String limit) throws Exception {
        HttpResponse<String> all = get("/allocation_candidates?resources=VCPU:1");
        HttpResponse<String> limited = get("/allocation_candidates?resources=VCPU:1&limit=" + limit);
        assertThat(limited.statusCode()).as(limited.body()).isEqualTo(200);
        int count = JSON.readTree(all.body()).get("allocation_requests").size();
        assertThat(count).isGreaterThan(1);
        assertThat(JSON.readTree(limited.body()).get("allocation_requests").size()).isEqualTo(count);
    }

    /**
     * Placement validates the last limit and uses int() of the first: {@code limit=0&limit=5} is no limit (0 is
     * false), {@code limit=abc&limit=5} and a limit of 4301 digits are its 500s, {@code limit=-3&limit=5} drops three
     * candidates from the end of a Python slice. We give those last three a 400 that says why.
     */
    @Test
    void theFirstLimitIsTheOneUsedAndTheLastTheOneValidated() throws Exception {
        int all = JSON.readTree(get("/allocation_candidates?resources=VCPU:1").body()).get("allocation_requests").size();
        HttpResponse<String> zero = get("/allocation_candidates?resources=VCPU:1&limit=0&limit=5");
        assertThat(JSON.readTree(zero.body()).get("allocation_requests").size()).as(zero.body()).isEqualTo(all);
        HttpResponse<String> spaced = get("/allocation_candidates?resources=VCPU:1&limit=%201_0&limit=5");
        assertThat(JSON.readTree(spaced.body()).get("allocation_requests").size()).isEqualTo(Math.min(10, all));
        assertThat(error(get("/allocation_candidates?resources=VCPU:1&limit=5&limit=abc")).get("detail").asText())
                .contains("Invalid query string parameters: 'abc' does not match '^[1-9][0-9]*$'  Failed validating "
                        + "'pattern' in schema['properties']['limit']");
        assertThat(error(get("/allocation_candidates?resources=VCPU:1&limit=abc&limit=5")).get("detail").asText())
                .contains("the first limit, 'abc', is not an integer (Placement uses the first limit and validates only "
                        + "the last).");
        assertThat(error(get("/allocation_candidates?resources=VCPU:1&limit=-3&limit=5")).get("detail").asText())
                .contains("the first limit, -3, is negative");
        assertThat(error(get("/allocation_candidates?resources=VCPU:1&limit=" + "1".repeat(4301))).get("detail").asText())
                .contains("has more digits than the 4300 Python reads (Placement uses the first limit");
        assertThat(error(get("/allocation_candidates?resources=VCPU:" + "1".repeat(4301))).get("detail").asText())
                .contains("Requested resource VCPU expected positive integer amount. Got: 1111");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/allocation_candidates", "/resource_providers"})
    void theLargestStorableAmountFitsNowhere(String path) throws Exception {
        HttpResponse<String> r = get(path + "?resources=VCPU:9223372036854775807");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get(path.equals("/resource_providers") ? "resource_providers" : "allocation_requests")).isEmpty();
    }

    @Test
    void anAmountBeyondWhatPlacementStoresIsA400NamingIt() throws Exception {
        JsonNode e = error(get("/allocation_candidates?resources=VCPU:" + TOO_BIG));
        assertThat(e.get("detail").asText()).isEqualTo("The server could not comply with the request since it is either "
                + "malformed or otherwise incorrect.\n\n Requested resource VCPU in resources asks for " + TOO_BIG
                + ", more than the largest amount Placement can store (9223372036854775807).  ");
        JsonNode granular = error(get("/allocation_candidates?resources_X=VCPU:1,MEMORY_MB:" + TOO_BIG + "0"));
        assertThat(granular.get("detail").asText()).contains("Requested resource MEMORY_MB in resources_X asks for "
                + TOO_BIG + "0,");
        JsonNode listed = error(get("/resource_providers?resources=VCPU:" + TOO_BIG));
        assertThat(listed.get("detail").asText()).contains("Requested resource VCPU in resources asks for " + TOO_BIG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/allocation_candidates", "/resource_providers"})
    void placementsOwnChecksComeFirst(String path) throws Exception {
        assertThat(error(get(path + "?resources=VCPU:" + TOO_BIG + ",MEMORY_MB:0")).get("detail").asText())
                .contains("Requested resource MEMORY_MB requires amount >= 1. Got: 0.");
        assertThat(error(get(path + "?resources=CUSTOM_NOPE:" + TOO_BIG)).get("detail").asText())
                .contains("No such resource class CUSTOM_NOPE.");
        assertThat(error(get(path + "?resources=VCPU:" + TOO_BIG + "&required=CUSTOM_NOPE")).get("detail").asText())
                .contains("No such trait(s): CUSTOM_NOPE.");
    }

    @Test
    void anUnknownTreeListsNothingBeforeAnyAmountIsLookedAt() throws Exception {
        HttpResponse<String> r = get("/resource_providers?resources=VCPU:" + TOO_BIG
                + "&in_tree=11111111-2222-3333-4444-555555555555");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("resource_providers")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/allocation_candidates", "/resource_providers"})
    void amountsAreReadAsPythonsIntReadsThem(String path) throws Exception {
        assertThat(error(get(path + "?resources=VCPU:-99999999999999999999")).get("detail").asText())
                .contains("Requested resource VCPU requires amount >= 1. Got: -99999999999999999999.");
        assertThat(error(get(path + "?resources=VCPU:-0")).get("detail").asText())
                .contains("Requested resource VCPU requires amount >= 1. Got: 0.");
        // Python takes any script's decimal digits and strips a no-break space
        for (String amount : new String[]{"1_0", "+5", "%205%20", "00000000000000000000000000001", "%D9%A5", "%C2%A05"}) {
            HttpResponse<String> r = get(path + "?resources=VCPU:" + amount);
            assertThat(r.statusCode()).as(amount + ": " + r.body()).isEqualTo(200);
        }
        assertThat(error(get(path + "?resources=VCPU:1__0")).get("detail").asText())
                .contains("Requested resource VCPU expected positive integer amount. Got: 1__0.");
    }
}
