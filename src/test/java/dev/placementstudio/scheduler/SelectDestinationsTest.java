package dev.placementstudio.scheduler;

import dev.placementstudio.TestFiles;
import dev.placementstudio.conductor.Cloud;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.Projection;
import dev.placementstudio.model.SchedulerSettings;
import dev.placementstudio.model.ServerGroup;
import dev.placementstudio.model.ServerGroupPolicy;
import dev.placementstudio.placement.PlacementEngine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** select_destinations for several instances, as nova/scheduler/manager.py _schedule runs it (Zed). */
class SelectDestinationsTest {
    static List<String> uuids(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(String.format("aaaaaaaa-0000-4000-8000-%012d", i));
        }
        return out;
    }

    @Test
    void eachChosenHostConsumesTheRequestBeforeTheNextInstanceIsPlaced() throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.sample("teaching-small"));
        PlacementEngine engine = PlacementEngine.fromState(Projection.project(m));
        SchedulerSettings s = new SchedulerSettings(List.of("ComputeFilter"), Map.of("IoOpsWeigher", -1.0), 1, false,
                3, 1000);
        Scheduler sched = new Scheduler(engine, new Cloud(m), s, new SplittableRandom(0));
        var flavor = m.flavor("m1.small").orElseThrow();
        Scheduler.MultiSelection r = sched.selectDestinations(RequestSpec.of("x", "vm", flavor), uuids(3), true);
        assertThat(r.noValidHost()).isNull();
        assertThat(r.selections()).hasSize(3);
        List<String> chosen = r.selections().stream().map(l -> l.get(0).serviceHost()).toList();
        // all hosts idle: each placed instance is one more I/O op there, so the next goes elsewhere
        assertThat(Set.copyOf(chosen)).hasSize(3);
        for (List<Selection> l : r.selections()) {
            assertThat(l).hasSizeLessThanOrEqualTo(3);
            for (Selection alt : l.subList(1, l.size())) {
                assertThat(alt.cell()).isEqualTo(l.get(0).cell());
                assertThat(chosen).doesNotContain(alt.serviceHost()); // never another instance's host
            }
        }
        // one more pass for the alternates after the three
        assertThat(r.passes()).hasSize(4);
        for (String u : uuids(3)) {
            assertThat(engine.consumer(u)).isPresent();
        }
    }

    @Test
    void anInstanceWithoutAHostUndoesTheClaimsOfTheOthers() throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.sample("teaching-small"));
        PlacementEngine engine = PlacementEngine.fromState(Projection.project(m));
        Scheduler sched = new Scheduler(engine, new Cloud(m), m.scheduler(), new SplittableRandom(0));
        var flavor = m.flavor("m1.small").orElseThrow();
        RequestSpec spec = RequestSpec.of("x", "vm", flavor)
                .withGroupMembers(Set.copyOf(uuids(20)));
        spec = new RequestSpec(spec.instanceUuid(), spec.instanceName(), flavor, null, List.of(), null,
                new ServerGroup("aa", null, ServerGroupPolicy.ANTI_AFFINITY), Set.of(), null, Map.of(),
                spec.projectId(), spec.userId(), Set.of(), null, Set.copyOf(uuids(20)));
        Scheduler.MultiSelection r = sched.selectDestinations(spec, uuids(20), true);
        assertThat(r.selections()).isEmpty();
        assertThat(r.noValidHost()).isEqualTo("There are not enough hosts available.");
        for (String u : uuids(20)) {
            assertThat(engine.consumer(u)).isEmpty();
        }
    }
}
