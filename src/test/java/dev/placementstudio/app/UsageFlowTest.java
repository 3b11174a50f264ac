package dev.placementstudio.app;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UsageFlowTest {
    private static Workbench.Usage usage(long vcpuUsed, long vfUsed) {
        Map<String, Map<String, long[]>> byHost = new LinkedHashMap<>();
        byHost.put("cn1", new LinkedHashMap<>(Map.of("VCPU", new long[]{16, vcpuUsed, 0}, "MEMORY_MB", new long[]{4096, 512, 0})));
        byHost.put("cn2", new LinkedHashMap<>(Map.of("VCPU", new long[]{16, 3, 0})));
        Map<String, Map<String, long[]>> byProvider = new HashMap<>();
        byProvider.put("cn1_pf0", new LinkedHashMap<>(Map.of("SRIOV_NET_VF", new long[]{8, vfUsed, 0})));
        return new Workbench.Usage(null, byHost, byProvider, 1);
    }

    @Test
    void betweenTwoUsagesFlowsOnlyWhatChanged() {
        UsageFlow f = UsageFlow.between(usage(2, 1), usage(6, 0), 0);
        assertThat(f.ofHost("cn1", "VCPU")).containsExactly(2, 6);
        assertThat(f.ofHost("cn1", "MEMORY_MB")).as("unchanged").isNull();
        assertThat(f.touches("cn2")).isFalse();
        assertThat(f.ofProvider("cn1_pf0", "SRIOV_NET_VF")).containsExactly(1, 0);
        assertThat(UsageFlow.between(usage(2, 1), usage(2, 1), 0)).as("nothing changed").isNull();
    }

    @Test
    void aStepsChangesAddUpAndOnesThatCancelOutAreDropped() {
        UsageFlow.Builder b = new UsageFlow.Builder();
        b.host("cn1", "VCPU", 4, 2);     // a claim
        b.host("cn1", "VCPU", 6, 2);     // another, in the same step
        b.host("cn2", "VCPU", 3, 1);     // claimed, then
        b.host("cn2", "VCPU", 4, -1);    // unclaimed: no net change
        b.provider("cn1_pf0", "SRIOV_NET_VF", 5, -2);
        UsageFlow f = b.start(0);
        assertThat(f.ofHost("cn1", "VCPU")).containsExactly(4, 8);
        assertThat(f.touches("cn2")).isFalse();
        assertThat(f.ofProvider("cn1_pf0", "SRIOV_NET_VF")).containsExactly(5, 3);
        UsageFlow.Builder none = new UsageFlow.Builder();
        none.host("cn1", "VCPU", 4, 0);
        assertThat(none.start(0)).isNull();
    }

    @Test
    void theShownCountMovesSmoothlyFromBeforeToAfter() {
        long start = 1_000_000_000L;
        UsageFlow f = UsageFlow.between(usage(2, 1), usage(10, 1), start);
        long[] ft = f.ofHost("cn1", "VCPU");
        long end = start + (long) (UsageFlow.SECONDS * 1e9);
        assertThat(f.progress(start)).isZero();
        assertThat(f.progress(end)).isEqualTo(1.0);
        assertThat(f.running(start)).isTrue();
        assertThat(f.running(end)).isFalse();
        double last = -1;
        for (int k = 0; k <= 20; k++) {
            long now = start + (end - start) * k / 20;
            double shown = UsageFlow.at(ft, f.progress(now), 10);
            assertThat(shown).isBetween(2.0, 10.0).isGreaterThanOrEqualTo(last);
            last = shown;
        }
        assertThat(UsageFlow.at(ft, f.progress(start + (end - start) / 2), 10)).isEqualTo(6.0);
        assertThat(UsageFlow.at(null, 0.3, 7)).as("a class not flowing shows its count").isEqualTo(7.0);
    }
}
