package dev.placementstudio.model;

/** A Nova server group; its members are the instances that name it. */
public record ServerGroup(String name, String uuid, ServerGroupPolicy policy) {
    public String effectiveUuid() {
        return uuid != null ? uuid : Ids.uuidFor("server-group", name);
    }
}
