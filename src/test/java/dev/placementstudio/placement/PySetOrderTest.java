package dev.placementstudio.placement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.TestFiles;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our replay of CPython 3.11's set iteration order against orders recorded from the real interpreter
 * (src/test/resources/pyset/cases.json, made with Debian's python3 building sets the way Placement's
 * research_context does). Placement's behaviour 5 depends on this order.
 */
class PySetOrderTest {
    @Test
    void iterationOrderMatchesCPython() throws Exception {
        JsonNode cases = new ObjectMapper().readTree(TestFiles.root().resolve("src/test/resources/pyset/cases.json").toFile());
        assertThat(cases.size()).isGreaterThan(10);
        for (JsonNode c : cases) {
            long rc = c.get("rc").asLong();
            PySetOrder a = new PySetOrder();
            c.get("a").forEach(t -> a.add(new long[]{t.get(0).asLong(), t.get(1).asLong()}));
            PySetOrder merged = new PySetOrder();
            merged.ior(a.mapFilter(t -> new long[]{t[0], t[1], rc}, t -> true));
            PySetOrder b = new PySetOrder();
            c.get("b").forEach(t -> b.add(new long[]{t.get(0).asLong(), t.get(1).asLong()}));
            if (b.size() > 0) {
                merged.ior(b.mapFilter(t -> new long[]{t[0], t[1], rc}, t -> true));
            }
            assertThat(render(merged.items())).isEqualTo(c.get("merged").toString());
            long keep = c.get("keep").asLong();
            PySetOrder filtered = merged.mapFilter(t -> t, t -> t[1] > keep);
            assertThat(render(filtered.items())).isEqualTo(c.get("filtered").toString());
        }
    }

    private static String render(List<long[]> items) {
        List<String> parts = new ArrayList<>();
        for (long[] t : items) {
            List<String> xs = new ArrayList<>();
            for (long x : t) {
                xs.add(Long.toString(x));
            }
            parts.add("[" + String.join(",", xs) + "]");
        }
        return "[" + String.join(",", parts) + "]";
    }
}
