package dev.placementstudio.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** True when an event recorded now would be kept or heard. */
    public boolean wanted() {
        return keep || !listeners.isEmpty();
    }

    /** Counts an event nobody wants (its number is taken, as if recorded). */
    public void skip() {
        seq++;
    }

    public SimEvent record(long t, EventType type, Object... kv) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                fields.put((String) kv[i], kv[i + 1]);
            }
        }
        SimEvent e = new SimEvent(t, seq++, type, fields);
        if (keep) {
            events.add(e);
        }
        for (Consumer<SimEvent> l : listeners) {
            l.accept(e);
        }
        return e;
    }

    public List<SimEvent> events() {
        return Collections.unmodifiableList(events);
    }

    public long count() {
        return seq;
    }
}
