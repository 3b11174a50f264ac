package dev.placementstudio.sweep;

import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.store.SweepStore;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs cells on N threads of this JVM: at most N simulations in flight (so memory is N cells' worth), the
 * finished rows handed to the sink on the caller's thread as they finish.
 */
public final class LocalExecutor implements Backend {
    private final int parallel;

    public LocalExecutor(int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("needs at least 1 thread");
        }
        this.parallel = parallel;
    }

    @Override
    public void run(SweepPlan plan, List<Cell> cells, Sink sink) throws InputProblemException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "sweep-cell");
            t.setDaemon(true); // a Ctrl-C ends the JVM; finished cells are already kept
            return t;
        });
        try {
            ExecutorCompletionService<SweepStore.Row> done = new ExecutorCompletionService<>(pool);
            for (Cell c : cells) {
                done.submit(() -> plan.run(c));
            }
            for (int i = 0; i < cells.size(); i++) {
                Future<SweepStore.Row> f = done.take();
                try {
                    sink.accept(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a cell failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
