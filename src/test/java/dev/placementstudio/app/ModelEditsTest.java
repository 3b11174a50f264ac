package dev.placementstudio.app;

import dev.placementstudio.TestFiles;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.ComputeHost;
import dev.placementstudio.model.InvalidModelException;
import dev.placementstudio.model.ModelValidator;
import dev.placementstudio.model.PlacementState;
import dev.placementstudio.model.PlacementState.ResourceProviderRecord;
import dev.placementstudio.model.Projection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The device, NUMA and move edits on the teaching sample, checked as the workbench checks them. */
class ModelEditsTest {
    private CloudModel m0;

    @BeforeEach
    void open() throws Exception {
        m0 = ModelFiles.open(TestFiles.sample("teaching-small"));
    }

    /** Applies an edit as the workbench does: the result must validate and project. */
    private static CloudModel applied(CloudModel m, UnaryOperator<CloudModel> edit) throws InvalidModelException {
        CloudModel after = edit.apply(m);
        ModelValidator.requireValid(after);
        Projection.project(after);
        return after;
    }

    private static Optional<ResourceProviderRecord> provider(CloudModel m, String name) throws InvalidModelException {
        PlacementState s = Projection.project(m);
        return s.resourceProviders().stream().filter(rp -> rp.name().equals(name)).findFirst();
    }

    private static ComputeHost host(CloudModel m, String name) {
        return m.host(name).orElseThrow();
    }

    @Test
    void aPfAddedToAHostBecomesANestedProviderAndAnUnusedOneCanGo() throws Exception {
        assertThat(provider(m0, "cn-1_ens1f0")).isEmpty();
        CloudModel m = applied(m0, ModelEdits.addPf("cn-1"));
        ResourceProviderRecord pf = provider(m, "cn-1_ens1f0").orElseThrow();
        assertThat(pf.parentProviderUuid()).isEqualTo(host(m, "cn-1").effectiveUuid());
        assertThat(pf.inventories().get("SRIOV_NET_VF").total()).isEqualTo(8);
        assertThat(pf.inventories()).containsKeys("NET_BW_EGR_KILOBIT_PER_SEC", "NET_BW_IGR_KILOBIT_PER_SEC");
        // a second one takes the next name
        m = applied(m, ModelEdits.addPf("cn-1"));
        assertThat(host(m, "cn-1").pfs()).extracting(p -> p.name()).containsExactly("ens1f0", "ens1f1");
        // an unused PF goes, with its provider
        CloudModel less = applied(m, ModelEdits.deleteDevice("cn-1", "ens1f0"));
        assertThat(host(less, "cn-1").pfs()).extracting(p -> p.name()).containsExactly("ens1f1");
        assertThat(provider(less, "cn-1_ens1f0")).isEmpty();
        // cn-3's ens1f1 carries nothing, but it is the only PF on physnet2, which a port asks for: the engine says so
        CloudModel noPhysnet2 = ModelEdits.deleteDevice("cn-3", "ens1f1").apply(m0);
        assertThatThrownBy(() -> ModelValidator.requireValid(noPhysnet2))
                .hasMessageContaining("no host has a PF on physnet 'physnet2'");
    }

    @Test
    void aDeviceWithAllocationsOnItIsRefusedWithWhoUsesIt() {
        assertThat(ModelEdits.consumersOn(m0, "cn-3", "cn-3_ens1f0")).containsExactly("nfv-1");
        assertThat(ModelEdits.consumersOn(m0, "cn-3", "cn-3_ens1f1")).isEmpty();
        assertThatThrownBy(() -> ModelEdits.deleteDevice("cn-3", "ens1f0").apply(m0))
                .hasMessage("ens1f0 on cn-3 is in use by nfv-1: delete or migrate it first");
        assertThatThrownBy(() -> ModelEdits.deleteDevice("cn-4", "gpu0").apply(m0))
                .hasMessageContaining("gpu0 on cn-4 is in use by vdi-1");
        assertThatThrownBy(() -> ModelEdits.moveDevice("cn-4", "gpu0", "cn-1").apply(m0))
                .hasMessageContaining("in use by vdi-1");
        assertThatThrownBy(() -> ModelEdits.deleteDevice("cn-4", "nope").apply(m0)).hasMessage("cn-4 has no device nope");
    }

    @Test
    void gpusAndAcceleratorsAreAddedDeletedAndMovedWithTheirProviders() throws Exception {
        CloudModel m = applied(m0, ModelEdits.addGpu("cn-1"));
        assertThat(provider(m, "cn-1_gpu0").orElseThrow().inventories().get("VGPU").total()).isEqualTo(8);
        m = applied(m, ModelEdits.addAccelerator("cn-4"));
        assertThat(host(m, "cn-4").accelerators()).extracting(a -> a.name()).containsExactly("fpga0", "fpga1");
        assertThat(provider(m, "cn-4_fpga1").orElseThrow().traits()).contains("CUSTOM_FPGA_INTEL");
        // the unused FPGA moves from NUMA 1 of cn-4 to cn-1, which has only NUMA 0
        CloudModel moved = applied(m0, ModelEdits.moveDevice("cn-4", "fpga0", "cn-1"));
        assertThat(host(moved, "cn-4").accelerators()).isEmpty();
        assertThat(host(moved, "cn-1").accelerators()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("fpga0");
            assertThat(a.numaNode()).isZero();
        });
        assertThat(provider(moved, "cn-4_fpga0")).isEmpty();
        assertThat(provider(moved, "cn-1_fpga0")).isPresent();
        CloudModel gone = applied(m0, ModelEdits.deleteDevice("cn-4", "fpga0"));
        assertThat(provider(gone, "cn-4_fpga0")).isEmpty();
        assertThat(gone.instances()).isEqualTo(m0.instances());
    }

    @Test
    void numaNodesAreAddedAndDeletedUnlessSomethingHangsOffThem() throws Exception {
        // cn-3 reports NUMA in Placement: a new node is a new HW_NUMA_ROOT child
        CloudModel m = applied(m0, ModelEdits.addNumaNode("cn-3"));
        assertThat(host(m, "cn-3").numaNodes()).extracting(n -> n.id()).containsExactly(0, 1, 2);
        assertThat(provider(m, "cn-3_numa2").orElseThrow().traits()).containsExactly("HW_NUMA_ROOT");
        CloudModel back = applied(m, ModelEdits.deleteNumaNode("cn-3", 2));
        assertThat(provider(back, "cn-3_numa2")).isEmpty();
        assertThat(back).isEqualTo(m0);
        assertThatThrownBy(() -> ModelEdits.deleteNumaNode("cn-3", 1).apply(m0))
                .hasMessage("NUMA 1 of cn-3 has ens1f1 on it: move or delete it first");
        // nfv-1's pinned CPUs are on cn-3's NUMA 0 (which also holds ens1f0); with the PFs elsewhere it is still in use
        var pfs = host(m0, "cn-3").pfs().stream().map(p -> new dev.placementstudio.model.PhysicalFunction(p.name(), 0,
                p.physnet(), p.vfs(), p.egressKbps(), p.ingressKbps())).toList();
        CloudModel noPf = applied(m0, m1 -> m1.withHosts(m1.hosts().stream().map(h -> h.hostname().equals("cn-3")
                ? h.withDevices(java.util.List.of(), h.gpus(), h.accelerators())
                : h.hostname().equals("cn-1") ? h.withDevices(pfs, h.gpus(), h.accelerators()) : h).toList())
                .withInstances(m1.instances().stream().map(i -> i.name().equals("nfv-1")
                        ? new dev.placementstudio.model.Instance(i.name(), i.uuid(), i.flavor(), i.image(), i.host(),
                        i.cell(), i.state(), i.serverGroup(), java.util.List.of(), i.projectId(), i.userId(), null) : i).toList()));
        assertThatThrownBy(() -> ModelEdits.deleteNumaNode("cn-3", 0).apply(noPf))
                .hasMessageContaining("NUMA 0 of cn-3 is in use by nfv-1");
        // the only node of a host cannot go: the validator says why
        CloudModel none = ModelEdits.deleteNumaNode("cn-1", 0).apply(m0);
        assertThatThrownBy(() -> ModelValidator.requireValid(none)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("a host needs at least one NUMA node");
    }

    @Test
    void aDeviceMovesToAnotherNumaNodeAndHangsOffItsProvider() throws Exception {
        // cn-3 reports NUMA in Placement: its PF's provider is a child of its NUMA node's
        String numa0 = provider(m0, "cn-3_numa0").orElseThrow().uuid();
        assertThat(provider(m0, "cn-3_ens1f1").orElseThrow().parentProviderUuid()).isNotEqualTo(numa0);
        CloudModel m = applied(m0, ModelEdits.moveDevice("cn-3", "ens1f1", "cn-3", 0));
        assertThat(host(m, "cn-3").pfs()).extracting(p -> p.name() + "@" + p.numaNode()).containsExactly("ens1f0@0", "ens1f1@0");
        assertThat(provider(m, "cn-3_ens1f1").orElseThrow().parentProviderUuid()).isEqualTo(numa0);
        assertThatThrownBy(() -> ModelEdits.moveDevice("cn-3", "ens1f1", "cn-3", 1).apply(m0))
                .hasMessage("ens1f1 is already on NUMA 1 of cn-3");
        assertThatThrownBy(() -> ModelEdits.moveDevice("cn-4", "fpga0", "cn-1", 5).apply(m0))
                .hasMessage("cn-1 has no NUMA node 5");
        // onto a named node of another host
        CloudModel moved = applied(m0, ModelEdits.moveDevice("cn-4", "fpga0", "cn-2", 1));
        assertThat(host(moved, "cn-2").accelerators()).singleElement().satisfies(a -> assertThat(a.numaNode()).isEqualTo(1));
    }

    @Test
    void hostsMoveToACellARackOrAnAggregate() throws Exception {
        CloudModel m = applied(m0, ModelEdits.moveHostToRack("cn-1", "r9"));
        assertThat(host(m, "cn-1").rack()).isEqualTo("r9");
        assertThatThrownBy(() -> ModelEdits.moveHostToRack("cn-1", "r1").apply(m0)).hasMessage("cn-1 is already in rack r1");
        // an availability zone's aggregate takes the host out of its zone; a plain one adds to what it has
        CloudModel az = applied(m0, ModelEdits.addHostToAggregate("cn-2", "az2"));
        assertThat(host(az, "cn-2").aggregates()).containsExactly("fast-cpu", "az2");
        CloudModel ceph = applied(m0, ModelEdits.addHostToAggregate("cn-1", "ceph"));
        assertThat(host(ceph, "cn-1").aggregates()).containsExactly("az1", "ceph");
        assertThatThrownBy(() -> ModelEdits.addHostToAggregate("cn-1", "az1").apply(m0))
                .hasMessage("cn-1 is already in aggregate az1");
        CloudModel cell = applied(m0, ModelEdits.moveHost("cn-1", "cell2"));
        assertThat(cell.instances().stream().filter(i -> "cn-1".equals(i.host())))
                .allSatisfy(i -> assertThat(i.cell()).isIn(null, "cell2"));
    }
}
