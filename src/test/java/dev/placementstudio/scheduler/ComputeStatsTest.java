package dev.placementstudio.scheduler;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ComputeNode's stats map: a map like the LinkedHashMap it replaced, with the counts parsed once. */
class ComputeStatsTest {
    private static ComputeNode node(Map<String, String> stats) {
        return new ComputeNode("QEMU", ComputeNode.DEFAULT_HYPERVISOR_VERSION, "h", null, List.of(), Map.of(), 4, 0,
                1024, 0, 10, 0, null, 1.0, 1.0, 1.0, stats, null, null, null);
    }

    @Property(tries = 200)
    void behavesAsTheOrderedMapItWasMadeFrom(@ForAll @Size(max = 6) Map<String, String> entries) {
        Map<String, String> expected = new LinkedHashMap<>(entries);
        Map<String, String> stats = ComputeStats.of(entries);
        assertThat(stats).isEqualTo(expected);
        assertThat(expected).isEqualTo(stats);
        assertThat(stats.hashCode()).isEqualTo(expected.hashCode());
        assertThat(List.copyOf(stats.keySet())).containsExactlyElementsOf(expected.keySet());
        assertThat(stats.toString()).isEqualTo(expected.toString());
        for (String k : expected.keySet()) {
            assertThat(stats.get(k)).isEqualTo(expected.get(k));
            assertThat(stats.containsKey(k)).isTrue();
        }
        assertThat(stats.containsKey("no such stat \u0000")).isFalse();
    }

    @Test
    void countsAreReadAsIntegersAndAbsentOnesAreZero() {
        ComputeNode n = node(Map.of("num_instances", " 7 ", "io_workload", "3"));
        assertThat(n.numInstances()).isEqualTo(7);
        assertThat(n.numIoOps()).isEqualTo(3);
        assertThat(n.failedBuilds()).isZero();
        assertThat(node(null).numInstances()).isZero();
        assertThat(node(ComputeStats.of("num_instances", 12)).stats()).isEqualTo(Map.of("num_instances", "12"));
        assertThat(node(Map.of("num_instances", String.valueOf(Integer.MIN_VALUE))).numInstances())
                .isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void aCountThatIsNoNumberFailsAsParseIntDoes() {
        ComputeNode n = node(Map.of("num_instances", "many", "failed_builds", "1.5"));
        assertThatThrownBy(n::numInstances).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(n::failedBuilds).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void isReadOnly() {
        Map<String, String> stats = node(Map.of("num_instances", "1")).stats();
        assertThatThrownBy(() -> stats.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> stats.entrySet().iterator().next().setValue("2"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
