package dev.placementstudio.conductor;

/** Where the conductor reports what happens: an event type (snake_case) and its fields as key, value pairs. */
public interface EventLog {
    void event(String type, Object... fields);
}
