package dev.placementstudio.sweep;

import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.store.SweepStore;

import java.util.List;

/** What runs the cells: the local cores, or Spark ({@code sweep.spark}, loaded by name only when asked for). */
public interface Backend {
    /** Where a finished cell goes; called on the thread that called {@link #run}. */
    interface Sink {
        void accept(SweepStore.Row row) throws InputProblemException;
    }

    /** Runs the cells and hands each finished one to the sink as it finishes (or in batches). */
    void run(SweepPlan plan, List<Cell> cells, Sink sink) throws InputProblemException, InterruptedException;
}
