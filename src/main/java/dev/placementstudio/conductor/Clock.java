package dev.placementstudio.conductor;

/** Simulated time as the conductor sees it (the simulation's event queue provides it). */
public interface Clock {
    long now();

    void after(long delayMs, Runnable action);
}
