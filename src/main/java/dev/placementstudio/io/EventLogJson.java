package dev.placementstudio.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.placementstudio.sim.Summary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The event log as JSON lines, both ways: the one writer of event lines ({@code simulate --events},
 * {@code scenario run --events}, the runs kept in a {@code .db}, the GUI's export), and the reader that
 * gives them back as the same records, with the summary line, so that a kept run can be played again
 * without recomputing it. The writer is hand-made rather than Jackson's so that its bytes are fixed:
 * t, seq, type, then each record's fields in declaration order (snake_case, a null field left out),
 * {@code ", "} and {@code ": "} separators, and numbers as the determinism contract has them.
 */
public final class EventLogJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private EventLogJson() {
    }

    /** Writes a log atomically, one JSON object per line, as {@code simulate --events} does. */
    public static void writeLines(java.nio.file.Path file, List<SimEvent> log) throws java.io.IOException {
        Line line = new Line(new StringBuilder(log.size() * 128));
        for (SimEvent e : log) {
            line.write(e).append('\n');
        }
        AtomicFiles.write(file, line.sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** One event's line, without its newline. */
    public static String line(SimEvent e) {
        return new Line(new StringBuilder(96)).write(e).toString();
    }

    /** The writer: one method per kind of event, naming its fields in the record's order. */
    private static final class Line implements SimEvent.Visitor<StringBuilder> {
        final StringBuilder sb;

        Line(StringBuilder sb) {
            this.sb = sb;
        }

        StringBuilder write(SimEvent e) {
            sb.append("{\"t\": ").append(e.t()).append(", \"seq\": ").append(e.seq()).append(", \"type\": \"")
                    .append(e.type().label()).append('"');
            return e.accept(this).append('}');
        }

        @Override
        public StringBuilder visit(BootRequested e) {
            str("instance", e.instance()).str("name", e.name()).str("flavor", e.flavor());
            return sb;
        }

        @Override
        public StringBuilder visit(SchedulerCalled e) {
            str("instance", e.instance()).num("attempt", e.attempt()).str("query", e.query())
                    .str("migration", e.migration());
            return sb;
        }

        @Override
        public StringBuilder visit(Filtered e) {
            str("instance", e.instance()).str("filter", e.filter()).num("before", e.before()).num("after", e.after());
            if (e.dropped() != null) {
                key("dropped").append('{');
                String sep = "";
                for (Map.Entry<String, String> d : e.dropped().entrySet()) {
                    sb.append(sep);
                    sep = ", ";
                    string(d.getKey()).append(": ");
                    string(d.getValue());
                }
                sb.append('}');
            }
            return sb;
        }

        @Override
        public StringBuilder visit(Weighed e) {
            str("instance", e.instance()).num("hosts", e.hosts());
            if (e.top() != null) {
                key("top").append('[');
                String sep = "";
                for (Ranked r : e.top()) {
                    sb.append(sep).append("{\"host\": ");
                    sep = ", ";
                    string(r.host()).append(", \"weight\": ");
                    number(r.weight()).append('}');
                }
                sb.append(']');
            }
            return sb;
        }

        @Override
        public StringBuilder visit(Selected e) {
            str("instance", e.instance()).str("host", e.host()).str("cell", e.cell());
            if (e.alternates() != null) {
                key("alternates").append('[');
                String sep = "";
                for (String a : e.alternates()) {
                    sb.append(sep);
                    sep = ", ";
                    string(a);
                }
                sb.append(']');
            }
            if (e.selections() != null) {
                key("selections").append('[');
                String sep = "";
                for (Choice c : e.selections()) {
                    sb.append(sep).append("{\"host\": ");
                    sep = ", ";
                    string(c.host()).append(", \"cell\": ");
                    string(c.cell());
                    if (c.allocationRequest() != null) {
                        sb.append(", \"allocation_request\": ");
                        amounts(c.allocationRequest());
                    }
                    sb.append('}');
                }
                sb.append(']');
            }
            return sb;
        }

        @Override
        public StringBuilder visit(Claimed e) {
            str("instance", e.instance()).str("host", e.host()).str("cell", e.cell()).str("by", e.by())
                    .bool("alternate", e.alternate()).str("migration", e.migration());
            if (e.allocations() != null) {
                key("allocations");
                amounts(e.allocations());
            }
            return sb;
        }

        @Override
        public StringBuilder visit(ClaimConflict e) {
            str("instance", e.instance()).str("host", e.host()).str("by", e.by());
            if (e.alternate()) { // said only of the cell conductor's tries
                bool("alternate", true);
            }
            str("reason", e.reason());
            return sb;
        }

        @Override
        public StringBuilder visit(BuildStarted e) {
            str("instance", e.instance()).str("host", e.host()).str("cell", e.cell());
            return sb;
        }

        @Override
        public StringBuilder visit(BuildFailed e) {
            str("instance", e.instance()).str("host", e.host()).str("cell", e.cell()).str("reason", e.reason());
            return sb;
        }

        @Override
        public StringBuilder visit(Unclaimed e) {
            str("instance", e.instance()).str("host", e.host());
            return sb;
        }

        @Override
        public StringBuilder visit(Rescheduled e) {
            str("instance", e.instance()).str("host", e.host()).str("via", e.via()).num("attempt", e.attempt())
                    .str("reason", e.reason());
            return sb;
        }

        @Override
        public StringBuilder visit(ArqCreated e) {
            str("instance", e.instance()).str("device_profile", e.deviceProfile());
            return sb;
        }

        @Override
        public StringBuilder visit(ArqBound e) {
            str("instance", e.instance()).str("host", e.host());
            return sb;
        }

        @Override
        public StringBuilder visit(Active e) {
            str("instance", e.instance()).str("host", e.host()).str("cell", e.cell());
            return sb;
        }

        @Override
        public StringBuilder visit(Errored e) {
            str("instance", e.instance()).str("reason", e.reason());
            return sb;
        }

        @Override
        public StringBuilder visit(Deleted e) {
            str("instance", e.instance()).str("host", e.host()).str("cell", e.cell());
            return sb;
        }

        @Override
        public StringBuilder visit(CellDown e) {
            str("cell", e.cell()).num("instances_unknown", e.instancesUnknown());
            return sb;
        }

        @Override
        public StringBuilder visit(CellUp e) {
            str("cell", e.cell());
            return sb;
        }

        @Override
        public StringBuilder visit(HostDisabled e) {
            str("host", e.host()).str("cell", e.cell());
            return sb;
        }

        @Override
        public StringBuilder visit(HostEnabled e) {
            str("host", e.host()).str("cell", e.cell());
            return sb;
        }

        @Override
        public StringBuilder visit(MigrationStarted e) {
            str("instance", e.instance()).str("migration", e.migration()).str("migration_type", e.migrationType())
                    .str("source", e.source()).str("cell", e.cell());
            return sb;
        }

        @Override
        public StringBuilder visit(MigrationConfirmed e) {
            str("instance", e.instance()).str("migration", e.migration()).str("host", e.host())
                    .str("freed", e.freed());
            return sb;
        }

        @Override
        public StringBuilder visit(MigrationReverted e) {
            str("instance", e.instance()).str("migration", e.migration()).str("host", e.host())
                    .str("freed", e.freed());
            return sb;
        }

        @Override
        public StringBuilder visit(MigrationFailed e) {
            str("instance", e.instance()).str("migration", e.migration()).str("reason", e.reason());
            return sb;
        }

        // ---------------------------------------------------------------- fields and values

        private StringBuilder key(String name) {
            return sb.append(", \"").append(name).append("\": ");
        }

        private Line str(String name, String v) {
            if (v != null) {
                key(name);
                string(v);
            }
            return this;
        }

        private Line num(String name, long v) {
            key(name).append(v);
            return this;
        }

        private Line bool(String name, boolean v) {
            key(name).append(v);
            return this;
        }

        /** Provider to resource class to amount, in the map's own (sorted) order. */
        private StringBuilder amounts(Map<String, Map<String, Long>> byProvider) {
            sb.append('{');
            String sep = "";
            for (Map.Entry<String, Map<String, Long>> p : byProvider.entrySet()) {
                sb.append(sep);
                sep = ", ";
                string(p.getKey()).append(": ");
                if (p.getValue() == null) {
                    sb.append("null");
                    continue;
                }
                sb.append('{');
                String sep2 = "";
                for (Map.Entry<String, Long> rc : p.getValue().entrySet()) {
                    sb.append(sep2);
                    sep2 = ", ";
                    string(rc.getKey()).append(": ").append(rc.getValue());
                }
                sb.append('}');
            }
            return sb.append('}');
        }

        /** A weight: a Double with at most six significant digits, a whole one with {@code .0}. */
        private StringBuilder number(Number v) {
            if (v instanceof Double d) {
                if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                    return sb.append((long) d.doubleValue()).append(".0");
                }
                return sb.append(String.format(Locale.ROOT, "%.6g", d).replaceAll("0+$", "").replaceAll("\\.$", ".0"));
            }
            return sb.append(v); // a Long read back from a log, or null
        }

        private StringBuilder string(String s) {
            if (s == null) {
                return sb.append("null");
            }
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            return sb.append('"');
        }
    }

    /** One event line; {@code where} names it in a problem ("run 'x', line 12"). */
    public static SimEvent parse(String line, String where) throws InputProblemException {
        Map<String, Object> m;
        try {
            m = MAPPER.readValue(line, MAP);
        } catch (JsonProcessingException e) {
            throw new InputProblemException(where, 0, 0, "", "not a JSON event: " + e.getOriginalMessage());
        }
        Object t = m.get("t");
        Object seq = m.get("seq");
        Object type = m.get("type");
        if (!(t instanceof Number) || !(seq instanceof Number) || !(type instanceof String)) {
            throw new InputProblemException(where, 0, 0, "", "an event needs a number t, a number seq and a type");
        }
        EventType kind;
        try {
            kind = EventType.valueOf(((String) type).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputProblemException(where, 0, 0, "type", "no event type '" + type + "'");
        }
        return EventLineFields.event(kind, ((Number) t).longValue(), ((Number) seq).longValue(), m, where);
    }

    public static List<SimEvent> parseAll(List<String> lines, String where) throws InputProblemException {
        List<SimEvent> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            out.add(parse(lines.get(i), where + ", event " + (i + 1)));
        }
        return out;
    }

    /**
     * The summary line {@code simulate} prints, a contract other tools read: these keys in this order, with
     * {@code ": "} and {@code ", "} between them, as Python's {@code json.dumps} writes them.
     */
    public static String summaryLine(Summary s) {
        return "{\"requested\": " + s.requested() + ", \"active\": " + s.active() + ", \"error\": " + s.error()
                + ", \"deleted\": " + s.deleted() + ", \"scheduler_calls\": " + s.schedulerCalls()
                + ", \"claim_conflicts\": " + s.claimConflicts() + ", \"reschedules\": " + s.reschedules()
                + ", \"alternate_claims\": " + s.alternateClaims() + ", \"sim_ms\": " + s.simMs()
                + ", \"wall_ms\": " + s.wallMs() + "}";
    }

    /** The summary line {@code simulate} prints, read back. */
    public static Summary summary(String line, String where) throws InputProblemException {
        try {
            var n = MAPPER.readTree(line);
            return new Summary(n.path("requested").asLong(), n.path("active").asLong(), n.path("error").asLong(),
                    n.path("deleted").asLong(), n.path("scheduler_calls").asLong(), n.path("claim_conflicts").asLong(),
                    n.path("reschedules").asLong(), n.path("alternate_claims").asLong(), n.path("sim_ms").asLong(),
                    n.path("wall_ms").asLong());
        } catch (JsonProcessingException e) {
            throw new InputProblemException(where, 0, 0, "", "not a summary: " + e.getOriginalMessage());
        }
    }
}
