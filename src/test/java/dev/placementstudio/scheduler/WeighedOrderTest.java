package dev.placementstudio.scheduler;

import dev.placementstudio.model.HostStatus;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lazily sorted weighed order gives stableOrder's order, however far and in whatever order it is read. */
class WeighedOrderTest {
    private static List<HostState> hosts(int n) {
        List<HostState> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            HostInfo info = new HostInfo("h" + i, "u" + i, "cell1", null, List.of(), "nova", Map.of(),
                    HostStatus.ENABLED, true, "QEMU", Set.of(), 0, false, Set.of(), 0, 0);
            out.add(new HostState(info, null, Map::of));
        }
        return out;
    }

    @Property(tries = 300)
    void sameOrderAsStableOrder(@ForAll long seed, @ForAll @IntRange(min = 0, max = 700) int n) {
        SplittableRandom r = new SplittableRandom(seed);
        int distinct = 1 + r.nextInt(20);
        double[] total = new double[n];
        for (int i = 0; i < n; i++) {
            total[i] = switch (r.nextInt(7)) {
                case 0 -> r.nextDouble() * 3 - 1;
                case 1 -> r.nextBoolean() ? -0.0 : 0.0;
                case 2 -> 1.0 + r.nextInt(3) * Math.ulp(1.0);
                case 3 -> r.nextInt(50) == 0 ? Double.NaN : -1e6 * r.nextInt(2);
                default -> r.nextInt(distinct) / 7.0 - 1;
            };
        }
        List<HostState> hosts = hosts(n);
        int[] want = HostWeightHandler.stableOrder(total);
        WeighedOrder order = new WeighedOrder(hosts, total);
        assertThat(order).hasSize(n);
        // read a prefix out of order first, then everything
        for (int k = Math.min(n, r.nextInt(8)) - 1; k >= 0; k--) {
            assertThat(order.get(k)).isSameAs(hosts.get(want[k]));
        }
        for (int rank = 0; rank < n; rank++) {
            assertThat(order.indexAt(rank)).isEqualTo(want[rank]);
            assertThat(order.get(rank)).isSameAs(hosts.get(want[rank]));
        }
    }

    @Test
    void isReadOnlyAndBounded() {
        WeighedOrder order = new WeighedOrder(hosts(3), new double[]{0.5, 1.0, 0.5});
        assertThat(order).extracting(HostState::name).containsExactly("h1", "h0", "h2");
        assertThatThrownBy(() -> order.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> order.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
