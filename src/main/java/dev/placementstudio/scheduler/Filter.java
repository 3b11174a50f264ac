package dev.placementstudio.scheduler;

/** A Nova host filter: null when the host passes, otherwise why it was dropped. */
public interface Filter {
    String name();

    String reject(HostState host, RequestSpec spec);
}
