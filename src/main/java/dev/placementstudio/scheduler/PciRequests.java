package dev.placementstudio.scheduler;

import dev.placementstudio.model.FilterOptions;
import dev.placementstudio.model.Port;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An instance's PCI requests as nova-api makes them ({@code nova/pci/request.py}): one per
 * {@code name:count} of the flavor's {@code pci_passthrough:alias} (the {@code [pci] alias} entries of that
 * name are the acceptable device specs) and one per SR-IOV port (a VF, or a PF for direct-physical, on the
 * port's physnet), and whether a host's PCI pools can meet them ({@code nova/pci/stats.py}
 * {@code support_requests}), with the request's NUMA affinity policy when NUMA cells are given.
 */
final class PciRequests {
    private PciRequests() {
    }

    /** One InstancePCIRequest: count devices, each matching one of the specs. */
    record Request(int count, List<Map<String, String>> specs, String numaPolicy) {
    }

    /** The requests, or a reason Nova refuses to make them. */
    record Requests(List<Request> requests, String refused) {
    }

    static boolean none(RequestSpec s) {
        if (s.flavor().extraSpecs().get("pci_passthrough:alias") != null) {
            return false;
        }
        for (Port p : s.ports()) {
            if (p.isSriov()) {
                return false;
            }
        }
        return true;
    }

    static Requests of(RequestSpec s, FilterOptions o) {
        List<Request> out = new ArrayList<>();
        String flavorPolicy = s.flavor().extraSpecs().get("hw:pci_numa_affinity_policy");
        String imagePolicy = s.image() == null ? null : s.image().properties().get("hw_pci_numa_affinity_policy");
        if (flavorPolicy != null && imagePolicy != null && !flavorPolicy.equals(imagePolicy)) {
            return new Requests(List.of(), "ImagePCINUMAPolicyForbidden");
        }
        String policy = flavorPolicy != null ? flavorPolicy : imagePolicy;
        if (policy != null && !List.of("required", "legacy", "preferred", "socket").contains(policy)) {
            return new Requests(List.of(), "InvalidPCINUMAAffinity: " + policy);
        }
        String alias = s.flavor().extraSpecs().get("pci_passthrough:alias");
        if (alias != null) {
            for (String part : alias.split(",", -1)) {
                String[] nc = part.split(":", -1);
                if (nc.length != 2) {
                    return new Requests(List.of(), "ValueError: '" + part + "' is not name:count");
                }
                String name = nc[0].strip();
                Long count = AggregateFilters.pythonInt(nc[1]);
                if (count == null) {
                    return new Requests(List.of(), "ValueError: the count of '" + part + "' is not an integer");
                }
                List<Map<String, String>> specs = new ArrayList<>();
                String aliasPolicy = null;
                for (FilterOptions.PciAlias a : o.pciAliases()) {
                    if (a.name().strip().equals(name)) {
                        Map<String, String> spec = new LinkedHashMap<>();
                        if (a.vendorId() != null) {
                            spec.put("vendor_id", a.vendorId());
                        }
                        if (a.productId() != null) {
                            spec.put("product_id", a.productId());
                        }
                        if (a.deviceType() != null) {
                            spec.put("dev_type", a.deviceType());
                        }
                        specs.add(spec);
                        aliasPolicy = a.numaPolicy();
                    }
                }
                if (specs.isEmpty()) {
                    return new Requests(List.of(), "PciRequestAliasNotDefined: " + name);
                }
                String p = policy != null ? policy : aliasPolicy != null && !aliasPolicy.isEmpty() ? aliasPolicy : "legacy";
                out.add(new Request(count.intValue(), specs, p));
            }
        }
        for (Port port : s.ports()) {
            if (port.isSriov()) {
                String devType = "direct-physical".equals(port.vnicType()) ? "type-PF" : "type-VF";
                out.add(new Request(1, List.of(Map.of("physical_network", port.physnet(), "dev_type", devType)),
                        policy));
            }
        }
        return new Requests(out, null);
    }

    /** A mutable copy of a pool: its properties (vendor, product, NUMA node, tags) and free count. */
    private static final class Pool {
        final Map<String, Object> props = new LinkedHashMap<>();
        int count;
    }

    private static List<Pool> copy(List<PciPool> pools) {
        List<Pool> out = new ArrayList<>();
        for (PciPool p : pools) {
            Pool x = new Pool();
            x.props.put("product_id", p.productId());
            x.props.put("vendor_id", p.vendorId());
            x.props.put("numa_node", p.numaNode());
            x.props.putAll(p.tags());
            x.count = p.count();
            out.add(x);
        }
        // PciDeviceStats sorts its pools by how many keys they have (stable)
        out.sort(java.util.Comparator.comparingInt(x -> x.props.size()));
        return out;
    }

    /**
     * {@code support_requests}: every request in turn takes devices from the pools that match it (and,
     * given the instance's NUMA cells, are close enough for its policy); false when one falls short.
     */
    static boolean support(List<PciPool> pools, List<Request> requests, List<Integer> numaCells, List<NumaCell> host) {
        List<Pool> left = copy(pools);
        for (Request r : requests) {
            List<Pool> usable = filter(left, r, numaCells, host);
            if (usable == null) {
                return false;
            }
            int count = r.count();
            for (Pool p : usable) {
                if (p.count > count) {
                    p.count -= count;
                    count = 0;
                } else {
                    count -= p.count;
                    left.remove(p);
                }
                if (count == 0) {
                    break;
                }
            }
        }
        return true;
    }

    private static int total(List<Pool> pools) {
        int n = 0;
        for (Pool p : pools) {
            n += p.count;
        }
        return n;
    }

    private static boolean matches(Pool pool, Map<String, ?> spec) {
        for (Map.Entry<String, ?> e : spec.entrySet()) {
            Object have = pool.props.get(e.getKey());
            Object want = e.getValue();
            if (want instanceof String w) {
                want = w.toLowerCase(Locale.ROOT);
            }
            if (have instanceof String h) {
                have = h.toLowerCase(Locale.ROOT);
            }
            if (!java.util.Objects.equals(have, want)) {
                return false;
            }
        }
        return true;
    }

    private static List<Pool> filter(List<Pool> pools, Request r, List<Integer> numaCells, List<NumaCell> host) {
        List<Pool> out = new ArrayList<>();
        for (Pool p : pools) {
            for (Map<String, String> spec : r.specs()) {
                if (matches(p, spec)) {
                    out.add(p);
                    break;
                }
            }
        }
        if (total(out) < r.count()) {
            return null;
        }
        out = numa(out, r, numaCells, host);
        if (total(out) < r.count()) {
            return null;
        }
        boolean wantsPf = r.specs().stream().anyMatch(s -> "type-PF".equals(s.get("dev_type")));
        if (!wantsPf) {
            out.removeIf(p -> "type-PF".equals(p.props.get("dev_type")));
        }
        boolean wantsVdpa = r.specs().stream().anyMatch(s -> "vdpa".equals(s.get("dev_type")));
        if (!wantsVdpa) {
            out.removeIf(p -> "vdpa".equals(p.props.get("dev_type")));
        }
        return total(out) < r.count() ? null : out;
    }

    /** {@code _filter_pools_for_numa_cells}: required, socket, legacy and preferred affinity in turn. */
    private static List<Pool> numa(List<Pool> pools, Request r, List<Integer> cells, List<NumaCell> host) {
        if (cells == null || cells.isEmpty()) {
            return pools;
        }
        String policy = r.numaPolicy() == null || r.numaPolicy().isEmpty() ? "legacy" : r.numaPolicy();
        List<Pool> near = new ArrayList<>();
        for (Pool p : pools) {
            if (p.props.get("numa_node") != null && cells.contains(p.props.get("numa_node"))) {
                near.add(p);
            }
        }
        if (policy.equals("required") || total(near) >= r.count()) {
            return near;
        }
        if (policy.equals("socket")) {
            if (host.stream().anyMatch(c -> c.socket() == null)) {
                return List.of();
            }
            java.util.Set<Integer> sockets = new java.util.HashSet<>();
            for (NumaCell c : host) {
                if (cells.contains(c.id())) {
                    sockets.add(c.socket());
                }
            }
            java.util.Set<Integer> nodes = new java.util.HashSet<>();
            for (NumaCell c : host) {
                if (sockets.contains(c.socket())) {
                    nodes.add(c.id());
                }
            }
            List<Pool> out = new ArrayList<>();
            for (Pool p : pools) {
                if (p.props.get("numa_node") != null && nodes.contains(p.props.get("numa_node"))) {
                    out.add(p);
                }
            }
            return out;
        }
        List<Pool> nearOrUnknown = new ArrayList<>();
        for (Pool p : pools) {
            Object n = p.props.get("numa_node");
            if (n == null || cells.contains(n)) {
                nearOrUnknown.add(p);
            }
        }
        if (policy.equals("legacy") || total(nearOrUnknown) >= r.count()) {
            return nearOrUnknown;
        }
        List<Pool> sorted = new ArrayList<>(pools); // preferred: all of them, the near ones first
        sorted.sort(java.util.Comparator.comparing(p -> p.props.get("numa_node") != null
                && !cells.contains(p.props.get("numa_node")) ? 1 : 0));
        return sorted;
    }
}
