package dev.placementstudio.sim;

import dev.placementstudio.conductor.Era;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.SchedulerSettings;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a run's computes report to the scheduler, as Nova's do (issue 21 items 3 and 4). */
class NovaHostStatesInSimulationTest {
    static Map<String, String> activeHosts(Simulation sim) {
        Map<String, String> out = new LinkedHashMap<>();
        sim.trace().events().stream().filter(e -> e.type() == EventType.ACTIVE)
                .forEach(e -> out.put(e.instance(), e.host()));
        return out;
    }

    static Workload.Arrival at(long ms) {
        return SimulationTest.boots("m1.small", 1, null, ms, null);
    }

    @Test
    void aFailedBuildCountsOnItsComputeAndBuildFailureWeigherSteersTheNextBootAway() throws Exception {
        CloudModel m = SimulationTest.teaching();
        // which host would take the first boot
        Simulation probe = new Simulation(m, SimulationTest.workload(List.of(at(0)), null),
                new Simulation.Settings(1, Era.QUEENS, 1, 3), true);
        probe.run();
        String best = activeHosts(probe).values().iterator().next();
        Workload.FaultSpec fail = new Workload.FaultSpec(null, null, Map.of(best, 1), null);
        Simulation sim = new Simulation(m, SimulationTest.workload(List.of(at(0), at(20_000)), fail),
                new Simulation.Settings(1, Era.QUEENS, 1, 3), true);
        sim.run();
        assertThat(sim.trace().events().stream().filter(e -> e.type() == EventType.BUILD_FAILED)
                .map(SimEvent::host)).containsExactly(best);
        List<String> hosts = List.copyOf(activeHosts(sim).values());
        assertThat(hosts).hasSize(2);
        // without the failure the second boot would go back to the best host; the -1,000,000 keeps it away
        assertThat(hosts.get(1)).isNotEqualTo(best);
    }

    @Test
    void buildsInFlightAreIoOpsThatMakeAHostLessAttractiveUntilTheyFinish() throws Exception {
        CloudModel m = SimulationTest.teaching().withScheduler(new SchedulerSettings(List.of("ComputeFilter"),
                Map.of("IoOpsWeigher", -1.0), 1, false, 3, 1000));
        // two boots 100 ms apart (a build takes 3 s), a third when both are done
        Simulation sim = new Simulation(m, SimulationTest.workload(List.of(at(0), at(100), at(20_000)), null),
                new Simulation.Settings(1, Era.QUEENS, 1, 3), true);
        sim.run();
        List<String> hosts = List.copyOf(activeHosts(sim).values());
        assertThat(hosts).hasSize(3);
        assertThat(hosts.get(1)).isNotEqualTo(hosts.get(0)); // io_workload 1 on the first host
        assertThat(hosts.get(2)).isEqualTo(hosts.get(0)); // all idle again: the tie keeps the first in order
    }
}
