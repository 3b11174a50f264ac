package dev.placementstudio.sim;

import dev.placementstudio.TestFiles;
import dev.placementstudio.conductor.Era;
import dev.placementstudio.io.EventLogJson;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.CloudGenerator;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.InstanceState;
import dev.placementstudio.placement.ProviderView;
import dev.placementstudio.sim.SimEvent.Active;
import dev.placementstudio.sim.SimEvent.ArqBound;
import dev.placementstudio.sim.SimEvent.ArqCreated;
import dev.placementstudio.sim.SimEvent.BootRequested;
import dev.placementstudio.sim.SimEvent.BuildFailed;
import dev.placementstudio.sim.SimEvent.BuildStarted;
import dev.placementstudio.sim.SimEvent.ClaimConflict;
import dev.placementstudio.sim.SimEvent.Claimed;
import dev.placementstudio.sim.SimEvent.Deleted;
import dev.placementstudio.sim.SimEvent.Errored;
import dev.placementstudio.sim.SimEvent.MigrationConfirmed;
import dev.placementstudio.sim.SimEvent.MigrationReverted;
import dev.placementstudio.sim.SimEvent.MigrationStarted;
import dev.placementstudio.sim.SimEvent.Rescheduled;
import dev.placementstudio.sim.SimEvent.Selected;
import dev.placementstudio.sim.SimEvent.Unclaimed;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Each era's characteristic behaviour, cells, migrations, accelerators and Ironic, through whole runs. */
class SimulationTest {
    static Workload.Arrival boots(String flavor, int count, Double rate, long start, Long lifetime) {
        return new Workload.Arrival(flavor, count, rate, start, lifetime, null, null, null, List.of(), null, null);
    }

    static Workload workload(List<Workload.Arrival> arrivals, Workload.FaultSpec faults) {
        return new Workload(arrivals, List.of(), List.of(), faults, null);
    }

    record Run(Simulation sim, Summary summary, List<SimEvent> events) {
        <T extends SimEvent> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends SimEvent> List<T> where(Class<T> type, Predicate<T> p) {
            return of(type).stream().filter(p).toList();
        }
    }

    static Run run(CloudModel model, Workload w, Era era, int schedulers, int attempts, long seed) throws Exception {
        Simulation sim = new Simulation(model, w, new Simulation.Settings(seed, era, schedulers, attempts), true);
        Summary s = sim.run();
        return new Run(sim, s, sim.trace().events());
    }

    static CloudModel teaching() throws Exception {
        return ModelFiles.open(TestFiles.sample("teaching-small"));
    }

    /** One cell, a few flat hosts (no NUMA, no devices). */
    static CloudModel oneCell(int hosts) {
        return CloudGenerator.generate(new CloudGenerator.Options(hosts, 1, 0, 0, 0, 0, false, 0, 3));
    }

    static String firstHostFor(CloudModel m, String flavor, Era era) throws Exception {
        Run probe = run(m, workload(List.of(boots(flavor, 1, null, 0, null)), null), era, 1, 3, 1);
        return probe.of(Selected.class).get(0).host();
    }

    static Workload.FaultSpec failNext(String host, int n) {
        return new Workload.FaultSpec(null, null, Map.of(host, n), null);
    }

    @Test
    void queensRetriesOnAnAlternateWithoutCallingTheSchedulerAgain() throws Exception {
        CloudModel m = teaching();
        String first = firstHostFor(m, "m1.small", Era.QUEENS);
        Run r = run(m, workload(List.of(boots("m1.small", 1, null, 0, null)), failNext(first, 1)), Era.QUEENS, 1, 3, 1);
        assertThat(r.summary().schedulerCalls()).isEqualTo(1);
        assertThat(r.summary().active()).isEqualTo(1);
        assertThat(r.of(BuildFailed.class).get(0).host()).isEqualTo(first);
        assertThat(r.of(Unclaimed.class)).hasSize(1);
        Claimed alt = r.where(Claimed.class, Claimed::alternate).get(0);
        assertThat(alt.by()).isEqualTo("conductor");
        assertThat(alt.host()).isNotEqualTo(first);
        assertThat(r.summary().alternateClaims()).isEqualTo(1);
        // the alternate came from the first host's cell
        assertThat(alt.cell()).isEqualTo(r.of(Selected.class).get(0).cell());
    }

    @Test
    void queensEndsInErrorWhenEveryAttemptFails() throws Exception {
        CloudModel m = teaching();
        Workload.FaultSpec always = new Workload.FaultSpec(1.0, null, null, null);
        Run r = run(m, workload(List.of(boots("m1.small", 1, null, 0, null)), always), Era.QUEENS, 1, 3, 1);
        assertThat(r.summary().error()).isEqualTo(1);
        assertThat(r.summary().schedulerCalls()).isEqualTo(1);
        assertThat(r.of(BuildFailed.class)).hasSize(3); // the chosen host and max_attempts - 1 alternates
        assertThat(r.of(Errored.class).get(0).reason()).startsWith("MaxRetriesExceeded");
        assertWithinCapacity(r);
        assertThat(r.sim().placement().consumer(r.of(BootRequested.class).get(0).instance())).isEmpty();
    }

    @Test
    void pikeReschedulesThroughTheSchedulerInOneCell() throws Exception {
        CloudModel m = oneCell(4);
        String first = firstHostFor(m, "m1.small", Era.PIKE);
        Run r = run(m, workload(List.of(boots("m1.small", 1, null, 0, null)), failNext(first, 1)), Era.PIKE, 1, 3, 1);
        assertThat(r.summary().schedulerCalls()).isEqualTo(2);
        assertThat(r.of(Rescheduled.class).get(0).via()).isEqualTo("scheduler");
        assertThat(r.summary().active()).isEqualTo(1);
        assertThat(r.summary().alternateClaims()).isZero();
    }

    @Test
    void pikeCannotRescheduleAcrossCellsSoTheInstanceGoesToError() throws Exception {
        CloudModel m = teaching(); // two cells
        String first = firstHostFor(m, "m1.small", Era.PIKE);
        Run r = run(m, workload(List.of(boots("m1.small", 1, null, 0, null)), failNext(first, 1)), Era.PIKE, 1, 3, 1);
        assertThat(r.summary().error()).isEqualTo(1);
        assertThat(r.summary().schedulerCalls()).isEqualTo(1);
        assertThat(r.of(Errored.class).get(0).reason()).contains("up-call");
    }

    @Test
    void prePikeSchedulersCollideAtTheCompute() throws Exception {
        CloudModel m = oneCell(3);
        // a burst larger than the biggest host, from two schedulers that do not claim
        Run r = run(m, workload(List.of(boots("m1.xlarge", 300, null, 0, null)), null), Era.PRE_PIKE, 2, 5, 1);
        assertThat(r.where(ClaimConflict.class, e -> "compute".equals(e.by()))).isNotEmpty();
        assertThat(r.where(Rescheduled.class, e -> "scheduler".equals(e.via()))).isNotEmpty();
        assertThat(r.where(Claimed.class, e -> "compute".equals(e.by()))).isNotEmpty();
        assertThat(r.where(Claimed.class, e -> "scheduler".equals(e.by()))).isEmpty();
        assertWithinCapacity(r);
    }

    @Test
    void pikeSchedulersSeeConflictsAtTheScheduler() throws Exception {
        CloudModel m = oneCell(3);
        Run r = run(m, workload(List.of(boots("m1.xlarge", 300, null, 0, null)), null), Era.PIKE, 2, 5, 1);
        assertThat(r.where(ClaimConflict.class, e -> "scheduler".equals(e.by()))).isNotEmpty();
        assertThat(r.where(ClaimConflict.class, e -> "compute".equals(e.by()))).isEmpty();
        assertWithinCapacity(r);
    }

    @Test
    void aDownCellTakesNoBuildsAndItsInstancesAreListedUnknownNotLost() throws Exception {
        CloudModel m = teaching();
        Workload w = new Workload(List.of(boots("m1.small", 6, null, 0, null), boots("m1.small", 6, null, 10_000, null)),
                List.of(), List.of(new Workload.ScheduledEvent(8_000L, "cell-down", "cell2", null)), null, null);
        Simulation sim = new Simulation(m, w, new Simulation.Settings(1, Era.QUEENS, 1, 3), true);
        sim.run();
        var events = sim.trace().events();
        var selectedAfter = events.stream().filter(e -> e instanceof Selected && e.t() >= 10_000).toList();
        assertThat(selectedAfter).isNotEmpty().allSatisfy(e -> assertThat(e.cell()).isEqualTo("cell1"));
        long inCell2 = events.stream().filter(e -> e instanceof Active && "cell2".equals(e.cell())).count();
        var listed = sim.conductor().listed();
        assertThat(listed.values().stream().filter(s -> s == InstanceState.UNKNOWN).count()).isEqualTo(inCell2);
        assertThat(listed).hasSize(12);
        sim.conductor().cellUp("cell2");
        assertThat(sim.conductor().listed().values()).doesNotContain(InstanceState.UNKNOWN);
    }

    @Test
    void aMigrationHoldsTheSourceThroughAMigrationConsumerUntilConfirmed() throws Exception {
        CloudModel m = teaching();
        Workload w = new Workload(List.of(boots("m1.medium", 1, null, 0, null)),
                List.of(new Workload.MigrationLoad("migration", 1, null, 10_000L, null, 0.0)), List.of(), null, null);
        Simulation sim = new Simulation(m, w, new Simulation.Settings(1, Era.QUEENS, 1, 3), true);
        List<String> checks = new ArrayList<>();
        sim.trace().addListener(e -> {
            if (e instanceof Claimed c && c.migration() != null) {
                String migration = c.migration();
                var held = sim.placement().consumer(migration).orElseThrow();
                var inst = sim.placement().consumer(e.instance()).orElseThrow();
                assertThat(held.consumerType()).isEqualTo("MIGRATION");
                // a shared pool (ceph) is held by both when source and destination share it, as in Nova
                var shared = m.sharedStorage().stream().map(p -> p.effectiveUuid()).toList();
                var ownHeld = new java.util.HashSet<>(held.allocations().keySet());
                ownHeld.removeAll(shared);
                assertThat(ownHeld).isNotEmpty().doesNotContainAnyElementsOf(inst.allocations().keySet());
                checks.add("both held");
            }
        });
        sim.run();
        assertThat(checks).containsExactly("both held");
        MigrationConfirmed confirmed = new Run(sim, null, sim.trace().events()).of(MigrationConfirmed.class).get(0);
        assertThat(sim.placement().consumer(confirmed.migration())).isEmpty();
        assertThat(confirmed.host()).isNotEqualTo(confirmed.freed());
    }

    @Test
    void everyEventLineIsJsonWithoutARepeatedKey() throws Exception {
        CloudModel m = teaching();
        Workload w = dev.placementstudio.io.WorkloadFiles.read(TestFiles.sample("workloads/teaching-busy-day"), m);
        Run r = run(m, w, Era.QUEENS, 2, 3, 7);
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        assertThat(r.of(MigrationStarted.class)).isNotEmpty();
        for (SimEvent e : r.events()) {
            var node = mapper.readTree(EventLogJson.line(e)); // a repeated key (e.g. a field named "type") throws
            assertThat(node.get("type").asText()).isEqualTo(e.type().label());
        }
        assertThat(r.of(MigrationStarted.class).get(0).migrationType()).isIn("migration", "resize", "live-migration");
    }

    @Test
    void aRunCanBeCancelledFromItsProgressAndSaysWhen() throws Exception {
        CloudModel m = oneCell(50);
        Workload w = workload(List.of(boots(m.flavors().get(0).name(), 20_000, 2000.0, 0, 5_000L)), null);
        Simulation sim = new Simulation(m, w, new Simulation.Settings(1, Era.QUEENS, 2, 3), true);
        long[] at = {-1};
        sim.onProgress(t -> {
            at[0] = t;
            sim.cancel();
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(sim::run)
                .isInstanceOf(java.util.concurrent.CancellationException.class)
                .hasMessageContaining("cancelled at t=" + at[0] + " ms");
        assertThat(at[0]).isPositive();
        long deleted = sim.trace().events().stream().filter(e -> e instanceof Deleted).count();
        assertThat(deleted).as("stopped part way: not every instance has lived its 5 s").isLessThan(20_000);
        assertThat(sim.trace().events().get(sim.trace().events().size() - 1).t()).isLessThanOrEqualTo(at[0]);
    }

    @Test
    void aRevertedResizeGivesTheSourceBack() throws Exception {
        CloudModel m = teaching();
        Workload w = new Workload(List.of(boots("m1.small", 1, null, 0, null)),
                List.of(new Workload.MigrationLoad("resize", 1, null, 10_000L, "m1.large", 1.0)), List.of(), null, null);
        Run r = run(m, w, Era.QUEENS, 1, 3, 1);
        MigrationStarted started = r.of(MigrationStarted.class).get(0);
        MigrationReverted reverted = r.of(MigrationReverted.class).get(0);
        assertThat(reverted.host()).isEqualTo(started.source());
        var alloc = r.sim().placement().consumer(started.instance()).orElseThrow().allocations();
        long vcpus = alloc.values().stream().mapToLong(x -> x.getOrDefault("VCPU", 0L)).sum();
        assertThat(vcpus).isEqualTo(1); // m1.small again, not m1.large
        assertThat(r.sim().placement().consumer(started.migration())).isEmpty();
    }

    @Test
    void aBuildWaitsForItsAcceleratorsAndFailsWhenBindingFails() throws Exception {
        CloudModel m = teaching();
        Workload slowBind = new Workload(List.of(boots("f1.fpga", 1, null, 0, null)), List.of(), List.of(), null,
                new Workload.TimingSpec(null, null, 1000L, 4000L, null, null));
        Run r = run(m, slowBind, Era.QUEENS, 1, 3, 1);
        BuildStarted start = r.of(BuildStarted.class).get(0);
        ArqBound bound = r.of(ArqBound.class).get(0);
        Active active = r.of(Active.class).get(0);
        assertThat(bound.t() - start.t()).isEqualTo(4000);
        assertThat(active.t()).isGreaterThanOrEqualTo(bound.t()); // not at build_ms: it waited
        assertThat(r.of(ArqCreated.class)).hasSize(1);
        Workload failing = new Workload(List.of(boots("f1.fpga", 1, null, 0, null)), List.of(), List.of(),
                new Workload.FaultSpec(null, null, null, 1.0), null);
        Run f = run(m, failing, Era.QUEENS, 1, 3, 1);
        assertThat(f.of(BuildFailed.class)).isNotEmpty().allSatisfy(e -> assertThat(e.reason()).contains("accelerator"));
    }

    @Test
    void anIronicFlavorTakesAWholeNode() throws Exception {
        CloudModel m = teaching(); // one bm.gold node
        Run r = run(m, workload(List.of(boots("bm.gold", 2, null, 0, null)), null), Era.QUEENS, 1, 3, 1);
        assertThat(r.summary().active()).isEqualTo(1);
        assertThat(r.summary().error()).isEqualTo(1);
        String vm = r.of(Active.class).get(0).instance();
        var alloc = r.sim().placement().consumer(vm).orElseThrow().allocations();
        assertThat(alloc).hasSize(1);
        assertThat(alloc.values().iterator().next()).isEqualTo(Map.of("CUSTOM_BAREMETAL_GOLD", 1L));
    }

    @Test
    void deletingFreesTheAllocations() throws Exception {
        CloudModel m = teaching();
        Run r = run(m, workload(List.of(boots("m1.small", 5, 10.0, 0, 5_000L)), null), Era.QUEENS, 1, 3, 1);
        assertThat(r.summary().deleted()).isEqualTo(5);
        for (BootRequested e : r.of(BootRequested.class)) {
            assertThat(r.sim().placement().consumer(e.instance())).isEmpty();
        }
    }

    static void assertWithinCapacity(Run r) {
        for (ProviderView p : r.sim().placement().providers()) {
            p.inventories().forEach((rc, inv) -> assertThat(p.usages().get(rc)).as(p.name() + " " + rc)
                    .isLessThanOrEqualTo(inv.capacity()));
        }
    }
}
