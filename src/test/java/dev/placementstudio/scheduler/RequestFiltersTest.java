package dev.placementstudio.scheduler;

import dev.placementstudio.TestFiles;
import dev.placementstudio.conductor.Cloud;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.Aggregate;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.FilterOptions;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.Image;
import dev.placementstudio.model.Port;
import dev.placementstudio.model.Projection;
import dev.placementstudio.model.SchedulerSettings;
import dev.placementstudio.placement.PlacementEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nova 26's request filters ({@code nova/scheduler/request_filter.py}): what each adds to the Placement
 * query under its {@code [scheduler]} option, and what the candidates then are on the teaching cloud.
 */
class RequestFiltersTest {
    private static final String PROJECT = "7a1c0000-0000-4000-8000-00000000abcd";
    private CloudModel model;

    @BeforeEach
    void setUp() throws Exception {
        CloudModel base = ModelFiles.open(TestFiles.sample("teaching-small"));
        List<Aggregate> aggs = new ArrayList<>(base.aggregates());
        // cn-2 is in fast-cpu; give it a tenant and a required trait
        aggs.replaceAll(a -> a.name().equals("fast-cpu") ? new Aggregate(a.name(), a.uuid(), null,
                Map.of("cpu", "avx512", "filter_tenant_id", PROJECT, "trait:HW_CPU_X86_AVX512F", "required")) : a);
        model = base.withAggregates(aggs);
    }

    private static FilterOptions options(boolean tenant, boolean required, boolean az, boolean imageType,
                                         boolean isolated, boolean imageMeta) {
        return FilterOptions.NOVA_DEFAULTS.withRequestFilters(tenant, required, az, imageType, isolated, imageMeta);
    }

    private Scheduler scheduler(FilterOptions o) {
        PlacementEngine engine;
        try {
            engine = PlacementEngine.fromState(Projection.project(model));
        } catch (dev.placementstudio.model.InvalidModelException e) {
            throw new IllegalStateException(e);
        }
        return new Scheduler(engine, new Cloud(model), SchedulerSettings.NOVA_DEFAULTS.withFilterOptions(o),
                new SplittableRandom(1));
    }

    private Flavor small() {
        return model.flavors().stream().filter(f -> f.name().equals("m1.small")).findFirst().orElseThrow();
    }

    private RequestSpec spec(String project, String az, Image image, Flavor f) {
        return new RequestSpec("u", "vm", f, image, List.of(), null, null, Set.of(), az, Map.of(), project, "user",
                Set.of(), null);
    }

    private String uuid(String aggregate) {
        return Projection.aggregateUuid(model.aggregates().stream().filter(a -> a.name().equals(aggregate))
                .findFirst().orElseThrow());
    }

    private Set<String> hosts(Scheduler s, RequestSpec spec) {
        return new TreeSet<>(s.decide(spec).hostsFromPlacement());
    }

    @Test
    void defaultsAreZedsComputeStatusAndAvailabilityZoneOnly() {
        Scheduler s = scheduler(FilterOptions.NOVA_DEFAULTS);
        RequestSpec r = spec(PROJECT, "az2", new Image("i", Map.of("disk_format", "qcow2", "hw_disk_bus", "virtio")),
                small());
        RequestFilters.Result pre = s.requestFilters(r);
        assertThat(pre.applied()).containsExactly("map_az_to_placement_aggregate", "compute_status_filter");
        assertThat(s.query(r)).contains("member_of=in:" + uuid("az2"))
                .contains("root_required=!COMPUTE_STATUS_DISABLED&limit=1000");
        // cn-8 is disabled (COMPUTE_STATUS_DISABLED on its root); cn-5 and cn-6 take their disk from the ceph
        // pool, which is not in az2's aggregate: member_of holds for every provider of the unsuffixed group
        assertThat(hosts(s, r)).containsExactly("cn-7");
    }

    @Test
    void queryPlacementForAvailabilityZoneOffLeavesTheZoneToTheFilter() {
        Scheduler s = scheduler(options(false, false, false, false, false, false));
        RequestSpec r = spec(PROJECT, "az2", null, small());
        assertThat(s.query(r)).doesNotContain("member_of");
        assertThat(hosts(s, r)).hasSize(7);
    }

    @Test
    void requireTenantAggregateLimitsTheProjectToItsAggregates() {
        Scheduler s = scheduler(options(true, false, true, false, false, false));
        assertThat(s.query(spec(PROJECT, null, null, small()))).contains("member_of=in:" + uuid("fast-cpu"));
        assertThat(hosts(s, spec(PROJECT, null, null, small()))).containsExactly("cn-2");
        // both aggregates are required (ANDed): the tenant's and the zone's
        assertThat(hosts(s, spec(PROJECT, "az2", null, small()))).isEmpty();
        // another project has no aggregate: without placement_aggregate_required_for_tenants it goes anywhere
        assertThat(s.query(spec("other", null, null, small()))).doesNotContain("member_of");
        assertThat(hosts(s, spec("other", null, null, small()))).hasSize(7);
    }

    @Test
    void placementAggregateRequiredForTenantsRefusesAProjectWithoutOne() {
        Scheduler s = scheduler(options(true, true, true, false, false, false));
        SchedulingReport r = s.selectDestinations(spec("other", null, null, small()));
        assertThat(r.selections()).isEmpty();
        assertThat(r.noValidHostReason()).isEqualTo("No hosts available for tenant");
        assertThat(hosts(s, spec(PROJECT, null, null, small()))).containsExactly("cn-2");
    }

    @Test
    void isolateAggregatesForbidsAggregatesWithTraitsTheRequestDoesNotRequire() {
        Scheduler s = scheduler(options(false, false, true, false, true, false));
        RequestSpec plain = spec(PROJECT, null, null, small());
        assertThat(s.query(plain)).contains("member_of=!in:" + uuid("fast-cpu"));
        assertThat(hosts(s, plain)).doesNotContain("cn-2").hasSize(6);
        Flavor avx = new Flavor("avx", 1, 512, 1, Map.of("trait:HW_CPU_X86_AVX512F", "required"));
        assertThat(s.query(spec(PROJECT, null, null, avx))).doesNotContain("!in:");
        // an image's trait counts as the flavor's does
        Image img = new Image("i", Map.of("trait:HW_CPU_X86_AVX512F", "required"));
        assertThat(s.query(spec(PROJECT, null, img, small()))).doesNotContain("!in:");
    }

    @Test
    void requireImageTypeSupportAsksTheDiskFormatsTrait() {
        Scheduler s = scheduler(options(false, false, true, true, false, false));
        assertThat(s.query(spec(PROJECT, null, new Image("i", Map.of("disk_format", "qcow2")), small())))
                .contains("root_required=COMPUTE_IMAGE_TYPE_QCOW2,!COMPUTE_STATUS_DISABLED");
        // a format os-traits does not know adds nothing
        assertThat(s.query(spec(PROJECT, null, new Image("i", Map.of("disk_format", "zzz")), small())))
                .contains("root_required=!COMPUTE_STATUS_DISABLED&");
    }

    @Test
    void transformImageMetadataTurnsPropertiesIntoRootTraits() {
        Scheduler s = scheduler(options(false, false, true, false, false, true));
        Image img = new Image("i", Map.of("hw_disk_bus", "virtio", "hw_vif_model", "e1000e",
                "hw_architecture", "x86_64", "hw_video_model", "virtio"));
        assertThat(s.query(spec(PROJECT, null, img, small()))).contains("root_required=COMPUTE_GRAPHICS_MODEL_VIRTIO,"
                + "COMPUTE_NET_VIF_MODEL_E1000E,COMPUTE_STORAGE_BUS_VIRTIO,HW_ARCH_X86_64,!COMPUTE_STATUS_DISABLED");
        // the teaching cloud's hosts report none of these capability traits: nothing fits
        assertThat(hosts(s, spec(PROJECT, null, img, small()))).isEmpty();
        // Zed's hw_viommu_model prefix makes COMPUTE_VIOMMU_INTEL, no os-traits name: Nova then adds no trait at all
        Image viommu = new Image("i", Map.of("hw_disk_bus", "virtio", "hw_viommu_model", "intel"));
        assertThat(s.query(spec(PROJECT, null, viommu, small()))).contains("root_required=!COMPUTE_STATUS_DISABLED&");
        assertThat(RequestFilters.imageMetadataTraits(Map.of("hw_emulation_architecture", "aarch64")))
                .containsExactly("COMPUTE_ARCH_AARCH64");
    }

    @Test
    void acceleratorsRemoteManagedPortsAndEphemeralEncryptionAddTheirRootTraits() {
        FilterOptions o = FilterOptions.NOVA_DEFAULTS;
        Flavor acc = new Flavor("acc", 1, 512, 1, Map.of("accel:device_profile", "fpga"));
        assertThat(RequestFilters.apply(spec(PROJECT, null, null, acc), o, List.of(), null).rootRequired())
                .containsExactly("COMPUTE_ACCELERATORS");
        RequestSpec remote = new RequestSpec("u", "vm", small(), null,
                List.of(new Port("p", "remote-managed", "physnet1", null, null)), null, null, Set.of(), null, Map.of(),
                PROJECT, "user", Set.of(), null);
        assertThat(RequestFilters.apply(remote, o, List.of(), null).rootRequired())
                .containsExactly("COMPUTE_REMOTE_MANAGED_PORTS");
        Flavor enc = new Flavor("enc", 1, 512, 1, Map.of("hw:ephemeral_encryption", "True",
                "hw:ephemeral_encryption_format", "luks"));
        assertThat(RequestFilters.apply(spec(PROJECT, null, null, enc), o, List.of(), null).rootRequired())
                .containsExactly("COMPUTE_EPHEMERAL_ENCRYPTION", "COMPUTE_EPHEMERAL_ENCRYPTION_LUKS");
        assertThat(RequestFilters.apply(spec(PROJECT, null, null, small()), o, List.of(), null).rootRequired()).isEmpty();
    }

    @Test
    void computeStatusFilterKeepsADisabledHostsTreeOut() {
        // root_required, as Nova sends it: the root's trait, whichever provider serves the resources
        Scheduler s = scheduler(FilterOptions.NOVA_DEFAULTS);
        assertThat(s.query(spec(PROJECT, null, null, small()))).endsWith("root_required=!COMPUTE_STATUS_DISABLED&limit=1000")
                .doesNotContain("&required=");
    }
}
