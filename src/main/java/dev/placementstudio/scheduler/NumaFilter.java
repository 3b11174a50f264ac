package dev.placementstudio.scheduler;

import dev.placementstudio.model.FilterOptions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * NUMATopologyFilter ({@code numa_topology_filter.py}): the instance's NUMA constraints
 * ({@link NumaRequest}, from {@code hw:numa_nodes}, {@code hw:cpu_policy}, {@code hw:cpu_thread_policy},
 * {@code hw:mem_page_size}, …) must fit the host's cells as {@code hardware.numa_fit_instance_to_host}
 * fits them: each instance cell on its own host cell (memory and page size, shared CPUs within the
 * allocation ratios, dedicated CPUs pinned by the thread policy), the PCI requests met with the chosen
 * cells' NUMA affinity.
 */
final class NumaFilter {
    private NumaFilter() {
    }

    static boolean inert(RequestSpec s) {
        Map<String, String> e = s.flavor().extraSpecs();
        Map<String, String> p = s.image() == null ? Map.of() : s.image().properties();
        for (String k : e.keySet()) {
            if (k.startsWith("hw:") || k.startsWith("resources") || k.startsWith("trait")) {
                return false;
            }
        }
        for (String k : p.keySet()) {
            if (k.startsWith("hw_")) {
                return false;
            }
        }
        return true;
    }

    static String reject(HostState h, RequestSpec s, FilterOptions o) {
        NumaRequest want = NumaRequest.of(s.flavor(), s.image());
        if (want.refused() != null) {
            return "Nova refuses the request: " + want.refused();
        }
        ComputeNode c = h.compute();
        List<NumaCell> host = c.numaTopology();
        if (host.isEmpty()) {
            return want.cells().isEmpty() ? null : "the instance has a NUMA topology, the host reports none";
        }
        Map<String, String> e = s.flavor().extraSpecs();
        Map<String, String> props = s.image() == null ? Map.of() : s.image().properties();
        // _satisfies_cpu_policy reads the raw extra spec and image property, not the derived constraint
        boolean dedicated = "dedicated".equals(e.get("hw:cpu_policy")) || "dedicated".equals(props.get("hw_cpu_policy"));
        boolean require = "require".equals(e.get("hw:cpu_thread_policy"))
                || "require".equals(props.get("hw_cpu_thread_policy"));
        if (dedicated && require && host.stream().noneMatch(cell -> cell.siblings().stream().anyMatch(x -> x.size() > 1))) {
            return "hw:cpu_thread_policy=require needs hyperthreads, the host has none";
        }
        if (want.cells().isEmpty()) {
            return null;
        }
        PciRequests.Requests pci = PciRequests.of(s, o);
        if (pci.refused() != null) {
            return "Nova refuses the request: " + pci.refused();
        }
        return fit(c, host, want, pci.requests()) ? null
                : "the instance's " + want.cells().size() + " NUMA cell(s) do not fit the host's " + host.size();
    }

    /** An instance cell during fitting; Nova gives it the id of the host cell it last fitted. */
    private static final class Cell {
        int id;
        /** Nova sets the page size it found before checking the CPUs, and keeps it even when they fail. */
        int pagesize;
        final NumaRequest.Cell want;

        Cell(NumaRequest.Cell want) {
            this.want = want;
            this.id = want.id();
            this.pagesize = want.pagesize();
        }
    }

    /** {@code numa_fit_instance_to_host}, down to its host cell order and its (host, instance id) caches. */
    static boolean fit(ComputeNode c, List<NumaCell> hostCells, NumaRequest want, List<PciRequests.Request> pci) {
        int k = want.cells().size();
        if (hostCells.size() < k) {
            return false;
        }
        List<NumaCell> order = new ArrayList<>(hostCells);
        if (hostCells.size() > k) {
            order.sort(Comparator.comparingLong((NumaCell x) -> x.memoryMb() - x.memoryUsage()).reversed());
            String policy = want.cells().get(0).policy();
            if (policy == null || policy.equals("shared")) {
                order.sort(Comparator.comparingInt(NumaCell::cpuUsage));
            } else {
                order.sort(Comparator.comparingInt((NumaCell x) -> x.freePcpus().size()).reversed());
            }
            Map<Integer, Integer> perCell = new java.util.HashMap<>();
            for (PciPool p : c.pciPools()) {
                perCell.merge(p.numaNode() == null ? Integer.MIN_VALUE : p.numaNode(), p.count(), Integer::sum);
            }
            Comparator<NumaCell> byPci = Comparator.comparingInt(x -> perCell.getOrDefault(x.id(), 0));
            order.sort(pci.isEmpty() ? byPci : byPci.reversed());
        }
        List<Cell> cells = new ArrayList<>();
        want.cells().forEach(w -> cells.add(new Cell(w)));
        java.util.Set<Long> notFit = new java.util.HashSet<>();
        java.util.Set<Long> fits = new java.util.HashSet<>();
        int[] perm = new int[k];
        boolean[] used = new boolean[order.size()];
        return permute(0, perm, used, order, cells, notFit, fits, c, want, pci);
    }

    private static boolean permute(int depth, int[] perm, boolean[] used, List<NumaCell> order, List<Cell> cells,
                                   java.util.Set<Long> notFit, java.util.Set<Long> fits, ComputeNode c,
                                   NumaRequest want, List<PciRequests.Request> pci) {
        if (depth == perm.length) {
            return tryPermutation(perm, order, cells, notFit, fits, c, want, pci);
        }
        for (int i = 0; i < order.size(); i++) {
            if (!used[i]) {
                used[i] = true;
                perm[depth] = i;
                if (permute(depth + 1, perm, used, order, cells, notFit, fits, c, want, pci)) {
                    return true;
                }
                used[i] = false;
            }
        }
        return false;
    }

    private static long pair(int host, int instance) {
        return ((long) host << 32) ^ (instance & 0xffffffffL);
    }

    private static boolean tryPermutation(int[] perm, List<NumaCell> order, List<Cell> cells, java.util.Set<Long> notFit,
                                          java.util.Set<Long> fits, ComputeNode c, NumaRequest want,
                                          List<PciRequests.Request> pci) {
        List<Integer> chosen = new ArrayList<>();
        for (int j = 0; j < perm.length; j++) {
            NumaCell host = order.get(perm[j]);
            Cell inst = cells.get(j);
            long key = pair(host.id(), inst.id);
            if (notFit.contains(key)) {
                break;
            }
            if (fits.contains(key)) {
                inst.id = host.id();
                chosen.add(host.id());
                continue;
            }
            int reserved = want.emulatorThreadsIsolated() && chosen.isEmpty() ? 1 : 0;
            if (!fitsCell(host, inst, c, reserved)) {
                notFit.add(key);
                break;
            }
            inst.id = host.id();
            chosen.add(host.id());
            fits.add(key);
        }
        if (chosen.size() != perm.length) {
            return false;
        }
        return pci.isEmpty() || PciRequests.support(c.pciPools(), pci, chosen, c.numaTopology());
    }

    /** {@code _numa_fit_instance_cell}. */
    private static boolean fitsCell(NumaCell host, Cell cell, ComputeNode c, int reserved) {
        NumaRequest.Cell inst = cell.want;
        long memKb = inst.memoryMb() * 1024;
        if (cell.pagesize != 0) {
            int size = pagesizeFor(host, cell.pagesize, inst.memoryMb());
            if (size == 0) {
                return false;
            }
            cell.pagesize = size;
        } else {
            NumaCell.Mempages smallest = host.mempages().stream().min(Comparator.comparingInt(NumaCell.Mempages::sizeKb))
                    .orElse(null);
            if (smallest == null) {
                if (inst.memoryMb() > host.memoryMb()) {
                    return false;
                }
            } else if (!(memKb <= smallest.total() * smallest.sizeKb() && memKb % smallest.sizeKb() == 0)) {
                return false;
            }
        }
        boolean dedicated = "dedicated".equals(inst.policy()) || "mixed".equals(inst.policy());
        boolean shared = !"dedicated".equals(inst.policy());
        if (dedicated && inst.pcpus() + reserved > host.pcpuset().size()) {
            return false;
        }
        if (shared && inst.vcpus() > host.cpuset().size()) {
            return false;
        }
        if (dedicated) {
            if (inst.pcpus() + reserved > host.freePcpus().size()) {
                return false;
            }
            if (inst.memoryMb() > host.memoryMb() - host.memoryUsage()) {
                return false;
            }
            if (!CorePinning.pack(host, inst.pcpus(), inst.threadPolicy(), reserved)) {
                return false;
            }
        }
        if (shared) {
            double cpuLimit = host.cpuset().size() * c.cpuAllocationRatio();
            if (host.cpuUsage() + inst.vcpus() > cpuLimit) {
                return false;
            }
            double ramLimit = host.memoryMb() * c.ramAllocationRatio();
            return host.memoryUsage() + inst.memoryMb() <= ramLimit;
        }
        return true;
    }

    /** {@code _numa_cell_supports_pagesize_request}: the page size used, or 0 when none fits. */
    static int pagesizeFor(NumaCell host, int pagesize, long memoryMb) {
        List<Integer> sizes = new ArrayList<>();
        host.mempages().forEach(m -> sizes.add(m.sizeKb()));
        sizes.sort(Comparator.reverseOrder());
        List<Integer> candidates = switch (pagesize) {
            case NumaRequest.SMALL -> sizes.isEmpty() ? List.of() : sizes.subList(sizes.size() - 1, sizes.size());
            case NumaRequest.LARGE -> sizes.isEmpty() ? List.of() : sizes.subList(0, sizes.size() - 1);
            case NumaRequest.ANY -> sizes;
            default -> List.of(pagesize);
        };
        long memKb = memoryMb * 1024;
        for (int size : candidates) {
            NumaCell.Mempages pages = null;
            for (NumaCell.Mempages m : host.mempages()) {
                if (m.sizeKb() == size) {
                    pages = m;
                    break;
                }
            }
            if (pages == null) {
                return 0; // MemoryPageSizeNotSupported
            }
            if (memKb <= pages.free() * pages.sizeKb() && memKb % pages.sizeKb() == 0) {
                return size;
            }
        }
        return 0;
    }
}
