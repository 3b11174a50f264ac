package dev.placementstudio.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.sim.EventType;
import dev.placementstudio.sim.SimEvent;
import dev.placementstudio.sim.Summary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads back what a run wrote: event lines ({@code simulate --events}, the runs kept in a {@code .db})
 * and the summary line, so that a kept run can be played again without recomputing it.
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
            sb.append(e.toJson()).append('\n');
        }
        AtomicFiles.write(file, sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
