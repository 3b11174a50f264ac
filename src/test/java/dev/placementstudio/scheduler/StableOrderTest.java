package dev.placementstudio.scheduler;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.Comparator;
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
            total[i] = r.nextInt(4) == 0 ? r.nextDouble() * 3 - 1 : r.nextInt(distinct) / 7.0;
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(i);
        }
        expected.sort(Comparator.comparingDouble((Integer i) -> total[i]).reversed()); // List.sort is stable
        int[] got = Scheduler.stableOrder(total);
        assertThat(got).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
    }
}
