package dev.placementstudio.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The event log of a run: an append-only list of {@link SimEvent}, numbered in order. Observers (the
 * CLI writing JSON lines, the GUI animating) can listen as it grows.
 */
public final class Trace {
    private final List<SimEvent> events = new ArrayList<>();
    private final List<Consumer<SimEvent>> listeners = new ArrayList<>();
    private final boolean keep;

    /** @param keep false for very long runs whose events only stream to listeners */
    public Trace(boolean keep) {
        this.keep = keep;
    }

    public void addListener(Consumer<SimEvent> l) {
        listeners.add(l);
    }

    private long seq;

    /** An event still to be made, once its sequence number is known. */
    @FunctionalInterface
    public interface Numbered {
        SimEvent withSeq(long seq);
    }

    /** True when an event recorded now would be kept or heard. */
    public boolean wanted() {
        return keep || !listeners.isEmpty();
    }

    /**
     * Takes the next sequence number and, when anyone keeps or listens, makes the event with it; nobody
     * wanting it, the event is only counted (its number is taken all the same, so logs stay comparable).
     */
    public void record(Numbered event) {
        long n = seq++;
        if (!wanted()) {
            return;
        }
        SimEvent e = event.withSeq(n);
        if (keep) {
            events.add(e);
        }
        for (Consumer<SimEvent> l : listeners) {
            l.accept(e);
        }
    }

    public List<SimEvent> events() {
        return Collections.unmodifiableList(events);
    }

    public long count() {
        return seq;
    }
}
