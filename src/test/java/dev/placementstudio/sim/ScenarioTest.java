package dev.placementstudio.sim;

import dev.placementstudio.TestFiles;
import dev.placementstudio.io.EventLogJson;
import dev.placementstudio.io.ScenarioFiles;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.Projection;
import dev.placementstudio.placement.AllocationCandidates;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.placement.ProviderView;
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
        List<SimEvent> of(String type) {
            return events.stream().filter(e -> e.type().label().equals(type)).toList();
        }

        String boot(int n) {
            return of("boot_requested").get(n - 1).instance();
        }

        List<SimEvent> of(int boot) {
            String uuid = boot(boot);
            return events.stream().filter(e -> uuid.equals(e.instance())).toList();
        }

        List<String> typesOf(int boot) {
            return of(boot).stream().map(e -> e.type().label()).toList();
        }

        List<SimEvent> of(int boot, String type) {
            return of(boot).stream().filter(e -> e.type().label().equals(type)).toList();
        }

        List<SimEvent> of(int boot, String type, Predicate<SimEvent> p) {
            return of(boot, type).stream().filter(p).toList();
        }

        SimEvent only(int boot, String type) {
            List<SimEvent> l = of(boot, type);
            assertThat(l).as("%s events of boot %d", type, boot).hasSize(1);
            return l.get(0);
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> alternates(SimEvent selected) {
        return (List<String>) selected.get("alternates");
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
        String h1 = (String) l.only(1, "selected").get("host");
        SimEvent second = l.of(2, "selected").get(0);
        assertThat(second.get("host")).as("both schedulers chose the same host").isEqualTo(h1);
        assertThat(l.only(1, "claimed").get("by")).isEqualTo("compute");
        SimEvent conflict = l.only(2, "claim_conflict");
        assertThat(conflict.get("by")).isEqualTo("compute");
        assertThat(conflict.get("host")).isEqualTo(h1);
        assertThat(l.only(2, "rescheduled").get("via")).isEqualTo("scheduler");
        assertThat(l.of(2, "scheduler_called")).hasSize(2);
        SimEvent active = l.only(2, "active");
        assertThat(active.get("host")).isNotEqualTo(h1);
        // the two selections were made before either claim
        assertThat(l.events().indexOf(second)).isLessThan(l.events().indexOf(l.only(1, "claimed")));
    }

    @Test
    void claimRacePike_theSecondClaimIsRefusedInPlacementAndNoBuildFails() throws Exception {
        Log l = main("claim-race-pike");
        SimEvent conflict = l.only(2, "claim_conflict");
        assertThat(conflict.get("by")).isEqualTo("scheduler");
        assertThat(conflict.get("host")).isEqualTo(l.only(1, "claimed").get("host"));
        assertThat(l.only(2, "claimed").get("by")).isEqualTo("scheduler");
        assertThat(l.only(2, "claimed").get("host")).isNotEqualTo(conflict.get("host"));
        assertThat(l.of("build_failed")).isEmpty();
        assertThat(l.of("rescheduled")).isEmpty();
        assertThat(l.of(2, "scheduler_called")).hasSize(1);
        assertThat(l.of("active")).hasSize(2);
    }

    @Test
    void alternatesRetry_buildFailedUnclaimedClaimedByTheConductorActive_oneSchedulerCall() throws Exception {
        Log l = main("alternates-retry");
        List<String> types = l.typesOf(1).stream()
                .filter(t -> List.of("build_failed", "unclaimed", "claimed", "active").contains(t)).toList();
        assertThat(types).containsExactly("claimed", "build_failed", "unclaimed", "claimed", "active");
        SimEvent alt = l.of(1, "claimed").get(1);
        assertThat(alt.get("by")).isEqualTo("conductor");
        assertThat(alt.get("alternate")).isEqualTo(true);
        SimEvent selected = l.only(1, "selected");
        assertThat(alternates(selected)).contains((String) alt.get("host"));
        assertThat(alt.get("cell")).isEqualTo(selected.get("cell"));
        assertThat(l.only(1, "active").get("host")).isEqualTo(alt.get("host"));
        assertThat(l.of(1, "scheduler_called")).hasSize(1);
        // the alternates are all from the chosen host's cell, although cn-4 (cell2) weighed higher
        assertThat(alternates(selected)).doesNotContain("cn-4");
        assertThat(((List<?>) l.only(1, "weighed").get("top")).toString()).contains("cn-4");
    }

    @Test
    void alternatesExhausted_everyHostFailsThenError() throws Exception {
        Log l = main("alternates-exhausted");
        int attempts = ScenarioFiles.builtIn("alternates-exhausted").maxAttempts();
        assertThat(l.of(1, "build_failed")).hasSize(attempts);
        assertThat(l.of(1, "build_failed").stream().map(e -> e.get("host")).distinct()).hasSize(attempts);
        assertThat(l.of(1, "scheduler_called")).hasSize(1);
        SimEvent err = l.only(1, "errored");
        assertThat((String) err.get("reason")).startsWith("MaxRetriesExceeded");
        assertThat(l.of(1, "active")).isEmpty();
    }

    @Test
    void pikeMulticell_noUpcallMeansError_queensSucceedsOnAnAlternate() throws Exception {
        ScenarioRun run = play("pike-multicell-no-upcall");
        Log pike = new Log(run.main().events());
        assertThat(run.main().era().label()).isEqualTo("pike");
        assertThat(pike.only(1, "build_failed")).isNotNull();
        assertThat((String) pike.only(1, "errored").get("reason")).contains("up-call");
        assertThat(pike.of(1, "rescheduled")).isEmpty();
        assertThat((List<?>) pike.only(1, "selected").get("alternates")).isEmpty();
        Log queens = new Log(run.compare().events());
        assertThat(run.compare().era().label()).isEqualTo("queens");
        assertThat(queens.only(1, "build_failed").get("host")).isEqualTo(pike.only(1, "build_failed").get("host"));
        assertThat(queens.of(1, "claimed", e -> "conductor".equals(e.get("by")))).hasSize(1);
        assertThat(queens.only(1, "active")).isNotNull();
        assertThat(queens.of(1, "errored")).isEmpty();
    }

    @Test
    void cellDown_hostsTakeNoBuildsInstancesListedUnknownOtherCellUsedThenBack() throws Exception {
        Log l = main("cell-down");
        SimEvent down = l.of("cell_down").get(0);
        SimEvent up = l.of("cell_up").get(0);
        String cell = (String) down.get("cell");
        long inCellBefore = l.events().subList(0, l.events().indexOf(down)).stream()
                .filter(e -> e.type().label().equals("active") && cell.equals(e.get("cell"))).count();
        assertThat(inCellBefore).isPositive();
        assertThat(((Number) down.get("instances_unknown")).longValue()).isEqualTo(inCellBefore);
        List<SimEvent> during = l.events().subList(l.events().indexOf(down), l.events().indexOf(up));
        List<SimEvent> claimsDuring = during.stream().filter(e -> e.type().label().equals("claimed")).toList();
        assertThat(claimsDuring).isNotEmpty().allMatch(e -> !cell.equals(e.get("cell")));
        List<SimEvent> after = l.events().subList(l.events().indexOf(up), l.events().size());
        assertThat(after).anyMatch(e -> e.type().label().equals("active") && cell.equals(e.get("cell")));
    }

    @Test
    void migrationConsumer_theMigrationHoldsTheSourceTheInstanceTheDestinationConfirmFreesTheSource() throws Exception {
        dev.placementstudio.sim.Scenario s = ScenarioFiles.builtIn("migration-consumer");
        Simulation sim = new Simulation(s.model(), s.workload(),
                new Simulation.Settings(s.seed(), s.era(), s.schedulers(), s.maxAttempts()), true);
        // stop while the resize is in flight: after the destination claim, before the confirm
        sim.runUntil(10_000);
        List<SimEvent> ev = sim.trace().events();
        SimEvent started = ev.stream().filter(e -> e.type().label().equals("migration_started")).findFirst().orElseThrow();
        String migration = (String) started.get("migration");
        String source = (String) started.get("source");
        var heldByMigration = sim.placement().consumer(migration).orElseThrow().allocations();
        var heldByInstance = sim.placement().consumer(started.instance()).orElseThrow().allocations();
        assertThat(providerNames(sim, heldByMigration.keySet())).containsExactly(source);
        assertThat(providerNames(sim, heldByInstance.keySet())).hasSize(1).doesNotContain(source);
        assertThat(heldByInstance.values().iterator().next().get("VCPU")).isEqualTo(4L); // m1.large
        assertThat(heldByMigration.values().iterator().next().get("VCPU")).isEqualTo(1L); // m1.small
        sim.run();
        assertThat(sim.placement().consumer(migration)).isEmpty();
        SimEvent confirmed = sim.trace().events().stream().filter(e -> e.type().label().equals("migration_confirmed"))
                .findFirst().orElseThrow();
        assertThat(confirmed.get("freed")).isEqualTo(source);
        assertThat(providerNames(sim, sim.placement().consumer(started.instance()).orElseThrow().allocations().keySet()))
                .containsExactly((String) confirmed.get("host"));
    }

    private static List<String> providerNames(Simulation sim, Set<String> uuids) {
        return uuids.stream().map(u -> sim.placement().provider(u).orElseThrow().name()).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Number>> request(SimEvent selected, int i) {
        return (Map<String, Map<String, Number>>) ((List<Map<String, Object>>) selected.get("selections")).get(i)
                .get("allocation_request");
    }

    @Test
    void numaSriovSameSubtree_cpusAndTheVfComeFromOneNumaNode() throws Exception {
        ScenarioRun run = play("numa-sriov-same-subtree");
        Log l = new Log(run.main().events());
        assertThat((String) l.only(1, "scheduler_called").get("query")).contains("same_subtree=_CPU,_PORT0");
        SimEvent selected = l.only(1, "selected");
        Map<String, Map<String, Number>> req = request(selected, 0);
        String host = (String) selected.get("host");
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
        Map<String, Map<String, Number>> req = request(l.only(1, "selected"), 0);
        List<String> pfs = req.entrySet().stream().filter(e -> e.getValue().containsKey("SRIOV_NET_VF")).map(Map.Entry::getKey).toList();
        assertThat(pfs).containsExactlyInAnyOrder("sriov-1_ens1f0", "sriov-1_ens1f1");
        assertThat(req.get("sriov-1_ens1f0").get("SRIOV_NET_VF").longValue()).isEqualTo(1);
        String q = (String) l.only(1, "scheduler_called").get("query");
        assertThat(q).contains("required_PORT0=CUSTOM_PHYSNET_PHYSNET_A").contains("required_PORT1=CUSTOM_PHYSNET_PHYSNET_B");
    }

    @Test
    void ironicWholeNode_eachBootTakesADifferentNodeOfItsClass() throws Exception {
        Log l = main("ironic-whole-node");
        SimEvent first = l.only(1, "selected");
        SimEvent second = l.only(2, "selected");
        assertThat(first.get("host")).isNotEqualTo(second.get("host"));
        assertThat(List.of(first.get("host"), second.get("host"))).allMatch(h -> ((String) h).startsWith("bm-gold"));
        assertThat(request(first, 0)).containsOnlyKeys((String) first.get("host"));
        assertThat(request(first, 0).get((String) first.get("host"))).containsOnlyKeys("CUSTOM_BAREMETAL_GOLD");
        assertThat((String) l.only(3, "errored").get("reason")).startsWith("NoValidHost");
    }

    @Test
    void cyborgBlockingBind_theBuildWaitsForTheBindAndABindFailureRetriesOnTheAlternate() throws Exception {
        dev.placementstudio.sim.Scenario s = ScenarioFiles.builtIn("cyborg-blocking-bind");
        Log l = main("cyborg-blocking-bind");
        SimEvent failed = l.only(1, "build_failed");
        assertThat(failed.get("reason")).isEqualTo("accelerator binding failed");
        SimEvent alt = l.of(1, "claimed", e -> "conductor".equals(e.get("by"))).get(0);
        assertThat(alt.get("host")).isNotEqualTo(failed.get("host"));
        List<SimEvent> starts = l.of(1, "build_started");
        assertThat(starts).hasSize(2);
        SimEvent bound = l.only(1, "arq_bound");
        SimEvent active = l.only(1, "active");
        long bindMs = s.workload().timing().arqBindMs();
        assertThat(bindMs).isGreaterThan(s.workload().timing().buildMs());
        // ACTIVE only once bound: the build (shorter) waited for the binding
        assertThat(active.t()).isEqualTo(bound.t()).isEqualTo(starts.get(1).t() + bindMs);
        assertThat(l.events().indexOf(bound)).isLessThan(l.events().indexOf(active));
    }

    @Test
    void bandwidthPorts_bandwidthIsClaimedOnThePfAndAFullPfIsSkipped() throws Exception {
        Log l = main("bandwidth-ports");
        Map<String, Map<String, Number>> req = request(l.only(1, "selected"), 0);
        assertThat(req.get("bw-1_ens1f0").get("NET_BW_EGR_KILOBIT_PER_SEC").longValue()).isEqualTo(6_000_000L);
        assertThat(l.only(1, "claimed").get("host")).isEqualTo("bw-1");
        // bw-1 weighs higher on RAM, but its PF has only 4 Gbit/s left: Placement does not offer it
        assertThat(l.only(2, "claimed").get("host")).isEqualTo("bw-2");
        assertThat(((Number) l.only(2, "weighed").get("hosts")).intValue()).isEqualTo(1);
        assertThat(l.of(3, "errored")).hasSize(1);
    }

    @Test
    void sharedStorage_diskComesFromTheSharingProviderInTheAggregate() throws Exception {
        Log l = main("shared-storage");
        Map<String, Map<String, Number>> req = request(l.only(1, "selected"), 0);
        String host = (String) l.only(1, "selected").get("host");
        assertThat(req.get("ceph-a").get("DISK_GB").longValue()).isEqualTo(40);
        assertThat(req.get(host)).containsKeys("VCPU", "MEMORY_MB").doesNotContainKey("DISK_GB");
        // once ceph-a cannot give 40 GB, cmp-1 and cmp-2 are out, whatever their CPU and RAM
        assertThat(l.only(3, "claimed").get("host")).isEqualTo("cmp-3");
        assertThat(request(l.only(3, "selected"), 0)).containsKey("ceph-b");
    }

    @Test
    void selectionObjects_queensReturnsChosenPlusSameCellAlternatesWithRequests_pikeABareHost() throws Exception {
        ScenarioRun run = play("selection-objects");
        Log q = new Log(run.main().events());
        SimEvent sel = q.only(1, "selected");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> selections = (List<Map<String, Object>>) sel.get("selections");
        assertThat(selections).hasSize(run.scenario().maxAttempts());
        assertThat(selections.get(0).get("host")).isEqualTo(sel.get("host"));
        assertThat(selections).allMatch(s -> s.get("cell").equals(sel.get("cell")) && s.containsKey("allocation_request"));
        Log p = new Log(run.compare().events());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> old = (List<Map<String, Object>>) p.only(1, "selected").get("selections");
        assertThat(old).hasSize(1);
        assertThat(old.get(0)).doesNotContainKey("allocation_request");
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
        assertThat((String) l.only(1, "scheduler_called").get("query")).endsWith("&limit=" + limit);
        // the scheduler only saw the hosts in the first `limit` candidates
        PlacementEngine initial = PlacementEngine.fromState(Projection.project(run.scenario().model()));
        AllocationCandidates full = initial.allocationCandidates(
                ((String) l.only(1, "scheduler_called").get("query")).replace("&limit=" + limit, ""));
        assertThat(full.size()).isGreaterThan(limit);
        assertThat(((Number) l.only(1, "weighed").get("hosts")).intValue()).isLessThan(4);
    }
}
