package dev.placementstudio.sim;

import dev.placementstudio.conductor.EventLog.Choice;
import dev.placementstudio.conductor.EventLog.Ranked;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One event of a run's log: when ({@code t}, simulated ms), its place in the order ({@code seq}), and the
 * fields of its kind, one record per {@link EventType}. In the JSON lines ({@code io.EventLogJson} writes
 * and reads them) a field is named as its record component in snake_case ({@code deviceProfile} is
 * {@code device_profile}), in the order declared here, and left out when null.
 *
 * <p>Readers pick the events they care about with {@code instanceof} patterns; whatever must answer for
 * every kind (the JSON writer, a sentence per event) is a {@link Visitor}, which the compiler holds to
 * the full list. The collections are read-only views.
 */
public sealed interface SimEvent {
    long t();

    long seq();

    EventType type();

    <R> R accept(Visitor<R> v);

    /** The instance the event is about; null for cell and host events. */
    default String instance() {
        return null;
    }

    /** The host the event happens on (chosen, claimed, refused, built on, freed to…), or null. */
    default String host() {
        return null;
    }

    /** The cell of {@link #host()}, or the cell a cell event is about, or null. */
    default String cell() {
        return null;
    }

    /** Why, for the events that say: a refused claim, a failed build, a retry, an ERROR, a failed move. */
    default String reason() {
        return null;
    }

    /** One method per kind of event. */
    interface Visitor<R> {
        R visit(BootRequested e);

        R visit(SchedulerCalled e);

        R visit(Filtered e);

        R visit(Weighed e);

        R visit(Selected e);

        R visit(Claimed e);

        R visit(ClaimConflict e);

        R visit(BuildStarted e);

        R visit(BuildFailed e);

        R visit(Unclaimed e);

        R visit(Rescheduled e);

        R visit(ArqCreated e);

        R visit(ArqBound e);

        R visit(Active e);

        R visit(Errored e);

        R visit(Deleted e);

        R visit(CellDown e);

        R visit(CellUp e);

        R visit(HostDisabled e);

        R visit(HostEnabled e);

        R visit(MigrationStarted e);

        R visit(MigrationConfirmed e);

        R visit(MigrationReverted e);

        R visit(MigrationFailed e);
    }

    /** A boot arrived at the API. */
    record BootRequested(long t, long seq, String instance, String name, String flavor) implements SimEvent {
        public EventType type() {
            return EventType.BOOT_REQUESTED;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /** A scheduler call and the Placement query it makes; {@code migration} when a move asked. */
    record SchedulerCalled(long t, long seq, String instance, int attempt, String query, String migration)
            implements SimEvent {
        public EventType type() {
            return EventType.SCHEDULER_CALLED;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /** One filter's pass: the hosts before and after it, and why each dropped host was dropped. */
    record Filtered(long t, long seq, String instance, String filter, int before, int after,
                    Map<String, String> dropped) implements SimEvent {
        public Filtered {
            dropped = view(dropped);
        }

        public EventType type() {
            return EventType.FILTERED;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /** The weighers ranked {@code hosts} hosts; the first few, best first. */
    record Weighed(long t, long seq, String instance, int hosts, List<Ranked> top) implements SimEvent {
        public Weighed {
            top = view(top);
        }

        public EventType type() {
            return EventType.WEIGHED;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * The scheduler's answer: the chosen host and the alternates (Queens); {@code selections}, the Selection
     * objects in full, only when the run records them (scenarios, the GUI).
     */
    record Selected(long t, long seq, String instance, String host, String cell, List<String> alternates,
                    List<Choice> selections) implements SimEvent {
        public Selected {
            alternates = view(alternates);
            selections = view(selections);
        }

        public EventType type() {
            return EventType.SELECTED;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * Placement took a claim {@code by} the scheduler, the cell conductor or the compute; {@code migration}
     * for a move's destination; {@code allocations} (provider name to amounts) when the run records them.
     */
    record Claimed(long t, long seq, String instance, String host, String cell, String by, boolean alternate,
                   String migration, Map<String, Map<String, Long>> allocations) implements SimEvent {
        public Claimed {
            allocations = view(allocations);
        }

        public EventType type() {
            return EventType.CLAIMED;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /** Placement refused a claim (its 409); {@code alternate} when the cell conductor tried an alternate. */
    record ClaimConflict(long t, long seq, String instance, String host, String by, boolean alternate, String reason)
            implements SimEvent {
        public EventType type() {
            return EventType.CLAIM_CONFLICT;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record BuildStarted(long t, long seq, String instance, String host, String cell) implements SimEvent {
        public EventType type() {
            return EventType.BUILD_STARTED;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record BuildFailed(long t, long seq, String instance, String host, String cell, String reason) implements SimEvent {
        public EventType type() {
            return EventType.BUILD_FAILED;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /** The instance's allocation was deleted after a failed build (or before an ERROR). */
    record Unclaimed(long t, long seq, String instance, String host) implements SimEvent {
        public EventType type() {
            return EventType.UNCLAIMED;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * A retry {@code via} an alternate (with its {@code host}) or via the scheduler (with the {@code reason}).
     */
    record Rescheduled(long t, long seq, String instance, String host, String via, int attempt, String reason)
            implements SimEvent {
        public EventType type() {
            return EventType.RESCHEDULED;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /** Cyborg's accelerator requests for the boot's device profile. */
    record ArqCreated(long t, long seq, String instance, String deviceProfile) implements SimEvent {
        public EventType type() {
            return EventType.ARQ_CREATED;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record ArqBound(long t, long seq, String instance, String host) implements SimEvent {
        public EventType type() {
            return EventType.ARQ_BOUND;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record Active(long t, long seq, String instance, String host, String cell) implements SimEvent {
        public EventType type() {
            return EventType.ACTIVE;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record Errored(long t, long seq, String instance, String reason) implements SimEvent {
        public EventType type() {
            return EventType.ERRORED;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record Deleted(long t, long seq, String instance, String host, String cell) implements SimEvent {
        public EventType type() {
            return EventType.DELETED;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /** A cell went down; its instances are listed as UNKNOWN meanwhile. */
    record CellDown(long t, long seq, String cell, long instancesUnknown) implements SimEvent {
        public EventType type() {
            return EventType.CELL_DOWN;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record CellUp(long t, long seq, String cell) implements SimEvent {
        public EventType type() {
            return EventType.CELL_UP;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record HostDisabled(long t, long seq, String host, String cell) implements SimEvent {
        public EventType type() {
            return EventType.HOST_DISABLED;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record HostEnabled(long t, long seq, String host, String cell) implements SimEvent {
        public EventType type() {
            return EventType.HOST_ENABLED;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /**
     * A move began: the {@code migration} consumer now holds the allocation on {@code source};
     * {@code migrationType} is {@code migration}, {@code resize} or {@code live-migration}.
     */
    record MigrationStarted(long t, long seq, String instance, String migration, String migrationType, String source,
                            String cell) implements SimEvent {
        public EventType type() {
            return EventType.MIGRATION_STARTED;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /** The move is confirmed on {@code host}; the migration's hold on {@code freed} (the source) is gone. */
    record MigrationConfirmed(long t, long seq, String instance, String migration, String host, String freed)
            implements SimEvent {
        public EventType type() {
            return EventType.MIGRATION_CONFIRMED;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    /** The move is reverted: the instance is back on {@code host}; the destination {@code freed}. */
    record MigrationReverted(long t, long seq, String instance, String migration, String host, String freed)
            implements SimEvent {
        public EventType type() {
            return EventType.MIGRATION_REVERTED;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    record MigrationFailed(long t, long seq, String instance, String migration, String reason) implements SimEvent {
        public EventType type() {
            return EventType.MIGRATION_FAILED;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visit(this);
        }
    }

    // read-only views, not copies: big runs log thousands of dropped hosts per filter, and nobody changes
    // what was reported afterwards
    private static <T> List<T> view(List<T> l) {
        return l == null ? null : Collections.unmodifiableList(l);
    }

    private static <K, V> Map<K, V> view(Map<K, V> m) {
        return m == null ? null : Collections.unmodifiableMap(m);
    }
}
