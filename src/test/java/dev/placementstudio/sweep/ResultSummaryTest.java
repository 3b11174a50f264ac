package dev.placementstudio.sweep;

import dev.placementstudio.io.store.SweepStore;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Medians, p5/p95 and the ranking of designs over a sweep's seeds. */
class ResultSummaryTest {
    private static final String HEADER = "design,workload,era,seed,placed,latency_p50_ms";

    private static SweepStore.Row row(long i, String design, String era, long seed, String placed, String latency) {
        return new SweepStore.Row(i, design, "w.json", era, seed, placed + "," + latency);
    }

    @Test
    void linesPerDesignAndEraAndARankingByMedian() {
        List<SweepStore.Row> rows = new ArrayList<>();
        long i = 0;
        for (int s = 1; s <= 20; s++) {
            rows.add(row(i++, "a", "pike", s, Integer.toString(s), ""));
            rows.add(row(i++, "b", "pike", s, Integer.toString(100 + s), Integer.toString(s)));
        }
        List<ResultSummary.Line> lines = ResultSummary.lines(HEADER, rows, "placed");
        assertThat(lines).containsExactly(new ResultSummary.Line("a", "pike", 20, 1, 10, 19),
                new ResultSummary.Line("b", "pike", 20, 101, 110, 119));
        assertThat(ResultSummary.ranking(HEADER, rows, "placed", true)).extracting(ResultSummary.Rank::design)
                .containsExactly("b", "a");
        assertThat(ResultSummary.ranking(HEADER, rows, "placed", false)).extracting(ResultSummary.Rank::design)
                .containsExactly("a", "b");
        // empty fields are no values: design a has no latency at all
        List<ResultSummary.Line> lat = ResultSummary.lines(HEADER, rows, "latency_p50_ms");
        assertThat(lat.get(0).cells()).isZero();
        assertThat(lat.get(0).median()).isNaN();
        assertThatThrownBy(() -> ResultSummary.lines(HEADER, rows, "seed")).hasMessageContaining("no metric 'seed'");
    }

    @Property(tries = 200)
    void quantilesAreOrderedAndAmongTheValues(@ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = -1e6, max = 1e6) Double> vs) {
        List<Double> s = new ArrayList<>(vs);
        s.sort(null);
        double p5 = ResultSummary.rank(s, 0.05);
        double p50 = ResultSummary.rank(s, 0.50);
        double p95 = ResultSummary.rank(s, 0.95);
        assertThat(p5).isLessThanOrEqualTo(p50);
        assertThat(p50).isLessThanOrEqualTo(p95);
        assertThat(vs).contains(p5, p50, p95);
        long atMost = s.stream().filter(v -> v <= p50).count();
        assertThat(atMost * 2).isGreaterThanOrEqualTo(s.size()); // at least half are at or below the median
    }
}
