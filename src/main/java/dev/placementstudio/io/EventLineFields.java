package dev.placementstudio.io;

import dev.placementstudio.conductor.EventLog.Choice;
import dev.placementstudio.conductor.EventLog.Ranked;
import dev.placementstudio.sim.EventType;
import dev.placementstudio.sim.SimEvent;
import dev.placementstudio.sim.SimEvent.Active;
import dev.placementstudio.sim.SimEvent.ArqBound;
import dev.placementstudio.sim.SimEvent.ArqCreated;
import dev.placementstudio.sim.SimEvent.BootRequested;
import dev.placementstudio.sim.SimEvent.BuildFailed;
import dev.placementstudio.sim.SimEvent.BuildStarted;
import dev.placementstudio.sim.SimEvent.CellDown;
import dev.placementstudio.sim.SimEvent.CellUp;
import dev.placementstudio.sim.SimEvent.ClaimConflict;
import dev.placementstudio.sim.SimEvent.Claimed;
import dev.placementstudio.sim.SimEvent.Deleted;
import dev.placementstudio.sim.SimEvent.Errored;
import dev.placementstudio.sim.SimEvent.Filtered;
import dev.placementstudio.sim.SimEvent.HostDisabled;
import dev.placementstudio.sim.SimEvent.HostEnabled;
import dev.placementstudio.sim.SimEvent.MigrationConfirmed;
import dev.placementstudio.sim.SimEvent.MigrationFailed;
import dev.placementstudio.sim.SimEvent.MigrationReverted;
import dev.placementstudio.sim.SimEvent.MigrationStarted;
import dev.placementstudio.sim.SimEvent.Rescheduled;
import dev.placementstudio.sim.SimEvent.SchedulerCalled;
import dev.placementstudio.sim.SimEvent.Selected;
import dev.placementstudio.sim.SimEvent.Unclaimed;
import dev.placementstudio.sim.SimEvent.Weighed;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reading half of {@link EventLogJson}: a parsed line's fields into its record. A field a line lacks
 * (a run kept by an older version) reads as null, 0 or false; a field of the wrong kind is a problem
 * naming it; fields no record has are ignored.
 */
final class EventLineFields {
    private final Map<String, Object> m;
    private final String where;

    private EventLineFields(Map<String, Object> m, String where) {
        this.m = m;
        this.where = where;
    }

    static SimEvent event(EventType kind, long t, long seq, Map<String, Object> fields, String where)
            throws InputProblemException {
        EventLineFields f = new EventLineFields(fields, where);
        return switch (kind) {
            case BOOT_REQUESTED -> new BootRequested(t, seq, f.str("instance"), f.str("name"), f.str("flavor"));
            case SCHEDULER_CALLED -> new SchedulerCalled(t, seq, f.str("instance"), f.integer("attempt"), f.str("query"),
                    f.str("migration"));
            case FILTERED -> new Filtered(t, seq, f.str("instance"), f.str("filter"), f.integer("before"),
                    f.integer("after"), f.reasons("dropped"));
            case WEIGHED -> new Weighed(t, seq, f.str("instance"), f.integer("hosts"), f.ranked("top"));
            case SELECTED -> new Selected(t, seq, f.str("instance"), f.str("host"), f.str("cell"), f.strings("alternates"),
                    f.choices("selections"));
            case CLAIMED -> new Claimed(t, seq, f.str("instance"), f.str("host"), f.str("cell"), f.str("by"),
                    f.bool("alternate"), f.str("migration"), f.amounts(fields.get("allocations"), "allocations"));
            case CLAIM_CONFLICT -> new ClaimConflict(t, seq, f.str("instance"), f.str("host"), f.str("by"),
                    f.bool("alternate"), f.str("reason"));
            case BUILD_STARTED -> new BuildStarted(t, seq, f.str("instance"), f.str("host"), f.str("cell"));
            case BUILD_FAILED -> new BuildFailed(t, seq, f.str("instance"), f.str("host"), f.str("cell"), f.str("reason"));
            case UNCLAIMED -> new Unclaimed(t, seq, f.str("instance"), f.str("host"));
            case RESCHEDULED -> new Rescheduled(t, seq, f.str("instance"), f.str("host"), f.str("via"),
                    f.integer("attempt"), f.str("reason"));
            case ARQ_CREATED -> new ArqCreated(t, seq, f.str("instance"), f.str("device_profile"));
            case ARQ_BOUND -> new ArqBound(t, seq, f.str("instance"), f.str("host"));
            case ACTIVE -> new Active(t, seq, f.str("instance"), f.str("host"), f.str("cell"));
            case ERRORED -> new Errored(t, seq, f.str("instance"), f.str("reason"));
            case DELETED -> new Deleted(t, seq, f.str("instance"), f.str("host"), f.str("cell"));
            case CELL_DOWN -> new CellDown(t, seq, f.str("cell"), f.number("instances_unknown"));
            case CELL_UP -> new CellUp(t, seq, f.str("cell"));
            case HOST_DISABLED -> new HostDisabled(t, seq, f.str("host"), f.str("cell"));
            case HOST_ENABLED -> new HostEnabled(t, seq, f.str("host"), f.str("cell"));
            case MIGRATION_STARTED -> new MigrationStarted(t, seq, f.str("instance"), f.str("migration"),
                    f.str("migration_type"), f.str("source"), f.str("cell"));
            case MIGRATION_CONFIRMED -> new MigrationConfirmed(t, seq, f.str("instance"), f.str("migration"),
                    f.str("host"), f.str("freed"));
            case MIGRATION_REVERTED -> new MigrationReverted(t, seq, f.str("instance"), f.str("migration"),
                    f.str("host"), f.str("freed"));
            case MIGRATION_FAILED -> new MigrationFailed(t, seq, f.str("instance"), f.str("migration"), f.str("reason"));
        };
    }

    private InputProblemException wrong(String path, String what) {
        return new InputProblemException(where, 0, 0, path, "'" + path + "' should be " + what);
    }

    private String str(String key) throws InputProblemException {
        return string(m.get(key), key);
    }

    private String string(Object v, String path) throws InputProblemException {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw wrong(path, "a string");
    }

    private int integer(String key) throws InputProblemException {
        long n = number(key);
        if (n != (int) n) {
            throw wrong(key, "a whole number of int size");
        }
        return (int) n;
    }

    private long number(String key) throws InputProblemException {
        Object v = m.get(key);
        if (v == null) {
            return 0;
        }
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        throw wrong(key, "a whole number");
    }

    private boolean bool(String key) throws InputProblemException {
        Object v = m.get(key);
        if (v == null || v instanceof Boolean) {
            return Boolean.TRUE.equals(v);
        }
        throw wrong(key, "true or false");
    }

    private List<String> strings(String key) throws InputProblemException {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l)) {
            throw wrong(key, "a list of strings");
        }
        List<String> out = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            out.add(string(l.get(i), key + "[" + i + "]"));
        }
        return out;
    }

    /** Host to the reason it was dropped, in the line's order. */
    private Map<String, String> reasons(String key) throws InputProblemException {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw wrong(key, "an object of host to reason");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.put((String) e.getKey(), string(e.getValue(), key + "." + e.getKey()));
        }
        return out;
    }

    /** Provider name to resource class to amount. */
    private Map<String, Map<String, Long>> amounts(Object v, String path) throws InputProblemException {
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> byProvider)) {
            throw wrong(path, "an object of provider to amounts");
        }
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> p : byProvider.entrySet()) {
            String at = path + "." + p.getKey();
            if (!(p.getValue() instanceof Map<?, ?> byClass)) {
                throw wrong(at, "an object of resource class to amount");
            }
            Map<String, Long> amounts = new LinkedHashMap<>();
            for (Map.Entry<?, ?> rc : byClass.entrySet()) {
                if (!(rc.getValue() instanceof Integer || rc.getValue() instanceof Long)) {
                    throw wrong(at + "." + rc.getKey(), "a whole number");
                }
                amounts.put((String) rc.getKey(), ((Number) rc.getValue()).longValue());
            }
            out.put((String) p.getKey(), amounts);
        }
        return out;
    }

    private List<Ranked> ranked(String key) throws InputProblemException {
        List<Map<?, ?>> entries = objects(key);
        if (entries == null) {
            return null;
        }
        List<Ranked> out = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            String at = key + "[" + i + "]";
            Object w = entries.get(i).get("weight");
            Number weight;
            if (w instanceof Double || w == null) {
                weight = (Number) w;
            } else if (w instanceof Integer || w instanceof Long) {
                weight = ((Number) w).longValue(); // printed without decimals: kept so, to write back the same
            } else if (w instanceof Number n) {
                weight = new BigDecimal(n.toString()).doubleValue();
            } else {
                throw wrong(at + ".weight", "a number");
            }
            out.add(new Ranked(string(entries.get(i).get("host"), at + ".host"), weight));
        }
        return out;
    }

    private List<Choice> choices(String key) throws InputProblemException {
        List<Map<?, ?>> entries = objects(key);
        if (entries == null) {
            return null;
        }
        List<Choice> out = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            String at = key + "[" + i + "]";
            Map<?, ?> c = entries.get(i);
            out.add(new Choice(string(c.get("host"), at + ".host"), string(c.get("cell"), at + ".cell"),
                    amounts(c.get("allocation_request"), at + ".allocation_request")));
        }
        return out;
    }

    private List<Map<?, ?>> objects(String key) throws InputProblemException {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        List<Map<?, ?>> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (!(o instanceof Map<?, ?> map)) {
                    throw wrong(key, "a list of objects");
                }
                out.add(map);
            }
            return out;
        }
        throw wrong(key, "a list of objects");
    }
}
