package dev.placementstudio.model;

/**
 * One NUMA cell of a compute host.
 *
 * @param id the NUMA node id (0, 1, …)
 * @param cpus host CPUs for shared (floating) guests: the {@code cpu_shared_set}, reported as VCPU
 * @param pcpus host CPUs for pinned guests: the {@code cpu_dedicated_set}, reported as PCPU
 * @param memoryMb memory of the node
 * @param hugepages1g number of 1 GiB huge pages (informational; 0 when none)
 */
public record NumaNode(int id, int cpus, int pcpus, long memoryMb, Integer hugepages1g) {
    public NumaNode {
        hugepages1g = hugepages1g == null ? 0 : hugepages1g;
    }
}
