package dev.placementstudio.sim;

import java.util.Locale;

/** The kinds of events in a simulation's log, one {@link SimEvent} record each; the label is the JSON {@code type}. */
public enum EventType {
    BOOT_REQUESTED, SCHEDULER_CALLED, FILTERED, WEIGHED, SELECTED, CLAIMED, CLAIM_CONFLICT,
    BUILD_STARTED, BUILD_FAILED, UNCLAIMED, RESCHEDULED, ARQ_CREATED, ARQ_BOUND, ACTIVE, ERRORED, DELETED,
    CELL_DOWN, CELL_UP, HOST_DISABLED, HOST_ENABLED, MIGRATION_STARTED, MIGRATION_CONFIRMED, MIGRATION_REVERTED,
    MIGRATION_FAILED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
