package dev.placementstudio.scheduler;

import dev.placementstudio.TestFiles;
import dev.placementstudio.conductor.Cloud;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.HostStatus;
import dev.placementstudio.model.Image;
import dev.placementstudio.model.Projection;
import dev.placementstudio.model.SchedulerSettings;
import dev.placementstudio.model.ServerGroup;
import dev.placementstudio.model.ServerGroupPolicy;
import dev.placementstudio.placement.PlacementEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Filters, weighers and select_destinations on the teaching cloud, as Nova 26 behaves. */
class SchedulerTest {
    private CloudModel model;
    private PlacementEngine engine;
    private Cloud cloud;

    @BeforeEach
    void setUp() throws Exception {
        model = ModelFiles.open(TestFiles.sample("teaching-small"));
        engine = PlacementEngine.fromState(Projection.project(model));
        cloud = new Cloud(model);
    }

    private Flavor flavor(String name) {
        return model.flavors().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private Scheduler scheduler(List<String> filters) {
        return new Scheduler(engine, cloud, SchedulerSettings.NOVA_DEFAULTS, filters, new SplittableRandom(1));
    }

    private static HostState host(String name, HostStatus status, boolean cellUp, Set<String> instances, String az,
                                  Map<String, Set<String>> metadata) {
        Map<String, Set<String>> md = new java.util.TreeMap<>(metadata);
        if (!"nova".equals(az)) {
            md.put("availability_zone", Set.of(az)); // Nova reads a host's zone from its aggregates' metadata
        }
        return new HostState(new HostInfo(name, "uuid-" + name, "cell1", "r1", List.of(), az, md, status, cellUp,
                "QEMU", Set.of(), 2, false, instances, 0, 0), null, Map::of);
    }

    @Test
    void computeFilterDropsDisabledDownAndUnreachableHosts() {
        Filter f = Filters.named("ComputeFilter");
        RequestSpec s = RequestSpec.of("u", "vm", flavor("m1.small"));
        assertThat(f.reject(host("a", HostStatus.ENABLED, true, Set.of(), "nova", Map.of()), s)).isNull();
        assertThat(f.reject(host("a", HostStatus.DISABLED, true, Set.of(), "nova", Map.of()), s)).contains("disabled");
        assertThat(f.reject(host("a", HostStatus.DOWN, true, Set.of(), "nova", Map.of()), s)).contains("down");
        assertThat(f.reject(host("a", HostStatus.ENABLED, false, Set.of(), "nova", Map.of()), s)).contains("cell is down");
    }

    @Test
    void serverGroupFilters() {
        RequestSpec anti = RequestSpec.of("u", "vm", flavor("m1.small")).withGroupHosts(Set.of("a"));
        anti = new RequestSpec("u", "vm", anti.flavor(), null, List.of(), null, new ServerGroup("web", null,
                ServerGroupPolicy.ANTI_AFFINITY), Set.of("a"), null, Map.of(), "p", "u", Set.of(), null, Set.of("m-1"));
        Filter af = Filters.named("ServerGroupAntiAffinityFilter");
        // Nova counts the group's members among the host's instances (not the group's host list)
        assertThat(af.reject(host("a", HostStatus.ENABLED, true, Set.of("m-1"), "nova", Map.of()), anti)).contains("anti-affinity");
        assertThat(af.reject(host("a", HostStatus.ENABLED, true, Set.of(), "nova", Map.of()), anti)).isNull();
        assertThat(af.reject(host("b", HostStatus.ENABLED, true, Set.of(), "nova", Map.of()), anti)).isNull();
        RequestSpec aff = new RequestSpec("u", "vm", anti.flavor(), null, List.of(), null, new ServerGroup("db", null,
                ServerGroupPolicy.AFFINITY), Set.of("a"), null, Map.of(), "p", "u", Set.of(), null);
        Filter f = Filters.named("ServerGroupAffinityFilter");
        assertThat(f.reject(host("a", HostStatus.ENABLED, true, Set.of(), "nova", Map.of()), aff)).isNull();
        assertThat(f.reject(host("b", HostStatus.ENABLED, true, Set.of(), "nova", Map.of()), aff)).contains("affinity");
        // the first member may go anywhere
        assertThat(f.reject(host("b", HostStatus.ENABLED, true, Set.of(), "nova", Map.of()), aff.withGroupHosts(Set.of()))).isNull();
    }

    @Test
    void zoneHintsAggregatesAndTenancy() {
        RequestSpec s = new RequestSpec("u", "vm", new Flavor("f", 1, 1, 1, Map.of("aggregate_instance_extra_specs:ssd", "true")),
                null, List.of(), null, null, Set.of(), "az1", Map.of("same_host", "i1", "different_host", "i2"), "proj-a",
                "u", Set.of("tried"), null);
        HostState good = host("a", HostStatus.ENABLED, true, Set.of("i1"), "az1", Map.of("ssd", Set.of("true")));
        HostState bad = host("tried", HostStatus.ENABLED, true, Set.of("i2"), "az2",
                Map.of("ssd", Set.of("false"), "filter_tenant_id", Set.of("proj-b")));
        for (String name : List.of("AvailabilityZoneFilter", "SameHostFilter", "DifferentHostFilter",
                "AggregateInstanceExtraSpecsFilter", "AggregateMultiTenancyIsolation", "RetryFilter")) {
            Filter f = Filters.named(name);
            assertThat(f.reject(good, s)).as(name + " passes the good host").isNull();
            assertThat(f.reject(bad, s)).as(name + " drops the bad host").isNotNull();
        }
    }

    @Test
    void imagePropertiesFilterChecksTheHypervisor() {
        Filter f = Filters.named("ImagePropertiesFilter");
        RequestSpec s = new RequestSpec("u", "vm", flavor("m1.small"), new Image("win", Map.of("img_hv_type", "hyperv")),
                List.of(), null, null, Set.of(), null, Map.of(), "p", "u", Set.of(), null);
        assertThat(f.reject(host("a", HostStatus.ENABLED, true, Set.of(), "nova", Map.of()), s)).contains("hyperv");
    }

    /** A host state with the real usage of the host's tree (cn-3: 2 NUMA nodes, 4 PCPUs on node 0). */
    private HostState real(String hostName) {
        var c = engine.allocationCandidates("resources=MEMORY_MB:1");
        for (int i = 0; i < c.size(); i++) {
            var u = c.usageOf(i);
            String root = c.requests().get(i).anchorRootUuid();
            if (engine.provider(root).orElseThrow().name().equals(hostName)) {
                int numa = model.host(hostName).orElseThrow().numaNodes().size();
                return new HostState(new HostInfo(hostName, root, "cell1", "r1", List.of(), "nova", Map.of(),
                        HostStatus.ENABLED, true, "QEMU", Set.of("HW_CPU_X86_AVX2"), numa, false, Set.of(), 0, 0), u, Map::of);
            }
        }
        throw new AssertionError("no candidate on " + hostName);
    }

    @Test
    void resourceNumaPciAndCapabilityFiltersNameWhatIsMissing() {
        HostState h = real("cn-1");
        long ram = h.free("MEMORY_MB");
        long vcpu = h.free("VCPU");
        assertThat(ram).isPositive();
        RequestSpec huge = RequestSpec.of("u", "vm", new Flavor("huge", (int) vcpu + 1, ram + 1, 1_000_000, Map.of()));
        assertThat(Filters.named("RamFilter").reject(h, huge)).isEqualTo("not enough RAM (" + ram + " MB free)");
        assertThat(Filters.named("CoreFilter").reject(h, huge)).isEqualTo("not enough VCPU (" + vcpu + " free)");
        assertThat(Filters.named("DiskFilter").reject(h, huge)).startsWith("not enough disk (").endsWith(" GB free)");
        RequestSpec small = RequestSpec.of("u", "vm", flavor("m1.small"));
        for (String f : List.of("RamFilter", "CoreFilter", "DiskFilter", "NUMATopologyFilter", "PciPassthroughFilter",
                "ComputeCapabilitiesFilter")) {
            assertThat(Filters.named(f).reject(h, small)).as(f + " passes a small flavor").isNull();
        }
        RequestSpec twoNodes = RequestSpec.of("u", "vm", new Flavor("n2", 2, 1024, 10, Map.of("hw:numa_nodes", "2")));
        // a host state without a compute node record reports no NUMA topology: Nova then refuses any NUMA request
        assertThat(Filters.named("NUMATopologyFilter").reject(h, twoNodes))
                .isEqualTo("the instance has a NUMA topology, the host reports none");
        RequestSpec pinned = RequestSpec.of("u", "vm", new Flavor("p", 64, 1024, 10, Map.of("hw:cpu_policy", "dedicated")));
        assertThat(Filters.named("NUMATopologyFilter").reject(real("cn-1").withCompute(ComputeNodes.of(model.host("cn-1").orElseThrow())),
                pinned)).startsWith("the instance's 1 NUMA cell(s) do not fit");
        RequestSpec gpu = RequestSpec.of("u", "vm", new Flavor("g", 2, 1024, 10, Map.of("pci_passthrough:alias", "a100:2")));
        // an alias must be one of [pci] alias (Nova's PciRequestAliasNotDefined); then the host's PCI pools decide
        assertThat(Filters.named("PciPassthroughFilter").reject(h, gpu))
                .isEqualTo("Nova refuses the request: PciRequestAliasNotDefined: a100");
        var a100 = new dev.placementstudio.model.FilterOptions(null, null, null, null, null, null, null, null, null, null,
                List.of(new dev.placementstudio.model.FilterOptions.PciAlias("a100", "10de", "20b0", null, null)));
        assertThat(Filters.named("PciPassthroughFilter", a100).reject(h, gpu)).startsWith("the host's PCI pools [] cannot meet");
        RequestSpec avx512 = RequestSpec.of("u", "vm", new Flavor("c", 2, 1024, 10,
                Map.of("capabilities:cpu_info:features", "<in> avx512f")));
        // cpu_info holds libvirt's feature names, not trait names (nova/virt/libvirt/driver.py _get_cpu_info)
        assertThat(Filters.named("ComputeCapabilitiesFilter").reject(h, avx512))
                .isEqualTo("capability cpu_info:features is ['avx2'], flavor wants <in> avx512f");
        RequestSpec avx2 = RequestSpec.of("u", "vm", new Flavor("c", 2, 1024, 10,
                Map.of("capabilities:cpu_info:features", "<in> avx2")));
        assertThat(Filters.named("ComputeCapabilitiesFilter").reject(h, avx2)).isNull();
    }

    @Test
    void weighersNormalizeAndMultiply() {
        Scheduler.Decision d = scheduler(SchedulerSettings.NOVA_DEFAULT_FILTERS)
                .decide(RequestSpec.of("u", "vm", flavor("m1.small")));
        assertThat(d.weights()).isNotEmpty();
        // best first, and the RAM weigher's normalized values lie in [0, 1] with 1 for the most free RAM
        for (int i = 1; i < d.weights().size(); i++) {
            assertThat(d.weights().get(i - 1).total()).isGreaterThanOrEqualTo(d.weights().get(i).total());
        }
        var ram = d.weights().stream().flatMap(w -> w.values().stream()).filter(v -> v.weigher().equals("RAMWeigher")).toList();
        assertThat(ram).allSatisfy(v -> assertThat(v.normalized()).isBetween(0.0, 1.0));
        double maxRaw = ram.stream().mapToDouble(SchedulingReport.WeigherValue::raw).max().orElseThrow();
        assertThat(ram).filteredOn(v -> v.raw() == maxRaw).allSatisfy(v -> assertThat(v.normalized()).isEqualTo(1.0));
        var io = Weigher.named("IoOpsWeigher");
        assertThat(io.defaultMultiplier()).isEqualTo(-1.0);
        assertThat(Weigher.named("BuildFailureWeigher").defaultMultiplier()).isEqualTo(1000000.0);
    }

    @Test
    void selectDestinationsClaimsTheFirstAndReturnsUnclaimedAlternatesFromItsCell() {
        Scheduler s = scheduler(SchedulerSettings.NOVA_DEFAULT_FILTERS);
        SchedulingReport r = s.selectDestinations(RequestSpec.of("11111111-1111-1111-1111-111111111111", "vm", flavor("m1.small")));
        assertThat(r.selections()).hasSizeBetween(2, 3);
        Selection chosen = r.selections().get(0);
        assertThat(engine.consumer("11111111-1111-1111-1111-111111111111").orElseThrow().allocations())
                .isEqualTo(chosen.allocationRequest());
        assertThat(r.selections()).allSatisfy(sel -> assertThat(sel.cell()).isEqualTo(chosen.cell()));
        assertThat(r.selections().stream().map(Selection::serviceHost).distinct()).hasSize(r.selections().size());
        // the disabled cn-8 never reaches the filters: Placement's request filter drops it
        assertThat(r.hostsFromPlacement()).doesNotContain("cn-8");
    }

    @Test
    void aHostThatFilledUpMeanwhileIsAConflictAndTheNextHostIsClaimed() {
        Scheduler s = scheduler(SchedulerSettings.NOVA_DEFAULT_FILTERS);
        Scheduler.Decision d = s.decide(RequestSpec.of("22222222-2222-2222-2222-222222222222", "vm", flavor("m1.xlarge")));
        String best = d.ordered().get(0).name();
        // fill the best host's memory before the claim lands
        String bestUuid = cloud.uuidOf(best);
        var tree = engine.providers().stream().filter(p -> p.rootUuid().equals(bestUuid)
                && p.inventories().containsKey("MEMORY_MB")).toList();
        int n = 0;
        for (var p : tree) {
            long free = p.inventories().get("MEMORY_MB").capacity() - p.usages().get("MEMORY_MB");
            long max = p.inventories().get("MEMORY_MB").maxUnit();
            while (free > 0) {
                long chunk = Math.min(free, max);
                engine.putAllocations("filler-" + n++, dev.placementstudio.placement.AllocationWrite.of(
                        Map.of(p.uuid(), Map.of("MEMORY_MB", chunk)), "p", "u"));
                free -= chunk;
            }
        }
        SchedulingReport r = s.claim(d, true);
        assertThat(r.conflicts()).containsExactly(best);
        assertThat(r.selections().get(0).serviceHost()).isNotEqualTo(best);
    }

    /** A filter that skips a request (nothing to check) must be one that would pass every host anyway. */
    @Test
    void filtersThatSkipARequestWouldPassEveryHost() {
        Flavor small = flavor("m1.small");
        List<RequestSpec> specs = List.of(
                RequestSpec.of("u", "vm", small),
                new RequestSpec("u", "vm", small, new Image("win", Map.of("img_hv_type", "hyperv")), List.of(), null,
                        null, Set.of(), null, Map.of(), "p", "u", Set.of(), null),
                new RequestSpec("u", "vm", small, new Image("arm", Map.of("hw_architecture", "aarch64")), List.of(), null,
                        null, Set.of(), null, Map.of(), "p", "u", Set.of(), null),
                new RequestSpec("u", "vm", small, null, List.of(), null, new ServerGroup("web", null,
                        ServerGroupPolicy.ANTI_AFFINITY), Set.of("a"), null, Map.of(), "p", "u", Set.of(), null),
                new RequestSpec("u", "vm", small, null, List.of(), null, new ServerGroup("db", null,
                        ServerGroupPolicy.AFFINITY), Set.of("a"), null, Map.of(), "p", "u", Set.of(), null),
                new RequestSpec("u", "vm", small, null, List.of(), null, null, Set.of(), "az2",
                        Map.of("same_host", "i-1", "different_host", "i-2"), "p", "u", Set.of("b"), null),
                RequestSpec.of("u", "vm", new Flavor("c", 2, 1024, 10, Map.of("capabilities:hypervisor_type", "s== QEMU",
                        "pci_passthrough:alias", "a100:1", "hw:numa_nodes", "4"))));
        List<HostState> hosts = List.of(
                host("a", HostStatus.ENABLED, true, Set.of("i-1"), "az1", Map.of()),
                host("b", HostStatus.ENABLED, true, Set.of("i-2"), "az2", Map.of("filter_tenant_id", Set.of("other"))),
                host("c", HostStatus.ENABLED, true, Set.of(), "nova", Map.of()));
        List<String> names = List.of("ComputeCapabilitiesFilter", "ImagePropertiesFilter",
                "ServerGroupAntiAffinityFilter", "ServerGroupAffinityFilter", "AvailabilityZoneFilter",
                "PciPassthroughFilter", "SameHostFilter", "DifferentHostFilter", "RetryFilter", "NUMATopologyFilter");
        int skipped = 0;
        int checked = 0;
        for (String name : names) {
            Filter f = Filters.named(name);
            for (RequestSpec spec : specs) {
                boolean anyDropped = hosts.stream().anyMatch(h -> f.reject(h, spec) != null);
                if (f.passesEveryHost(spec)) {
                    skipped++;
                    assertThat(anyDropped).as(name + " skipped a request that drops a host").isFalse();
                } else {
                    checked++;
                }
            }
            // the plain request gives none of these filters anything to check
            assertThat(f.passesEveryHost(specs.get(0)) || name.equals("NUMATopologyFilter")).as(name).isTrue();
        }
        assertThat(skipped).isPositive();
        assertThat(checked).isPositive();
        assertThat(Filters.named("ComputeFilter").passesEveryHost(specs.get(0))).isFalse();
    }
}
