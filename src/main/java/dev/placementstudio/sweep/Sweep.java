package dev.placementstudio.sweep;

import dev.placementstudio.io.InputProblemException;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A sweep: the cells of a plan not yet in the results, run by a backend, each written as it finishes,
 * with a progress line (cells done/total, rate, ETA) on stderr at most every second and at the end.
 */
public final class Sweep {
    private Sweep() {
    }

    /** What a sweep did: cells in the portfolio, skipped as already finished, and run now. */
    public record Outcome(int total, int skipped, int ran) {
    }

    public static Outcome run(SweepPlan plan, Path out, boolean resume, Backend backend, PrintWriter progress)
            throws InputProblemException, InterruptedException {
        List<Cell> all = plan.cells();
        try (Results results = Results.open(out, plan, resume)) {
            Set<String> finished = results.finished();
            List<Cell> pending = all.stream().filter(c -> !finished.contains(plan.key(c))).toList();
            int skipped = all.size() - pending.size();
            long t0 = System.nanoTime();
            long[] last = {0};
            int[] done = {0};
            if (skipped > 0) {
                progress.printf("sweep: resuming, %d of %d cells already finished%n", skipped, all.size());
            }
            backend.run(plan, pending, row -> {
                results.put(row);
                done[0]++;
                long now = System.nanoTime();
                if (now - last[0] >= 1_000_000_000L || done[0] == pending.size()) {
                    last[0] = now;
                    double s = (now - t0) / 1e9;
                    double rate = done[0] / Math.max(s, 1e-9);
                    long eta = Math.round((pending.size() - done[0]) / Math.max(rate, 1e-9));
                    progress.printf("sweep: %d/%d cells, %.1f cells/s, ETA %d s%n", skipped + done[0], all.size(),
                            rate, eta);
                    progress.flush();
                }
            });
            return new Outcome(all.size(), skipped, pending.size());
        }
    }
}
