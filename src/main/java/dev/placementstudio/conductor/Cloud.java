package dev.placementstudio.conductor;

import dev.placementstudio.model.Aggregate;
import dev.placementstudio.model.BaremetalNode;
import dev.placementstudio.model.Cell;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.ComputeHost;
import dev.placementstudio.model.HostStatus;
import dev.placementstudio.model.Projection;
import dev.placementstudio.scheduler.HostInfo;
import dev.placementstudio.scheduler.Scheduler;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The cloud as Nova's services see it while a simulation runs: which hosts are up, enabled, in which
 * cell (and whether that cell is reachable), which instances run where, how many builds are in flight
 * and how many failed. It is the scheduler's view beyond Placement.
 */
public final class Cloud implements Scheduler.CloudView {
    private static final class Host {
        final String name;
        final String uuid;
        final String cell;
        final String rack;
        final List<String> aggregates;
        final String az;
        final Map<String, Set<String>> metadata;
        final String hypervisor;
        final Set<String> traits;
        final int numaNodes;
        final boolean baremetal;
        HostStatus status;
        final Set<String> instances = new LinkedHashSet<>();
        final Set<String> instancesView = Collections.unmodifiableSet(instances);
        int ioOps;
        int failedBuilds;
        /** Bumped by every change of this host; with {@link #cellVersion} it tells when {@link #info} is stale. */
        long version;
        HostInfo info;
        long infoVersion = -1;
        long infoCellVersion = -1;

        Host(String name, String uuid, String cell, String rack, List<String> aggregates, String az,
             Map<String, Set<String>> metadata, String hypervisor, Set<String> traits, int numaNodes, boolean baremetal,
             HostStatus status) {
            this.name = name;
            this.uuid = uuid;
            this.cell = cell;
            this.rack = rack;
            this.aggregates = aggregates;
            this.az = az;
            this.metadata = metadata;
            this.hypervisor = hypervisor;
            this.traits = traits;
            this.numaNodes = numaNodes;
            this.baremetal = baremetal;
            this.status = status;
        }
    }

    private final Map<String, Host> byUuid = new HashMap<>();
    /** The compute node records of the hosts, by root provider uuid (their hardware does not change). */
    private final Map<String, dev.placementstudio.scheduler.ComputeNode> computeNodes = new HashMap<>();
    private final Map<String, Host> byName = new LinkedHashMap<>();
    private final Map<String, Boolean> cellUp = new LinkedHashMap<>();
    private final Map<String, String> azAggregate = new HashMap<>();
    private long cellVersion;

    public Cloud(CloudModel model) {
        Map<String, Aggregate> aggs = new HashMap<>();
        for (Aggregate a : model.aggregates()) {
            aggs.put(a.name(), a);
            if (a.availabilityZone() != null) {
                azAggregate.putIfAbsent(a.availabilityZone(), Projection.aggregateUuid(a));
            }
        }
        for (Cell c : model.cells()) {
            cellUp.put(c.name(), c.isUp());
        }
        for (ComputeHost h : model.hosts()) {
            Set<String> traits = new LinkedHashSet<>(h.cpuTraits());
            traits.addAll(h.traits());
            add(new Host(h.hostname(), h.effectiveUuid(), h.cell(), h.rack(), h.aggregates(), az(h.aggregates(), aggs),
                    metadata(h.aggregates(), aggs), h.hypervisorType(), traits, h.numaNodes().size(), false, h.status()));
            computeNodes.put(h.effectiveUuid(), dev.placementstudio.scheduler.ComputeNodes.of(h));
        }
        for (BaremetalNode n : model.baremetalNodes()) {
            add(new Host(n.name(), n.effectiveUuid(), n.cell(), n.rack(), n.aggregates(), az(n.aggregates(), aggs),
                    metadata(n.aggregates(), aggs), "ironic", new LinkedHashSet<>(n.traits()), 0, true, n.status()));
        }
    }

    private void add(Host h) {
        byUuid.put(h.uuid, h);
        byName.put(h.name, h);
    }

    private static String az(List<String> names, Map<String, Aggregate> aggs) {
        for (String n : names) {
            Aggregate a = aggs.get(n);
            if (a != null && a.availabilityZone() != null) {
                return a.availabilityZone();
            }
        }
        return "nova";
    }

    /** Hosts in the same aggregates share one metadata map (the scheduler reads it once per map). */
    private final Map<List<String>, Map<String, Set<String>>> metadataByAggregates = new HashMap<>();

    private Map<String, Set<String>> metadata(List<String> names, Map<String, Aggregate> aggs) {
        return metadataByAggregates.computeIfAbsent(List.copyOf(names), n -> collectMetadata(n, aggs));
    }

    private static Map<String, Set<String>> collectMetadata(List<String> names, Map<String, Aggregate> aggs) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (String n : names) {
            Aggregate a = aggs.get(n);
            if (a != null) {
                a.metadata().forEach((k, v) -> out.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v));
                if (a.availabilityZone() != null) { // Nova keeps the zone as the aggregate's metadata
                    out.computeIfAbsent("availability_zone", x -> new LinkedHashSet<>()).add(a.availabilityZone());
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public java.util.function.Supplier<HostInfo> live(String rootUuid) {
        Host h = byUuid.get(rootUuid);
        return h == null ? null : () -> cachedInfo(h);
    }

    @Override
    public dev.placementstudio.scheduler.ComputeNode computeNode(String rootUuid) {
        return computeNodes.get(rootUuid);
    }

    @Override
    public HostInfo host(String rootUuid) {
        Host h = byUuid.get(rootUuid);
        return h == null ? null : info(h);
    }

    /** The scheduler asks for a thousand hosts per call: rebuild a host's view only when it changed. */
    private HostInfo cachedInfo(Host h) {
        if (h.info == null || h.infoVersion != h.version || h.infoCellVersion != cellVersion) {
            h.info = info(h);
            h.infoVersion = h.version;
            h.infoCellVersion = cellVersion;
        }
        return h.info;
    }

    private HostInfo info(Host h) {
        return new HostInfo(h.name, h.uuid, h.cell, h.rack, h.aggregates, h.az, h.metadata, h.status, isCellUp(h.cell),
                h.hypervisor, h.traits, h.numaNodes, h.baremetal, h.instancesView, h.ioOps, h.failedBuilds);
    }

    @Override
    public String azAggregate(String availabilityZone) {
        return azAggregate.get(availabilityZone);
    }

    public boolean isCellUp(String cell) {
        return cell == null || cellUp.getOrDefault(cell, true);
    }

    public void setCellUp(String cell, boolean up) {
        cellUp.put(cell, up);
        cellVersion++;
    }

    public int cellCount() {
        return (int) cellUp.keySet().stream().filter(c -> !c.equals("cell0")).count();
    }

    public boolean hasHost(String name) {
        return byName.containsKey(name);
    }

    public boolean hasCell(String cell) {
        return cellUp.containsKey(cell);
    }

    public String cellOf(String host) {
        Host h = byName.get(host);
        return h == null ? null : h.cell;
    }

    public String uuidOf(String host) {
        Host h = byName.get(host);
        return h == null ? null : h.uuid;
    }

    public boolean isBaremetal(String host) {
        Host h = byName.get(host);
        return h != null && h.baremetal;
    }

    public void setStatus(String host, HostStatus status) {
        Host h = byName.get(host);
        h.status = status;
        h.version++;
    }

    public void placed(String host, String instance) {
        Host h = byName.get(host);
        h.instances.add(instance);
        h.version++;
    }

    public void removed(String host, String instance) {
        Host h = byName.get(host);
        if (h != null) {
            h.instances.remove(instance);
            h.version++;
        }
    }

    public void ioOps(String host, int delta) {
        Host h = byName.get(host);
        h.ioOps += delta;
        h.version++;
    }

    public void buildFailed(String host) {
        Host h = byName.get(host);
        h.failedBuilds++;
        h.version++;
    }

    public void buildSucceeded(String host) {
        // Nova resets the count on a successful build
        Host h = byName.get(host);
        if (h.failedBuilds != 0) {
            h.failedBuilds = 0;
            h.version++;
        }
    }

    public Set<String> instancesOn(String host) {
        Host h = byName.get(host);
        return h == null ? Set.of() : h.instancesView;
    }
}
