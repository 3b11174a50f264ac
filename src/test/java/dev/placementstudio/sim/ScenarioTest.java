package dev.placementstudio.sim;

import dev.placementstudio.TestFiles;
import dev.placementstudio.conductor.EventLog.Choice;
import dev.placementstudio.conductor.EventLog.Ranked;
import dev.placementstudio.io.EventLogJson;
import dev.placementstudio.io.ScenarioFiles;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.Projection;
import dev.placementstudio.placement.AllocationCandidates;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.placement.ProviderView;
import dev.placementstudio.sim.SimEvent.Active;
import dev.placementstudio.sim.SimEvent.ArqBound;
import dev.placementstudio.sim.SimEvent.BootRequested;
import dev.placementstudio.sim.SimEvent.BuildFailed;
import dev.placementstudio.sim.SimEvent.BuildStarted;
import dev.placementstudio.sim.SimEvent.CellDown;
import dev.placementstudio.sim.SimEvent.CellUp;
import dev.placementstudio.sim.SimEvent.ClaimConflict;
import dev.placementstudio.sim.SimEvent.Claimed;
import dev.placementstudio.sim.SimEvent.Errored;
import dev.placementstudio.sim.SimEvent.MigrationConfirmed;
import dev.placementstudio.sim.SimEvent.MigrationStarted;
import dev.placementstudio.sim.SimEvent.Rescheduled;
import dev.placementstudio.sim.SimEvent.SchedulerCalled;
import dev.placementstudio.sim.SimEvent.Selected;
import dev.placementstudio.sim.SimEvent.Weighed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each built-in scenario's teaching point, asserted on its event log directly (not through its narrative),
 * and the rules every scenario keeps: it plays, its highlights name real things, it is deterministic.
 */
class ScenarioTest {
    static List<String> names() {
        return ScenarioFiles.builtInNames();
    }

    /** A run's events, with the boots numbered in arrival order. */
    record Log(List<SimEvent> events) {
        <T extends SimEvent> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }

        String boot(int n) {
            return of(BootRequested.class).get(n - 1).instance();
        }

        List<SimEvent> of(int boot) {
            String uuid = boot(boot);
            return events.stream().filter(e -> uuid.equals(e.instance())).toList();
        }

        List<String> typesOf(int boot) {
            return of(boot).stream().map(e -> e.type().label()).toList();
        }

        <T extends SimEvent> List<T> of(int boot, Class<T> type) {
            return of(boot).stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends SimEvent> List<T> of(int boot, Class<T> type, Predicate<T> p) {
            return of(boot, type).stream().filter(p).toList();
        }

        <T extends SimEvent> T only(int boot, Class<T> type) {
            List<T> l = of(boot, type);
            assertThat(l).as("%s events of boot %d", type.getSimpleName(), boot).hasSize(1);
            return l.get(0);
        }
    }

    static ScenarioRun play(String name) throws Exception {
        return ScenarioRun.play(ScenarioFiles.builtIn(name));
    }

    static Log main(String name) throws Exception {
        return new Log(play(name).main().events());
    }

    @Test
    void theIndexListsEveryScenarioFileAndTheIssuesNamesInOrder() throws Exception {
        Path dir = TestFiles.root().resolve("sample-clouds/scenarios");
        Set<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - 5)).collect(Collectors.toSet());
        }
        assertThat(new HashSet<>(names())).isEqualTo(files);
        assertThat(names()).startsWith("claim-race-pre-pike", "claim-race-pike", "alternates-retry",
                "alternates-exhausted", "pike-multicell-no-upcall", "cell-down", "migration-consumer",
                "numa-sriov-same-subtree", "vfs-different-physnets", "ironic-whole-node", "cyborg-blocking-bind",
                "bandwidth-ports", "shared-storage", "selection-objects", "candidate-explosion");
        for (String n : names()) {
            assertThat(ScenarioFiles.builtIn(n).name()).as("the name inside %s.json", n).isEqualTo(n);
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyStepIsToldAndEveryHighlightNamesSomethingInTheModel(String name) throws Exception {
        ScenarioRun run = play(name);
        CloudModel m = run.scenario().model();
        Set<String> hosts = new HashSet<>();
        m.hosts().forEach(h -> hosts.add(h.hostname()));
        m.baremetalNodes().forEach(b -> hosts.add(b.name()));
        Set<String> cells = m.cells().stream().map(c -> c.name()).collect(Collectors.toSet());
        Set<String> providers = PlacementEngine.fromState(Projection.project(m)).providers().stream()
                .map(ProviderView::name).collect(Collectors.toSet());
        assertThat(run.steps()).hasSize(run.scenario().steps().size());
        int lastMain = -1;
        for (ScenarioRun.Told t : run.steps()) {
            assertThat(t.text()).as("step %d of %s", t.number(), name).doesNotContainPattern("\\{[a-z_]+\\}");
            if (t.event() != null && !t.compare()) {
                assertThat(t.eventIndex()).as("main-run steps follow the log").isGreaterThan(lastMain);
                lastMain = t.eventIndex();
            }
            for (String h : t.highlight()) {
                String kind = h.substring(0, h.indexOf(':'));
                String what = h.substring(h.indexOf(':') + 1);
                Set<String> known = switch (kind) {
                    case "host" -> hosts;
                    case "cell" -> cells;
                    default -> providers;
                };
                assertThat(known).as("%s, step %d: highlight %s", name, t.number(), h).contains(what);
            }
        }
        assertThat(run.steps()).as("every scenario points at something").anyMatch(t -> !t.highlight().isEmpty());
    }

    @ParameterizedTest
    @MethodSource("names")
    void aScenarioIsDeterministic(String name) throws Exception {
        List<String> a = play(name).main().events().stream().map(EventLogJson::line).toList();
        List<String> b = play(name).main().events().stream().map(EventLogJson::line).toList();
        assertThat(a).isNotEmpty().isEqualTo(b);
    }

    @Test
    void claimRacePrePike_theComputesClaimFailsAndTheBuildGoesBackToTheScheduler() throws Exception {
        Log l = main("claim-race-pre-pike");
        String h1 = l.only(1, Selected.class).host();
        Selected second = l.of(2, Selected.class).get(0);
        assertThat(second.host()).as("both schedulers chose the same host").isEqualTo(h1);
        assertThat(l.only(1, Claimed.class).by()).isEqualTo("compute");
        ClaimConflict conflict = l.only(2, ClaimConflict.class);
        assertThat(conflict.by()).isEqualTo("compute");
        assertThat(conflict.host()).isEqualTo(h1);
        assertThat(l.only(2, Rescheduled.class).via()).isEqualTo("scheduler");
        assertThat(l.of(2, SchedulerCalled.class)).hasSize(2);
        Active active = l.only(2, Active.class);
        assertThat(active.host()).isNotEqualTo(h1);
        // the two selections were made before either claim
        assertThat(l.events().indexOf(second)).isLessThan(l.events().indexOf(l.only(1, Claimed.class)));
    }

    @Test
    void claimRacePike_theSecondClaimIsRefusedInPlacementAndNoBuildFails() throws Exception {
        Log l = main("claim-race-pike");
        ClaimConflict conflict = l.only(2, ClaimConflict.class);
        assertThat(conflict.by()).isEqualTo("scheduler");
        assertThat(conflict.host()).isEqualTo(l.only(1, Claimed.class).host());
        assertThat(l.only(2, Claimed.class).by()).isEqualTo("scheduler");
        assertThat(l.only(2, Claimed.class).host()).isNotEqualTo(conflict.host());
        assertThat(l.of(BuildFailed.class)).isEmpty();
        assertThat(l.of(Rescheduled.class)).isEmpty();
        assertThat(l.of(2, SchedulerCalled.class)).hasSize(1);
        assertThat(l.of(Active.class)).hasSize(2);
    }

    @Test
    void alternatesRetry_buildFailedUnclaimedClaimedByTheConductorActive_oneSchedulerCall() throws Exception {
        Log l = main("alternates-retry");
        List<String> types = l.typesOf(1).stream()
                .filter(t -> List.of("build_failed", "unclaimed", "claimed", "active").contains(t)).toList();
        assertThat(types).containsExactly("claimed", "build_failed", "unclaimed", "claimed", "active");
        Claimed alt = l.of(1, Claimed.class).get(1);
        assertThat(alt.by()).isEqualTo("conductor");
        assertThat(alt.alternate()).isTrue();
        Selected selected = l.only(1, Selected.class);
        assertThat(selected.alternates()).contains(alt.host());
        assertThat(alt.cell()).isEqualTo(selected.cell());
        assertThat(l.only(1, Active.class).host()).isEqualTo(alt.host());
        assertThat(l.of(1, SchedulerCalled.class)).hasSize(1);
        // the alternates are all from the chosen host's cell, although cn-4 (cell2) weighed higher
        assertThat(selected.alternates()).doesNotContain("cn-4");
        assertThat(l.only(1, Weighed.class).top()).extracting(Ranked::host).contains("cn-4");
    }

    @Test
    void alternatesExhausted_everyHostFailsThenError() throws Exception {
        Log l = main("alternates-exhausted");
        int attempts = ScenarioFiles.builtIn("alternates-exhausted").maxAttempts();
        assertThat(l.of(1, BuildFailed.class)).hasSize(attempts);
        assertThat(l.of(1, BuildFailed.class).stream().map(BuildFailed::host).distinct()).hasSize(attempts);
        assertThat(l.of(1, SchedulerCalled.class)).hasSize(1);
        Errored err = l.only(1, Errored.class);
        assertThat(err.reason()).startsWith("MaxRetriesExceeded");
        assertThat(l.of(1, Active.class)).isEmpty();
    }

    @Test
    void pikeMulticell_noUpcallMeansError_queensSucceedsOnAnAlternate() throws Exception {
        ScenarioRun run = play("pike-multicell-no-upcall");
        Log pike = new Log(run.main().events());
        assertThat(run.main().era().label()).isEqualTo("pike");
        assertThat(pike.only(1, BuildFailed.class)).isNotNull();
        assertThat(pike.only(1, Errored.class).reason()).contains("up-call");
        assertThat(pike.of(1, Rescheduled.class)).isEmpty();
        assertThat(pike.only(1, Selected.class).alternates()).isEmpty();
        Log queens = new Log(run.compare().events());
        assertThat(run.compare().era().label()).isEqualTo("queens");
        assertThat(queens.only(1, BuildFailed.class).host()).isEqualTo(pike.only(1, BuildFailed.class).host());
        assertThat(queens.of(1, Claimed.class, e -> "conductor".equals(e.by()))).hasSize(1);
        assertThat(queens.only(1, Active.class)).isNotNull();
        assertThat(queens.of(1, Errored.class)).isEmpty();
    }

    @Test
    void cellDown_hostsTakeNoBuildsInstancesListedUnknownOtherCellUsedThenBack() throws Exception {
        Log l = main("cell-down");
        CellDown down = l.of(CellDown.class).get(0);
        CellUp up = l.of(CellUp.class).get(0);
        String cell = down.cell();
        long inCellBefore = l.events().subList(0, l.events().indexOf(down)).stream()
                .filter(e -> e instanceof Active && cell.equals(e.cell())).count();
        assertThat(inCellBefore).isPositive();
        assertThat(down.instancesUnknown()).isEqualTo(inCellBefore);
        List<SimEvent> during = l.events().subList(l.events().indexOf(down), l.events().indexOf(up));
        List<SimEvent> claimsDuring = during.stream().filter(e -> e instanceof Claimed).toList();
        assertThat(claimsDuring).isNotEmpty().allMatch(e -> !cell.equals(e.cell()));
        List<SimEvent> after = l.events().subList(l.events().indexOf(up), l.events().size());
        assertThat(after).anyMatch(e -> e instanceof Active && cell.equals(e.cell()));
    }

    @Test
    void migrationConsumer_theMigrationHoldsTheSourceTheInstanceTheDestinationConfirmFreesTheSource() throws Exception {
        dev.placementstudio.sim.Scenario s = ScenarioFiles.builtIn("migration-consumer");
        Simulation sim = new Simulation(s.model(), s.workload(),
                new Simulation.Settings(s.seed(), s.era(), s.schedulers(), s.maxAttempts()), true);
        // stop while the resize is in flight: after the destination claim, before the confirm
        sim.runUntil(10_000);
        List<SimEvent> ev = sim.trace().events();
        MigrationStarted started = new Log(ev).of(MigrationStarted.class).get(0);
        String migration = started.migration();
        String source = started.source();
        var heldByMigration = sim.placement().consumer(migration).orElseThrow().allocations();
        var heldByInstance = sim.placement().consumer(started.instance()).orElseThrow().allocations();
        assertThat(providerNames(sim, heldByMigration.keySet())).containsExactly(source);
        assertThat(providerNames(sim, heldByInstance.keySet())).hasSize(1).doesNotContain(source);
        assertThat(heldByInstance.values().iterator().next().get("VCPU")).isEqualTo(4L); // m1.large
        assertThat(heldByMigration.values().iterator().next().get("VCPU")).isEqualTo(1L); // m1.small
        sim.run();
        assertThat(sim.placement().consumer(migration)).isEmpty();
        MigrationConfirmed confirmed = new Log(sim.trace().events()).of(MigrationConfirmed.class).get(0);
        assertThat(confirmed.freed()).isEqualTo(source);
        assertThat(providerNames(sim, sim.placement().consumer(started.instance()).orElseThrow().allocations().keySet()))
                .containsExactly(confirmed.host());
    }

    private static List<String> providerNames(Simulation sim, Set<String> uuids) {
        return uuids.stream().map(u -> sim.placement().provider(u).orElseThrow().name()).toList();
    }

    private static Map<String, Map<String, Long>> request(Selected selected, int i) {
        return selected.selections().get(i).allocationRequest();
    }

    @Test
    void numaSriovSameSubtree_cpusAndTheVfComeFromOneNumaNode() throws Exception {
        ScenarioRun run = play("numa-sriov-same-subtree");
        Log l = new Log(run.main().events());
        assertThat(l.only(1, SchedulerCalled.class).query()).contains("same_subtree=_CPU,_PORT0");
        Selected selected = l.only(1, Selected.class);
        Map<String, Map<String, Long>> req = request(selected, 0);
        String host = selected.host();
        String numa = req.entrySet().stream().filter(e -> e.getValue().containsKey("PCPU")).findFirst().orElseThrow().getKey();
        String pf = req.entrySet().stream().filter(e -> e.getValue().containsKey("SRIOV_NET_VF")).findFirst().orElseThrow().getKey();
        // the PF hangs off the NUMA node that gives the PCPUs
        PlacementEngine initial = PlacementEngine.fromState(Projection.project(run.scenario().model()));
        ProviderView pfView = initial.providers().stream().filter(p -> p.name().equals(pf)).findFirst().orElseThrow();
        ProviderView numaView = initial.providers().stream().filter(p -> p.name().equals(numa)).findFirst().orElseThrow();
        assertThat(pfView.parentUuid()).isEqualTo(numaView.uuid());
        assertThat(host).isEqualTo("nfv-2");
        // without same_subtree the host with more memory (nfv-1) would have been a candidate, across NUMA nodes
        List<ScenarioRun.Told> queries = run.steps().stream().filter(t -> t.step().query() != null).toList();
        assertThat(queries.get(0).queryCount()).isGreaterThan(queries.get(1).queryCount());
        assertThat(queries.get(1).queryCount()).isEqualTo(1);
    }

    @Test
    void vfsDifferentPhysnets_oneVfFromEachPf() throws Exception {
        Log l = main("vfs-different-physnets");
        Map<String, Map<String, Long>> req = request(l.only(1, Selected.class), 0);
        List<String> pfs = req.entrySet().stream().filter(e -> e.getValue().containsKey("SRIOV_NET_VF")).map(Map.Entry::getKey).toList();
        assertThat(pfs).containsExactlyInAnyOrder("sriov-1_ens1f0", "sriov-1_ens1f1");
        assertThat(req.get("sriov-1_ens1f0").get("SRIOV_NET_VF")).isEqualTo(1);
        String q = l.only(1, SchedulerCalled.class).query();
        assertThat(q).contains("required_PORT0=CUSTOM_PHYSNET_PHYSNET_A").contains("required_PORT1=CUSTOM_PHYSNET_PHYSNET_B");
    }

    @Test
    void ironicWholeNode_eachBootTakesADifferentNodeOfItsClass() throws Exception {
        Log l = main("ironic-whole-node");
        Selected first = l.only(1, Selected.class);
        Selected second = l.only(2, Selected.class);
        assertThat(first.host()).isNotEqualTo(second.host());
        assertThat(List.of(first.host(), second.host())).allMatch(h -> h.startsWith("bm-gold"));
        assertThat(request(first, 0)).containsOnlyKeys(first.host());
        assertThat(request(first, 0).get(first.host())).containsOnlyKeys("CUSTOM_BAREMETAL_GOLD");
        assertThat(l.only(3, Errored.class).reason()).startsWith("NoValidHost");
    }

    @Test
    void cyborgBlockingBind_theBuildWaitsForTheBindAndABindFailureRetriesOnTheAlternate() throws Exception {
        dev.placementstudio.sim.Scenario s = ScenarioFiles.builtIn("cyborg-blocking-bind");
        Log l = main("cyborg-blocking-bind");
        BuildFailed failed = l.only(1, BuildFailed.class);
        assertThat(failed.reason()).isEqualTo("accelerator binding failed");
        Claimed alt = l.of(1, Claimed.class, e -> "conductor".equals(e.by())).get(0);
        assertThat(alt.host()).isNotEqualTo(failed.host());
        List<BuildStarted> starts = l.of(1, BuildStarted.class);
        assertThat(starts).hasSize(2);
        ArqBound bound = l.only(1, ArqBound.class);
        Active active = l.only(1, Active.class);
        long bindMs = s.workload().timing().arqBindMs();
        assertThat(bindMs).isGreaterThan(s.workload().timing().buildMs());
        // ACTIVE only once bound: the build (shorter) waited for the binding
        assertThat(active.t()).isEqualTo(bound.t()).isEqualTo(starts.get(1).t() + bindMs);
        assertThat(l.events().indexOf(bound)).isLessThan(l.events().indexOf(active));
    }

    @Test
    void bandwidthPorts_bandwidthIsClaimedOnThePfAndAFullPfIsSkipped() throws Exception {
        Log l = main("bandwidth-ports");
        Map<String, Map<String, Long>> req = request(l.only(1, Selected.class), 0);
        assertThat(req.get("bw-1_ens1f0").get("NET_BW_EGR_KILOBIT_PER_SEC")).isEqualTo(6_000_000L);
        assertThat(l.only(1, Claimed.class).host()).isEqualTo("bw-1");
        // bw-1 weighs higher on RAM, but its PF has only 4 Gbit/s left: Placement does not offer it
        assertThat(l.only(2, Claimed.class).host()).isEqualTo("bw-2");
        assertThat(l.only(2, Weighed.class).hosts()).isEqualTo(1);
        assertThat(l.of(3, Errored.class)).hasSize(1);
    }

    @Test
    void sharedStorage_diskComesFromTheSharingProviderInTheAggregate() throws Exception {
        Log l = main("shared-storage");
        Map<String, Map<String, Long>> req = request(l.only(1, Selected.class), 0);
        String host = l.only(1, Selected.class).host();
        assertThat(req.get("ceph-a").get("DISK_GB")).isEqualTo(40);
        assertThat(req.get(host)).containsKeys("VCPU", "MEMORY_MB").doesNotContainKey("DISK_GB");
        // once ceph-a cannot give 40 GB, cmp-1 and cmp-2 are out, whatever their CPU and RAM
        assertThat(l.only(3, Claimed.class).host()).isEqualTo("cmp-3");
        assertThat(request(l.only(3, Selected.class), 0)).containsKey("ceph-b");
    }

    @Test
    void selectionObjects_queensReturnsChosenPlusSameCellAlternatesWithRequests_pikeABareHost() throws Exception {
        ScenarioRun run = play("selection-objects");
        Log q = new Log(run.main().events());
        Selected sel = q.only(1, Selected.class);
        List<Choice> selections = sel.selections();
        assertThat(selections).hasSize(run.scenario().maxAttempts());
        assertThat(selections.get(0).host()).isEqualTo(sel.host());
        assertThat(selections).allMatch(s -> s.cell().equals(sel.cell()) && s.allocationRequest() != null);
        Log p = new Log(run.compare().events());
        List<Choice> old = p.only(1, Selected.class).selections();
        assertThat(old).hasSize(1);
        assertThat(old.get(0).allocationRequest()).isNull();
    }

    @Test
    void candidateExplosion_limitAndMaxPlacementResultsKeepTheAnswerSmall() throws Exception {
        ScenarioRun run = play("candidate-explosion");
        List<ScenarioRun.Told> q = run.steps().stream().filter(t -> t.step().query() != null).toList();
        assertThat(q.get(0).queryCount()).isEqualTo(4L * 8 * 8 * 8);
        assertThat(q.get(1).queryCount()).isEqualTo(4L * 8 * 7 * 6);
        assertThat(q.get(2).queryCount()).isEqualTo(10);
        Log l = new Log(run.main().events());
        int limit = run.scenario().model().scheduler().maxPlacementResults();
        assertThat(l.only(1, SchedulerCalled.class).query()).endsWith("&limit=" + limit);
        // the scheduler only saw the hosts in the first `limit` candidates
        PlacementEngine initial = PlacementEngine.fromState(Projection.project(run.scenario().model()));
        AllocationCandidates full = initial.allocationCandidates(
                l.only(1, SchedulerCalled.class).query().replace("&limit=" + limit, ""));
        assertThat(full.size()).isGreaterThan(limit);
        assertThat(l.only(1, Weighed.class).hosts()).isLessThan(4);
    }
}
