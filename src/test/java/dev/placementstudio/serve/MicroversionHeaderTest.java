package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.placement.PlacementEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code OpenStack-API-Version} read as microversion_parse 1.0.1 reads it (Python's {@code int()} on each side of
 * the first dot), with the answers Placement 8.0.0 gave for each header on {@code /} and {@code /resource_providers}.
 * Numbers too big for an int once gave a 500 naming {@code NumberFormatException}.
 */
class MicroversionHeaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static PlacementServer server;

    @BeforeAll
    static void start() {
        server = new PlacementServer(PlacementEngine.empty(), null).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<String> get(String path, String... headerValues) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("X-Auth-Token", "admin");
        for (String v : headerValues) {
            b.header("OpenStack-API-Version", v);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"1.99999999999", "2147483648.1", "1.2147483648", "99999999999999999999.0",
            "-1.5", "1.-5", "0.9", "2.0", "1.40", "1.5_0"})
    void outOfRangeVersionsGetPlacements406OnEveryPath(String version) throws Exception {
        for (String path : List.of("/", "/resource_providers")) {
            HttpResponse<String> r = get(path, "placement " + version);
            assertThat(r.statusCode()).as(path).isEqualTo(406);
            assertThat(r.headers().firstValue("content-type")).contains("application/json");
            assertThat(r.headers().firstValue("openstack-api-version")).isEmpty();
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.fieldNames()).toIterable().containsExactly("errors");
            JsonNode e = body.get("errors").get(0);
            assertThat(e.fieldNames()).toIterable()
                    .containsExactly("status", "title", "detail", "request_id", "max_version", "min_version");
            assertThat(e.get("status").asInt()).isEqualTo(406);
            assertThat(e.get("title").asText()).isEqualTo("Not Acceptable");
            assertThat(e.get("detail").asText()).isEqualTo("The resource could not be generated that was acceptable to "
                    + "your browser (content of type application/json. \n\n Invalid microversion: Unacceptable version "
                    + "header: " + version);
            assertThat(e.get("request_id").asText()).isEqualTo(r.headers().firstValue("x-openstack-request-id").orElseThrow());
            assertThat(e.get("max_version").asText()).isEqualTo("1.39");
            assertThat(e.get("min_version").asText()).isEqualTo("1.0");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "placement 1. 5|1.5", "placement 01.05|1.5", "placement 1.+5|1.5", "placement 1 .5|1.5",
            "placement 1.00000000000000000000001|1.1", "placement\t1.5|1.5", "Placement 1.7|1.7",
            "compute 2.1|1.0", "placement 1.5,placement 1.6|1.6"})
    void eachSideIsReadAsPythonsIntReadsIt(String header, String settled) throws Exception {
        HttpResponse<String> r = get("/", header);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("openstack-api-version")).contains("placement " + settled);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "1._5|invalid literal for int() with base 10: '_5'",
            "1.5.1|invalid literal for int() with base 10: '5.1'",
            "1. x|invalid literal for int() with base 10: ' x'",
            "LATEST|invalid literal for int() with base 10: 'LATEST'",
            "1|Version.__new__() missing 1 required positional argument: 'minor'"})
    void unreadableVersionsGetPlacements400WithPythonsReason(String version, String reason) throws Exception {
        HttpResponse<String> r = get("/", "placement " + version);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = JSON.readTree(r.body()).get("errors").get(0);
        assertThat(e.fieldNames()).toIterable().containsExactly("status", "title", "detail", "request_id");
        assertThat(e.get("detail").asText()).isEqualTo("The server could not comply with the request since it is either "
                + "malformed or otherwise incorrect.\n\n Invalid microversion: invalid version string: " + version + "; "
                + reason + "  ");
    }

    @Test
    void twoHeadersFoldIntoOneAndTheLastPlacementEntryWins() throws Exception {
        HttpResponse<String> r = get("/", "placement 1.5", "placement 1.x");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).at("/errors/0/detail").asText()).endsWith("invalid version string: 1.x; "
                + "invalid literal for int() with base 10: 'x'  ");
    }

    @Test
    void moreDigitsThanPythonConvertsIsItsValueError() throws Exception {
        String within = "1." + "0".repeat(4299) + "5";
        assertThat(get("/", "placement " + within).headers().firstValue("openstack-api-version")).contains("placement 1.5");
        String beyond = "1." + "0".repeat(4300) + "5";
        HttpResponse<String> r = get("/", "placement " + beyond);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).at("/errors/0/detail").asText()).endsWith("; Exceeds the limit (4300 digits) "
                + "for integer string conversion: value has 4301 digits; use sys.set_int_max_str_digits() to increase "
                + "the limit  ");
        HttpResponse<String> huge = get("/", "placement 1." + "1".repeat(4300));
        assertThat(huge.statusCode()).isEqualTo(406);
    }
}
