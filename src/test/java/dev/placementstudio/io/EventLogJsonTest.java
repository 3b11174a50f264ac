package dev.placementstudio.io;

import dev.placementstudio.TestFiles;
import dev.placementstudio.conductor.Era;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.sim.SimEvent;
import dev.placementstudio.sim.Simulation;
import dev.placementstudio.sim.Summary;
import dev.placementstudio.sim.Workload;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Event lines and the summary read back give the same lines again. */
class EventLogJsonTest {
    @Test
    void everyEventLineOfABusyRunReadsBackToTheSameLine() throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.sample("teaching-small"));
        Workload w = WorkloadFiles.read(TestFiles.sample("workloads/teaching-busy-day"), m);
        Simulation sim = new Simulation(m, w, new Simulation.Settings(7, Era.QUEENS, 2, 3), true);
        sim.conductor().recordSelections(true);
        Summary summary = sim.run();
        for (SimEvent e : sim.trace().events()) {
            SimEvent back = EventLogJson.parse(EventLogJson.line(e), "test");
            assertThat(EventLogJson.line(back)).isEqualTo(EventLogJson.line(e));
            assertThat(back.type()).isEqualTo(e.type());
        }
        assertThat(EventLogJson.summary(summary.toJson(), "test")).isEqualTo(summary);
    }

    @Test
    void aBrokenLineIsNamed() {
        assertThatThrownBy(() -> EventLogJson.parse("{\"t\": 1, \"seq\": 2, \"type\": \"exploded\"}", "run 'x', event 3"))
                .isInstanceOf(InputProblemException.class).hasMessageContaining("run 'x', event 3")
                .hasMessageContaining("no event type 'exploded'");
        assertThatThrownBy(() -> EventLogJson.parse("{\"t\": 1, \"type\": \"active\"}", "here"))
                .isInstanceOf(InputProblemException.class).hasMessageContaining("a number seq");
        assertThatThrownBy(() -> EventLogJson.parse("{oops", "here")).isInstanceOf(InputProblemException.class)
                .hasMessageContaining("not a JSON event");
    }
}
