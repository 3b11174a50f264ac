package dev.placementstudio.scheduler;

import java.util.List;
import java.util.Set;

/**
 * One NUMA cell of a compute as its driver reports it ({@code objects.NUMACell}): the host CPUs for
 * floating guests ({@code cpuset}, from {@code cpu_shared_set}) and for pinned ones ({@code pcpuset}, from
 * {@code cpu_dedicated_set}), memory, page sizes, what is used, the thread siblings and the physnets the
 * cell's NICs reach.
 *
 * @param memoryMb the cell's memory, MB
 * @param cpuUsage shared CPUs used by floating guests (vCPUs, overcommitted)
 * @param memoryUsage memory used by guests, MB
 * @param pinnedCpus dedicated CPUs already pinned to guests
 * @param siblings thread sibling sets (empty: no SMT)
 * @param mempages page sizes: 4 KiB pages always, huge pages when configured
 * @param socket the socket the cell is on, or null
 */
public record NumaCell(int id, Set<Integer> cpuset, Set<Integer> pcpuset, long memoryMb, int cpuUsage,
                       long memoryUsage, Set<Integer> pinnedCpus, List<Set<Integer>> siblings,
                       List<Mempages> mempages, Set<String> physnets, boolean tunneled, Integer socket) {
    /** Pages of one size in a cell ({@code objects.NUMAPagesTopology}). */
    public record Mempages(int sizeKb, long total, long used, long reserved) {
        public long free() {
            return total - used - reserved;
        }
    }

    public NumaCell {
        cpuset = Set.copyOf(cpuset == null ? Set.of() : cpuset);
        pcpuset = Set.copyOf(pcpuset == null ? Set.of() : pcpuset);
        pinnedCpus = Set.copyOf(pinnedCpus == null ? Set.of() : pinnedCpus);
        siblings = siblings == null ? List.of() : siblings.stream().map(Set::copyOf).toList();
        mempages = List.copyOf(mempages == null ? List.of(new Mempages(4, memoryMb * 256, 0, 0)) : mempages);
        physnets = Set.copyOf(physnets == null ? Set.of() : physnets);
    }

    public Set<Integer> freePcpus() {
        java.util.TreeSet<Integer> free = new java.util.TreeSet<>(pcpuset);
        free.removeAll(pinnedCpus);
        return free;
    }
}
