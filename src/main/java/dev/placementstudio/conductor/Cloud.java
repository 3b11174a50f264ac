package dev.placementstudio.conductor;

import dev.placementstudio.model.Aggregate;
import dev.placementstudio.model.BaremetalNode;
import dev.placementstudio.model.Cell;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.ComputeHost;
import dev.placementstudio.model.HostStatus;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.InstanceState;
import dev.placementstudio.model.Migration;
import dev.placementstudio.model.Port;
import dev.placementstudio.model.Projection;
import dev.placementstudio.model.SharedStoragePool;
import dev.placementstudio.scheduler.ComputeNode;
import dev.placementstudio.scheduler.HostInfo;
import dev.placementstudio.scheduler.Scheduler;

import java.util.ArrayList;
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
        ComputeTracker tracker;
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
    private final Map<String, Host> byName = new LinkedHashMap<>();
    private final Map<String, Boolean> cellUp = new LinkedHashMap<>();
    private final Map<String, String> azAggregate = new HashMap<>();
    private final List<Aggregate> aggregates;
    private long cellVersion;

    /** What each instance of a run takes from its compute, registered when it is booted or moved. */
    private final Map<String, ComputeTracker.Usage> usages = new HashMap<>();

    public Cloud(CloudModel model) {
        Map<String, Aggregate> aggs = new HashMap<>();
        aggregates = List.copyOf(model.aggregates());
        Map<String, ComputeTracker.SharedPool> pools = new HashMap<>();
        for (SharedStoragePool p : model.sharedStorage()) {
            pools.put(p.name(), new ComputeTracker.SharedPool(p.diskGb()));
        }
        for (Aggregate a : model.aggregates()) {
            aggs.put(a.name(), a);
            if (a.availabilityZone() != null) {
                azAggregate.putIfAbsent(a.availabilityZone(), Projection.aggregateUuid(a));
            }
        }
        for (Cell c : model.cells()) {
            cellUp.put(c.name(), c.isUp());
        }
        dev.placementstudio.model.FilterOptions options = model.scheduler() == null
                ? dev.placementstudio.model.FilterOptions.NOVA_DEFAULTS : model.scheduler().effectiveFilterOptions();
        for (ComputeHost h : model.hosts()) {
            Set<String> traits = new LinkedHashSet<>(h.cpuTraits());
            traits.addAll(h.traits());
            Host host = new Host(h.hostname(), h.effectiveUuid(), h.cell(), h.rack(), h.aggregates(),
                    az(h.aggregates(), aggs), metadata(h.aggregates(), aggs), h.hypervisorType(), traits,
                    h.numaNodes().size(), false, h.status());
            host.tracker = new ComputeTracker(h, h.usesSharedStorage() ? pools.get(h.sharedStorage()) : null,
                    options);
            add(host);
        }
        for (BaremetalNode n : model.baremetalNodes()) {
            Host host = new Host(n.name(), n.effectiveUuid(), n.cell(), n.rack(), n.aggregates(),
                    az(n.aggregates(), aggs), metadata(n.aggregates(), aggs), "ironic", new LinkedHashSet<>(n.traits()),
                    0, true, n.status());
            host.tracker = new ComputeTracker(n.name(), n.traits());
            add(host);
        }
        trackModelInstances(model);
    }

    /**
     * The instances the model says run: each compute tracks those on it that are not deleted (Nova's
     * allow_resource_removal: an ERROR instance that has a host still counts), with its flavor; a move in
     * progress holds the old flavor on its source and the new one on its destination.
     */
    private void trackModelInstances(CloudModel model) {
        Map<String, Flavor> flavors = CloudModel.byName(model.flavors(), Flavor::name);
        Map<String, Port> ports = CloudModel.byName(model.ports(), Port::name);
        Map<String, Migration> moving = new HashMap<>();
        for (Migration m : model.migrations()) {
            if (m.holdsSource()) {
                moving.put(m.instance(), m);
            }
        }
        for (dev.placementstudio.model.Instance i : model.instances()) {
            Host h = i.host() == null ? null : byName.get(i.host());
            Flavor f = flavors.get(i.flavor());
            if (h == null || f == null || i.state() == InstanceState.DELETED) {
                continue;
            }
            List<Port> own = new ArrayList<>();
            for (String p : i.ports()) {
                if (ports.containsKey(p)) {
                    own.add(ports.get(p));
                }
            }
            String uuid = i.effectiveUuid();
            Migration m = moving.get(i.name());
            if (m != null) {
                Flavor after = m.newFlavor() == null ? f : flavors.getOrDefault(m.newFlavor(), f);
                Host src = byName.get(m.source());
                Host dst = byName.get(m.destination());
                if (src != null) {
                    src.tracker.claim(ComputeTracker.MIGRATION + uuid, ComputeTracker.Usage.of(f, own));
                }
                if (dst != null) {
                    dst.tracker.claim(uuid, ComputeTracker.Usage.of(after, own));
                }
                usages.put(uuid, ComputeTracker.Usage.of(after, own));
            } else {
                h.tracker.claim(uuid, ComputeTracker.Usage.of(f, own));
                usages.put(uuid, ComputeTracker.Usage.of(f, own));
            }
            h.instances.add(uuid);
        }
    }

    /** What an instance of the run will take from the compute that builds it (its flavor and ports). */
    public void expect(String instance, Flavor flavor, List<Port> ports) {
        usages.put(instance, ComputeTracker.Usage.of(flavor, ports));
    }

    /** The compute starts a build: it claims the instance's flavor and counts it as building (io_workload). */
    public void buildStarted(String host, String instance) {
        Host h = byName.get(host);
        ComputeTracker.Usage u = usages.get(instance);
        if (u != null) {
            h.tracker.claim(instance, u);
        }
        h.ioOps++;
        h.version++;
    }

    /** A build failed: the claim is aborted and the compute counts the failure (until a build succeeds there). */
    public void buildFailed(String host, String instance) {
        byName.get(host).tracker.release(instance);
        buildFailed(host);
    }

    /** The ComputeNode record a host's compute reports now, or null for a name we do not know. */
    public ComputeNode computeNode(String host) {
        Host h = byName.get(host);
        return h == null ? null : h.tracker.computeNode();
    }

    @Override
    public java.util.function.Supplier<ComputeNode> liveCompute(String rootUuid) {
        Host h = byUuid.get(rootUuid);
        return h == null ? null : h.tracker;
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
    public List<Aggregate> aggregates() {
        return aggregates;
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

    /** The instance runs on the host: the compute tracks it (if it did not yet) and the scheduler sees it there. */
    public void placed(String host, String instance) {
        Host h = byName.get(host);
        h.instances.add(instance);
        ComputeTracker.Usage u = usages.get(instance);
        if (u != null) {
            h.tracker.claim(instance, u);
        }
        h.version++;
    }

    /**
     * A move reached its destination: the destination tracks the instance (with the new flavor of a
     * resize), and the source keeps the old flavor under the migration until the move is confirmed or
     * reverted, as Nova's resource tracker counts an outgoing migration ({@code _update_usage_from_migration},
     * the "old_" flavor); the source no longer lists the instance.
     */
    public void moved(String source, String destination, String instance, Flavor newFlavor, List<Port> ports) {
        Host s = byName.get(source);
        ComputeTracker.Usage old = usages.get(instance);
        if (s != null) {
            s.instances.remove(instance);
            s.tracker.release(instance);
            if (old != null) {
                s.tracker.claim(ComputeTracker.MIGRATION + instance, old);
            }
            s.version++;
        }
        if (newFlavor != null) {
            usages.put(instance, ComputeTracker.Usage.of(newFlavor, ports));
        }
        placed(destination, instance);
    }

    /** The move was confirmed: the source drops what the migration held there. */
    public void moveConfirmed(String source, String instance) {
        Host s = byName.get(source);
        if (s != null) {
            s.tracker.release(ComputeTracker.MIGRATION + instance);
            s.version++;
        }
    }

    /** The move was reverted: the destination drops the instance, the source runs it with its old flavor. */
    public void moveReverted(String source, String destination, String instance, Flavor oldFlavor, List<Port> ports) {
        removed(destination, instance);
        Host s = byName.get(source);
        if (s != null) {
            s.tracker.release(ComputeTracker.MIGRATION + instance);
        }
        if (oldFlavor != null) {
            usages.put(instance, ComputeTracker.Usage.of(oldFlavor, ports));
        }
        placed(source, instance);
    }

    /** The instance left the host (deleted, moved away): its claim there is dropped. */
    public void removed(String host, String instance) {
        Host h = byName.get(host);
        if (h != null) {
            h.instances.remove(instance);
            h.tracker.release(instance);
            h.tracker.release(ComputeTracker.MIGRATION + instance);
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
