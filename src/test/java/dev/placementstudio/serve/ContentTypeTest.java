package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.placement.PlacementEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Content-Type} as Placement 8.0.0 reads it (the oracle's answers): webob's content_type is the header up to
 * the first ';', neither stripped nor lowercased, compared with application/json exactly; an empty one is "None",
 * which its 415 template shows in front of the parameters. A header of just ";" once gave a bodiless 500 (an index
 * out of bounds), and an empty one with a body skipped the "content-type header required" check.
 */
class ContentTypeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RP = "11111111-2222-3333-4444-555555555555";
    private static PlacementServer server;

    @BeforeAll
    static void start() {
        PlacementEngine engine = PlacementEngine.empty();
        engine.createProvider(RP, "cn1", null);
        server = new PlacementServer(engine, null).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static RequestLineTest.Raw put(String contentTypeLine) throws Exception {
        return RequestLineTest.send(server.port(), "PUT /resource_providers/" + RP + "/inventories HTTP/1.1\r\nHost: x\r\n"
                + "X-Auth-Token: admin\r\nOpenStack-API-Version: placement 1.39\r\n" + contentTypeLine
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            ";|None;|None",
            ";charset=x|None;charset=x|None",
            "APPLICATION/JSON|APPLICATION/JSON|APPLICATION/JSON",
            "application/json ;charset=utf-8|application/json ;charset=utf-8|\"application/json \"",
            "text/plain; charset=utf-8|text/plain; charset=utf-8|text/plain",
            "Application/Json; x=y|Application/Json; x=y|Application/Json"})
    void anythingButExactlyApplicationJsonIsPlacements415(String header, String shown, String type) throws Exception {
        RequestLineTest.Raw r = put("Content-Type: " + header + "\r\n");
        assertThat(r.status()).as(r.body()).isEqualTo(415);
        assertThat(r.error().get("detail").asText()).isEqualTo("The request media type " + shown + " is not supported by "
                + "this server. \n\n The media type " + type + " is not supported, use application/json");
    }

    @Test
    void parametersAfterTheExactTypeAreFine() throws Exception {
        RequestLineTest.Raw r = put("Content-Type: application/json;\r\n");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().get("detail").asText()).contains("JSON does not validate: 'resource_provider_generation' is a "
                + "required property");
    }

    @Test
    void anEmptyContentTypeWithABodyIsNoContentType() throws Exception {
        RequestLineTest.Raw r = put("Content-Type:\r\n");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().get("detail").asText()).contains("content-type header required when content-length > 0");
    }
}
