package dev.placementstudio.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run over simulated time, for charts: at evenly spaced times, the instances ACTIVE, the ERRORs and
 * retries so far, and what the run holds per resource class (from the log's claims, when recorded).
 */
public final class RunSeries {
    /** @param used resource class to the amount held at time {@code t} (empty when the log has no allocations) */
    public record Point(long t, int active, int errors, int retries, Map<String, Long> used) {
    }

    private RunSeries() {
    }

    /** Up to {@code points} samples from time 0 to the last event (each after every event at or before it). */
    public static List<Point> of(List<SimEvent> log, int points) {
        List<Point> out = new ArrayList<>();
        if (log.isEmpty() || points < 2) {
            return out;
        }
        long end = Math.max(1, log.get(log.size() - 1).t());
        AllocationReplay.Replayer replay = new AllocationReplay.Replayer();
        int active = 0;
        int errors = 0;
        int retries = 0;
        int i = 0;
        for (int p = 0; p < points; p++) {
            long t = end * p / (points - 1);
            while (i < log.size() && log.get(i).t() <= t) {
                SimEvent e = log.get(i++);
                replay.apply(e);
                switch (e.type()) {
                    case ACTIVE -> active++;
                    case DELETED -> active--;
                    case ERRORED -> errors++;
                    case RESCHEDULED -> retries++;
                    default -> {
                    }
                }
            }
            out.add(new Point(t, active, errors, retries, new TreeMap<>(replay.totals())));
        }
        return out;
    }
}
