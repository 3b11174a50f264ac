package dev.placementstudio.conductor;

import java.util.List;
import java.util.Map;

/**
 * Where the conductor reports what happens, one method per kind of event, with its fields in the order
 * the event log keeps them. The simulation stamps each with the time and a sequence number (the
 * conductor knows neither). A null argument is a field the event does not have this time.
 */
public interface EventLog {
    /**
     * A host as the weighers ranked it. {@code weight} is a Double as reported; read back from a log it
     * may be a Long, where the log's six significant digits left no decimals (-499998), so that a log
     * read and written again gives the same bytes.
     */
    record Ranked(String host, Number weight) {
    }

    /**
     * One Selection object as the scheduler returned it: the host, its cell and (Queens on) the
     * allocation request by provider name, which a retry on it claims; null before Queens.
     */
    record Choice(String host, String cell, Map<String, Map<String, Long>> allocationRequest) {
    }

    void bootRequested(String instance, String name, String flavor);

    void schedulerCalled(String instance, int attempt, String query, String migration);

    void filtered(String instance, String filter, int before, int after, Map<String, String> dropped);

    void weighed(String instance, int hosts, List<Ranked> top);

    void selected(String instance, String host, String cell, List<String> alternates, List<Choice> selections);

    void claimed(String instance, String host, String cell, String by, boolean alternate, String migration,
                 Map<String, Map<String, Long>> allocations);

    void claimConflict(String instance, String host, String by, boolean alternate, String reason);

    void buildStarted(String instance, String host, String cell);

    void buildFailed(String instance, String host, String cell, String reason);

    void unclaimed(String instance, String host);

    void rescheduled(String instance, String host, String via, int attempt, String reason);

    void arqCreated(String instance, String deviceProfile);

    void arqBound(String instance, String host);

    void active(String instance, String host, String cell);

    void errored(String instance, String reason);

    void deleted(String instance, String host, String cell);

    void cellDown(String cell, long instancesUnknown);

    void cellUp(String cell);

    void hostDisabled(String host, String cell);

    void hostEnabled(String host, String cell);

    void migrationStarted(String instance, String migration, String migrationType, String source, String cell);

    void migrationConfirmed(String instance, String migration, String host, String freed);

    void migrationReverted(String instance, String migration, String host, String freed);

    void migrationFailed(String instance, String migration, String reason);
}
