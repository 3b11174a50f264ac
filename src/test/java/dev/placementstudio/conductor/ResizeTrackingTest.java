package dev.placementstudio.conductor;

import dev.placementstudio.TestFiles;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.scheduler.ComputeNode;
import dev.placementstudio.sim.SimEvent;
import dev.placementstudio.sim.Simulation;
import dev.placementstudio.sim.Workload;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resize as Nova's resource tracker counts it ({@code _update_usage_from_migration}): once the instance
 * runs on the destination (new flavor there), the source still counts the old flavor for the migration until
 * the resize is confirmed (the source is freed) or reverted (the destination is freed), while Placement holds
 * the source under the migration consumer.
 */
class ResizeTrackingTest {
    private static final String VM = "aaaaaaaa-0000-4000-8000-00000000c0de";

    private static CloudModel teaching() throws Exception {
        return ModelFiles.open(TestFiles.sample("teaching-small"));
    }

    private static Flavor flavor(CloudModel m, String name) {
        return m.flavor(name).orElseThrow();
    }

    @Test
    void duringAResizeBothHostsCountItAndConfirmFreesTheSource() throws Exception {
        CloudModel m = teaching();
        Cloud cloud = new Cloud(m);
        Flavor small = flavor(m, "m1.small");
        Flavor large = flavor(m, "m1.large");
        ComputeNode src0 = cloud.computeNode("cn-1");
        ComputeNode dst0 = cloud.computeNode("cn-3");
        cloud.expect(VM, small, List.of());
        cloud.placed("cn-1", VM);
        assertThat(cloud.computeNode("cn-1").vcpusUsed()).isEqualTo(src0.vcpusUsed() + small.vcpus());
        cloud.moved("cn-1", "cn-3", VM, large, List.of());
        ComputeNode src = cloud.computeNode("cn-1");
        ComputeNode dst = cloud.computeNode("cn-3");
        // the source keeps the old flavor (not the instance: num_instances drops), the destination the new one
        assertThat(src.vcpusUsed()).isEqualTo(src0.vcpusUsed() + small.vcpus());
        assertThat(src.memoryMbUsed()).isEqualTo(src0.memoryMbUsed() + small.ramMb());
        assertThat(src.numInstances()).isEqualTo(src0.numInstances());
        assertThat(dst.vcpusUsed()).isEqualTo(dst0.vcpusUsed() + large.vcpus());
        assertThat(dst.memoryMbUsed()).isEqualTo(dst0.memoryMbUsed() + large.ramMb());
        assertThat(dst.numInstances()).isEqualTo(dst0.numInstances() + 1);
        cloud.moveConfirmed("cn-1", VM);
        assertThat(cloud.computeNode("cn-1").vcpusUsed()).isEqualTo(src0.vcpusUsed());
        assertThat(cloud.computeNode("cn-1").memoryMbUsed()).isEqualTo(src0.memoryMbUsed());
        assertThat(cloud.computeNode("cn-3").vcpusUsed()).isEqualTo(dst0.vcpusUsed() + large.vcpus());
    }

    @Test
    void revertFreesTheDestinationAndTheSourceRunsTheOldFlavor() throws Exception {
        CloudModel m = teaching();
        Cloud cloud = new Cloud(m);
        Flavor small = flavor(m, "m1.small");
        Flavor large = flavor(m, "m1.large");
        ComputeNode src0 = cloud.computeNode("cn-1");
        ComputeNode dst0 = cloud.computeNode("cn-3");
        cloud.expect(VM, small, List.of());
        cloud.placed("cn-1", VM);
        cloud.moved("cn-1", "cn-3", VM, large, List.of());
        cloud.moveReverted("cn-1", "cn-3", VM, small, List.of());
        assertThat(cloud.computeNode("cn-3").vcpusUsed()).isEqualTo(dst0.vcpusUsed());
        assertThat(cloud.computeNode("cn-3").numInstances()).isEqualTo(dst0.numInstances());
        assertThat(cloud.computeNode("cn-1").vcpusUsed()).isEqualTo(src0.vcpusUsed() + small.vcpus());
        assertThat(cloud.computeNode("cn-1").numInstances()).isEqualTo(src0.numInstances() + 1);
    }

    @Test
    void inASimulationConfirmFreesTheSourcesTrackerAndRevertTheDestinations() throws Exception {
        for (double revert : new double[]{0.0, 1.0}) {
            CloudModel m = teaching();
            Workload w = new Workload(List.of(new Workload.Arrival("m1.small", 1, null, 0L, null, null, null, null,
                    List.of(), null, null)), List.of(new Workload.MigrationLoad("resize", 1, null, 10_000L, "m1.large",
                    revert)), List.of(), null, null);
            Simulation sim = new Simulation(m, w, new Simulation.Settings(1, Era.QUEENS, 1, 3), true);
            Cloud fresh = new Cloud(m);
            List<String> checked = new ArrayList<>();
            sim.trace().addListener(e -> {
                if (e instanceof SimEvent.MigrationConfirmed c) {
                    // the source (freed) counts no more than before the instance came
                    assertThat(sim.conductor().computeNode(c.freed()).vcpusUsed())
                            .isEqualTo(fresh.computeNode(c.freed()).vcpusUsed());
                    assertThat(sim.conductor().computeNode(c.host()).vcpusUsed())
                            .isEqualTo(fresh.computeNode(c.host()).vcpusUsed() + flavor(m, "m1.large").vcpus());
                    checked.add("confirmed");
                } else if (e instanceof SimEvent.MigrationReverted r) {
                    assertThat(sim.conductor().computeNode(r.freed()).vcpusUsed())
                            .isEqualTo(fresh.computeNode(r.freed()).vcpusUsed());
                    assertThat(sim.conductor().computeNode(r.host()).vcpusUsed())
                            .isEqualTo(fresh.computeNode(r.host()).vcpusUsed() + flavor(m, "m1.small").vcpus());
                    checked.add("reverted");
                }
            });
            sim.run();
            assertThat(checked).containsExactly(revert > 0 ? "reverted" : "confirmed");
        }
    }
}
