package dev.placementstudio.placement;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's JSON writer: Python's json.dumps layout and escaping, read back as the same strings. */
class JsonOutTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String write(List<String> values) {
        JsonOut o = new JsonOut(8);
        o.beginObject().name("values").beginArray();
        values.forEach(o::value);
        o.endArray().endObject();
        return new String(o.toBytes(), StandardCharsets.US_ASCII);
    }

    @Test
    void escapesAsPythonDoes() {
        assertThat(write(List.of("plain", "q\"uote", "back\\slash", "tab\there", "é", "\u0001")))
                .isEqualTo("{\"values\": [\"plain\", \"q\\\"uote\", \"back\\\\slash\", \"tab\\there\", \"\\u00e9\", \"\\u0001\"]}");
    }

    @Property(tries = 300)
    void anyStringReadsBackAsItself(@ForAll List<String> values) throws Exception {
        String body = write(values);
        assertThat(body.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).as("ASCII only, as ensure_ascii").isTrue();
        assertThat(JSON.readTree(body).get("values")).extracting(n -> n.asText()).containsExactlyElementsOf(values);
    }

    @Test
    void bodiesBiggerThanAChunkStayWhole() throws Exception {
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            many.add(i % 7 == 0 ? "naïve-" + i : "provider-" + i);
        }
        assertThat(JSON.readTree(write(many)).get("values")).extracting(n -> n.asText()).containsExactlyElementsOf(many);
    }
}
