package dev.placementstudio.model;

import dev.placementstudio.model.PlacementState.ResourceProviderRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectionTest {
    private static ComputeHost host(String name, boolean numa, List<PhysicalFunction> pfs) {
        return new ComputeHost(name, null, "cell1", "r1", List.of("az1"), null, null, List.of("HW_CPU_X86_AVX2"),
                null, numa, List.of(new NumaNode(0, 8, 2, 16384, 0), new NumaNode(1, 8, 2, 16384, 0)), 500L, null,
                null, null, pfs, null, null);
    }

    private static CloudModel model(List<ComputeHost> hosts, List<Instance> instances, List<Migration> migrations) {
        return new CloudModel(1, "t", null, List.of(new Cell("cell1", null, true)),
                List.of(new Aggregate("az1", null, "az1", Map.of())), hosts, List.of(
                new BaremetalNode("bm-1", null, "cell1", null, "CUSTOM_BAREMETAL_GOLD", List.of("CUSTOM_RAID1"),
                        List.of(), null, null, null, null)), null, Flavor.classics(), null,
                List.of(new Port("vf", "direct", "physnet1", 1000L, null)), null, null, instances, migrations, null, null);
    }

    private static CloudModel withoutPorts(CloudModel m) {
        return new CloudModel(m.schemaVersion(), m.name(), m.description(), m.cells(), m.aggregates(), m.hosts(),
                m.baremetalNodes(), m.sharedStorage(), m.flavors(), m.images(), List.of(), m.deviceProfiles(),
                m.serverGroups(), m.instances(), m.migrations(), m.scheduler(), m.rawPlacement());
    }

    private static ResourceProviderRecord rp(PlacementState s, String name) {
        return s.resourceProviders().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theValidatorsProjectionIsReusedOnlyForThatVeryModel() throws Exception {
        CloudModel a = withoutPorts(model(List.of(host("cn-1", false, List.of())), List.of(), List.of()));
        assertThat(ModelValidator.validate(a)).isEmpty();
        PlacementState fresh = Projection.project(withoutPorts(model(List.of(host("cn-1", false, List.of())), List.of(), List.of())));
        PlacementState kept = Projection.project(a);
        assertThat(kept).isEqualTo(fresh).isNotSameAs(fresh);
        assertThat(Projection.project(a)).isSameAs(kept); // what the validator made, not projected again
        // another model validated after: the first is projected anew, the same
        CloudModel b = withoutPorts(model(List.of(host("cn-2", true, List.of())), List.of(), List.of()));
        assertThat(ModelValidator.validate(b)).isEmpty();
        assertThat(Projection.project(a)).isEqualTo(fresh).isNotSameAs(kept);
        assertThat(Projection.project(b).resourceProviders()).extracting(ResourceProviderRecord::name).contains("cn-2");
    }

    @Test
    void flatHostCarriesEverythingOnItsRoot() throws Exception {
        PlacementState s = Projection.project(model(List.of(host("cn-1", false, List.of())), List.of(), List.of()));
        ResourceProviderRecord root = rp(s, "cn-1");
        assertThat(root.parentProviderUuid()).isNull();
        assertThat(root.inventories()).containsKeys("VCPU", "PCPU", "MEMORY_MB", "DISK_GB");
        assertThat(root.inventories().get("VCPU").total()).isEqualTo(16);
        assertThat(root.inventories().get("VCPU").allocationRatio()).isEqualTo(16.0);
        assertThat(root.inventories().get("PCPU").total()).isEqualTo(4);
        assertThat(root.inventories().get("MEMORY_MB").reserved()).isEqualTo(512);
        assertThat(root.inventories().get("MEMORY_MB").allocationRatio()).isEqualTo(1.5);
        assertThat(root.traits()).contains("COMPUTE_NODE", "HW_CPU_X86_AVX2");
        assertThat(root.aggregates()).containsExactly(Projection.aggregateUuid(new Aggregate("az1", null, null, null)));
    }

    @Test
    void numaInPlacementMovesCpuAndMemoryToNumaChildrenWithTheirDevices() throws Exception {
        PhysicalFunction pf = new PhysicalFunction("ens1", 1, "physnet1", 8, 10_000_000L, 0L);
        PlacementState s = Projection.project(model(List.of(host("cn-1", true, List.of(pf))), List.of(), List.of()));
        ResourceProviderRecord root = rp(s, "cn-1");
        assertThat(root.inventories()).containsOnlyKeys("DISK_GB");
        ResourceProviderRecord numa1 = rp(s, "cn-1_numa1");
        assertThat(numa1.parentProviderUuid()).isEqualTo(root.uuid());
        assertThat(numa1.traits()).containsExactly("HW_NUMA_ROOT");
        assertThat(numa1.inventories()).containsOnlyKeys("VCPU", "PCPU", "MEMORY_MB");
        assertThat(rp(s, "cn-1_numa0").inventories().get("MEMORY_MB").reserved()).isEqualTo(512);
        assertThat(numa1.inventories().get("MEMORY_MB").reserved()).isZero();
        ResourceProviderRecord pfRp = rp(s, "cn-1_ens1");
        assertThat(pfRp.parentProviderUuid()).isEqualTo(numa1.uuid());
        assertThat(pfRp.inventories()).containsOnlyKeys("SRIOV_NET_VF", "NET_BW_EGR_KILOBIT_PER_SEC");
        assertThat(pfRp.traits()).containsExactly("CUSTOM_PHYSNET_PHYSNET1", "CUSTOM_VNIC_TYPE_DIRECT");
    }

    @Test
    void ironicNodeIsOneWholeUnitOfItsCustomClass() throws Exception {
        PlacementState s = Projection.project(model(List.of(), List.of(), List.of()));
        var inv = rp(s, "bm-1").inventories().get("CUSTOM_BAREMETAL_GOLD");
        assertThat(inv.total()).isEqualTo(1);
        assertThat(inv.maxUnit()).isEqualTo(1);
        assertThat(rp(s, "bm-1").inventories()).hasSize(1);
    }

    @Test
    void instancesBecomeConsumersWithTheirPortOnAMatchingPf() throws Exception {
        PhysicalFunction pf = new PhysicalFunction("ens1", 0, "physnet1", 1, 10_000_000L, 0L);
        Instance vm = new Instance("vm", null, "m1.small", null, "cn-1", "cell1", null, null, List.of("vf"), null, null, null);
        PlacementState s = Projection.project(model(List.of(host("cn-1", true, List.of(pf))), List.of(vm), List.of()));
        var c = s.allocations().get(vm.effectiveUuid());
        assertThat(c.consumerType()).isEqualTo("INSTANCE");
        assertThat(c.allocations().get(rp(s, "cn-1_numa0").uuid())).containsEntry("VCPU", 1L).containsEntry("MEMORY_MB", 2048L);
        assertThat(c.allocations().get(rp(s, "cn-1").uuid())).containsEntry("DISK_GB", 20L);
        assertThat(c.allocations().get(rp(s, "cn-1_ens1").uuid())).containsEntry("SRIOV_NET_VF", 1L)
                .containsEntry("NET_BW_EGR_KILOBIT_PER_SEC", 1000L);
        Instance vm2 = new Instance("vm2", null, "m1.small", null, "cn-1", "cell1", null, null, List.of("vf"), null, null, null);
        assertThatThrownBy(() -> Projection.project(model(List.of(host("cn-1", true, List.of(pf))), List.of(vm, vm2), List.of())))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("free VF");
    }

    @Test
    void aMigrationConsumerHoldsTheSourceWhileTheInstanceHoldsTheDestination() throws Exception {
        Instance vm = new Instance("vm", null, "m1.small", null, "cn-1", "cell1", null, null, null, null, null, null);
        Migration mig = new Migration(null, "vm", MigrationType.RESIZE, "cn-1", "cn-2", MigrationStatus.FINISHED, "m1.large");
        PlacementState s = Projection.project(model(List.of(host("cn-1", false, List.of()), host("cn-2", false, List.of())),
                List.of(vm), List.of(mig)));
        var migration = s.allocations().get(mig.effectiveUuid());
        assertThat(migration.consumerType()).isEqualTo("MIGRATION");
        assertThat(migration.allocations()).containsOnlyKeys(rp(s, "cn-1").uuid());
        assertThat(migration.allocations().get(rp(s, "cn-1").uuid())).containsEntry("MEMORY_MB", 2048L);
        var instance = s.allocations().get(vm.effectiveUuid());
        assertThat(instance.allocations()).containsOnlyKeys(rp(s, "cn-2").uuid());
        assertThat(instance.allocations().get(rp(s, "cn-2").uuid())).containsEntry("VCPU", 4L).containsEntry("MEMORY_MB", 8192L);
        // once confirmed, only the instance consumes, on its host
        Migration done = new Migration(null, "vm", MigrationType.RESIZE, "cn-1", "cn-2", MigrationStatus.CONFIRMED, "m1.large");
        PlacementState after = Projection.project(model(List.of(host("cn-1", false, List.of()), host("cn-2", false, List.of())),
                List.of(vm), List.of(done)));
        assertThat(after.allocations()).hasSize(1);
    }

    @Test
    void projectionIsStable() throws Exception {
        CloudModel m = CloudGenerator.generate(new CloudGenerator.Options(50, 2, 0.5, 0.5, 0.5, 3, true, 0.3, 11));
        assertThat(Projection.project(m)).isEqualTo(Projection.project(m));
        assertThat(Projection.project(m).resourceProviders()).allSatisfy(r -> {
            r.traits().forEach(t -> assertThat(StandardNames.isValidTrait(t)).as(t).isTrue());
            r.inventories().keySet().forEach(c -> assertThat(StandardNames.isValidResourceClass(c)).as(c).isTrue());
        });
    }
}
