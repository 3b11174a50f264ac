package dev.placementstudio.scheduler;

import dev.placementstudio.model.FilterOptions;

/**
 * PciPassthroughFilter ({@code pci_passthrough_filter.py}): the host's PCI pools must meet the instance's
 * PCI requests (flavor aliases, SR-IOV ports), NUMA not considered (the NUMATopologyFilter does that).
 */
final class PciFilter {
    private PciFilter() {
    }

    static boolean inert(RequestSpec s, FilterOptions o) {
        return PciRequests.none(s);
    }

    static String reject(HostState h, RequestSpec s, FilterOptions o) {
        if (PciRequests.none(s)) {
            return null;
        }
        PciRequests.Requests r = PciRequests.of(s, o);
        if (r.refused() != null) {
            return "Nova refuses the request: " + r.refused();
        }
        if (r.requests().isEmpty()) {
            return null;
        }
        return PciRequests.support(h.compute().pciPools(), r.requests(), null, h.compute().numaTopology()) ? null
                : "the host's PCI pools " + h.compute().pciPools() + " cannot meet " + r.requests();
    }
}
