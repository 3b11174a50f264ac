package dev.placementstudio.app;

import dev.placementstudio.model.Accelerator;
import dev.placementstudio.model.AcceleratorType;
import dev.placementstudio.model.Aggregate;
import dev.placementstudio.model.AllocationRatios;
import dev.placementstudio.model.BaremetalNode;
import dev.placementstudio.model.Cell;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.ComputeHost;
import dev.placementstudio.model.GpuDevice;
import dev.placementstudio.model.GpuKind;
import dev.placementstudio.model.Instance;
import dev.placementstudio.model.InvalidModelException;
import dev.placementstudio.model.Migration;
import dev.placementstudio.model.NumaNode;
import dev.placementstudio.model.PhysicalFunction;
import dev.placementstudio.model.PlacementState;
import dev.placementstudio.model.Projection;
import dev.placementstudio.model.ReservedResources;

import java.util.ArrayList;
import java.util.HashMap;
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
 * aggregates; add and delete a host's NUMA nodes, SR-IOV PFs, GPUs and accelerators; move a device to
 * another host; move a host to another cell, rack or aggregate. A change that cannot be made throws
 * {@link IllegalArgumentException} with the reason in words.
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

    /** Moves a host (and its instances, which live in their host's cell) to another cell. */
    static UnaryOperator<CloudModel> moveHost(String host, String cell) {
        return m -> {
            ComputeHost h = host(m, host);
            if (cell.equals(h.cell())) {
                throw new IllegalArgumentException(host + " is already in " + cell);
            }
            List<ComputeHost> hosts = new ArrayList<>(m.hosts());
            hosts.replaceAll(x -> x == h ? x.withCell(cell) : x);
            List<Instance> instances = new ArrayList<>(m.instances());
            instances.replaceAll(i -> host.equals(i.host()) && i.cell() != null ? i.withHost(i.host(), cell) : i);
            return m.withHosts(hosts).withInstances(instances);
        };
    }

    /** Moves a host to another rack (the diagram's and the tree's grouping; Placement does not see racks). */
    static UnaryOperator<CloudModel> moveHostToRack(String host, String rack) {
        return m -> {
            ComputeHost h = host(m, host);
            if (java.util.Objects.equals(rack, h.rack())) {
                throw new IllegalArgumentException(host + (rack == null ? " has no rack" : " is already in rack " + rack));
            }
            return replaceHost(m, h, h.withRack(rack));
        };
    }

    /**
     * Puts a host in an aggregate. An availability zone's aggregate moves the host out of the zone it was
     * in, as a host is in one zone at most (Nova refuses a second one).
     */
    static UnaryOperator<CloudModel> addHostToAggregate(String host, String aggregate) {
        return m -> {
            ComputeHost h = host(m, host);
            Aggregate a = m.aggregate(aggregate).orElseThrow(() -> new IllegalArgumentException("no aggregate " + aggregate));
            if (h.aggregates().contains(aggregate)) {
                throw new IllegalArgumentException(host + " is already in aggregate " + aggregate);
            }
            List<String> in = new ArrayList<>(h.aggregates());
            if (a.availabilityZone() != null) {
                in.removeIf(name -> m.aggregate(name).map(x -> x.availabilityZone() != null).orElse(false));
            }
            in.add(aggregate);
            return replaceHost(m, h, h.withAggregates(in));
        };
    }

    // -- NUMA nodes and devices of a host --

    /** A new NUMA node after the host's last one, with the same CPUs and memory. */
    static UnaryOperator<CloudModel> addNumaNode(String host) {
        return m -> {
            ComputeHost h = host(m, host);
            List<NumaNode> nodes = new ArrayList<>(h.numaNodes());
            NumaNode last = nodes.isEmpty() ? new NumaNode(-1, 16, 0, 65536L, 0) : nodes.get(nodes.size() - 1);
            int id = nodes.stream().mapToInt(NumaNode::id).max().orElse(-1) + 1;
            nodes.add(new NumaNode(id, last.cpus(), last.pcpus(), last.memoryMb(), last.hugepages1g()));
            return replaceHost(m, h, h.withNumaNodes(nodes));
        };
    }

    /**
     * Deletes a NUMA node: refused while a device hangs off it or, when NUMA is in Placement, while
     * instances use its provider; otherwise the engine refuses it if the instances no longer fit.
     */
    static UnaryOperator<CloudModel> deleteNumaNode(String host, int id) {
        return m -> {
            ComputeHost h = host(m, host);
            NumaNode node = h.numaNodes().stream().filter(n -> n.id() == id).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(host + " has no NUMA node " + id));
            List<String> attached = new ArrayList<>();
            h.pfs().stream().filter(p -> p.numaNode() == id).forEach(p -> attached.add(p.name()));
            h.gpus().stream().filter(g -> g.numaNode() == id).forEach(g -> attached.add(g.name()));
            h.accelerators().stream().filter(a -> a.numaNode() == id).forEach(a -> attached.add(a.name()));
            if (!attached.isEmpty()) {
                throw new IllegalArgumentException("NUMA " + id + " of " + host + " has " + String.join(", ", attached)
                        + " on it: move or delete " + (attached.size() == 1 ? "it" : "them") + " first");
            }
            if (h.numaInPlacement()) {
                refuseInUse(m, host, Projection.numaProviderName(host, id), "NUMA " + id + " of " + host);
            }
            List<NumaNode> nodes = new ArrayList<>(h.numaNodes());
            nodes.remove(node);
            return replaceHost(m, h, h.withNumaNodes(nodes));
        };
    }

    /** A new SR-IOV PF: a copy of the host's last PF (or of one elsewhere in the model) under a free name. */
    static UnaryOperator<CloudModel> addPf(String host) {
        return m -> {
            ComputeHost h = host(m, host);
            PhysicalFunction t = last(h.pfs(), m.hosts().stream().flatMap(x -> x.pfs().stream()).findFirst().orElse(null));
            String physnet = m.ports().stream().filter(p -> p.physnet() != null).map(p -> p.physnet()).findFirst()
                    .orElse("physnet1");
            PhysicalFunction pf = t != null ? t : new PhysicalFunction("ens1f0", null, physnet, 8, 10_000_000L, 10_000_000L);
            List<PhysicalFunction> pfs = new ArrayList<>(h.pfs());
            pfs.add(new PhysicalFunction(deviceName(h, pf.name()), numaOn(h, pf.numaNode()), pf.physnet(), pf.vfs(),
                    pf.egressKbps(), pf.ingressKbps()));
            return replaceHost(m, h, h.withDevices(pfs, h.gpus(), h.accelerators()));
        };
    }

    /** A new GPU: a copy of the host's last GPU (or of one elsewhere) under a free name; else 4 vGPUs. */
    static UnaryOperator<CloudModel> addGpu(String host) {
        return m -> {
            ComputeHost h = host(m, host);
            GpuDevice t = last(h.gpus(), m.hosts().stream().flatMap(x -> x.gpus().stream()).findFirst().orElse(null));
            GpuDevice g = t != null ? t : new GpuDevice("gpu0", null, GpuKind.VGPU, 4, "nvidia-35");
            List<GpuDevice> gpus = new ArrayList<>(h.gpus());
            gpus.add(new GpuDevice(deviceName(h, g.name()), numaOn(h, g.numaNode()), g.kind(), g.count(), g.model()));
            return replaceHost(m, h, h.withDevices(h.pfs(), gpus, h.accelerators()));
        };
    }

    /** A new Cyborg accelerator: a copy of the host's last one (or of one elsewhere); else one Intel FPGA. */
    static UnaryOperator<CloudModel> addAccelerator(String host) {
        return m -> {
            ComputeHost h = host(m, host);
            Accelerator t = last(h.accelerators(),
                    m.hosts().stream().flatMap(x -> x.accelerators().stream()).findFirst().orElse(null));
            Accelerator a = t != null ? t : new Accelerator("fpga0", null, AcceleratorType.FPGA, "intel", 1, List.of());
            List<Accelerator> accs = new ArrayList<>(h.accelerators());
            accs.add(new Accelerator(deviceName(h, a.name()), numaOn(h, a.numaNode()), a.type(), a.vendor(), a.count(),
                    a.traits()));
            return replaceHost(m, h, h.withDevices(h.pfs(), h.gpus(), accs));
        };
    }

    /** Deletes a PF, GPU or accelerator; refused while instances have allocations on it. */
    static UnaryOperator<CloudModel> deleteDevice(String host, String device) {
        return m -> {
            ComputeHost h = host(m, host);
            requireDevice(h, device);
            refuseInUse(m, host, Projection.deviceProviderName(host, device), device + " on " + host);
            return replaceHost(m, h, without(h, device));
        };
    }

    /**
     * Moves a PF, GPU or accelerator to another host (its name kept if free there, its NUMA node kept if the
     * host has it, else the first); refused while instances have allocations on it.
     */
    static UnaryOperator<CloudModel> moveDevice(String from, String device, String to) {
        return moveDevice(from, device, to, null);
    }

    /**
     * Moves a PF, GPU or accelerator onto NUMA node {@code numa} of a host (null: as {@link
     * #moveDevice(String, String, String)}), which may be its own host: a device moved to another NUMA node
     * changes which subtree it shares with the CPUs. Refused while instances have allocations on it.
     */
    static UnaryOperator<CloudModel> moveDevice(String from, String device, String to, Integer numa) {
        return m -> {
            ComputeHost src = host(m, from);
            ComputeHost dst = host(m, to);
            requireDevice(src, device);
            if (numa != null && !hasNode(dst, numa)) {
                throw new IllegalArgumentException(to + " has no NUMA node " + numa);
            }
            boolean sameHost = from.equals(to);
            if (sameHost && (numa == null || numa == numaOf(src, device))) {
                throw new IllegalArgumentException(device + " is already " + (numa == null ? "on " + to
                        : "on NUMA " + numa + " of " + to));
            }
            refuseInUse(m, from, Projection.deviceProviderName(from, device), device + " on " + from);
            if (sameHost) {
                return replaceHost(m, src, src.withDevices(
                        src.pfs().stream().map(p -> !p.name().equals(device) ? p : new PhysicalFunction(p.name(), numa,
                                p.physnet(), p.vfs(), p.egressKbps(), p.ingressKbps())).toList(),
                        src.gpus().stream().map(g -> !g.name().equals(device) ? g : new GpuDevice(g.name(), numa, g.kind(),
                                g.count(), g.model())).toList(),
                        src.accelerators().stream().map(a -> !a.name().equals(device) ? a : new Accelerator(a.name(), numa,
                                a.type(), a.vendor(), a.count(), a.traits())).toList()));
            }
            String name = deviceName(dst, device);
            List<PhysicalFunction> pfs = new ArrayList<>(dst.pfs());
            List<GpuDevice> gpus = new ArrayList<>(dst.gpus());
            List<Accelerator> accs = new ArrayList<>(dst.accelerators());
            src.pfs().stream().filter(p -> p.name().equals(device)).forEach(p -> pfs.add(new PhysicalFunction(name,
                    numaOn(dst, numa != null ? numa : p.numaNode()), p.physnet(), p.vfs(), p.egressKbps(), p.ingressKbps())));
            src.gpus().stream().filter(g -> g.name().equals(device)).forEach(g -> gpus.add(new GpuDevice(name,
                    numaOn(dst, numa != null ? numa : g.numaNode()), g.kind(), g.count(), g.model())));
            src.accelerators().stream().filter(a -> a.name().equals(device)).forEach(a -> accs.add(new Accelerator(name,
                    numaOn(dst, numa != null ? numa : a.numaNode()), a.type(), a.vendor(), a.count(), a.traits())));
            CloudModel out = replaceHost(m, src, without(src, device));
            return replaceHost(out, dst, dst.withDevices(pfs, gpus, accs));
        };
    }

    private static boolean hasNode(ComputeHost h, int id) {
        return h.numaNodes().stream().anyMatch(n -> n.id() == id);
    }

    /** The NUMA node a device of a host hangs off. */
    private static int numaOf(ComputeHost h, String device) {
        for (PhysicalFunction p : h.pfs()) {
            if (p.name().equals(device)) {
                return p.numaNode();
            }
        }
        for (GpuDevice g : h.gpus()) {
            if (g.name().equals(device)) {
                return g.numaNode();
            }
        }
        return h.accelerators().stream().filter(a -> a.name().equals(device)).findFirst()
                .map(Accelerator::numaNode).orElse(0);
    }

    /**
     * Who has allocations on one provider of a host's tree, as the engine's projection places them: instance
     * names, and "migration of X" for a migration's hold on its source. Only the host's tree is projected.
     */
    static List<String> consumersOn(CloudModel m, String host, String providerName) {
        Set<String> moving = new HashSet<>();
        for (Migration mig : m.migrations()) {
            if (host.equals(mig.source()) || host.equals(mig.destination())) {
                moving.add(mig.instance());
            }
        }
        ComputeHost h = host(m, host);
        List<Instance> on = m.instances().stream().filter(i -> host.equals(i.host()) || moving.contains(i.name())).toList();
        PlacementState state;
        try {
            state = Projection.project(m.withHosts(List.of(h)).withInstances(on));
        } catch (InvalidModelException e) {
            try {
                state = Projection.project(m); // explicit allocations elsewhere: the whole model, then
            } catch (InvalidModelException whole) {
                throw new IllegalArgumentException(whole.problems().get(0).message());
            }
        }
        String uuid = state.resourceProviders().stream().filter(rp -> rp.name().equals(providerName))
                .map(PlacementState.ResourceProviderRecord::uuid).findFirst().orElse(null);
        Map<String, String> names = new HashMap<>();
        on.forEach(i -> names.put(i.effectiveUuid(), i.name()));
        m.migrations().forEach(mig -> names.put(mig.effectiveUuid(), "migration of " + mig.instance()));
        return state.allocations().entrySet().stream()
                .filter(e -> uuid != null && e.getValue().allocations().containsKey(uuid))
                .map(e -> names.getOrDefault(e.getKey(), e.getKey())).sorted().toList();
    }

    private static void refuseInUse(CloudModel m, String host, String providerName, String what) {
        List<String> users = consumersOn(m, host, providerName);
        if (!users.isEmpty()) {
            throw new IllegalArgumentException(what + " is in use by " + String.join(", ", users)
                    + ": delete or migrate " + (users.size() == 1 ? "it" : "them") + " first");
        }
    }

    private static ComputeHost host(CloudModel m, String host) {
        return m.host(host).orElseThrow(() -> new IllegalArgumentException("no host " + host));
    }

    private static CloudModel replaceHost(CloudModel m, ComputeHost old, ComputeHost now) {
        List<ComputeHost> hosts = new ArrayList<>(m.hosts());
        hosts.set(hosts.indexOf(old), now);
        return m.withHosts(hosts);
    }

    private static <T> T last(List<T> own, T elsewhere) {
        return own.isEmpty() ? elsewhere : own.get(own.size() - 1);
    }

    private static Set<String> deviceNames(ComputeHost h) {
        Set<String> names = new HashSet<>();
        h.pfs().forEach(p -> names.add(p.name()));
        h.gpus().forEach(g -> names.add(g.name()));
        h.accelerators().forEach(a -> names.add(a.name()));
        return names;
    }

    /** {@code base} if no device of the host has that name, else the next free one. */
    private static String deviceName(ComputeHost h, String base) {
        Set<String> taken = deviceNames(h);
        return taken.contains(base) ? freeName(base, taken) : base;
    }

    /** The NUMA node a device goes to on a host: the same id if the host has it, else its first node. */
    private static Integer numaOn(ComputeHost h, Integer id) {
        if (id != null && h.numaNodes().stream().anyMatch(n -> n.id() == id)) {
            return id;
        }
        return h.numaNodes().isEmpty() ? 0 : h.numaNodes().get(0).id();
    }

    private static void requireDevice(ComputeHost h, String device) {
        if (!deviceNames(h).contains(device)) {
            throw new IllegalArgumentException(h.hostname() + " has no device " + device);
        }
    }

    private static ComputeHost without(ComputeHost h, String device) {
        return h.withDevices(h.pfs().stream().filter(p -> !p.name().equals(device)).toList(),
                h.gpus().stream().filter(g -> !g.name().equals(device)).toList(),
                h.accelerators().stream().filter(a -> !a.name().equals(device)).toList());
    }
}
