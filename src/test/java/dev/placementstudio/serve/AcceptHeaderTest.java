package dev.placementstudio.serve;

import dev.placementstudio.placement.PlacementEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * {@code Accept} as webob 1.8 reads it, with what Placement 8.0.0 answered for each header (GET /traits, and the 404
 * of GET /resource_providers/nope): a header outside RFC 7231's grammar (a q that is no qvalue, say) is an "invalid
 * header", which check_accept lets through and an error renders as HTML; a media range with parameters matches only
 * an offer with the same ones; a blank header is set to application/json by Placement's request-log middleware. Our
 * reader once parsed q with Double.parseDouble (so {@code q=1d} was 1 and {@code q=abc} 0) and ignored parameters.
 */
class AcceptHeaderTest {
    private static double json(String accept) {
        return MediaRanges.parse(accept).quality("application/json");
    }

    private static double html(String accept) {
        return MediaRanges.parse(accept).quality("text/html");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xml;q=abc", "application/xml;q=2", "application/json;q=1d",
            "application/json;q=0.0001", "application/json;q=\"0.5\"", "application/xml;q=NaN", "application/xml;q=1e999",
            "application/xml;q=0x1p0", "text/html;q=0.5,application/json;q=1e999", "application/json ;", "a b/c"})
    void aHeaderOutsideTheGrammarTakesEverythingAndErrorsAreHtml(String accept) {
        MediaRanges r = MediaRanges.parse(accept);
        assertThat(r.accepts("application/json")).as(accept).isTrue();
        assertThat(html(accept)).isEqualTo(1.0);
        assertThat(json(accept)).isEqualTo(1.0);
    }

    @Test
    void rangesWithParametersMatchOnlyOffersWithTheSameOnes() {
        assertThat(MediaRanges.parse("application/json;charset=utf-8").accepts("application/json")).isFalse();
        assertThat(html("text/html;level=1;q=0.5, application/json;q=0.4")).isEqualTo(-1);
        assertThat(json("text/html;level=1;q=0.5, application/json;q=0.4")).isEqualTo(0.4);
        assertThat(json("application/json;q=0.5;ext=\"a b\"")).isEqualTo(0.5);
        assertThat(json("application/json;Q=0.5;ext;ext2=x")).isEqualTo(0.5);
    }

    @Test
    void theMostSpecificRangeWinsAndTheFirstOfEqualOnes() {
        assertThat(json("*/*;q=0.1, application/*;q=0.2, application/json;q=0.3")).isEqualTo(0.3);
        assertThat(json("application/json;q=0.3, */*;q=0.9")).isEqualTo(0.3);
        assertThat(json("text/html;q=0, text/html, application/json;q=0")).isEqualTo(0);
        assertThat(html("text/html;q=0, text/html")).isEqualTo(0);
        assertThat(json("APPLICATION/JSON")).isEqualTo(1);
        assertThat(MediaRanges.parse(",,,").accepts("application/json")).isFalse();
        assertThat(MediaRanges.parse("text/*").accepts("application/json")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "*/*"})
    void blankOrAnythingIsWhatTheMiddlewareMakesIt(String accept) {
        assertThat(MediaRanges.parse(accept)).isNull();
    }

    @Test
    void aLongHeaderIsReadWithoutRecursion() {
        String many = String.join(", ", java.util.Collections.nCopies(2000, "a/b;c=d;q=0.5;e=\"f\""));
        assertThatCode(() -> MediaRanges.parse(many)).doesNotThrowAnyException();
        assertThat(MediaRanges.parse(many).accepts("application/json")).isFalse();
        String commas = ",".repeat(8000);
        assertThatCode(() -> MediaRanges.parse(commas)).doesNotThrowAnyException();
    }

    @Test
    void overHttpAsTheOracleAnswered() throws Exception {
        PlacementServer server = new PlacementServer(PlacementEngine.empty(), null).start("127.0.0.1", 0);
        try {
            HttpClient http = HttpClient.newHttpClient();
            java.util.function.BiFunction<String, String, HttpResponse<String>> get = (path, accept) -> {
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                            .header("X-Auth-Token", "admin").header("OpenStack-API-Version", "placement 1.39")
                            .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            HttpResponse<String> traits = get.apply("/traits", "application/xml;q=abc");
            assertThat(traits.statusCode()).isEqualTo(200);
            HttpResponse<String> missing = get.apply("/resource_providers/nope", "application/xml;q=abc");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("content-type").orElse("")).startsWith("text/html");
            HttpResponse<String> charset = get.apply("/traits", "application/json;charset=utf-8");
            assertThat(charset.statusCode()).isEqualTo(406);
            assertThat(charset.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
            HttpResponse<String> level = get.apply("/resource_providers/nope", "text/html;level=1;q=0.5, application/json;q=0.4");
            assertThat(level.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        } finally {
            server.stop();
        }
    }
}
