package dev.placementstudio.model;

import dev.placementstudio.TestFiles;
import dev.placementstudio.io.store.ModelFiles;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The design edits of a portfolio, on teaching-small. */
class DesignEditTest {
    private static CloudModel teaching() throws Exception {
        return ModelFiles.open(TestFiles.sample("teaching-small"));
    }

    @Test
    void addHostsCopiesTheHostUnderTheNextFreeNamesInTheRackAsked() throws Exception {
        CloudModel m = new DesignEdit.AddHosts("cn-4", 2, null, "r9").apply(teaching());
        ComputeHost like = teaching().host("cn-4").orElseThrow();
        assertThat(m.hosts()).hasSize(teaching().hosts().size() + 2);
        ComputeHost a = m.host("cn-9").orElseThrow();
        assertThat(m.host("cn-10")).isPresent();
        assertThat(a.rack()).isEqualTo("r9");
        assertThat(a.cell()).isEqualTo(like.cell());
        assertThat(a.totalCpus()).isEqualTo(like.totalCpus());
        assertThat(a.uuid()).isNull(); // a fresh host, not a second provider with cn-4's uuid
        assertThat(ModelValidator.validate(m)).isEmpty();
    }

    @Test
    void removeHostsTakesTheirInstancesWithThem() throws Exception {
        CloudModel base = teaching();
        CloudModel m = new DesignEdit.RemoveHosts(List.of("cn-[57]".replace("[57]", "5"), "cn-7")).apply(base);
        assertThat(m.host("cn-5")).isEmpty();
        assertThat(m.host("cn-7")).isEmpty();
        assertThat(m.instances()).noneMatch(i -> "cn-5".equals(i.host()) || "cn-7".equals(i.host()));
        assertThat(ModelValidator.validate(m)).isEmpty();
    }

    @Test
    void ratiosReservedFiltersAndWeighersChangeWhatTheySay() throws Exception {
        CloudModel m = new DesignEdit.SetAllocationRatios(List.of("cn-*"), null, 2.0, null).apply(teaching());
        assertThat(m.hosts()).allSatisfy(h -> assertThat(h.allocationRatios().ram()).isEqualTo(2.0));
        assertThat(m.host("cn-1").orElseThrow().allocationRatios().cpu())
                .isEqualTo(teaching().host("cn-1").orElseThrow().allocationRatios().cpu());
        m = new DesignEdit.SetReserved(null, 2, null, null).apply(m);
        assertThat(m.hosts()).allSatisfy(h -> assertThat(h.reserved().vcpus()).isEqualTo(2));
        m = new DesignEdit.SetFilters(List.of("ComputeFilter")).apply(m);
        assertThat(m.scheduler().enabledFilters()).containsExactly("ComputeFilter");
        m = new DesignEdit.SetWeighers(Map.of("RAMWeigher", -1.0), false).apply(m);
        assertThat(m.scheduler().weighers()).containsEntry("RAMWeigher", -1.0).containsKey("CPUWeigher");
        m = new DesignEdit.SetWeighers(Map.of("RAMWeigher", -1.0), true).apply(m);
        assertThat(m.scheduler().weighers()).containsOnlyKeys("RAMWeigher");
    }

    @Test
    void devicesAreCopiedUnderFreeNames() throws Exception {
        CloudModel base = teaching();
        ComputeHost withPf = base.hosts().stream().filter(h -> !h.pfs().isEmpty()).findFirst().orElseThrow();
        String pf = withPf.pfs().get(0).name();
        CloudModel m = new DesignEdit.AddDevices(DesignEdit.DeviceKind.PF, List.of(withPf.hostname(), "cn-1"),
                withPf.hostname(), pf, 2).apply(base);
        assertThat(m.host(withPf.hostname()).orElseThrow().pfs()).hasSize(withPf.pfs().size() + 2);
        assertThat(m.host(withPf.hostname()).orElseThrow().pfs().stream().map(PhysicalFunction::name).distinct())
                .hasSize(withPf.pfs().size() + 2);
        assertThat(ModelValidator.validate(m)).isEmpty();
    }

    @Test
    void aSelectionThatMatchesNothingIsRefused() {
        assertThatThrownBy(() -> new DesignEdit.RemoveHosts(List.of("cn-99")).apply(teaching()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no host matches 'cn-99'");
        assertThatThrownBy(() -> new DesignEdit.AddHosts("nope", 1, null, null).apply(teaching()))
                .hasMessage("no host nope");
    }

    @Property(tries = 40)
    void addedHostsAreUniqueAndTheModelStaysValid(@ForAll @IntRange(min = 1, max = 30) int count,
                                                  @ForAll @IntRange(min = 0, max = 7) int like) throws Exception {
        CloudModel base = teaching();
        String name = base.hosts().get(like).hostname();
        CloudModel m = new DesignEdit.AddHosts(name, count, null, null).apply(base);
        assertThat(m.hosts()).hasSize(base.hosts().size() + count);
        assertThat(new HashSet<>(m.hosts().stream().map(ComputeHost::hostname).toList())).hasSize(m.hosts().size());
        assertThat(ModelValidator.validate(m)).isEmpty();
    }
}
