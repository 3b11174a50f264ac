package dev.placementstudio.scheduler;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** [filter_scheduler] weight_classes and the multiplier options, as Nova 26 loads and checks them. */
class WeigherConfigTest {
    @Test
    void everyWeigherOfNova26CanBeNamedByClassOrByNovasPath() {
        assertThat(Weigher.resolve("nova.scheduler.weights.all_weighers")).hasSize(10)
                .extracting(Weigher::name).contains("MetricsWeigher", "CrossCellWeigher", "PCIWeigher");
        for (var e : Weigher.NOVA_CLASSES.entrySet()) {
            assertThat(Weigher.resolve("nova.scheduler.weights." + e.getKey())).extracting(Weigher::name)
                    .containsExactly(e.getValue());
            assertThat(Weigher.resolve(e.getValue())).hasSize(1);
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("nova.scheduler.weights.all_weighers", null);
        HostWeightHandler h = HostWeightHandler.of(m);
        assertThat(h.weighers()).hasSize(10);
        int bf = h.weighers().stream().map(Weigher::name).toList().indexOf("BuildFailureWeigher");
        assertThat(h.configuredMultiplier(bf)).isEqualTo(-1000000.0); // negated, as Nova applies it
    }

    @Test
    void anUnknownNameIsRefusedAsNovasLoaderRefusesIt() {
        assertThatThrownBy(() -> HostWeightHandler.of(Map.of("RamWeigher", 1.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Class RamWeigher could not be found");
        assertThatThrownBy(() -> Weigher.resolve("nova.scheduler.weights.ram.NoSuchWeigher"))
                .hasMessageContaining("could not be found");
    }

    @Test
    void multipliersWithAMinimumOfZeroRefuseNegativeValues() {
        // pci_weight_multiplier, soft_affinity_weight_multiplier, soft_anti_affinity_weight_multiplier: min=0.0
        for (String w : new String[]{"PCIWeigher", "ServerGroupSoftAffinityWeigher", "ServerGroupSoftAntiAffinityWeigher"}) {
            assertThatThrownBy(() -> HostWeightHandler.of(Map.of(w, -1.0))).hasMessageContaining("greater than or equal to 0");
        }
        // the others may be negative (stacking instead of spreading)
        assertThat(HostWeightHandler.of(Map.of("RAMWeigher", -1.0)).configuredMultiplier(0)).isEqualTo(-1.0);
    }
}
