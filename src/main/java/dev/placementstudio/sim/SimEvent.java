package dev.placementstudio.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the event log: when ({@code t}, ms), its place in the order ({@code seq}), its type and its
 * fields in a fixed order. Field names other tools read: {@code instance}, {@code host}, {@code cell},
 * {@code reason}; {@code by} and {@code alternate} on {@code claimed}; {@code filter}, {@code before},
 * {@code after}, {@code dropped} on {@code filtered}. Written and read as JSON lines by {@code io.EventLogJson}.
 */
public record SimEvent(long t, long seq, EventType type, Map<String, Object> fields) {
    public SimEvent {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Object get(String field) {
        return fields.get(field);
    }

    public String instance() {
        Object v = fields.get("instance");
        return v == null ? null : v.toString();
    }
}
