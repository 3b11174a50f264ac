package dev.placementstudio.scheduler;

import dev.placementstudio.placement.PythonRepr;
import java.util.List;
import java.util.Map;

/**
 * A host state's attributes by Nova's names ({@code host_manager.HostState}): what
 * {@code capabilities:KEY} extra specs and JsonFilter's {@code $KEY} variables read. Values are plain Java
 * (String, Long, Double, List, Map); an attribute that holds a Nova object (pools, aggregates, a
 * datetime, a method) is {@link #OPAQUE}: present, never descended into, its text matched by nothing
 * a flavor would ask.
 */
final class HostAttributes {
    private HostAttributes() {
    }

    /**
     * An attribute whose value is a Nova object, not plain data: never descended into; its text is the
     * start of what Python prints for it, so string comparisons order it as Nova does.
     */
    record Opaque(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** Any Nova object (the attributes below say which). */
    static final Object OPAQUE = new Opaque("<nova object>");

    /** No such attribute (distinct from an attribute that is None, which is {@code null}). */
    static final Object ABSENT = new Object();

    /** Text that is JSON, as the compute stored it ({@code cpu_info}); descending parses it. */
    record JsonText(String text, Map<String, Object> parsed) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** A netaddr IPAddress: prints as its address, but equals no string and orders against none. */
    record IpAddress(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** The attribute, {@code null} when it is None, {@link #ABSENT} when HostState has none of that name. */
    static Object get(HostState h, String name) {
        ComputeNode c = h.compute();
        return switch (name) {
            case "host" -> h.name();
            case "nodename", "hypervisor_hostname" -> c.hypervisorHostname() == null ? h.name() : c.hypervisorHostname();
            case "uuid" -> h.info().uuid();
            case "cell_uuid" -> h.info().cell();
            case "total_usable_ram_mb" -> c.memoryMb();
            case "total_usable_disk_gb" -> c.localGb();
            case "disk_mb_used" -> c.localGbUsed() * 1024;
            case "free_ram_mb" -> c.freeRamMb();
            case "free_disk_mb" -> c.freeDiskMb();
            case "vcpus_total" -> (long) c.vcpus();
            case "vcpus_used" -> (long) c.vcpusUsed();
            case "num_instances" -> (long) c.numInstances();
            case "num_io_ops" -> (long) c.numIoOps();
            case "failed_builds" -> (long) c.failedBuilds();
            case "host_ip" -> c.hostIp() == null ? null : new IpAddress(c.hostIp());
            case "hypervisor_type" -> c.hypervisorType();
            case "hypervisor_version" -> c.hypervisorVersion();
            case "cpu_info" -> new JsonText(PythonRepr.jsonDumps(c.cpuInfo()), c.cpuInfo());
            case "supported_instances" -> c.supportedInstances().stream().map(ComputeNode.HvSpec::asList).toList();
            case "limits" -> Map.of();
            case "stats" -> c.stats();
            case "ram_allocation_ratio" -> c.ramAllocationRatio();
            case "cpu_allocation_ratio" -> c.cpuAllocationRatio();
            case "disk_allocation_ratio" -> c.diskAllocationRatio();
            case "numa_topology" -> c.hasNumaTopology() ? new Opaque("NUMATopology(cells=[NUMACell(") : null;
            case "pci_stats" -> new Opaque("<nova.pci.stats.PciDeviceStats object at 0x");
            case "metrics" -> new Opaque("MonitorMetricList(objects=[");
            case "aggregates" -> h.info().aggregates().isEmpty() ? List.of() : new Opaque("[Aggregate(");
            case "instances" -> h.info().instances().isEmpty() ? Map.of() : new Opaque("{'");
            case "updated", "service", "_lock_name", "update", "consume_from_request", "_update_from_compute_node",
                 "_locked_consume_from_request" -> OPAQUE;
            default -> ABSENT;
        };
    }

    /**
     * ComputeCapabilitiesFilter's {@code _get_capabilities}: walk the scope from the host state; an
     * attribute that is missing or None is looked up in the stats instead; JSON text is parsed, dicts are
     * indexed; anything else ends the walk. Null when the walk finds nothing (the host fails).
     */
    static Object capability(HostState h, List<String> scope) {
        Object cap = null;
        for (int i = 0; i < scope.size(); i++) {
            String part = scope.get(i);
            if (i == 0) {
                Object v = get(h, part);
                cap = v == null || v == ABSENT ? h.compute().stats().get(part) : v;
            } else if (cap instanceof JsonText j) {
                cap = j.parsed().get(part);
            } else if (cap instanceof Map<?, ?> m) {
                cap = m.get(part);
            } else {
                return null; // a string that is not a JSON object, a number, a list, an object: Nova gives up
            }
            if (cap == null) {
                return null;
            }
        }
        return cap;
    }

    /** Does the host state have this attribute, or a stat of that name (an unscoped extra spec applies)? */
    static boolean has(HostState h, String key) {
        return get(h, key) != ABSENT || h.compute().stats().containsKey(key);
    }
}
