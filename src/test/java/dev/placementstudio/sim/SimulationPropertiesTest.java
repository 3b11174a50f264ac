package dev.placementstudio.sim;

import dev.placementstudio.conductor.Era;
import dev.placementstudio.io.EventLogJson;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.InstanceState;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants of whole runs over random workloads and faults. */
class SimulationPropertiesTest {
    static Workload randomWorkload(SplittableRandom r, CloudModel m) {
        List<Workload.Arrival> arrivals = new ArrayList<>();
        List<String> flavors = List.of("m1.tiny", "m1.small", "m1.medium", "m1.large", "c1.pinned", "f1.fpga", "bm.gold", "g1.vgpu");
        int groups = 1 + r.nextInt(4);
        for (int i = 0; i < groups; i++) {
            arrivals.add(new Workload.Arrival(flavors.get(r.nextInt(flavors.size())), 1 + r.nextInt(25),
                    r.nextBoolean() ? null : 1.0 + r.nextInt(50), (long) r.nextInt(5000),
                    r.nextBoolean() ? null : (long) (1000 + r.nextInt(30000)), null, r.nextInt(4) == 0 ? "web" : null,
                    null, List.of(), null, null));
        }
        List<Workload.MigrationLoad> migrations = r.nextBoolean() ? List.of() : List.of(new Workload.MigrationLoad(
                r.nextBoolean() ? "migration" : "resize", 1 + r.nextInt(5), 2.0, 3000L, "m1.large", r.nextDouble()));
        List<Workload.ScheduledEvent> events = r.nextBoolean() ? List.of()
                : List.of(new Workload.ScheduledEvent(2000L, "cell-down", "cell2", null),
                new Workload.ScheduledEvent(9000L, "cell-up", "cell2", null));
        Workload.FaultSpec faults = new Workload.FaultSpec(r.nextDouble() * 0.4, Map.of("cn-2", r.nextDouble()),
                Map.of("cn-1", r.nextInt(3)), r.nextDouble() * 0.5);
        return new Workload(arrivals, migrations, events, faults, null);
    }

    @Property(tries = 40)
    void noProviderIsOverCapacityAndActiveInstancesHoldTheirFlavor(@ForAll long seed,
                                                                    @ForAll @IntRange(min = 0, max = 2) int eraIndex,
                                                                    @ForAll @IntRange(min = 1, max = 3) int schedulers)
            throws Exception {
        CloudModel m = SimulationTest.teaching();
        Workload w = randomWorkload(new SplittableRandom(seed), m);
        Era era = Era.values()[eraIndex];
        Simulation sim = new Simulation(m, w, new Simulation.Settings(seed, era, schedulers, 3), true);
        Summary s = sim.run();
        SimulationTest.assertWithinCapacity(new SimulationTest.Run(sim, s, sim.trace().events()));
        assertThat(s.active() + s.error() + s.deleted()).isEqualTo(s.requested());
        Map<String, String> flavorOf = new java.util.HashMap<>();
        sim.trace().events().stream().filter(e -> e instanceof SimEvent.BootRequested).map(SimEvent.BootRequested.class::cast)
                .forEach(e -> flavorOf.put(e.instance(), e.flavor()));
        Map<String, String> resizedTo = new java.util.HashMap<>();
        sim.trace().events().stream().filter(e -> e.type() == EventType.MIGRATION_CONFIRMED)
                .forEach(e -> resizedTo.put(e.instance(), "resized"));
        sim.states().forEach((uuid, state) -> {
            var held = sim.placement().consumer(uuid);
            if (state == InstanceState.ACTIVE) {
                assertThat(held).as("active %s holds an allocation", uuid).isPresent();
                if (!resizedTo.containsKey(uuid)) {
                    Flavor f = m.flavors().stream().filter(x -> x.name().equals(flavorOf.get(uuid))).findFirst().orElseThrow();
                    long mem = held.get().allocations().values().stream().mapToLong(a -> a.getOrDefault("MEMORY_MB", 0L)).sum();
                    long cpu = held.get().allocations().values().stream()
                            .mapToLong(a -> a.getOrDefault("VCPU", 0L) + a.getOrDefault("PCPU", 0L)).sum();
                    boolean ironic = f.extraSpecs().containsKey("resources:MEMORY_MB");
                    assertThat(mem).isEqualTo(ironic ? 0 : f.ramMb());
                    assertThat(cpu).isEqualTo(ironic ? 0 : f.vcpus());
                }
            } else {
                assertThat(held).as("%s %s holds nothing", state, uuid).isEmpty();
            }
        });
    }

    @Property(tries = 15)
    void theSameInputsGiveAByteIdenticalEventLog(@ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int eraIndex)
            throws Exception {
        CloudModel m = SimulationTest.teaching();
        Workload w = randomWorkload(new SplittableRandom(seed), m);
        Era era = Era.values()[eraIndex];
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        Simulation s1 = new Simulation(m, w, new Simulation.Settings(seed, era, 2, 3), false);
        s1.trace().addListener(e -> a.add(EventLogJson.line(e)));
        s1.run();
        Simulation s2 = new Simulation(m, w, new Simulation.Settings(seed, era, 2, 3), false);
        s2.trace().addListener(e -> b.add(EventLogJson.line(e)));
        s2.run();
        assertThat(b).isEqualTo(a);
        assertThat(a).isNotEmpty();
    }
}
