package dev.placementstudio.sim;

/**
 * The last line of {@code simulate}: what became of the requested instances, and what it took
 * ({@code io.EventLogJson.summaryLine} writes it).
 */
public record Summary(long requested, long active, long error, long deleted, long schedulerCalls, long claimConflicts,
                      long reschedules, long alternateClaims, long simMs, long wallMs) {
}
