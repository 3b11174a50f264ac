package dev.placementstudio.model;

import dev.placementstudio.model.PlacementState.InventoryRecord;
import dev.placementstudio.model.PlacementState.ResourceProviderRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Provider trees back to hosts, NUMA nodes, PFs, GPUs, accelerators, Ironic nodes and sharing pools: the
 * provider half of {@link PlacementInverse}. A tree (or a child and its subtree) that fits no shape is
 * kept raw with the reason.
 */
final class TreeInverse {
    private static final Set<String> HOST_CLASSES = Set.of("VCPU", "PCPU", "MEMORY_MB", "DISK_GB");

    private final PlacementState state;
    private final CloudFacts facts;
    private final Map<String, String> forced;
    private final Map<String, ResourceProviderRecord> byUuid = new HashMap<>();
    private final Map<String, List<ResourceProviderRecord>> children = new HashMap<>();
    private final Map<String, String> rootOf = new HashMap<>();
    /** provider uuid to the name of the model entity it belongs to (host, Ironic node, pool) */
    private final Map<String, String> owner = new HashMap<>();
    private final Set<String> rawUuids = new HashSet<>();
    private final List<ImportReport.Entry> rawEntries = new ArrayList<>();
    private final List<ComputeHost> hosts = new ArrayList<>();
    private final List<BaremetalNode> baremetal = new ArrayList<>();
    private final List<SharedStoragePool> pools = new ArrayList<>();
    private final Map<String, Aggregate> aggregatesByUuid = new LinkedHashMap<>();
    private final List<Cell> cells = new ArrayList<>();
    private final String defaultCell;

    TreeInverse(PlacementState state, CloudFacts facts, Map<String, String> forced) {
        this.state = state;
        this.facts = facts;
        this.forced = forced;
        cells.addAll(facts.cells().isEmpty() ? List.of(new Cell("cell1", null, true)) : facts.cells());
        defaultCell = cells.get(0).name();
        for (ResourceProviderRecord rp : state.resourceProviders()) {
            byUuid.put(rp.uuid(), rp);
        }
        for (ResourceProviderRecord rp : state.resourceProviders()) {
            if (rp.parentProviderUuid() != null) {
                children.computeIfAbsent(rp.parentProviderUuid(), k -> new ArrayList<>()).add(rp);
            }
        }
        nameAggregates();
        for (ResourceProviderRecord rp : state.resourceProviders()) {
            if (rp.parentProviderUuid() == null) {
                markRoot(rp.uuid(), rp);
                classifyRoot(rp);
            } else if (!byUuid.containsKey(rp.parentProviderUuid())) {
                rootOf.put(rp.uuid(), rp.uuid());
                raw(rp, "its parent " + rp.parentProviderUuid() + " is not in the Placement state");
            }
        }
        String sharedTo;
        for (int i = 0; i < hosts.size(); i++) {
            ComputeHost h = hosts.get(i);
            if (h.diskGb() == 0) {
                for (SharedStoragePool p : pools) {
                    if (p.aggregates().stream().anyMatch(h.aggregates()::contains)) {
                        sharedTo = p.name();
                        hosts.set(i, new ComputeHost(h.hostname(), h.uuid(), h.cell(), h.rack(), h.aggregates(),
                                h.hypervisorType(), h.status(), h.cpuTraits(), h.traits(), h.numaInPlacement(),
                                h.numaNodes(), 0L, sharedTo, h.reserved(), h.allocationRatios(), h.pfs(), h.gpus(),
                                h.accelerators(), h.architecture(), h.hypervisorVersion()));
                        break;
                    }
                }
            }
        }
    }

    private void markRoot(String root, ResourceProviderRecord rp) {
        rootOf.put(rp.uuid(), root);
        for (ResourceProviderRecord c : children.getOrDefault(rp.uuid(), List.of())) {
            markRoot(root, c);
        }
    }

    List<ResourceProviderRecord> childrenOf(String uuid) {
        return children.getOrDefault(uuid, List.of());
    }

    String rootOf(String uuid) {
        return rootOf.getOrDefault(uuid, uuid);
    }

    /** The host, Ironic node or pool a provider belongs to; null for raw providers and raw trees. */
    String owner(String providerUuid) {
        return owner.get(providerUuid);
    }

    /** The model entity owning the root of a (possibly raw) provider's tree. */
    String treeOwner(String providerUuid) {
        return owner.get(rootOf(providerUuid));
    }

    boolean isRaw(String providerUuid) {
        return rawUuids.contains(providerUuid);
    }

    ResourceProviderRecord provider(String uuid) {
        return byUuid.get(uuid);
    }

    boolean isPool(String name) {
        return pools.stream().anyMatch(p -> p.name().equals(name));
    }

    boolean isBaremetal(String name) {
        return baremetal.stream().anyMatch(b -> b.name().equals(name));
    }

    String cellOf(String entity) {
        for (ComputeHost h : hosts) {
            if (h.hostname().equals(entity)) {
                return h.cell();
            }
        }
        return baremetal.stream().filter(b -> b.name().equals(entity)).map(BaremetalNode::cell).findFirst().orElse(null);
    }

    // -- aggregates --

    private void nameAggregates() {
        Set<String> used = new HashSet<>();
        for (Aggregate a : facts.aggregates()) {
            if (forced.containsKey("aggregate:" + a.name())) {
                continue; // Nova's aggregate would make an invalid model: Placement's uuid and name stand in
            }
            String uuid = a.uuid() != null ? a.uuid() : Ids.uuidFor("aggregate", a.name());
            aggregatesByUuid.put(uuid, new Aggregate(a.name(), uuid, a.availabilityZone(), a.metadata()));
            used.add(a.name());
        }
        Set<String> referenced = new java.util.LinkedHashSet<>();
        state.resourceProviders().forEach(rp -> referenced.addAll(rp.aggregates()));
        for (String uuid : referenced) {
            if (aggregatesByUuid.containsKey(uuid)) {
                continue;
            }
            String name = state.aggregateNames().getOrDefault(uuid, uuid);
            if (!used.add(name)) {
                name = name + "-" + uuid.substring(0, Math.min(8, uuid.length()));
                used.add(name);
            }
            aggregatesByUuid.put(uuid, new Aggregate(name, uuid, null, null));
        }
    }

    private List<String> aggregateNames(List<String> uuids) {
        return uuids.stream().map(u -> aggregatesByUuid.get(u).name()).toList();
    }

    /** Aggregate names of the input that the model's aggregates would not give back. */
    Map<String, String> rawAggregateNames() {
        Map<String, String> out = new LinkedHashMap<>();
        state.aggregateNames().forEach((uuid, name) -> {
            Aggregate a = aggregatesByUuid.get(uuid);
            String projected = a == null ? null : a.availabilityZone() != null ? a.availabilityZone() : a.name();
            if (!name.equals(projected)) {
                out.put(uuid, name);
            }
        });
        return out;
    }

    // -- roots --

    private void classifyRoot(ResourceProviderRecord rp) {
        String why = forced.containsKey("*") ? forced.get("*") : forced.get(rp.uuid());
        if (why != null) {
            rawTree(rp, why);
            return;
        }
        List<ResourceProviderRecord> kids = children.getOrDefault(rp.uuid(), List.of());
        Set<String> traits = Set.copyOf(rp.traits());
        if (isIronicShape(rp) && kids.isEmpty()) {
            String rc = rp.inventories().keySet().iterator().next();
            HostStatus status = rp.inventories().get(rc).reserved() == 1 ? HostStatus.DISABLED : HostStatus.ENABLED;
            baremetal.add(new BaremetalNode(rp.name(), rp.uuid(), cellFor(rp.name()), null, rc, sorted(rp.traits()),
                    aggregateNames(rp.aggregates()), null, null, null, status));
            owner.put(rp.uuid(), rp.name());
            return;
        }
        if (traits.contains("MISC_SHARES_VIA_AGGREGATE")) {
            String bad = poolMismatch(rp, kids);
            if (bad != null) {
                rawTree(rp, bad);
                return;
            }
            InventoryRecord d = rp.inventories().get("DISK_GB");
            pools.add(new SharedStoragePool(rp.name(), rp.uuid(), d.total(), d.reserved(), d.allocationRatio(),
                    aggregateNames(rp.aggregates()),
                    sorted(rp.traits().stream().filter(t -> !t.equals("MISC_SHARES_VIA_AGGREGATE")).toList())));
            owner.put(rp.uuid(), rp.name());
            return;
        }
        if (traits.contains("COMPUTE_NODE")) {
            new HostInverse(this, rp, kids).build();
            return;
        }
        rawTree(rp, "a root that is neither a compute node (COMPUTE_NODE), an Ironic node (one unit of one CUSTOM_* "
                + "class) nor a sharing provider (MISC_SHARES_VIA_AGGREGATE)");
    }

    private static boolean isIronicShape(ResourceProviderRecord rp) {
        if (rp.inventories().size() != 1) {
            return false;
        }
        var e = rp.inventories().entrySet().iterator().next();
        InventoryRecord i = e.getValue();
        return StandardNames.isCustom(e.getKey()) && i.total() == 1 && (i.reserved() == 0 || i.reserved() == 1)
                && i.minUnit() == 1 && i.maxUnit() == 1 && i.stepSize() == 1 && i.allocationRatio() == 1.0;
    }

    private static String poolMismatch(ResourceProviderRecord rp, List<ResourceProviderRecord> kids) {
        if (!kids.isEmpty()) {
            return "a sharing provider with child providers";
        }
        if (rp.traits().contains("COMPUTE_NODE")) {
            return "a sharing provider that is also a compute node";
        }
        if (!rp.inventories().keySet().equals(Set.of("DISK_GB"))) {
            return "a sharing provider of " + rp.inventories().keySet() + "; a storage pool shares DISK_GB only";
        }
        InventoryRecord d = rp.inventories().get("DISK_GB");
        if (d.total() <= 0 || d.minUnit() != 1 || d.stepSize() != 1 || d.maxUnit() != d.total() || d.reserved() < 0
                || d.reserved() > d.total() || d.allocationRatio() <= 0) {
            return "its DISK_GB inventory " + d + " is not a storage pool's (min_unit 1, step 1, max_unit = total)";
        }
        if (rp.aggregates().isEmpty()) {
            return "a sharing provider in no aggregate shares with nobody";
        }
        return null;
    }

    String cellFor(String hostname) {
        CloudFacts.HostFact f = facts.hosts().get(hostname);
        if (f == null || f.cell() == null) {
            return defaultCell;
        }
        if (cells.stream().noneMatch(c -> c.name().equals(f.cell()))) {
            cells.add(new Cell(f.cell(), null, true));
        }
        return f.cell();
    }

    CloudFacts.HostFact hostFact(String hostname) {
        return facts.hosts().get(hostname);
    }

    // -- what HostInverse calls back --

    void addHost(ComputeHost h, Map<String, String> providerOwners) {
        hosts.add(h);
        owner.putAll(providerOwners);
    }

    List<String> hostAggregates(ResourceProviderRecord root) {
        return aggregateNames(root.aggregates());
    }

    /** A provider and its whole subtree stay raw. */
    void rawTree(ResourceProviderRecord rp, String why) {
        raw(rp, why);
        for (ResourceProviderRecord c : children.getOrDefault(rp.uuid(), List.of())) {
            rawQuiet(c);
        }
    }

    private void raw(ResourceProviderRecord rp, String why) {
        rawUuids.add(rp.uuid());
        rawEntries.add(new ImportReport.Entry("provider", rp.uuid(), rp.name(), why));
        for (ResourceProviderRecord c : children.getOrDefault(rp.uuid(), List.of())) {
            rawQuiet(c);
        }
    }

    private void rawQuiet(ResourceProviderRecord rp) {
        if (rawUuids.add(rp.uuid())) {
            rawEntries.add(new ImportReport.Entry("provider", rp.uuid(), rp.name(), "below a raw provider"));
        }
        for (ResourceProviderRecord c : children.getOrDefault(rp.uuid(), List.of())) {
            rawQuiet(c);
        }
    }

    static boolean isHostClass(String rc) {
        return HOST_CLASSES.contains(rc);
    }

    static List<String> sorted(List<String> items) {
        return items.stream().sorted().distinct().toList();
    }

    // -- results --

    PlacementState state() {
        return state;
    }

    List<ComputeHost> hosts() {
        return hosts;
    }

    List<BaremetalNode> baremetalNodes() {
        return baremetal;
    }

    List<SharedStoragePool> pools() {
        return pools;
    }

    List<Cell> cells() {
        return cells;
    }

    List<Aggregate> aggregates() {
        return List.copyOf(aggregatesByUuid.values());
    }

    List<ImportReport.Entry> rawEntries() {
        return rawEntries;
    }

    /** The raw providers, in the input's order (parents before children). */
    List<ResourceProviderRecord> rawProviders() {
        return state.resourceProviders().stream().filter(rp -> rawUuids.contains(rp.uuid())).toList();
    }
}
