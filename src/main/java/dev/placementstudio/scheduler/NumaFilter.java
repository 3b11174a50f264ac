package dev.placementstudio.scheduler;

import dev.placementstudio.model.FilterOptions;

/** NUMATopologyFilter: placeholder until the hardware.py fitting lands. */
final class NumaFilter {
    private NumaFilter() {
    }

    static boolean inert(RequestSpec s) {
        return s.flavor().extraSpecs().get("hw:numa_nodes") == null && !s.flavor().dedicatedCpus();
    }

    static String reject(HostState h, RequestSpec s, FilterOptions o) {
        String nodes = s.flavor().extraSpecs().get("hw:numa_nodes");
        int want = nodes == null ? 0 : Integer.parseInt(nodes.strip());
        if (want > 0 && h.info().numaNodes() < want) {
            return "flavor wants " + want + " NUMA nodes, host has " + h.info().numaNodes();
        }
        if (s.flavor().dedicatedCpus() && h.free("PCPU") < s.flavor().vcpus()) {
            return "not enough dedicated CPUs (" + h.free("PCPU") + " free)";
        }
        return null;
    }
}
