package dev.placementstudio.model;

import java.util.List;
import java.util.Map;

/**
 * A server. When it runs on a host it is a Placement consumer; its allocations are derived from its
 * flavor, ports and device profile by the projection unless given explicitly.
 *
 * @param host the compute hostname or Ironic node name it runs on (null when not placed)
 * @param allocations optional explicit allocations: provider name to (resource class to amount)
 */
public record Instance(String name, String uuid, String flavor, String image, String host, String cell,
                       InstanceState state, String serverGroup, List<String> ports, String projectId,
                       String userId, Map<String, Map<String, Long>> allocations) {
    public static final String DEFAULT_PROJECT = "6f8c3b0a-0000-4000-8000-000000000001";
    public static final String DEFAULT_USER = "7a1d2c0b-0000-4000-8000-000000000002";

    public Instance {
        state = state == null ? (host == null ? InstanceState.ERROR : InstanceState.ACTIVE) : state;
        ports = List.copyOf(ports == null ? List.of() : ports);
        if (allocations != null) {
            Map<String, Map<String, Long>> copy = new java.util.TreeMap<>();
            allocations.forEach((k, v) -> copy.put(k, java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(v))));
            allocations = java.util.Collections.unmodifiableMap(copy);
        }
    }

    public String effectiveUuid() {
        return uuid != null ? uuid : Ids.uuidFor("instance", name);
    }

    public String effectiveProjectId() {
        return projectId != null ? projectId : DEFAULT_PROJECT;
    }

    public String effectiveUserId() {
        return userId != null ? userId : DEFAULT_USER;
    }

    public Instance withHost(String newHost, String newCell) {
        return new Instance(name, uuid, flavor, image, newHost, newCell, state, serverGroup, ports, projectId, userId,
                null);
    }
}
