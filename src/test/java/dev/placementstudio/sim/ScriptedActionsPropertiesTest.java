package dev.placementstudio.sim;

import dev.placementstudio.conductor.Era;
import dev.placementstudio.io.ModelJson;
import dev.placementstudio.io.WorkloadFiles;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.InstanceState;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants of random scripted action sequences (boots of several, deletes, failed builds, disabled hosts). */
class ScriptedActionsPropertiesTest {
    private static CloudModel model() throws Exception {
        return ModelJson.parse("m.json", """
                {"schemaVersion": 1, "name": "t", "cells": [{"name": "cell1"}, {"name": "cell2"}],
                 "hosts": [
                  {"hostname": "a", "cell": "cell1", "diskGb": 100, "numaNodes": [{"id": 0, "cpus": 4, "pcpus": 0, "memoryMb": 8192}]},
                  {"hostname": "b", "cell": "cell1", "diskGb": 60, "numaNodes": [{"id": 0, "cpus": 8, "pcpus": 0, "memoryMb": 6144}]},
                  {"hostname": "c", "cell": "cell2", "diskGb": 80, "numaNodes": [{"id": 0, "cpus": 2, "pcpus": 0, "memoryMb": 12288}]}],
                 "flavors": [{"name": "s", "vcpus": 1, "ramMb": 1024, "diskGb": 10},
                             {"name": "m", "vcpus": 2, "ramMb": 3072, "diskGb": 20}],
                 "serverGroups": [{"name": "aa", "policy": "anti-affinity"}, {"name": "af", "policy": "affinity"},
                                  {"name": "soft", "policy": "soft-anti-affinity"}]}""");
    }

    static String script(SplittableRandom r) {
        List<String> actions = new ArrayList<>();
        List<String> servers = new ArrayList<>();
        String[] hosts = {"a", "b", "c"};
        String[] groups = {null, "aa", "af", "soft"};
        int n = 4 + r.nextInt(10);
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(10);
            if (kind < 2 && !servers.isEmpty()) {
                actions.add("{\"action\": \"delete\", \"server\": \"" + servers.remove(r.nextInt(servers.size())) + "\"}");
            } else if (kind < 3) {
                actions.add("{\"action\": \"fail-next-builds\", \"host\": \"" + hosts[r.nextInt(3)] + "\", \"builds\": "
                        + (1 + r.nextInt(2)) + "}");
            } else if (kind < 4) {
                actions.add("{\"action\": \"host-" + (r.nextBoolean() ? "disable" : "enable") + "\", \"host\": \""
                        + hosts[r.nextInt(3)] + "\"}");
            } else {
                String name = "vm" + i;
                int count = r.nextInt(3) == 0 ? 2 + r.nextInt(2) : 1;
                String g = groups[r.nextInt(groups.length)];
                actions.add("{\"action\": \"boot\", \"name\": \"" + name + "\", \"flavor\": \"" + (r.nextBoolean() ? "s" : "m")
                        + "\", \"count\": " + count + (g == null ? "" : ", \"server_group\": \"" + g + "\"") + "}");
                for (int k = 1; k <= count; k++) {
                    servers.add(count == 1 ? name : name + "-" + k);
                }
            }
        }
        return "{\"actions\": [" + String.join(",\n", actions) + "]}";
    }

    @Property(tries = 60)
    void everyScriptEndsSettledWithinCapacityAndKeepsAntiAffinity(@ForAll long seed) throws Exception {
        CloudModel m = model();
        Workload w = WorkloadFiles.parse("w.json", script(new SplittableRandom(seed)), m);
        Simulation sim = new Simulation(m, w, new Simulation.Settings(seed, Era.QUEENS, 1, 3), true);
        Summary s = sim.run();
        SimulationTest.assertWithinCapacity(new SimulationTest.Run(sim, s, sim.trace().events()));
        assertThat(s.active() + s.error() + s.deleted()).isEqualTo(s.requested());
        Map<String, String> group = new HashMap<>();
        for (SimEvent e : sim.trace().events()) {
            if (e instanceof SimEvent.BootRequested b && w.actions().stream().anyMatch(a -> "aa".equals(a.serverGroup())
                    && (b.name().equals(a.name()) || b.name().startsWith(a.name() + "-")))) {
                group.put(b.instance(), "aa");
            }
        }
        Set<String> aaHosts = new HashSet<>();
        Map<String, String> hosts = sim.conductor().hosts();
        sim.states().forEach((uuid, state) -> {
            assertThat(state).isIn(InstanceState.ACTIVE, InstanceState.ERROR, InstanceState.DELETED);
            if (state != InstanceState.ACTIVE) {
                assertThat(sim.placement().consumer(uuid)).as("%s %s holds nothing", state, uuid).isEmpty();
            } else if (group.containsKey(uuid)) {
                assertThat(aaHosts.add(hosts.get(uuid))).as("anti-affinity members on distinct hosts").isTrue();
            }
        });
    }
}
