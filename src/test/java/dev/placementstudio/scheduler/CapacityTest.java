package dev.placementstudio.scheduler;

import dev.placementstudio.TestFiles;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.CloudGenerator;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.Projection;
import dev.placementstudio.placement.PlacementEngine;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Capacity}: the per-cell sums and the "how many more fit" count, on sample and generated clouds. */
class CapacityTest {
    private static long sum(List<Capacity.CellUsage> usage, String rc, boolean free) {
        return usage.stream().filter(u -> u.resourceClass().equals(rc)).mapToLong(u -> free ? u.free() : u.used()).sum();
    }

    @Test
    void aDeviceProfileFlavorFitsNoMoreTimesThanThereAreFreeDevices() throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.root().resolve("sample-clouds/teaching-small.json"));
        PlacementEngine e = PlacementEngine.fromState(Projection.project(m));
        Flavor fpga = m.flavors().stream().filter(f -> f.name().equals("f1.fpga")).findFirst().orElseThrow();
        assertThat(RequestSpec.deviceProfileOf(m, fpga)).isNotNull();
        long freeFpga = sum(Capacity.byCell(m, e), "FPGA", true);
        Capacity.Fit fit = Capacity.moreThatFit(m, e, fpga, 10_000, Capacity.Progress.NONE);
        assertThat(freeFpga).isPositive();
        assertThat((long) fit.more()).isEqualTo(freeFpga);
        assertThat(fit.atLeast()).isFalse();
    }

    @Test
    void cellsComeInTheModelsOrderAndSumTheirHosts() throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.root().resolve("sample-clouds/teaching-small.json"));
        PlacementEngine e = PlacementEngine.fromState(Projection.project(m));
        List<Capacity.CellUsage> usage = Capacity.byCell(m, e);
        assertThat(usage.stream().map(Capacity.CellUsage::cell).distinct().toList())
                .containsExactlyElementsOf(m.cells().stream().map(c -> c.name()).toList());
        // every MEMORY_MB provider of teaching-small is a compute host's: the cells hold all of Placement's usage
        long usedMemory = e.providers().stream().mapToLong(p -> p.usages().getOrDefault("MEMORY_MB", 0L)).sum();
        assertThat(usedMemory).isPositive();
        assertThat(sum(usage, "MEMORY_MB", false)).isEqualTo(usedMemory);
    }

    @Property(tries = 25)
    void theCountIsExactBoundedAndLeavesTheEngineAlone(@ForAll @IntRange(min = 1, max = 6) int hosts,
                                                       @ForAll @IntRange(min = 0, max = 1000) int seed,
                                                       @ForAll @IntRange(min = 1, max = 40) int bound) throws Exception {
        CloudModel m = CloudGenerator.generate(new CloudGenerator.Options(hosts, 1, 0, 0, 0, 0, false, 0.3, seed));
        PlacementEngine e = PlacementEngine.fromState(Projection.project(m));
        List<Capacity.CellUsage> before = Capacity.byCell(m, e);
        Flavor f = m.flavors().get(seed % m.flavors().size());
        Capacity.Fit all = Capacity.moreThatFit(m, e, f, 100_000, Capacity.Progress.NONE);
        Capacity.Fit bounded = Capacity.moreThatFit(m, e, f, bound, Capacity.Progress.NONE);
        assertThat(Capacity.byCell(m, e)).isEqualTo(before);
        assertThat(bounded.more()).isEqualTo(Math.min(bound, all.more()));
        assertThat(bounded.atLeast()).isEqualTo(all.more() >= bound);
        // exact, not estimated: never more than the free VCPU and memory allow
        long freeVcpu = sum(before, f.dedicatedCpus() ? "PCPU" : "VCPU", true);
        long freeRam = sum(before, "MEMORY_MB", true);
        assertThat((long) all.more() * f.vcpus()).isLessThanOrEqualTo(freeVcpu);
        assertThat((long) all.more() * f.ramMb()).isLessThanOrEqualTo(freeRam);
        int[] calls = {0};
        Capacity.Fit cancelled = Capacity.moreThatFit(m, e, f, 100_000, n -> ++calls[0] > 2);
        assertThat(cancelled.more()).isEqualTo(Math.min(2, all.more()));
    }
}
