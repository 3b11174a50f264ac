package dev.placementstudio.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.sim.EventType;
import dev.placementstudio.sim.SimEvent;
import dev.placementstudio.sim.Summary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The event log as JSON lines, both ways: the one writer of event lines ({@code simulate --events},
 * {@code scenario run --events}, the runs kept in a {@code .db}, the GUI's export), and the reader that
 * gives them back, with the summary line, so that a kept run can be played again without recomputing it.
 * The writer is hand-made rather than Jackson's so that its bytes are fixed: field order as recorded,
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
        StringBuilder sb = new StringBuilder(log.size() * 128);
        for (SimEvent e : log) {
            line(sb, e).append('\n');
        }
        AtomicFiles.write(file, sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** One event's line (without its newline): t, seq, type, then the fields as recorded. */
    public static String line(SimEvent e) {
        return line(new StringBuilder(96), e).toString();
    }

    private static StringBuilder line(StringBuilder sb, SimEvent e) {
        sb.append("{\"t\": ").append(e.t()).append(", \"seq\": ").append(e.seq()).append(", \"type\": \"")
                .append(e.type().label()).append('"');
        for (Map.Entry<String, Object> f : e.fields().entrySet()) {
            sb.append(", ");
            string(sb, f.getKey());
            sb.append(": ");
            value(sb, f.getValue());
        }
        return sb.append('}');
    }

    private static void string(StringBuilder sb, String s) {
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
        sb.append('"');
    }

    private static void value(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            sb.append(v);
        } else if (v instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                sb.append((long) d.doubleValue()).append(".0");
            } else {
                sb.append(String.format(Locale.ROOT, "%.6g", d).replaceAll("0+$", "").replaceAll("\\.$", ".0"));
            }
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                value(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                value(sb, o);
            }
            sb.append(']');
        } else {
            string(sb, v.toString());
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
        Object t = m.remove("t");
        Object seq = m.remove("seq");
        Object type = m.remove("type");
        if (!(t instanceof Number) || !(seq instanceof Number) || !(type instanceof String)) {
            throw new InputProblemException(where, 0, 0, "", "an event needs a number t, a number seq and a type");
        }
        EventType kind;
        try {
            kind = EventType.valueOf(((String) type).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputProblemException(where, 0, 0, "type", "no event type '" + type + "'");
        }
        return new SimEvent(((Number) t).longValue(), ((Number) seq).longValue(), kind, m);
    }

    public static List<SimEvent> parseAll(List<String> lines, String where) throws InputProblemException {
        List<SimEvent> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            out.add(parse(lines.get(i), where + ", event " + (i + 1)));
        }
        return out;
    }

    /** The summary line {@code simulate} prints. */
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
