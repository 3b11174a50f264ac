package dev.placementstudio.scheduler;

import dev.placementstudio.TestFiles;
import dev.placementstudio.conductor.Cloud;
import dev.placementstudio.io.store.ModelFiles;
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

    @Test
    void aggregateMetadataOverridesTheMultiplierPerHostAndTheSmallestValueWins() throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.sample("teaching-small"));
        // cn-1 is in az1; give az1 two values of ram_weight_multiplier: Nova takes the minimum
        var aggs = new java.util.ArrayList<dev.placementstudio.model.Aggregate>();
        for (var a : m.aggregates()) {
            if (a.name().equals("az1")) {
                aggs.add(new dev.placementstudio.model.Aggregate(a.name(), a.uuid(), a.availabilityZone(),
                        Map.of("ram_weight_multiplier", "-2.5")));
            } else {
                aggs.add(a);
            }
        }
        CloudModel edited = m.withAggregates(aggs);
        PlacementEngine engine = PlacementEngine.fromState(Projection.project(edited));
        Cloud cloud = new Cloud(edited);
        SchedulerSettings s = new SchedulerSettings(List.of("ComputeFilter"), Map.of("RAMWeigher", 1.0), 1, false, 3, 1000);
        var d = new Scheduler(engine, cloud, s, new SplittableRandom(1)).detailEveryHost()
                .decide(RequestSpec.of("u", "vm", edited.flavors().get(1)));
        for (SchedulingReport.HostWeight w : d.weights()) {
            boolean inAz1 = edited.host(w.host()).map(h -> h.aggregates().contains("az1")).orElse(false);
            assertThat(w.values().get(0).multiplier()).as(w.host()).isEqualTo(inAz1 ? -2.5 : 1.0);
        }
    }

    @Test
    void crossCellAndPciWeighersFollowNova() {
        Weigher cross = Weigher.named("CrossCellWeigher");
        HostInfo inCell1 = new HostInfo("a", "u", "cell1", null, List.of(), "nova", Map.of(),
                dev.placementstudio.model.HostStatus.ENABLED, true, "QEMU", java.util.Set.of(), 0, false, java.util.Set.of(), 0, 0);
        HostState h = new HostState(inCell1, null, Map::of);
        RequestSpec boot = RequestSpec.of("u", "vm", new dev.placementstudio.model.Flavor("f", 1, 1, 1, Map.of()));
        assertThat(cross.flatFor(boot)).isTrue(); // not a move: 0 for every host
        assertThat(cross.raw(h, boot.withSourceCell("cell1"))).isEqualTo(1.0);
        assertThat(cross.raw(h, boot.withSourceCell("cell2"))).isEqualTo(-1.0);
        Weigher pci = Weigher.named("PCIWeigher");
        assertThat(pci.raw(h, boot)).isEqualTo(Weigher.PCI_MAX_DEVS); // no free PCI devices: MAX_DEVS - 0
    }
}
