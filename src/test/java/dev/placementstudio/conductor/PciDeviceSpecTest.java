package dev.placementstudio.conductor;

import dev.placementstudio.TestFiles;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.FilterOptions;
import dev.placementstudio.model.ModelProblem;
import dev.placementstudio.model.ModelValidator;
import dev.placementstudio.scheduler.PciPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code [pci] device_spec}: the compute tracks as PCI pools only the devices it names (by devname, vendor
 * and product id); without it every SR-IOV VF and every passthrough GPU (the studio's default). The pools
 * are what PciPassthroughFilter and PCIWeigher read from the host state.
 */
class PciDeviceSpecTest {
    @TempDir
    Path dir;

    private static CloudModel teaching(List<FilterOptions.PciDeviceSpec> spec) throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.sample("teaching-small"));
        return m.withScheduler(m.scheduler() == null
                ? dev.placementstudio.model.SchedulerSettings.NOVA_DEFAULTS.withFilterOptions(
                        FilterOptions.NOVA_DEFAULTS.withPciDeviceSpec(spec))
                : m.scheduler().withFilterOptions(m.scheduler().effectiveFilterOptions().withPciDeviceSpec(spec)));
    }

    private static int vfs(CloudModel m, String host, String physnet) {
        int n = 0;
        for (PciPool p : new Cloud(m).computeNode(host).pciPools()) {
            if (physnet.equals(p.physnet())) {
                n += p.count();
            }
        }
        return n;
    }

    @Test
    void withoutADeviceSpecEveryVfIsTracked() throws Exception {
        CloudModel m = teaching(null);
        // the pools' free devices: one physnet1 VF of cn-3 is used by the instance on it
        assertThat(vfs(m, "cn-3", "physnet1")).isEqualTo(7);
        assertThat(vfs(m, "cn-3", "physnet2")).isEqualTo(8);
    }

    @Test
    void aDevnameTracksOnlyThatPfsVfs() throws Exception {
        CloudModel m = teaching(List.of(new FilterOptions.PciDeviceSpec("ens1f0", null, null)));
        assertThat(ModelValidator.validate(m)).isEmpty();
        assertThat(vfs(m, "cn-3", "physnet1")).isEqualTo(7);
        assertThat(vfs(m, "cn-3", "physnet2")).isZero();
        // and the filters' and weighers' view of the host says the same
        assertThat(new Cloud(m).computeNode("cn-3").freePciDevices()).isEqualTo(7);
    }

    @Test
    void vendorAndProductMustMatchTheDevices() throws Exception {
        assertThat(vfs(teaching(List.of(new FilterOptions.PciDeviceSpec(null, "8086", "154C"))), "cn-3", "physnet1"))
                .isEqualTo(7);
        CloudModel gpusOnly = teaching(List.of(new FilterOptions.PciDeviceSpec(null, "10de", null)));
        assertThat(new Cloud(gpusOnly).computeNode("cn-3").pciPools()).isEmpty();
        assertThat(new Cloud(teaching(List.of())).computeNode("cn-3").pciPools()).isEmpty();
    }

    @Test
    void badEntriesAreProblemsWithPathsAndTheSpecSurvivesJsonAndSqlite() throws Exception {
        CloudModel bad = teaching(List.of(new FilterOptions.PciDeviceSpec("eth9", null, null),
                new FilterOptions.PciDeviceSpec(null, "86", null), new FilterOptions.PciDeviceSpec(null, null, null)));
        List<String> paths = ModelValidator.validate(bad).stream().map(ModelProblem::path).toList();
        assertThat(paths).contains("scheduler.filterOptions.pciDeviceSpec[0].devname",
                "scheduler.filterOptions.pciDeviceSpec[1].vendorId", "scheduler.filterOptions.pciDeviceSpec[2]");
        CloudModel m = teaching(List.of(new FilterOptions.PciDeviceSpec("ens1f1", "8086", null)));
        Path json = dir.resolve("m.json");
        ModelFiles.save(m, json, true);
        Path db = dir.resolve("m.db");
        ModelFiles.save(ModelFiles.open(json), db, true);
        assertThat(ModelFiles.open(db).scheduler().effectiveFilterOptions().pciDeviceSpec())
                .containsExactly(new FilterOptions.PciDeviceSpec("ens1f1", "8086", null));
        assertThat(vfs(ModelFiles.open(db), "cn-3", "physnet2")).isEqualTo(8);
    }
}
