package dev.placementstudio.sim;

import dev.placementstudio.conductor.Era;
import dev.placementstudio.model.CloudModel;

import java.util.List;
import java.util.Map;

/**
 * A scheduling story: a small model, a workload, a seed and an era (and optionally a second era run on the
 * same workload for comparison), with a narrative whose steps are tied to the events where they happen.
 *
 * @param compareEra a second era to run the same workload under, or null
 */
public record Scenario(String name, String title, String summary, CloudModel model, Workload workload, long seed,
                       Era era, int schedulers, int maxAttempts, Era compareEra, List<Step> steps) {
    public Scenario {
        steps = List.copyOf(steps);
    }

    /**
     * One step of the narrative. It is tied to an event ({@code at}) of the main run, or of the comparison
     * run when {@code compare} is true, or to an allocation-candidates query on the model as it starts
     * ({@code query}), or to nothing (an introduction). Its text may name the event's fields in braces:
     * {@code {host}}, {@code {cell}}, {@code {reason}}, {@code {name}} (the instance's name),
     * {@code {count}} (a query's number of allocation requests).
     *
     * @param highlight what the step points at ({@code host:NAME}, {@code cell:NAME}, {@code provider:NAME});
     *                  empty: the event's host (and source or freed host) and cell
     */
    public record Step(String title, String text, EventMatch at, boolean compare, String query, List<String> highlight) {
        public Step {
            highlight = highlight == null ? List.of() : List.copyOf(highlight);
        }
    }

    /**
     * The {@code nth} event (1-based, counted from the previous step's event in the same run) of this type
     * whose fields hold these values; {@code instance}, when set, is the boot's number in arrival order
     * (1-based).
     */
    public record EventMatch(String type, Integer instance, Map<String, String> fields, int nth) {
        public EventMatch {
            fields = fields == null ? Map.of() : Map.copyOf(fields);
            nth = Math.max(1, nth);
        }
    }
}
