package dev.placementstudio.conductor;

import dev.placementstudio.model.Accelerator;
import dev.placementstudio.model.AcceleratorType;
import dev.placementstudio.model.AllocationRatios;
import dev.placementstudio.model.Aggregate;
import dev.placementstudio.model.Cell;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.ComputeHost;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.GpuDevice;
import dev.placementstudio.model.GpuKind;
import dev.placementstudio.model.Instance;
import dev.placementstudio.model.InstanceState;
import dev.placementstudio.model.NumaNode;
import dev.placementstudio.model.PhysicalFunction;
import dev.placementstudio.model.Port;
import dev.placementstudio.model.ReservedResources;
import dev.placementstudio.model.SharedStoragePool;
import dev.placementstudio.scheduler.ComputeNode;
import dev.placementstudio.scheduler.HostState;
import dev.placementstudio.scheduler.RequestSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Host states as Nova's compute resource tracker keeps them (nova/compute/resource_tracker.py
 * _update_usage_from_instances, _update_usage; scheduler/host_manager.py _update_from_compute_node),
 * not Placement's numbers.
 */
class ComputeTrackerTest {
    static ComputeHost host(String name, int cpus, int pcpus, long memMb, long diskGb, String pool,
                            List<PhysicalFunction> pfs, List<GpuDevice> gpus, List<Accelerator> accs) {
        return new ComputeHost(name, null, "cell1", "r1", pool == null ? List.of() : List.of("storage"), "QEMU", null,
                List.of(), List.of(), false, List.of(new NumaNode(0, cpus, pcpus, memMb, 0)), diskGb, pool,
                new ReservedResources(1, 512L, 10L), new AllocationRatios(4.0, 1.5, 1.0), pfs, gpus, accs);
    }

    static Instance on(String name, String flavor, String host, InstanceState state, List<String> ports) {
        return new Instance(name, null, flavor, null, host, "cell1", state, null, ports, null, null, null);
    }

    static CloudModel model(List<ComputeHost> hosts, List<Instance> instances) {
        List<Flavor> flavors = List.of(new Flavor("big", 4, 12288, 40, null),
                new Flavor("pinned", 4, 1024, 10, Map.of("hw:cpu_policy", "dedicated")),
                new Flavor("pcpu", 2, 1024, 10, Map.of("resources:VCPU", "0", "resources:PCPU", "2")),
                new Flavor("gpu", 2, 1024, 10, Map.of("resources:PGPU", "1")));
        return new CloudModel(1, "t", "", List.of(new Cell("cell1", null, true)),
                List.of(new Aggregate("storage", null, null, Map.of())), hosts, List.of(),
                List.of(new SharedStoragePool("ceph", null, 5000, 100L, 1.0, List.of("storage"), List.of())), flavors,
                List.of(), List.of(new Port("vf1", "direct", "physnet1", null, null)), List.of(), List.of(), instances,
                List.of(), null, null);
    }

    @Test
    void freeRamHasNoAllocationRatioAndGoesNegative() {
        // 16 GiB, 512 MB reserved, two 12 GiB instances: Placement (ratio 1.5) would still have room
        Cloud cloud = new Cloud(model(List.of(host("a", 8, 0, 16384, 100, null, List.of(), List.of(), List.of())),
                List.of(on("i1", "big", "a", null, List.of()), on("i2", "big", "a", null, List.of()))));
        ComputeNode cn = cloud.computeNode("a");
        assertThat(cn.memoryMb()).isEqualTo(16384);
        assertThat(cn.freeRamMb()).isEqualTo(16384 - 512 - 2 * 12288);
        assertThat(cn.numInstances()).isEqualTo(2);
    }

    @Test
    void theFiltersReadOneRecordTheDriversFactsWithTheTrackersCounts() {
        Cloud cloud = new Cloud(model(List.of(host("a", 8, 0, 16384, 100, null,
                        List.of(new PhysicalFunction("pf0", 0, "physnet1", 4, null, null)), List.of(), List.of())),
                List.of(on("i1", "big", "a", null, List.of()), on("i2", "big", "a", null, List.of()))));
        ComputeNode cn = cloud.liveCompute(cloud.uuidOf("a")).get(); // what the scheduler's host state is made of
        assertThat(cn.hypervisorType()).isEqualTo("QEMU");
        assertThat(cn.hypervisorVersion()).isEqualTo(ComputeNode.DEFAULT_HYPERVISOR_VERSION);
        assertThat(cn.supportedInstances()).isEqualTo(ComputeNode.kvmInstances("x86_64"));
        assertThat(cn.numaTopology()).hasSize(1);
        assertThat(cn.pciPools()).singleElement().satisfies(p -> {
            assertThat(p.devType()).isEqualTo("type-VF");
            assertThat(p.physnet()).isEqualTo("physnet1");
            assertThat(p.count()).isEqualTo(4);
        });
        HostState h = new HostState(cloud.host(cloud.uuidOf("a")), null, null, cn);
        // the tracker's free_ram_mb (negative; Placement with its 1.5 ratio would say there is room), not Placement's
        var f = dev.placementstudio.scheduler.Filters.named("ComputeCapabilitiesFilter");
        assertThat(h.compute().freeRamMb()).isEqualTo(16384 - 512 - 2 * 12288);
        assertThat(h.compute().numInstances()).isEqualTo(2);
        assertThat(f.reject(h, RequestSpec.of("u", "vm",
                new Flavor("x", 1, 512, 1, Map.of("capabilities:free_ram_mb", "<= 0"))))).isNull();
        assertThat(f.reject(h, RequestSpec.of("u", "vm",
                new Flavor("y", 1, 512, 1, Map.of("capabilities:free_ram_mb", ">= 1"))))).isNotNull();
        assertThat(f.reject(h, RequestSpec.of("u", "vm",
                new Flavor("z", 1, 512, 1, Map.of("capabilities:vcpus_used", "== 9"))))).isNull(); // 1 + 4 + 4
    }

    @Test
    void vcpusUsedCountsEveryInstancesFlavorVcpusPinnedOnesIncludedPlusReservedHostCpus() {
        Cloud cloud = new Cloud(model(List.of(host("a", 8, 8, 65536, 100, null, List.of(), List.of(), List.of())),
                List.of(on("p", "pinned", "a", null, List.of()), on("q", "pcpu", "a", null, List.of()))));
        ComputeNode cn = cloud.computeNode("a");
        assertThat(cn.vcpus()).isEqualTo(8); // the shared CPUs (cpu_shared_set), not the dedicated ones
        assertThat(cn.vcpusUsed()).isEqualTo(1 + 4 + 2); // flavor.vcpus, whatever resources:* say
        assertThat(cn.cpuAllocationRatio()).isEqualTo(4.0);
    }

    @Test
    void diskUsedIsReservedPlusFlavorDisksAndAnErrorInstanceWithAHostStillCounts() {
        Cloud cloud = new Cloud(model(List.of(host("a", 8, 0, 65536, 100, null, List.of(), List.of(), List.of())),
                List.of(on("e", "big", "a", InstanceState.ERROR, List.of()),
                        on("d", "big", "a", InstanceState.DELETED, List.of()))));
        ComputeNode cn = cloud.computeNode("a");
        assertThat(cn.localGb()).isEqualTo(100);
        assertThat(cn.freeDiskGb()).isEqualTo(100 - 10 - 40);
        assertThat(cn.diskAvailableLeast()).isNull();
        assertThat(cn.freeDiskMb()).isEqualTo((100 - 10 - 40) * 1024L);
    }

    @Test
    void anRbdBackedComputeReportsTheCephPoolAsItsDisk() {
        Cloud cloud = new Cloud(model(List.of(host("a", 8, 0, 65536, 0, "ceph", List.of(), List.of(), List.of()),
                        host("b", 8, 0, 65536, 0, "ceph", List.of(), List.of(), List.of())),
                List.of(on("i1", "big", "a", null, List.of()), on("i2", "big", "b", null, List.of()))));
        ComputeNode a = cloud.computeNode("a");
        assertThat(a.localGb()).isEqualTo(5000);
        assertThat(a.freeDiskGb()).isEqualTo(5000 - 10 - 40); // its own instances only
        assertThat(a.diskAvailableLeast()).isEqualTo(5000 - 80); // the pool's free space: both hosts' disks
        assertThat(a.freeDiskMb()).isEqualTo((5000 - 80) * 1024L);
        cloud.expect("i3", new Flavor("x", 1, 512, 100, null), List.of());
        cloud.buildStarted("b", "i3");
        assertThat(cloud.computeNode("a").diskAvailableLeast()).isEqualTo(5000 - 180);
    }

    @Test
    void pciPoolsAreTheVfsAndPassthroughGpusNotVgpusNorCyborgAccelerators() {
        ComputeHost h = host("a", 8, 0, 65536, 100, null,
                List.of(new PhysicalFunction("ens1f0", 0, "physnet1", 8, null, null)),
                List.of(new GpuDevice("pgpu0", 0, GpuKind.PGPU, 1, "a100"), new GpuDevice("vgpu0", 0, GpuKind.VGPU, 16, "nvidia-35")),
                List.of(new Accelerator("fpga0", 0, AcceleratorType.FPGA, "intel", 2, List.of())));
        Cloud cloud = new Cloud(model(List.of(h), List.of(on("v", "big", "a", null, List.of("vf1")),
                on("g", "gpu", "a", null, List.of()))));
        ComputeNode cn = cloud.computeNode("a");
        assertThat(cn.pciPools()).hasSize(2);
        assertThat(cn.freePciDevices()).isEqualTo(8 - 1 + 1 - 1);
    }

    @Test
    void aBuildClaimsAtItsStartCountsAsIoAndAFailureAbortsTheClaimAndCounts() {
        Cloud cloud = new Cloud(model(List.of(host("a", 8, 0, 16384, 100, null, List.of(), List.of(), List.of())),
                new ArrayList<>()));
        cloud.expect("u1", new Flavor("f", 2, 2048, 20, null), List.of());
        cloud.buildStarted("a", "u1");
        assertThat(cloud.computeNode("a").freeRamMb()).isEqualTo(16384 - 512 - 2048);
        assertThat(cloud.computeNode("a").numInstances()).isEqualTo(1);
        cloud.ioOps("a", -1);
        cloud.buildFailed("a", "u1");
        assertThat(cloud.computeNode("a").freeRamMb()).isEqualTo(16384 - 512);
        assertThat(cloud.computeNode("a").numInstances()).isZero();
        assertThat(cloud.host(cloud.uuidOf("a")).failedBuilds()).isEqualTo(1);
        cloud.expect("u2", new Flavor("f", 2, 2048, 20, null), List.of());
        cloud.buildStarted("a", "u2");
        cloud.ioOps("a", -1);
        cloud.placed("a", "u2");
        cloud.buildSucceeded("a");
        assertThat(cloud.host(cloud.uuidOf("a")).failedBuilds()).isZero(); // a success resets the count
        assertThat(cloud.computeNode("a").numInstances()).isEqualTo(1);
        cloud.removed("a", "u2");
        assertThat(cloud.computeNode("a").freeRamMb()).isEqualTo(16384 - 512);
    }
}
