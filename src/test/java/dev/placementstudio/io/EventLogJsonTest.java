package dev.placementstudio.io;

import dev.placementstudio.io.store.ModelFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.TestFiles;
import dev.placementstudio.conductor.Era;
import dev.placementstudio.conductor.EventLog.Choice;
import dev.placementstudio.conductor.EventLog.Ranked;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.sim.EventType;
import dev.placementstudio.sim.SimEvent;
import dev.placementstudio.sim.SimEvent.Claimed;
import dev.placementstudio.sim.SimEvent.Weighed;
import dev.placementstudio.sim.Simulation;
import dev.placementstudio.sim.Summary;
import dev.placementstudio.sim.Workload;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Event lines and the summary read back give the same records and the same lines again. */
class EventLogJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

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
            assertThat(back.getClass()).isEqualTo(e.getClass());
            assertThat(back.type()).isEqualTo(e.type());
        }
        assertThat(EventLogJson.summary(EventLogJson.summaryLine(summary), "test")).isEqualTo(summary);
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

    /** One of each kind, every field set (a map with two entries, to see the order kept). */
    static List<SimEvent> oneOfEach() {
        Map<String, Map<String, Long>> alloc = new TreeMap<>(Map.of("cn-1", new TreeMap<>(Map.of("VCPU", 2L, "MEMORY_MB", 512L)),
                "ceph", Map.of("DISK_GB", 40L)));
        Map<String, String> dropped = new LinkedHashMap<>();
        dropped.put("cn-9", "disabled");
        dropped.put("cn-3", "not enough RAM");
        return List.of(
                new SimEvent.BootRequested(0, 1, "i-1", "m1.small-000001", "m1.small"),
                new SimEvent.SchedulerCalled(0, 2, "i-1", 2, "resources=VCPU:1", "migration-00001"),
                new SimEvent.Filtered(0, 3, "i-1", "ComputeFilter", 10, 8, dropped),
                new SimEvent.Weighed(0, 4, "i-1", 8, List.of(new Ranked("cn-1", 2.5), new Ranked("cn-2", -0.125))),
                new SimEvent.Selected(0, 5, "i-1", "cn-1", "cell1", List.of("cn-2", "cn-3"),
                        List.of(new Choice("cn-1", "cell1", alloc), new Choice("cn-2", "cell1", null))),
                new Claimed(40, 6, "i-1", "cn-1", "cell1", "conductor", true, "migration-00001", alloc),
                new SimEvent.ClaimConflict(40, 7, "i-1", "cn-2", "conductor", true, "the alternate no longer fits"),
                new SimEvent.BuildStarted(45, 8, "i-1", "cn-1", "cell1"),
                new SimEvent.BuildFailed(3045, 9, "i-1", "cn-1", "cell1", "injected failure"),
                new SimEvent.Unclaimed(3045, 10, "i-1", "cn-1"),
                new SimEvent.Rescheduled(3045, 11, "i-1", "cn-2", "alternate", 2, "why \"quoted\"\n"),
                new SimEvent.ArqCreated(40, 12, "i-1", "fpga-gzip"),
                new SimEvent.ArqBound(845, 13, "i-1", "cn-1"),
                new SimEvent.Active(3045, 14, "i-1", "cn-1", "cell1"),
                new SimEvent.Errored(3045, 15, "i-1", "NoValidHost: no candidates"),
                new SimEvent.Deleted(9000, 16, "i-1", "cn-1", "cell1"),
                new SimEvent.CellDown(9000, 17, "cell2", 3),
                new SimEvent.CellUp(9500, 18, "cell2"),
                new SimEvent.HostDisabled(9500, 19, "cn-3", "cell1"),
                new SimEvent.HostEnabled(9600, 20, "cn-3", "cell1"),
                new SimEvent.MigrationStarted(10000, 21, "i-1", "migration-00001", "live-migration", "cn-1", "cell1"),
                new SimEvent.MigrationConfirmed(15000, 22, "i-1", "migration-00001", "cn-2", "cn-1"),
                new SimEvent.MigrationReverted(15000, 23, "i-1", "migration-00001", "cn-1", "cn-2"),
                new SimEvent.MigrationFailed(15000, 24, "i-1", "migration-00001", "NoValidHost: none"));
    }

    @Test
    void everyKindIsWrittenWithItsRecordComponentsInOrderAndReadBackEqual() throws Exception {
        Set<EventType> seen = EnumSet.noneOf(EventType.class);
        for (SimEvent e : oneOfEach()) {
            seen.add(e.type());
            String line = EventLogJson.line(e);
            List<String> keys = new ArrayList<>();
            JSON.readTree(line).fieldNames().forEachRemaining(keys::add);
            List<String> expected = new ArrayList<>(List.of("t", "seq", "type"));
            for (RecordComponent c : e.getClass().getRecordComponents()) {
                if (!c.getName().equals("t") && !c.getName().equals("seq")) {
                    expected.add(c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT));
                }
            }
            assertThat(keys).as(line).isEqualTo(expected);
            assertThat(JSON.readTree(line).get("type").asText()).isEqualTo(e.type().label());
            SimEvent back = EventLogJson.parse(line, "test");
            assertThat(back).as(line).isEqualTo(e);
            assertThat(EventLogJson.line(back)).isEqualTo(line);
        }
        assertThat(seen).as("a sample of every kind").isEqualTo(EnumSet.allOf(EventType.class));
    }

    @Test
    void nullFieldsAreLeftOutAndFalseIsSaidOnlyOfAClaimsAlternate() throws Exception {
        assertThat(EventLogJson.line(new SimEvent.Rescheduled(5, 6, "i", null, "scheduler", 2, "full")))
                .isEqualTo("{\"t\": 5, \"seq\": 6, \"type\": \"rescheduled\", \"instance\": \"i\", \"via\": \"scheduler\", "
                        + "\"attempt\": 2, \"reason\": \"full\"}");
        assertThat(EventLogJson.line(new SimEvent.ClaimConflict(5, 6, "i", "cn-1", "compute", false, "full")))
                .doesNotContain("alternate");
        assertThat(EventLogJson.line(new Claimed(5, 6, "i", "cn-1", "cell1", "compute", false, null, null)))
                .endsWith("\"by\": \"compute\", \"alternate\": false}");
    }

    @Test
    void aWeightPrintedWithoutDecimalsIsWrittenBackTheSame() throws Exception {
        // six significant digits leave -499998.25 without a decimal point; read back, it stays so
        String line = EventLogJson.line(new Weighed(0, 1, "i", 2, List.of(new Ranked("cn-1", -499998.25),
                new Ranked("cn-2", 1.0), new Ranked("cn-3", 0.000012345678))));
        assertThat(line).contains("\"weight\": -499998}").contains("\"weight\": 1.0}").contains("\"weight\": 1.23457e-05}");
        Weighed back = (Weighed) EventLogJson.parse(line, "test");
        assertThat(back.top().get(0).weight()).isEqualTo(-499998L);
        assertThat(back.top().get(1).weight()).isEqualTo(1.0);
        assertThat(EventLogJson.line(back)).isEqualTo(line);
    }

    @Test
    void aFieldOfTheWrongKindIsNamedAndAMissingOneReadsAsEmpty() throws Exception {
        assertThatThrownBy(() -> EventLogJson.parse("{\"t\": 1, \"seq\": 2, \"type\": \"scheduler_called\", \"attempt\": \"two\"}",
                "run 'x', event 3")).isInstanceOf(InputProblemException.class).hasMessageContaining("run 'x', event 3")
                .hasMessageContaining("'attempt' should be a whole number");
        assertThatThrownBy(() -> EventLogJson.parse("{\"t\": 1, \"seq\": 2, \"type\": \"claimed\", "
                + "\"allocations\": {\"cn-1\": {\"VCPU\": 1.5}}}", "here")).isInstanceOf(InputProblemException.class)
                .hasMessageContaining("'allocations.cn-1.VCPU' should be a whole number");
        // a run kept by an older version, before claims said whether they took an alternate
        Claimed old = (Claimed) EventLogJson.parse("{\"t\": 1, \"seq\": 2, \"type\": \"claimed\", \"instance\": \"i\", "
                + "\"host\": \"cn-1\", \"by\": \"scheduler\", \"colour\": \"blue\"}", "here");
        assertThat(old).isEqualTo(new Claimed(1, 2, "i", "cn-1", null, "scheduler", false, null, null));
    }
}
