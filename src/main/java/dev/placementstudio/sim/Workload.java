package dev.placementstudio.sim;

import java.util.List;
import java.util.Map;

/**
 * What a simulation runs: groups of boots arriving at a rate or in a burst, migrations at a rate,
 * scheduled events (cells down and up, hosts disabled and enabled), faults, and step durations. The JSON
 * form uses the same names in snake_case (docs/simulation.md, "Workloads").
 */
public record Workload(List<Arrival> arrivals, List<MigrationLoad> migrations, List<ScheduledEvent> events,
                       FaultSpec faults, TimingSpec timing, List<Action> actions) {
    public Workload(List<Arrival> arrivals, List<MigrationLoad> migrations, List<ScheduledEvent> events,
                    FaultSpec faults, TimingSpec timing) {
        this(arrivals, migrations, events, faults, timing, null);
    }

    public Workload {
        actions = actions == null ? List.of() : List.copyOf(actions);
        arrivals = arrivals == null ? List.of() : List.copyOf(arrivals);
        migrations = migrations == null ? List.of() : List.copyOf(migrations);
        events = events == null ? List.of() : List.copyOf(events);
        faults = faults == null ? new FaultSpec(null, null, null, null, null) : faults;
        timing = timing == null ? new TimingSpec(null, null, null, null, null, null) : timing;
    }

    /**
     * @param ratePerS boots per second (a Poisson process); null or 0: all at {@code startMs}
     * @param lifetimeMs fixed lifetime before the instance is deleted; null: see {@code lifetimeMeanMs}
     * @param lifetimeMeanMs exponential lifetime with this mean; both null: the instance stays
     */
    public record Arrival(String flavor, Integer count, Double ratePerS, Long startMs, Long lifetimeMs,
                          Long lifetimeMeanMs, String serverGroup, String image, List<String> ports,
                          String deviceProfile, String availabilityZone) {
        public Arrival {
            ports = ports == null ? List.of() : List.copyOf(ports);
        }
    }

    /** @param type migration, resize or live-migration */
    public record MigrationLoad(String type, Integer count, Double ratePerS, Long startMs, String newFlavor,
                                Double revertProbability) {
    }

    /** @param type cell-down, cell-up, host-disable or host-enable */
    public record ScheduledEvent(Long atMs, String type, String cell, String host) {
    }

    /** @param failNextBinds host to the number of its next accelerator bindings that fail */
    public record FaultSpec(Double buildFailureProbability, Map<String, Double> hostFailureProbability,
                            Map<String, Integer> failNextBuilds, Double arqBindFailureProbability,
                            Map<String, Integer> failNextBinds) {
        public FaultSpec(Double buildFailureProbability, Map<String, Double> hostFailureProbability,
                         Map<String, Integer> failNextBuilds, Double arqBindFailureProbability) {
            this(buildFailureProbability, hostFailureProbability, failNextBuilds, arqBindFailureProbability, null);
        }
    }

    public record TimingSpec(Long scheduleMs, Long dispatchMs, Long buildMs, Long arqBindMs, Long migrationMs,
                             Long confirmMs) {
    }

    /** The types of a scripted {@link Action}. */
    public static final List<String> ACTION_TYPES = List.of("boot", "delete", "fail-next-builds", "host-disable",
            "host-enable");

    /**
     * One step of a scripted sequence, run in list order: a named boot of {@code count} instances asked for
     * together (Nova's {@code min_count = max_count}: one scheduler call; named NAME-1..NAME-N when more than
     * one), the delete of a named server, "the next {@code builds} builds on {@code host} fail" from now on,
     * a host disabled or enabled.
     *
     * @param atMs when it runs; null: one minute after the previous action (the first at 0), time enough for
     *             the builds before it to finish
     */
    public record Action(Long atMs, String action, String name, String flavor, String image, String serverGroup,
                         String availabilityZone, Integer count, String server, String host, Integer builds) {
    }
}
