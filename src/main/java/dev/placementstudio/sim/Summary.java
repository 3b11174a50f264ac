package dev.placementstudio.sim;

/** The last line of {@code simulate}: what became of the requested instances, and what it took. */
public record Summary(long requested, long active, long error, long deleted, long schedulerCalls, long claimConflicts,
                      long reschedules, long alternateClaims, long simMs, long wallMs) {
    public String toJson() {
        return "{\"requested\": " + requested + ", \"active\": " + active + ", \"error\": " + error + ", \"deleted\": "
                + deleted + ", \"scheduler_calls\": " + schedulerCalls + ", \"claim_conflicts\": " + claimConflicts
                + ", \"reschedules\": " + reschedules + ", \"alternate_claims\": " + alternateClaims + ", \"sim_ms\": "
                + simMs + ", \"wall_ms\": " + wallMs + "}";
    }
}
