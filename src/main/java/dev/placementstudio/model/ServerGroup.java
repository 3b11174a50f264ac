package dev.placementstudio.model;

/**
 * A Nova server group; its members are the instances that name it.
 *
 * @param maxServerPerHost the anti-affinity rule {@code max_server_per_host} (API 2.64): how many members
 *                         one host may hold; null means Nova's 1
 */
public record ServerGroup(String name, String uuid, ServerGroupPolicy policy, Integer maxServerPerHost) {
    public ServerGroup(String name, String uuid, ServerGroupPolicy policy) {
        this(name, uuid, policy, null);
    }

    public String effectiveUuid() {
        return uuid != null ? uuid : Ids.uuidFor("server-group", name);
    }

    /** Members one host may hold under anti-affinity. */
    public int effectiveMaxServerPerHost() {
        return maxServerPerHost == null ? 1 : maxServerPerHost;
    }
}
