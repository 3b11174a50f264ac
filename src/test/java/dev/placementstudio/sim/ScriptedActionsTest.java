package dev.placementstudio.sim;

import dev.placementstudio.conductor.Era;
import dev.placementstudio.io.ModelJson;
import dev.placementstudio.io.WorkloadFiles;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.sim.SimEvent.Active;
import dev.placementstudio.sim.SimEvent.BootRequested;
import dev.placementstudio.sim.SimEvent.BuildFailed;
import dev.placementstudio.sim.SimEvent.BuildStarted;
import dev.placementstudio.sim.SimEvent.SchedulerCalled;
import dev.placementstudio.sim.SimEvent.Selected;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scripted {@code actions} of a workload: named boots (several instances in one request), deletes by
 * name, injected build failures from a point on, hosts disabled; and the server-group rules they exercise.
 */
class ScriptedActionsTest {
    /** Three hosts: big (32 GB), mid (24 GB), small (16 GB), all 16 vcpus. */
    private static CloudModel model(String groups) throws Exception {
        StringBuilder hosts = new StringBuilder();
        String[][] h = {{"big", "32768"}, {"mid", "24576"}, {"small", "16384"}};
        for (String[] x : h) {
            if (hosts.length() > 0) {
                hosts.append(',');
            }
            hosts.append("{\"hostname\": \"").append(x[0]).append("\", \"cell\": \"cell1\", \"diskGb\": 400,"
                    + " \"numaNodes\": [{\"id\": 0, \"cpus\": 16, \"pcpus\": 0, \"memoryMb\": ").append(x[1]).append("}]}");
        }
        return ModelJson.parse("m.json", "{\"schemaVersion\": 1, \"name\": \"t\", \"cells\": [{\"name\": \"cell1\"}],"
                + " \"hosts\": [" + hosts + "],"
                + " \"flavors\": [{\"name\": \"s\", \"vcpus\": 1, \"ramMb\": 1024, \"diskGb\": 10},"
                + "               {\"name\": \"l\", \"vcpus\": 1, \"ramMb\": 20000, \"diskGb\": 10}],"
                + " \"serverGroups\": [" + groups + "],"
                + " \"scheduler\": {\"weighers\": {\"RAMWeigher\": 1.0, \"BuildFailureWeigher\": 1000000.0}}}");
    }

    private record Run(List<SimEvent> events, Map<String, String> names) {
        <T extends SimEvent> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }

        String hostOf(String name) {
            return of(Active.class).stream().filter(a -> names.get(a.instance()).equals(name)).findFirst()
                    .map(Active::host).orElse(null);
        }
    }

    private static Run run(CloudModel model, String actions) throws Exception {
        Workload w = WorkloadFiles.parse("w.json", "{\"actions\": [" + actions + "]}", model);
        Simulation sim = new Simulation(model, w, new Simulation.Settings(1, Era.QUEENS, 1, 3), true);
        sim.run();
        Map<String, String> names = new HashMap<>();
        sim.trace().events().stream().filter(BootRequested.class::isInstance).map(BootRequested.class::cast)
                .forEach(b -> names.put(b.instance(), b.name()));
        return new Run(sim.trace().events(), names);
    }

    @Test
    void actionsRunInOrderAndABootOfSeveralIsOneSchedulerCall() throws Exception {
        Run r = run(model(""), """
                {"action": "boot", "name": "a", "flavor": "s"},
                {"action": "boot", "name": "b", "flavor": "s", "count": 3},
                {"action": "delete", "server": "a"},
                {"action": "boot", "name": "c", "flavor": "s"}""");
        assertThat(r.of(BootRequested.class)).extracting(BootRequested::name).containsExactly("a", "b-1", "b-2", "b-3", "c");
        assertThat(r.of(SchedulerCalled.class)).hasSize(3);
        // each instance of b consumes the request before the next is placed: big, big, then mid (RAM spread)
        assertThat(List.of(r.hostOf("a"), r.hostOf("b-1"), r.hostOf("b-2"), r.hostOf("b-3")))
                .containsExactly("big", "big", "big", "big");
        assertThat(r.of(SimEvent.Deleted.class)).extracting(d -> r.names().get(d.instance())).containsExactly("a");
        assertThat(r.of(SimEvent.Deleted.class).get(0).t()).isEqualTo(120_000);
        // each of b's Selections has alternates of its own
        assertThat(r.of(Selected.class).stream().filter(s -> r.names().get(s.instance()).startsWith("b-")))
                .hasSize(3).allSatisfy(s -> assertThat(s.alternates()).hasSize(2));
    }

    @Test
    void aBootOfSeveralIntoAnAntiAffinityGroupSpreadsInOneCall() throws Exception {
        Run r = run(model("{\"name\": \"aa\", \"policy\": \"anti-affinity\"}"), """
                {"action": "boot", "name": "w", "flavor": "s", "server_group": "aa", "count": 3}""");
        assertThat(r.of(SchedulerCalled.class)).hasSize(1);
        assertThat(List.of(r.hostOf("w-1"), r.hostOf("w-2"), r.hostOf("w-3"))).containsExactly("big", "mid", "small");
    }

    @Test
    void failNextBuildsCountsFromItsPlaceInTheScript() throws Exception {
        Run r = run(model(""), """
                {"action": "boot", "name": "a", "flavor": "s"},
                {"action": "fail-next-builds", "host": "big", "builds": 1},
                {"action": "boot", "name": "b", "flavor": "s"},
                {"action": "boot", "name": "c", "flavor": "s"}""");
        assertThat(r.hostOf("a")).isEqualTo("big");
        assertThat(r.of(BuildFailed.class)).extracting(f -> r.names().get(f.instance())).containsExactly("b");
        assertThat(r.of(BuildStarted.class).stream().filter(b -> r.names().get(b.instance()).equals("b"))
                .map(BuildStarted::host)).containsExactly("big", "mid");
        // BuildFailureWeigher: big's failed build keeps it last until a build succeeds there
        assertThat(r.hostOf("c")).isEqualTo("mid");
    }

    @Test
    void aDisabledHostTakesNoBootUntilEnabled() throws Exception {
        Run r = run(model(""), """
                {"action": "host-disable", "host": "big"},
                {"action": "boot", "name": "a", "flavor": "s"},
                {"action": "host-enable", "host": "big"},
                {"action": "boot", "name": "b", "flavor": "s"}""");
        assertThat(r.hostOf("a")).isEqualTo("mid");
        assertThat(r.hostOf("b")).isEqualTo("big");
    }

    /**
     * Nova's InstanceGroup.get_hosts() lists the hosts of the members not deleted: once its only member
     * there is deleted, a host no longer holds an affinity group to it.
     */
    @Test
    void aDeletedMemberNoLongerPinsItsAffinityGroup() throws Exception {
        Run r = run(model("{\"name\": \"af\", \"policy\": \"affinity\"}"), """
                {"action": "boot", "name": "a", "flavor": "s", "server_group": "af"},
                {"action": "boot", "name": "x", "flavor": "l"},
                {"action": "delete", "server": "a"},
                {"action": "boot", "name": "b", "flavor": "s", "server_group": "af"}""");
        assertThat(r.hostOf("a")).isEqualTo("big");
        assertThat(r.hostOf("x")).isEqualTo("big");
        // big now has the least free RAM; with a gone the group is on no host, so RAM spread decides
        assertThat(r.hostOf("b")).isEqualTo("mid");
    }
}
