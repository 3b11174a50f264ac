package dev.placementstudio.sim;

import dev.placementstudio.TestFiles;
import dev.placementstudio.conductor.Era;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.io.WorkloadFiles;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.placement.ProviderView;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Usage rebuilt from the event log alone is Placement's usage, at every point of a busy run. */
class AllocationReplayTest {
    private static Map<String, Map<String, Long>> held(PlacementEngine now, PlacementEngine before) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (ProviderView p : now.providers()) {
            Map<String, Long> initial = before.providers().stream().filter(x -> x.uuid().equals(p.uuid())).findFirst()
                    .map(ProviderView::usages).orElse(Map.of());
            p.usages().forEach((rc, n) -> {
                long d = n - initial.getOrDefault(rc, 0L);
                if (d != 0) {
                    out.computeIfAbsent(p.name(), k -> new TreeMap<>()).put(rc, d);
                }
            });
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    void theReplayMatchesPlacementAtEveryStop(Era era) throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.sample("teaching-small"));
        Workload w = WorkloadFiles.read(TestFiles.sample("workloads/teaching-busy-day"), m);
        Simulation sim = new Simulation(m, w, new Simulation.Settings(5, era, 2, 3), true);
        sim.conductor().recordSelections(true);
        PlacementEngine before = PlacementEngine.fromState(sim.placement().snapshot());
        int stops = 0;
        for (long t = 500; t <= 60_000; t += 2_500) {
            sim.runUntil(t);
            var events = sim.trace().events();
            assertThat(AllocationReplay.at(events, events.size() - 1)).as("at t=%d ms (%s)", t, era)
                    .isEqualTo(held(sim.placement(), before));
            stops++;
        }
        sim.run();
        var events = sim.trace().events();
        assertThat(AllocationReplay.possible(events)).isTrue();
        assertThat(events.stream().filter(e -> e.type() == EventType.MIGRATION_REVERTED)).isNotEmpty();
        assertThat(AllocationReplay.at(events, events.size() - 1)).isEqualTo(held(sim.placement(), before));
        assertThat(stops).isGreaterThan(10);
    }

    @org.junit.jupiter.api.Test
    void theSeriesEndsWhereTheSummaryDoesAndItsUseIsPlacements() throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.sample("teaching-small"));
        Workload w = WorkloadFiles.read(TestFiles.sample("workloads/teaching-busy-day"), m);
        Simulation sim = new Simulation(m, w, new Simulation.Settings(7, Era.QUEENS, 2, 3), true);
        sim.conductor().recordSelections(true);
        PlacementEngine before = PlacementEngine.fromState(sim.placement().snapshot());
        Summary summary = sim.run();
        var pts = RunSeries.of(sim.trace().events(), 50);
        assertThat(pts).hasSize(50);
        assertThat(pts.get(0).t()).isZero();
        RunSeries.Point last = pts.get(pts.size() - 1);
        assertThat(last.t()).isEqualTo(summary.simMs());
        assertThat(last.active()).isEqualTo(summary.active());
        assertThat(last.errors()).isEqualTo(summary.error());
        assertThat(last.retries()).isEqualTo(summary.reschedules());
        Map<String, Long> perClass = new TreeMap<>();
        held(sim.placement(), before).values().forEach(r -> r.forEach((rc, n) -> perClass.merge(rc, n, Long::sum)));
        perClass.values().removeIf(n -> n == 0);
        Map<String, Long> fromLog = new TreeMap<>(last.used());
        fromLog.values().removeIf(n -> n == 0);
        assertThat(fromLog).isEqualTo(perClass);
        // time only moves forward, and the active count peaks above where it ends (lifetimes end)
        for (int i = 1; i < pts.size(); i++) {
            assertThat(pts.get(i).t()).isGreaterThanOrEqualTo(pts.get(i - 1).t());
            assertThat(pts.get(i).errors()).isGreaterThanOrEqualTo(pts.get(i - 1).errors());
        }
        assertThat(pts.stream().mapToInt(RunSeries.Point::active).max().orElseThrow()).isGreaterThan(last.active());
    }
}
