package dev.placementstudio.scheduler;

import dev.placementstudio.model.HostStatus;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the scheduler knows of a compute node besides Placement: its service, cell, aggregates and the
 * instances it runs (Nova's HostManager view).
 *
 * @param aggregateMetadata metadata of the host's aggregates, key to the values found
 * @param ioOps instances building or migrating on the host now
 */
public record HostInfo(String name, String uuid, String cell, String rack, List<String> aggregates,
                       String availabilityZone, Map<String, Set<String>> aggregateMetadata, HostStatus status,
                       boolean cellUp, String hypervisorType, Set<String> traits, int numaNodes, boolean baremetal,
                       Set<String> instances, int ioOps, int failedBuilds) {
}
