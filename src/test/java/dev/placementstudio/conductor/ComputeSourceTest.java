package dev.placementstudio.conductor;

import dev.placementstudio.model.GpuDevice;
import dev.placementstudio.model.GpuKind;
import dev.placementstudio.model.PhysicalFunction;
import dev.placementstudio.scheduler.ComputeNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The numbers the scheduler reads from a resource tracker without building its record are the record's,
 * after any sequence of claims and releases (PCI devices, a shared pool, migrations, Ironic nodes).
 */
class ComputeSourceTest {
    private static void sameAsRecord(ComputeTracker t) {
        ComputeNode cn = t.computeNode();
        assertThat(t.get()).isSameAs(cn);
        assertThat(t.freeRamMb()).isEqualTo(cn.freeRamMb());
        assertThat(t.freeDiskMb()).isEqualTo(cn.freeDiskMb());
        assertThat(t.vcpus()).isEqualTo(cn.vcpus());
        assertThat(t.vcpusUsed()).isEqualTo(cn.vcpusUsed());
        assertThat(t.cpuAllocationRatio()).isEqualTo(cn.cpuAllocationRatio());
        assertThat(t.numInstances()).isEqualTo(cn.numInstances());
        assertThat(t.freePciDevices()).isEqualTo(cn.freePciDevices());
    }

    @Property(tries = 150)
    void trackerNumbersAreItsRecords(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ComputeTracker.SharedPool pool = new ComputeTracker.SharedPool(300 + r.nextInt(500));
        List<ComputeTracker> trackers = new ArrayList<>();
        trackers.add(new ComputeTracker(ComputeTrackerTest.host("a", 8, r.nextInt(4), 16384, 100, null,
                List.of(new PhysicalFunction("pf0", 0, "physnet1", 1 + r.nextInt(4), null, null),
                        new PhysicalFunction("pf1", 0, "physnet2", r.nextInt(3), null, null)),
                List.of(new GpuDevice("pgpu0", 0, GpuKind.PGPU, 1 + r.nextInt(2), "a100")), List.of()), null));
        trackers.add(new ComputeTracker(ComputeTrackerTest.host("b", 16, 0, 8192, 0, "ceph", List.of(), List.of(),
                List.of()), pool));
        trackers.add(new ComputeTracker(ComputeTrackerTest.host("c", 16, 0, 8192, 0, "ceph", List.of(), List.of(),
                List.of()), pool));
        trackers.add(new ComputeTracker("ironic-1", Set.of("CUSTOM_GOLD")));
        trackers.forEach(ComputeSourceTest::sameAsRecord);
        List<String> physnets = List.of("physnet1", "physnet2", "physnet3");
        for (int step = 0; step < 60; step++) {
            ComputeTracker t = trackers.get(r.nextInt(trackers.size()));
            String key = (r.nextInt(4) == 0 ? ComputeTracker.MIGRATION : "") + "i" + r.nextInt(12);
            if (r.nextBoolean()) {
                List<String> vfs = new ArrayList<>();
                for (int v = r.nextInt(3); v > 0; v--) {
                    vfs.add(physnets.get(r.nextInt(physnets.size())));
                }
                t.claim(key, new ComputeTracker.Usage(1 + r.nextInt(4), 512L * r.nextInt(20), r.nextInt(90), vfs,
                        r.nextInt(3)));
            } else {
                t.release(key);
            }
            trackers.forEach(ComputeSourceTest::sameAsRecord);
        }
    }
}
