package dev.placementstudio.model;

/**
 * A Nova cell v2: its own database, conductor and computes. {@code up=false} models a cell whose
 * database or message queue is unreachable: its hosts take no builds but its instances stay listed.
 */
public record Cell(String name, String uuid, Boolean up) {
    public Cell {
        up = up == null ? Boolean.TRUE : up;
    }

    public boolean isUp() {
        return up;
    }

    public Cell withUp(boolean value) {
        return new Cell(name, uuid, value);
    }
}
