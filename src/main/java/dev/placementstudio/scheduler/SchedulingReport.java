package dev.placementstudio.scheduler;

import java.util.List;
import java.util.Map;

/**
 * Everything one scheduling decision did, for the event log, the GUI theatre and {@code explain}.
 *
 * @param query the allocation-candidates query sent to Placement
 * @param candidates allocation requests Placement returned
 * @param hostsFromPlacement hosts they were on, in Placement's order
 * @param filters each filter with the hosts before and after it and why each was dropped
 * @param weights each host's weigher values (raw and normalized) and total, best first
 * @param selections chosen (claimed) host first, then alternates; empty when no valid host
 * @param conflicts hosts whose claim lost a race (the claim was refused), in order
 */
public record SchedulingReport(String query, int candidates, List<String> hostsFromPlacement,
                               List<FilterStep> filters, List<HostWeight> weights, List<Selection> selections,
                               List<String> conflicts, String noValidHostReason) {
    public record FilterStep(String filter, int before, int after, Map<String, String> dropped) {
    }

    public record WeigherValue(String weigher, double raw, double normalized, double multiplier) {
    }

    public record HostWeight(String host, double total, List<WeigherValue> values) {
    }
}
