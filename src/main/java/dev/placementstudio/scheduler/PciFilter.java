package dev.placementstudio.scheduler;

import dev.placementstudio.model.FilterOptions;

/** PciPassthroughFilter: placeholder until the pci/stats.py pools land. */
final class PciFilter {
    private PciFilter() {
    }

    static boolean inert(RequestSpec s, FilterOptions o) {
        return s.flavor().extraSpecs().get("pci_passthrough:alias") == null;
    }

    static String reject(HostState h, RequestSpec s, FilterOptions o) {
        String alias = s.flavor().extraSpecs().get("pci_passthrough:alias");
        if (alias == null) {
            return null;
        }
        int count = 1;
        int colon = alias.lastIndexOf(':');
        if (colon > 0) {
            count = Integer.parseInt(alias.substring(colon + 1).strip());
        }
        long free = h.free("PGPU") + h.free("FPGA") + h.free("PCI_DEVICE");
        return free < count ? "needs " + count + " PCI devices (" + alias + "), " + free + " free" : null;
    }
}
