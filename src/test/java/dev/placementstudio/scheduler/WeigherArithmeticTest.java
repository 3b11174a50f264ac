package dev.placementstudio.scheduler;

import dev.placementstudio.TestFiles;
import dev.placementstudio.conductor.Cloud;
import dev.placementstudio.io.ModelFiles;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.Projection;
import dev.placementstudio.model.SchedulerSettings;
import dev.placementstudio.placement.PlacementEngine;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Weights as nova/weights.py and nova/scheduler/weights/ compute them (Nova 26). */
class WeigherArithmeticTest {
    @Test
    void minvalZeroNegatedBuildFailuresAndAggregateMultipliers() throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.sample("teaching-small"));
        PlacementEngine engine = PlacementEngine.fromState(Projection.project(m));
        Cloud cloud = new Cloud(m);
        cloud.buildFailed("cn-2");
        cloud.buildFailed("cn-2");
        Map<String, Double> weighers = new LinkedHashMap<>();
        weighers.put("RAMWeigher", 2.0);
        weighers.put("BuildFailureWeigher", 10.0);
        SchedulerSettings s = new SchedulerSettings(List.of("ComputeFilter"), weighers, 1, false, 3, 1000);
        Scheduler sched = new Scheduler(engine, cloud, s, new SplittableRandom(1)).detailEveryHost();
        var d = sched.decide(RequestSpec.of("u", "vm", m.flavors().get(1)));
        double maxRam = d.weights().stream().mapToDouble(w -> w.values().get(0).raw()).max().orElseThrow();
        for (SchedulingReport.HostWeight w : d.weights()) {
            SchedulingReport.WeigherValue ram = w.values().get(0);
            SchedulingReport.WeigherValue bf = w.values().get(1);
            assertThat(ram.normalized()).isEqualTo(ram.raw() / maxRam); // minval 0, not the hosts' minimum
            assertThat(bf.multiplier()).isEqualTo(-10.0); // negated, as BuildFailureWeigher.weight_multiplier does
            assertThat(bf.raw()).isEqualTo(w.host().equals("cn-2") ? 2.0 : 0.0);
            assertThat(w.total()).isEqualTo(ram.multiplier() * ram.normalized() + bf.multiplier() * bf.normalized());
        }
        assertThat(d.weights().get(d.weights().size() - 1).host()).isEqualTo("cn-2");
    }

    @Test
    void equalValuesNormalizeToZeroAndKeepPlacementsOrder() throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.sample("teaching-small"));
        PlacementEngine engine = PlacementEngine.fromState(Projection.project(m));
        Cloud cloud = new Cloud(m);
        SchedulerSettings s = new SchedulerSettings(List.of("ComputeFilter"), Map.of("IoOpsWeigher", -1.0), 1, false, 3, 1000);
        var d = new Scheduler(engine, cloud, s, new SplittableRandom(1)).decide(RequestSpec.of("u", "vm", m.flavors().get(1)));
        assertThat(d.weights()).allSatisfy(w -> assertThat(w.total()).isZero());
        assertThat(d.weights().stream().map(SchedulingReport.HostWeight::host).toList())
                .isEqualTo(d.filters().isEmpty() ? d.hostsFromPlacement() : d.hostsFromPlacement().stream()
                        .filter(h -> !d.filters().get(0).dropped().containsKey(h)).toList());
    }
}
