package dev.placementstudio.scheduler;

import dev.placementstudio.model.HostStatus;
import dev.placementstudio.model.ServerGroupPolicy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Nova's host filters, by their Nova names (behaviour from nova/scheduler/filters, Zed). */
public final class Filters {
    private Filters() {
    }

    private record Simple(String name, java.util.function.BiFunction<HostState, RequestSpec, String> f,
                          java.util.function.Predicate<RequestSpec> inert) implements Filter {
        Simple(String name, java.util.function.BiFunction<HostState, RequestSpec, String> f) {
            this(name, f, spec -> false);
        }

        @Override
        public String reject(HostState host, RequestSpec spec) {
            return f.apply(host, spec);
        }

        @Override
        public boolean passesEveryHost(RequestSpec spec) {
            return inert.test(spec);
        }
    }

    /** The filter of that name, or null when we do not know it. */
    public static Filter named(String name) {
        return switch (name) {
            case "ComputeFilter" -> new Simple(name, (h, s) -> {
                if (!h.info().cellUp()) {
                    return "its cell is down";
                }
                if (h.info().status() == HostStatus.DISABLED) {
                    return "compute service is disabled";
                }
                if (h.info().status() == HostStatus.DOWN) {
                    return "compute service is down";
                }
                return null;
            });
            case "ComputeCapabilitiesFilter" -> new Simple(name, ExtraSpecFilters::capabilities,
                    ExtraSpecFilters::capabilitiesInert);
            case "ImagePropertiesFilter" -> new Simple(name, (h, s) -> {
                if (s.image() == null) {
                    return null;
                }
                String hv = s.image().properties().get("img_hv_type");
                if (hv == null) {
                    hv = s.image().properties().get("hypervisor_type");
                }
                if (hv != null && h.info().hypervisorType() != null && !hv.equalsIgnoreCase(h.info().hypervisorType())) {
                    return "image wants hypervisor " + hv + ", host has " + h.info().hypervisorType();
                }
                String arch = s.image().properties().get("hw_architecture");
                if (arch != null && !arch.equals("x86_64") && !h.info().baremetal()) {
                    return "image wants architecture " + arch + ", host is x86_64";
                }
                return null;
            },
                    s -> s.image() == null || (s.image().properties().get("img_hv_type") == null
                            && s.image().properties().get("hypervisor_type") == null
                            && "x86_64".equals(s.image().properties().getOrDefault("hw_architecture", "x86_64"))));
            case "ServerGroupAntiAffinityFilter" -> new Simple(name, (h, s) ->
                    s.serverGroup() != null && s.serverGroup().policy() == ServerGroupPolicy.ANTI_AFFINITY
                            && s.groupHosts().contains(h.name())
                            ? "anti-affinity: a member of " + s.serverGroup().name() + " is already here" : null,
                    s -> s.serverGroup() == null || s.serverGroup().policy() != ServerGroupPolicy.ANTI_AFFINITY
                            || s.groupHosts().isEmpty());
            case "ServerGroupAffinityFilter" -> new Simple(name, (h, s) ->
                    s.serverGroup() != null && s.serverGroup().policy() == ServerGroupPolicy.AFFINITY
                            && !s.groupHosts().isEmpty() && !s.groupHosts().contains(h.name())
                            ? "affinity: members of " + s.serverGroup().name() + " are on " + String.join(", ", s.groupHosts())
                            : null,
                    s -> s.serverGroup() == null || s.serverGroup().policy() != ServerGroupPolicy.AFFINITY
                            || s.groupHosts().isEmpty());
            case "AvailabilityZoneFilter" -> new Simple(name, (h, s) ->
                    s.availabilityZone() != null && !s.availabilityZone().equals(h.info().availabilityZone())
                            ? "not in availability zone " + s.availabilityZone() : null,
                    s -> s.availabilityZone() == null);
            case "NUMATopologyFilter" -> new Simple(name, (h, s) -> {
                String nodes = s.flavor().extraSpecs().get("hw:numa_nodes");
                int want = nodes == null ? 0 : Integer.parseInt(nodes.strip());
                if (want > 0 && h.info().numaNodes() < want) {
                    return "flavor wants " + want + " NUMA nodes, host has " + h.info().numaNodes();
                }
                if (s.flavor().dedicatedCpus() && h.free("PCPU") < s.flavor().vcpus()) {
                    return "not enough dedicated CPUs (" + h.free("PCPU") + " free)";
                }
                return null;
            }, s -> s.flavor().extraSpecs().get("hw:numa_nodes") == null && !s.flavor().dedicatedCpus());
            case "PciPassthroughFilter" -> new Simple(name, (h, s) -> {
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
            },
                    s -> s.flavor().extraSpecs().get("pci_passthrough:alias") == null);
            case "AggregateInstanceExtraSpecsFilter" -> new Simple(name, ExtraSpecFilters::aggregateExtraSpecs,
                    ExtraSpecFilters::aggregateExtraSpecsInert);
            case "AggregateMultiTenancyIsolation" -> new Simple(name, (h, s) -> {
                Set<String> tenants = h.info().aggregateMetadata().get("filter_tenant_id");
                if (tenants == null || tenants.isEmpty()) {
                    return null;
                }
                for (String t : tenants) {
                    if (Arrays.asList(t.split(",")).contains(s.projectId())) {
                        return null;
                    }
                }
                return "aggregate is reserved for projects " + String.join(",", tenants);
            });
            case "SameHostFilter" -> new Simple(name, (h, s) -> {
                String same = s.hints().get("same_host");
                if (same == null) {
                    return null;
                }
                for (String u : same.split(",")) {
                    if (h.info().instances().contains(u.strip())) {
                        return null;
                    }
                }
                return "none of the same_host instances is here";
            },
                    s -> s.hints().get("same_host") == null);
            case "DifferentHostFilter" -> new Simple(name, (h, s) -> {
                String diff = s.hints().get("different_host");
                if (diff == null) {
                    return null;
                }
                for (String u : diff.split(",")) {
                    if (h.info().instances().contains(u.strip())) {
                        return "different_host instance " + u.strip() + " is here";
                    }
                }
                return null;
            },
                    s -> s.hints().get("different_host") == null);
            case "RetryFilter" -> new Simple(name, (h, s) ->
                    s.ignoreHosts().contains(h.name()) ? "already tried for this instance" : null,
                    s -> s.ignoreHosts().isEmpty());
            case "RamFilter" -> new Simple(name, (h, s) ->
                    h.free("MEMORY_MB") < s.flavor().ramMb() ? "not enough RAM (" + h.free("MEMORY_MB") + " MB free)" : null);
            case "CoreFilter" -> new Simple(name, (h, s) -> {
                String rc = s.flavor().dedicatedCpus() ? "PCPU" : "VCPU";
                return h.free(rc) < s.flavor().vcpus() ? "not enough " + rc + " (" + h.free(rc) + " free)" : null;
            });
            case "DiskFilter" -> new Simple(name, (h, s) ->
                    h.has("DISK_GB") && h.free("DISK_GB") < s.flavor().diskGb()
                            ? "not enough disk (" + h.free("DISK_GB") + " GB free)" : null);
            default -> null;
        };
    }

    public static List<Filter> named(List<String> names) {
        List<Filter> out = new ArrayList<>();
        for (String n : names) {
            Filter f = named(n);
            if (f == null) {
                throw new IllegalArgumentException("unknown scheduler filter " + n);
            }
            out.add(f);
        }
        return out;
    }
}
