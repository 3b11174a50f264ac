package dev.placementstudio.app.portfolio;

import dev.placementstudio.TestFiles;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.sweep.ResultSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Portfolio view's state, without the FX toolkit: open, run, progress, summaries, cancel. */
class PortfolioViewModelTest {
    /** 2 designs × 1 workload × 2 eras × {@code seeds} seeds of teaching-small's busy day. */
    static Path portfolio(Path dir, int seeds) throws Exception {
        String base = TestFiles.sample("teaching-small").toString().replace("\\", "/");
        String work = TestFiles.root().resolve("sample-clouds/workloads/teaching-busy-day.json").toString().replace("\\", "/");
        Path p = dir.resolve("tiny.json");
        Files.writeString(p, """
                {"schemaVersion": 1, "name": "tiny", "base": "%s",
                 "designs": [{"name": "base", "edits": []},
                             {"name": "dense-ram", "edits": [{"op": "set_allocation_ratios", "hosts": ["cn-*"], "ram": 2.0}]}],
                 "workloads": ["%s"], "eras": ["pike", "queens"], "seeds": %d}
                """.formatted(base, work, seeds));
        return p;
    }

    /** Waits (no fixed sleep) until the sweep thread has reported its end. */
    private static void finished(PortfolioViewModel vm) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        synchronized (vm) {
            while (vm.runningProperty().get() && System.nanoTime() < until) {
                vm.wait(50);
            }
        }
        assertThat(vm.runningProperty().get()).as("the sweep ended within 2 minutes").isFalse();
    }

    @Test
    void runsEveryCellAndSummarizesAsTheSweepDoes(@TempDir Path dir) throws Exception {
        PortfolioViewModel vm = new PortfolioViewModel(Runnable::run);
        vm.open(portfolio(dir, 3));
        assertThat(vm.designs()).containsExactly("base", "dense-ram");
        assertThat(vm.eras()).containsExactly("pike", "queens");
        assertThat(vm.seeds()).containsExactly(1L, 2L, 3L);
        assertThat(vm.cellsProperty().get()).isEqualTo(12);
        assertThat(vm.metrics()).contains("placed", "latency_p95_ms").doesNotContain("design", "seed");
        List<Integer> progress = new CopyOnWriteArrayList<>();
        vm.doneProperty().addListener((o, a, v) -> progress.add(v.intValue()));
        vm.run(2);
        finished(vm);
        assertThat(vm.statusProperty().get()).startsWith("Done: 12 cells");
        assertThat(progress).endsWith(12).isSorted();
        assertThat(vm.results()).hasSize(12);
        String header = vm.csv().lines().findFirst().orElseThrow();
        for (String metric : List.of("placed", "latency_p95_ms")) {
            vm.metricProperty().set(metric);
            assertThat(vm.lines()).containsExactlyElementsOf(ResultSummary.lines(header, vm.results(), metric));
            assertThat(vm.ranking()).containsExactlyElementsOf(ResultSummary.ranking(header, vm.results(), metric,
                    PortfolioViewModel.higherIsBetter(metric)));
            assertThat(vm.lines()).hasSize(4).allSatisfy(l -> assertThat(l.cells()).isEqualTo(3));
            assertThat(vm.boxes()).hasSize(4).allSatisfy(b -> {
                assertThat(b.p5()).isLessThanOrEqualTo(b.q1());
                assertThat(b.q1()).isLessThanOrEqualTo(b.median());
                assertThat(b.median()).isLessThanOrEqualTo(b.q3());
                assertThat(b.q3()).isLessThanOrEqualTo(b.p95());
            });
        }
        // the CSV is the sweep's: header, then one line per cell in the portfolio's order
        List<String> csv = vm.csv().lines().toList();
        assertThat(csv).hasSize(13);
        assertThat(csv.get(1)).startsWith("base,");
        assertThat(csv.get(12)).startsWith("dense-ram,");
        assertThat(vm.runOf("dense-ram", "queens").seed()).isEqualTo(1L);
        assertThat(Files.exists(vm.runOf("dense-ram", "queens").workload())).isTrue();
    }

    @Test
    void cancelStopsBeforeTheEnd(@TempDir Path dir) throws Exception {
        PortfolioViewModel vm = new PortfolioViewModel(Runnable::run);
        vm.open(portfolio(dir, 10));
        vm.doneProperty().addListener((o, a, v) -> {
            if (v.intValue() == 1) {
                vm.cancel();
            }
        });
        vm.run(1);
        finished(vm);
        assertThat(vm.doneProperty().get()).isBetween(1, 39);
        assertThat(vm.statusProperty().get()).startsWith("Cancelled after");
        assertThat(vm.results()).hasSize(vm.doneProperty().get());
    }

    @Test
    void aBrokenPortfolioIsAClearProblemAndLeavesTheViewAsItWas(@TempDir Path dir) throws Exception {
        PortfolioViewModel vm = new PortfolioViewModel(Runnable::run);
        vm.open(portfolio(dir, 3));
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"schemaVersion\": 1, \"designs\": [}");
        assertThatThrownBy(() -> vm.open(bad)).isInstanceOf(InputProblemException.class).hasMessageContaining("bad.json");
        assertThat(vm.nameProperty().get()).isEqualTo("tiny");
        assertThat(vm.cellsProperty().get()).isEqualTo(12);
    }
}
