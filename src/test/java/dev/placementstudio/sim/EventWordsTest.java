package dev.placementstudio.sim;

import dev.placementstudio.TestFiles;
import dev.placementstudio.conductor.Era;
import dev.placementstudio.conductor.EventLog.Ranked;
import dev.placementstudio.io.EventLogJson;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.io.WorkloadFiles;
import dev.placementstudio.model.CloudModel;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event of a busy run told in words, and the tags a playback pins on hosts. */
class EventWordsTest {
    @Test
    void everyEventOfABusyRunHasASentenceWithItsFacts() throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.sample("teaching-small"));
        Workload w = WorkloadFiles.read(TestFiles.sample("workloads/teaching-busy-day"), m);
        Set<EventType> seen = EnumSet.noneOf(EventType.class);
        for (Era era : Era.values()) {
            Simulation sim = new Simulation(m, w, new Simulation.Settings(7, era, 2, 3), true);
            sim.conductor().recordSelections(true);
            sim.run();
            for (SimEvent e : sim.trace().events()) {
                seen.add(e.type());
                String s = EventWords.sentence(e);
                assertThat(s).as(EventLogJson.line(e)).doesNotContain("null").endsWith(".");
                if (e.host() != null) {
                    assertThat(s).as(EventLogJson.line(e)).contains(e.host());
                }
                EventWords.tags(e).forEach((h, t) -> assertThat(h).isNotEqualTo("null"));
                assertThat(EventWords.stages(e)).as(EventLogJson.line(e)).isNotEmpty().isSubsetOf(EventWords.STAGES);
            }
        }
        assertThat(seen).contains(EventType.CLAIM_CONFLICT, EventType.BUILD_FAILED, EventType.RESCHEDULED,
                EventType.MIGRATION_STARTED, EventType.MIGRATION_CONFIRMED, EventType.MIGRATION_REVERTED,
                EventType.CELL_DOWN, EventType.CELL_UP, EventType.ARQ_BOUND, EventType.ERRORED);
    }

    @Test
    void selectionTagsTheChosenHostAndItsAlternatesInOrder() {
        SimEvent e = new SimEvent.Selected(40, 9, "i", "cn-1", "cell1", List.of("cn-2", "cn-3"), null);
        var tags = EventWords.tags(e);
        assertThat(tags.get("cn-1").text()).isEqualTo("chosen");
        assertThat(tags.get("cn-2").text()).isEqualTo("alternate 1");
        assertThat(tags.get("cn-3").text()).isEqualTo("alternate 2");
        assertThat(tags.get("cn-2").tone()).isEqualTo(EventWords.Tone.ALTERNATE);
        SimEvent weighed = new SimEvent.Weighed(0, 7, "i", 2, List.of(new Ranked("cn-4", 2.5), new Ranked("cn-1", 1.0)));
        assertThat(EventWords.tags(weighed).get("cn-4").text()).isEqualTo("1st  w=2.5");
        assertThat(EventWords.tags(weighed).get("cn-1").text()).isEqualTo("2nd  w=1.0");
        SimEvent conflict = new SimEvent.ClaimConflict(45, 30, "i", "cn-1", "compute", false, "full");
        assertThat(EventWords.tags(conflict).get("cn-1").tone()).isEqualTo(EventWords.Tone.BAD);
        assertThat(EventWords.sentence(conflict)).isEqualTo("The claim on cn-1 by the compute is refused: full.");
    }
}
