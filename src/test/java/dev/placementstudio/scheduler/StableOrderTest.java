package dev.placementstudio.scheduler;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Hosts sorted by weight, best first, ties in Placement's order: Python's stable sort, reverse=True. */
class StableOrderTest {
    @Property(tries = 300)
    void sameOrderAsAStableSortByDescendingWeight(@ForAll long seed, @ForAll @IntRange(min = 0, max = 1200) int n) {
        SplittableRandom r = new SplittableRandom(seed);
        int distinct = 1 + r.nextInt(20); // few distinct weights: many ties
        double[] total = new double[n];
        for (int i = 0; i < n; i++) {
            total[i] = switch (r.nextInt(6)) {
                case 0 -> r.nextDouble() * 3 - 1;
                case 1 -> r.nextBoolean() ? -0.0 : 0.0;
                case 2 -> 1.0 + r.nextInt(3) * Math.ulp(1.0); // weights a few ulps apart
                default -> r.nextInt(distinct) / 7.0 - 1;
            };
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(i);
        }
        // List.sort is stable; compared as Python compares floats (-0.0 == 0.0), not as Double.compare does
        expected.sort((a, b) -> total[a] > total[b] ? -1 : total[a] < total[b] ? 1 : 0);
        int[] want = expected.stream().mapToInt(Integer::intValue).toArray();
        assertThat(Scheduler.stableOrder(total)).containsExactly(want);
        assertThat(Scheduler.mergeOrder(total)).containsExactly(want);
    }
}
