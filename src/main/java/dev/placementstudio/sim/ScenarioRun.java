package dev.placementstudio.sim;

import dev.placementstudio.conductor.Era;
import dev.placementstudio.model.InvalidModelException;
import dev.placementstudio.model.Projection;
import dev.placementstudio.placement.AllocationCandidates;
import dev.placementstudio.placement.PlacementEngine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scenario played: its run (and comparison run), and each narrative step tied to the event that
 * illustrates it, with its text filled in from that event.
 */
public final class ScenarioRun {
    /** One run of the scenario's workload under one era. */
    public record Run(Era era, List<SimEvent> events, Summary summary, Map<String, String> instanceNames) {
    }

    /**
     * A step as told: its text filled in, the event it is tied to ({@code eventIndex} in its run's log,
     * -1 for none), and what it points at.
     */
    public record Told(int number, Scenario.Step step, boolean compare, int eventIndex, SimEvent event, String text,
                       List<String> highlight, long queryCount) {
    }

    private final Scenario scenario;
    private final Run main;
    private final Run compare;
    private final List<Told> steps;

    private ScenarioRun(Scenario scenario, Run main, Run compare, List<Told> steps) {
        this.scenario = scenario;
        this.main = main;
        this.compare = compare;
        this.steps = steps;
    }

    /**
     * Runs the scenario and ties its steps to their events.
     *
     * @throws IllegalStateException naming the step whose event never happens (a broken scenario)
     */
    public static ScenarioRun play(Scenario s) throws InvalidModelException {
        Run main = run(s, s.era());
        Run compare = s.compareEra() == null ? null : run(s, s.compareEra());
        List<Told> told = new ArrayList<>();
        int[] cursor = {-1, -1};
        PlacementEngine initial = null;
        int n = 0;
        for (Scenario.Step step : s.steps()) {
            n++;
            long count = -1;
            if (step.query() != null) {
                if (initial == null) {
                    initial = PlacementEngine.fromState(Projection.project(s.model()));
                }
                AllocationCandidates c = initial.allocationCandidates(step.query());
                count = c.size();
            }
            if (step.at() == null) {
                String text = fill(step.text(), Map.of(), null, count);
                told.add(new Told(n, step, step.compare(), -1, null, text, step.highlight(), count));
                continue;
            }
            Run r = step.compare() ? compare : main;
            if (r == null) {
                throw new IllegalStateException("scenario " + s.name() + ", step " + n + ": refers to the comparison run,"
                        + " but the scenario has no compare_era");
            }
            int c = step.compare() ? 1 : 0;
            int found = find(r, step.at(), cursor[c] + 1);
            if (found < 0) {
                throw new IllegalStateException("scenario " + s.name() + ", step " + n + " (" + step.title() + "): no "
                        + describe(step.at()) + " in the " + r.era().label() + " run after event #" + (cursor[c] + 1));
            }
            cursor[c] = found;
            SimEvent e = r.events().get(found);
            List<String> highlight = step.highlight();
            if (highlight.isEmpty()) {
                Set<String> h = new LinkedHashSet<>();
                String source = e instanceof SimEvent.MigrationStarted m ? m.source() : null;
                String freed = e instanceof SimEvent.MigrationConfirmed confirmed ? confirmed.freed()
                        : e instanceof SimEvent.MigrationReverted reverted ? reverted.freed() : null;
                for (String host : java.util.Arrays.asList(e.host(), source, freed)) {
                    if (host != null) {
                        h.add("host:" + host);
                    }
                }
                if (e.cell() != null) {
                    h.add("cell:" + e.cell());
                }
                highlight = List.copyOf(h);
            }
            told.add(new Told(n, step, step.compare(), found, e, fill(step.text(), byLogName(e),
                    e.instance() == null ? null : r.instanceNames().get(e.instance()), count), highlight, count));
        }
        return new ScenarioRun(s, main, compare, List.copyOf(told));
    }

    private static Run run(Scenario s, Era era) throws InvalidModelException {
        Simulation sim = new Simulation(s.model(), s.workload(),
                new Simulation.Settings(s.seed(), era, s.schedulers(), s.maxAttempts()), true);
        sim.conductor().recordSelections(true);
        Summary summary = sim.run();
        List<SimEvent> events = sim.trace().events();
        Map<String, String> names = new java.util.HashMap<>();
        for (SimEvent e : events) {
            if (e instanceof SimEvent.BootRequested b) {
                names.put(b.instance(), String.valueOf(b.name()));
            }
        }
        return new Run(era, events, summary, Map.copyOf(names));
    }

    private static int find(Run r, Scenario.EventMatch m, int from) {
        String uuid = null;
        if (m.instance() != null) {
            int boots = 0;
            for (SimEvent e : r.events()) {
                if (e.type() == EventType.BOOT_REQUESTED && ++boots == m.instance()) {
                    uuid = e.instance();
                    break;
                }
            }
            if (uuid == null) {
                return -1;
            }
        }
        int seen = 0;
        for (int i = Math.max(0, from); i < r.events().size(); i++) {
            SimEvent e = r.events().get(i);
            if (!e.type().label().equals(m.type()) || uuid != null && !uuid.equals(e.instance())) {
                continue;
            }
            boolean all = true;
            Map<String, Object> fields = m.fields().isEmpty() ? Map.of() : byLogName(e);
            for (var f : m.fields().entrySet()) {
                if (!f.getValue().equals(String.valueOf(fields.get(f.getKey())))) {
                    all = false;
                    break;
                }
            }
            if (all && ++seen == m.nth()) {
                return i;
            }
        }
        return -1;
    }

    static String describe(Scenario.EventMatch m) {
        StringBuilder sb = new StringBuilder(m.type()).append(" event");
        if (m.instance() != null) {
            sb.append(" of instance #").append(m.instance());
        }
        if (!m.fields().isEmpty()) {
            sb.append(" with ").append(new java.util.TreeMap<>(m.fields()));
        }
        if (m.nth() > 1) {
            sb.append(" (the ").append(m.nth()).append("th)");
        }
        return sb.toString();
    }

    /**
     * The event's fields by the names a scenario file gives them, the event log's: each record component
     * but t and seq, in snake_case ({@code {device_profile}}), those that are null left out.
     */
    static Map<String, Object> byLogName(SimEvent e) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (java.lang.reflect.RecordComponent c : e.getClass().getRecordComponents()) {
            if (c.getName().equals("t") || c.getName().equals("seq")) {
                continue;
            }
            Object v;
            try {
                v = c.getAccessor().invoke(e);
            } catch (ReflectiveOperationException unreachable) {
                throw new IllegalStateException(unreachable);
            }
            if (v != null) {
                out.put(c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT), v);
            }
        }
        return out;
    }

    private static String fill(String text, Map<String, Object> fields, String name, long count) {
        String out = text;
        for (var f : fields.entrySet()) {
            out = out.replace("{" + f.getKey() + "}", String.valueOf(f.getValue()));
        }
        if (name != null) {
            out = out.replace("{name}", name);
        }
        if (count >= 0) {
            out = out.replace("{count}", Long.toString(count));
        }
        return out;
    }

    public Scenario scenario() {
        return scenario;
    }

    public Run main() {
        return main;
    }

    /** The comparison run, or null. */
    public Run compare() {
        return compare;
    }

    public List<Told> steps() {
        return steps;
    }
}
