package dev.placementstudio.app;

import dev.placementstudio.model.Aggregate;
import dev.placementstudio.model.AllocationRatios;
import dev.placementstudio.model.BaremetalNode;
import dev.placementstudio.model.Cell;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.ComputeHost;
import dev.placementstudio.model.Instance;
import dev.placementstudio.model.NumaNode;
import dev.placementstudio.model.ReservedResources;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The what-if edits of the model tree, as changes of a model (applied through the workbench, so each is
 * validated by the engine and undoable): add, duplicate and delete hosts, bare-metal nodes, cells and
 * aggregates.
 */
final class ModelEdits {
    private static final Pattern NUMBERED = Pattern.compile("^(.*?)(\\d+)$");

    private ModelEdits() {
    }

    /** A free name like {@code base}: the next number after its digits ("cn-8" gives "cn-9"), else "-copy". */
    static String freeName(String base, Set<String> taken) {
        Matcher m = NUMBERED.matcher(base);
        if (m.matches()) {
            String head = m.group(1);
            long n = Long.parseLong(m.group(2));
            int width = m.group(2).length();
            for (long k = n + 1; ; k++) {
                String candidate = head + String.format("%0" + width + "d", k);
                if (!taken.contains(candidate)) {
                    return candidate;
                }
            }
        }
        String candidate = base + "-copy";
        for (int k = 2; taken.contains(candidate); k++) {
            candidate = base + "-copy" + k;
        }
        return candidate;
    }

    private static Set<String> hostNames(CloudModel m) {
        Set<String> names = new HashSet<>();
        m.hosts().forEach(h -> names.add(h.hostname()));
        m.baremetalNodes().forEach(b -> names.add(b.name()));
        return names;
    }

    /** A copy of a host, same cell, rack, devices and settings, no instances, under a free name. */
    static UnaryOperator<CloudModel> duplicateHost(String host) {
        return m -> {
            ComputeHost h = m.host(host).orElseThrow(() -> new IllegalArgumentException("no host " + host));
            List<ComputeHost> hosts = new ArrayList<>(m.hosts());
            hosts.add(m.hosts().indexOf(h) + 1, h.withHostname(freeName(host, hostNames(m)), null));
            return m.withHosts(hosts);
        };
    }

    /** A new host in a cell: a copy of the cell's last host, or a plain 16-CPU, 64 GB one. */
    static UnaryOperator<CloudModel> addHost(String cell) {
        return m -> {
            List<ComputeHost> in = m.hosts().stream().filter(h -> cell.equals(h.cell())).toList();
            ComputeHost template = in.isEmpty() ? null : in.get(in.size() - 1);
            String name = freeName(template != null ? template.hostname() : cell + "-cn-0", hostNames(m));
            ComputeHost fresh = template != null ? template.withHostname(name, null)
                    : new ComputeHost(name, null, cell, "r1", List.of(), null, null, List.of("HW_CPU_X86_AVX2",
                    "HW_CPU_X86_SSE42"), List.of(), false, List.of(new NumaNode(0, 16, 0, 65536L, 0)), 1000L, null,
                    new ReservedResources(0, 512L, 0L), new AllocationRatios(null, null, null), List.of(), List.of(), List.of());
            List<ComputeHost> hosts = new ArrayList<>(m.hosts());
            int at = template == null ? hosts.size() : hosts.indexOf(template) + 1;
            hosts.add(at, fresh);
            return m.withHosts(hosts);
        };
    }

    /** Deletes a host and the instances on it (their allocations go with them). */
    static UnaryOperator<CloudModel> deleteHost(String host) {
        return m -> {
            List<ComputeHost> hosts = new ArrayList<>(m.hosts());
            if (!hosts.removeIf(h -> h.hostname().equals(host))) {
                throw new IllegalArgumentException("no host " + host);
            }
            return withoutInstancesOn(m.withHosts(hosts), host);
        };
    }

    /** The model without the instances on a host or node (their allocations go with them). */
    private static CloudModel withoutInstancesOn(CloudModel m, String host) {
        List<Instance> instances = new ArrayList<>(m.instances());
        instances.removeIf(i -> host.equals(i.host()));
        return m.withInstances(instances);
    }

    static UnaryOperator<CloudModel> duplicateBaremetal(String node) {
        return m -> {
            List<BaremetalNode> nodes = new ArrayList<>(m.baremetalNodes());
            BaremetalNode b = nodes.stream().filter(x -> x.name().equals(node)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no bare-metal node " + node));
            nodes.add(nodes.indexOf(b) + 1, new BaremetalNode(freeName(node, hostNames(m)), null, b.cell(), b.rack(),
                    b.resourceClass(), b.traits(), b.aggregates(), b.cpus(), b.memoryMb(), b.diskGb(), b.status()));
            return m.withBaremetalNodes(nodes);
        };
    }

    static UnaryOperator<CloudModel> deleteBaremetal(String node) {
        return m -> {
            List<BaremetalNode> nodes = new ArrayList<>(m.baremetalNodes());
            if (!nodes.removeIf(x -> x.name().equals(node))) {
                throw new IllegalArgumentException("no bare-metal node " + node);
            }
            return withoutInstancesOn(m.withBaremetalNodes(nodes), node);
        };
    }

    /** A new, empty cell under a free name. */
    static UnaryOperator<CloudModel> addCell() {
        return m -> {
            Set<String> taken = new HashSet<>();
            m.cells().forEach(c -> taken.add(c.name()));
            String last = m.cells().isEmpty() ? "cell0" : m.cells().get(m.cells().size() - 1).name();
            List<Cell> cells = new ArrayList<>(m.cells());
            cells.add(new Cell(freeName(last, taken), null, true));
            return m.withCells(cells);
        };
    }

    /** Deletes a cell; refused while hosts or nodes are in it (move or delete them first). */
    static UnaryOperator<CloudModel> deleteCell(String cell) {
        return m -> {
            long in = m.hosts().stream().filter(h -> cell.equals(h.cell())).count()
                    + m.baremetalNodes().stream().filter(b -> cell.equals(b.cell())).count();
            if (in > 0) {
                throw new IllegalArgumentException(cell + " still has " + in + " host(s): move or delete them first");
            }
            List<Cell> cells = new ArrayList<>(m.cells());
            cells.removeIf(c -> c.name().equals(cell));
            return m.withCells(cells);
        };
    }

    /** A new aggregate (an availability zone when {@code zone} is set). */
    static UnaryOperator<CloudModel> addAggregate(String name, String zone) {
        return m -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("an aggregate needs a name");
            }
            if (m.aggregates().stream().anyMatch(a -> a.name().equals(name.strip()))) {
                throw new IllegalArgumentException("there is already an aggregate " + name.strip());
            }
            List<Aggregate> aggregates = new ArrayList<>(m.aggregates());
            String az = zone == null || zone.isBlank() ? null : zone.strip();
            aggregates.add(new Aggregate(name.strip(), null, az, az == null ? Map.of() : Map.of("availability_zone", az)));
            return m.withAggregates(aggregates);
        };
    }
}
