package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.placement.PlacementEngine;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies read as Placement 8.0.0 reads them (oslo jsonutils.loads: strict UTF-8, then CPython's json), with
 * the "Malformed JSON: ..." texts the oracle gave for each. Jackson's messages leaked its configuration
 * ("enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow", "StreamReadConstraints.getMaxNestingDepth()"),
 * and it took a BOM and a second document, and refused NaN, Infinity and integers over 1000 digits, all of which
 * Placement decides the other way.
 */
class MalformedJsonTest {
    /** Bytes from a Latin-1 spelling: each char one byte. */
    private static byte[] b(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String problem(String latin1) {
        return PythonJson.problem(b(latin1));
    }

    @Test
    void syntaxErrorsAreCPythonsWithTheirPlace() {
        assertThat(problem("")).isEqualTo("Expecting value: line 1 column 1 (char 0)");
        assertThat(problem("   ")).isEqualTo("Expecting value: line 1 column 4 (char 3)");
        assertThat(problem("{\"name\": \"\u0001\"}")).isEqualTo("Invalid control character at: line 1 column 11 (char 10)");
        assertThat(problem("{\"name\": \"ab")).isEqualTo("Unterminated string starting at: line 1 column 10 (char 9)");
        assertThat(problem("[1 2]")).isEqualTo("Expecting ',' delimiter: line 1 column 4 (char 3)");
        assertThat(problem("{\"a\":1,}")).isEqualTo("Expecting property name enclosed in double quotes: line 1 column 8 (char 7)");
        assertThat(problem("{\"a\"")).isEqualTo("Expecting ':' delimiter: line 1 column 5 (char 4)");
        assertThat(problem("{\"name\": \"\\u12\"}")).isEqualTo("Invalid \\uXXXX escape: line 1 column 12 (char 11)");
        assertThat(problem("\"\\x01\"")).isEqualTo("Invalid \\escape: line 1 column 2 (char 1)");
        assertThat(problem("{}{}")).isEqualTo("Extra data: line 1 column 3 (char 2)");
        assertThat(problem("01")).isEqualTo("Extra data: line 1 column 2 (char 1)");
        assertThat(problem("1.")).isEqualTo("Extra data: line 1 column 2 (char 1)");
        assertThat(problem("1e")).isEqualTo("Extra data: line 1 column 2 (char 1)");
        assertThat(problem("1e+")).isEqualTo("Extra data: line 1 column 2 (char 1)");
        assertThat(problem("-")).isEqualTo("Expecting value: line 1 column 1 (char 0)");
        assertThat(problem("[-]")).isEqualTo("Expecting value: line 1 column 2 (char 1)");
        assertThat(problem("{\"name\": tru}")).isEqualTo("Expecting value: line 1 column 10 (char 9)");
        assertThat(problem("\u0000")).isEqualTo("Expecting value: line 1 column 1 (char 0)");
        assertThat(problem("{\n  \"a\": ,\n}")).isEqualTo("Expecting value: line 2 column 8 (char 9)");
        assertThat(problem("\"\\ud800\\u12\"")).isEqualTo("Invalid \\uXXXX escape: line 1 column 9 (char 8)");
        assertThat(problem("\"\\ud800\\uzzzz\"")).isEqualTo("Invalid \\uXXXX escape: line 1 column 9 (char 8)");
        assertThat(problem("\"\\u")).isEqualTo("Invalid \\uXXXX escape: line 1 column 3 (char 2)");
        assertThat(problem("\"abc\\")).isEqualTo("Unterminated string starting at: line 1 column 1 (char 0)");
        assertThat(problem("[1,2")).isEqualTo("Expecting ',' delimiter: line 1 column 5 (char 4)");
        assertThat(problem("{\"a\" : 1 , }")).isEqualTo("Expecting property name enclosed in double quotes: line 1 column 12 (char 11)");
    }

    @Test
    void placesCountCharactersNotBytes() {
        // U+1F600 is four bytes and one character to Python
        assertThat(problem("{\"name\":\"\u00f0\u009f\u0098\u0080\", \"x\": }")).isEqualTo("Expecting value: line 1 column 19 (char 18)");
    }

    @Test
    void bytesThatAreNoUtf8AreTheCodecsError() {
        assertThat(problem("{\"name\": \"a\u00c3(b\"}")).isEqualTo("'utf-8' codec can't decode byte 0xc3 in position 11: invalid continuation byte");
        assertThat(problem("\"\u00e2\u0082")).isEqualTo("'utf-8' codec can't decode bytes in position 1-2: unexpected end of data");
        assertThat(problem("\"\u00e2\u0082(\"")).isEqualTo("'utf-8' codec can't decode bytes in position 1-2: invalid continuation byte");
        assertThat(problem("\"\u00ed\u00a0\u0080\"")).isEqualTo("'utf-8' codec can't decode byte 0xed in position 1: invalid continuation byte");
        assertThat(problem("\"\u00c0\u00af\"")).isEqualTo("'utf-8' codec can't decode byte 0xc0 in position 1: invalid start byte");
        assertThat(problem("\"\u00f4\u0090\u0080\u0080\"")).isEqualTo("'utf-8' codec can't decode byte 0xf4 in position 1: invalid continuation byte");
        assertThat(problem("\"\u00ff\"")).isEqualTo("'utf-8' codec can't decode byte 0xff in position 1: invalid start byte");
        assertThat(problem("\u00ef\u00bb\u00bf{\"name\": \"x\"}")).isEqualTo("Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)");
    }

    @Test
    void whatPythonTakesIsTaken() {
        for (String ok : new String[]{"{\"name\": NaN}", "{\"name\": -Infinity}", "[Infinity]", "{\"name\": \"x\"} ",
                "\"\\ud83d\\ude00\"", "{\"a\": 1e400}", "\t\r\n{}\n", "-0.5e-3", "\"\\uFFFF\"",
                "\"\u00ef\u00bc\u0091\"", "{\"a\": 1, \"a\": 2}", "1" + "0".repeat(4299)}) {
            assertThat(problem(ok)).as(ok).isNull();
        }
        String deep = "[".repeat(PythonJson.MAX_DEPTH) + "]".repeat(PythonJson.MAX_DEPTH);
        assertThat(problem(deep)).isNull();
    }

    @Test
    void limitsArePythonsOrSaySo() {
        assertThat(problem("{\"name\": " + "1".repeat(4301) + "}")).isEqualTo("Exceeds the limit (4300 digits) for integer "
                + "string conversion: value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit");
        assertThat(problem("[" + "1".repeat(5000) + ".5]")).isNull(); // a float: no such limit
        String deeper = "[".repeat(PythonJson.MAX_DEPTH + 1) + "]".repeat(PythonJson.MAX_DEPTH + 1);
        assertThat(problem(deeper)).isEqualTo("nested deeper than 1000 arrays and objects: line 1 column 1001 (char 1000)");
        assertThat(problem("[".repeat(200_000))).startsWith("nested deeper than 1000");
        // Python reads these and Placement's database cannot store them: its 500, our 400
        assertThat(problem("{\"name\": \"\\ud800\"}")).isEqualTo("an unpaired surrogate (\\ud800) is no text Placement "
                + "can store: line 1 column 11 (char 10)");
        assertThat(problem("\"ab\\udc00\\n\"")).startsWith("an unpaired surrogate (\\udc00)");
        assertThat(problem("\"\\ud800\\u0041\"")).startsWith("an unpaired surrogate (\\ud800)");
    }

    @Test
    void overHttpTheSchemaSeesWhatPythonWouldHaveBuilt() throws Exception {
        PlacementServer server = new PlacementServer(PlacementEngine.empty(), null).start("127.0.0.1", 0);
        try {
            HttpClient http = HttpClient.newHttpClient();
            java.util.function.Function<byte[], JsonNode> post = body -> {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                                    + "/resource_providers")).header("X-Auth-Token", "admin")
                            .header("OpenStack-API-Version", "placement 1.39").header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).isEqualTo(400);
                    return new ObjectMapper().readTree(r.body()).at("/errors/0");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            assertThat(post.apply(b("{\"name\": NaN}")).get("detail").asText()).contains("JSON does not validate: nan is not "
                    + "of type 'string'");
            assertThat(post.apply(b("{\"name\": " + "1".repeat(1001) + "}")).get("detail").asText())
                    .contains("JSON does not validate: 1111");
            assertThat(post.apply(b("\u00ef\u00bb\u00bf{\"name\": \"x\"}")).get("detail").asText()).isEqualTo("The server could "
                    + "not comply with the request since it is either malformed or otherwise incorrect.\n\n Malformed JSON: "
                    + "Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)  ");
            assertThat(post.apply(b("{\"name\": \"x\"}{}")).get("detail").asText()).contains("Malformed JSON: Extra data: line 1 "
                    + "column 14 (char 13)");
        } finally {
            server.stop();
        }
    }
}
