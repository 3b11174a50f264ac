package dev.placementstudio.sim;

import java.util.PriorityQueue;

/** Scheduled actions ordered by (time, sequence): the same inputs always run in the same order. */
public final class EventQueue {
    private record Entry(long time, long seq, Runnable action) {
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> a.time != b.time
            ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    private long nextSeq;
    private long now;

    public long now() {
        return now;
    }

    public void at(long time, Runnable action) {
        queue.add(new Entry(Math.max(time, now), nextSeq++, action));
    }

    public void after(long delay, Runnable action) {
        at(now + delay, action);
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Runs the next action; false when nothing is left. */
    public boolean step() {
        Entry e = queue.poll();
        if (e == null) {
            return false;
        }
        now = e.time;
        e.action.run();
        return true;
    }

    /** The time of the next action, or {@code Long.MAX_VALUE} when nothing is left. */
    public long nextTime() {
        Entry e = queue.peek();
        return e == null ? Long.MAX_VALUE : e.time;
    }

    public int size() {
        return queue.size();
    }
}
