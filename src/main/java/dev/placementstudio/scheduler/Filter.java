package dev.placementstudio.scheduler;

/** A Nova host filter: null when the host passes, otherwise why it was dropped. */
public interface Filter {
    String name();

    String reject(HostState host, RequestSpec spec);

    /**
     * True when this request gives the filter nothing to check (no image, no server group, no hint...),
     * so every host passes and the scheduler need not ask host by host.
     */
    default boolean passesEveryHost(RequestSpec spec) {
        return false;
    }
}
