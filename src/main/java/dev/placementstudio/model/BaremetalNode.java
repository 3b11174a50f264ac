package dev.placementstudio.model;

import java.util.List;

/**
 * An Ironic bare-metal node. Placement sees it as a root provider with one unit of its custom resource
 * class (total 1, max_unit 1): a flavor takes the whole node or nothing.
 *
 * @param resourceClass the node's custom class, e.g. {@code CUSTOM_BAREMETAL_GOLD}
 * @param traits traits such as {@code CUSTOM_RAID1}
 */
public record BaremetalNode(String name, String uuid, String cell, String rack, String resourceClass,
                            List<String> traits, List<String> aggregates, Integer cpus, Long memoryMb,
                            Long diskGb, HostStatus status) {
    public BaremetalNode {
        traits = List.copyOf(traits == null ? List.of() : traits);
        aggregates = List.copyOf(aggregates == null ? List.of() : aggregates);
        cpus = cpus == null ? 0 : cpus;
        memoryMb = memoryMb == null ? 0L : memoryMb;
        diskGb = diskGb == null ? 0L : diskGb;
        status = status == null ? HostStatus.ENABLED : status;
    }

    public String effectiveUuid() {
        return uuid != null ? uuid : Ids.uuidFor("ironic", name);
    }
}
