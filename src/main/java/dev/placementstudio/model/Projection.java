package dev.placementstudio.model;

import dev.placementstudio.model.PlacementState.ConsumerRecord;
import dev.placementstudio.model.PlacementState.InventoryRecord;
import dev.placementstudio.model.PlacementState.ResourceProviderRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Projects a cloud model onto what Placement would hold, following the conventions of the services that
 * report to it:
 * <ul>
 * <li>nova-compute: a root provider named by the hypervisor hostname with {@code COMPUTE_NODE}, CPU
 * traits and DISK_GB (unless its disk is shared); VCPU/PCPU/MEMORY_MB on the root, or on
 * {@code HW_NUMA_ROOT} children when NUMA is modelled in Placement; GPUs as VGPU/PGPU children;</li>
 * <li>Neutron: one child per SR-IOV PF with SRIOV_NET_VF, NET_BW_* and physnet/vnic-type traits;</li>
 * <li>Cyborg: one child per accelerator with FPGA or PGPU and vendor traits;</li>
 * <li>Ironic: one root per node with a single unit of its custom resource class;</li>
 * <li>shared storage: a DISK_GB root with {@code MISC_SHARES_VIA_AGGREGATE} in its aggregates.</li>
 * </ul>
 * Devices hang off their NUMA node's provider when NUMA is in Placement, so that {@code same_subtree}
 * can tie a VF or an FPGA to the CPUs of one node. Instances and migrations become consumers; when a
 * model gives no explicit allocations, the projection places them first-fit on their host's providers.
 */
public final class Projection {
    public static final String CONSUMER_INSTANCE = "INSTANCE";
    public static final String CONSUMER_MIGRATION = "MIGRATION";

    private final CloudModel model;
    private final List<ResourceProviderRecord> providers = new ArrayList<>();
    private final Map<String, ResourceProviderRecord> byName = new HashMap<>();
    private final Map<String, String> rootOf = new HashMap<>();
    private final Map<String, List<ResourceProviderRecord>> trees = new HashMap<>();
    private final Map<String, Map<String, Long>> used = new HashMap<>();
    private final Map<String, ConsumerRecord> consumers = new TreeMap<>();
    private final Map<String, String> aggregateUuids = new HashMap<>();
    private final List<ModelProblem> problems = new ArrayList<>();

    private Projection(CloudModel model) {
        this.model = model;
    }

    /** The provider trees and consumers of a valid model; a model that does not fit throws. */
    public static PlacementState project(CloudModel model) throws InvalidModelException {
        Checked last = lastChecked;
        if (last != null && last.model.get() == model) {
            return last.state; // the validator just projected this very model (opening a file does both)
        }
        Projection p = new Projection(model);
        PlacementState state = p.run();
        if (!p.problems.isEmpty()) {
            throw new InvalidModelException(p.problems);
        }
        return state;
    }

    /** The last model the validator projected without a problem, and its (immutable) state. */
    private record Checked(java.lang.ref.WeakReference<CloudModel> model, PlacementState state) {
    }

    private static volatile Checked lastChecked;

    /** Problems the projection finds (allocations that do not fit), for the validator. */
    static List<ModelProblem> check(CloudModel model) {
        Projection p = new Projection(model);
        PlacementState state = p.run();
        if (p.problems.isEmpty()) {
            lastChecked = new Checked(new java.lang.ref.WeakReference<>(model), state);
        }
        return p.problems;
    }

    public static String aggregateUuid(Aggregate a) {
        return a.uuid() != null ? a.uuid() : Ids.uuidFor("aggregate", a.name());
    }

    /** The provider name of a host's NUMA node. */
    public static String numaProviderName(String hostname, int node) {
        return hostname + "_numa" + node;
    }

    /** The provider name of a device (PF, GPU, accelerator) of a host. */
    public static String deviceProviderName(String hostname, String device) {
        return hostname + "_" + device;
    }

    public static String physnetTrait(String physnet) {
        return "CUSTOM_PHYSNET_" + StandardNames.customSuffix(physnet);
    }

    public static String vnicTypeTrait(String vnicType) {
        return "CUSTOM_VNIC_TYPE_" + StandardNames.customSuffix(vnicType);
    }

    public static String gpuTrait(GpuDevice gpu) {
        return "CUSTOM_" + gpu.kind().name() + "_" + StandardNames.customSuffix(gpu.model() == null ? "generic" : gpu.model());
    }

    public static String acceleratorVendorTrait(Accelerator acc) {
        return "CUSTOM_" + acc.type().name() + "_" + StandardNames.customSuffix(acc.vendor() == null ? "generic" : acc.vendor());
    }

    /** The resource class an accelerator is reported with: Cyborg reports GPUs as PGPU. */
    public static String acceleratorResourceClass(Accelerator acc) {
        return acc.type() == AcceleratorType.FPGA ? "FPGA" : "PGPU";
    }

    private PlacementState run() {
        for (Aggregate a : model.aggregates()) {
            aggregateUuids.put(a.name(), aggregateUuid(a));
        }
        for (int i = 0; i < model.hosts().size(); i++) {
            projectHost(model.hosts().get(i));
        }
        for (BaremetalNode node : model.baremetalNodes()) {
            Map<String, InventoryRecord> inv = new LinkedHashMap<>();
            long reserved = node.status() == HostStatus.ENABLED ? 0 : 1;
            inv.put(node.resourceClass(), new InventoryRecord(1, reserved, 1, 1, 1, 1.0));
            add(new ResourceProviderRecord(node.effectiveUuid(), node.name(), null, inv, sorted(node.traits()),
                    aggregateUuids(node.aggregates())));
        }
        for (SharedStoragePool pool : model.sharedStorage()) {
            Map<String, InventoryRecord> inv = new LinkedHashMap<>();
            inv.put("DISK_GB", new InventoryRecord(pool.diskGb(), pool.reservedGb(), 1, pool.diskGb(), 1,
                    pool.allocationRatio()));
            Set<String> traits = new LinkedHashSet<>(pool.traits());
            traits.add("MISC_SHARES_VIA_AGGREGATE");
            add(new ResourceProviderRecord(pool.effectiveUuid(), pool.name(), null, inv, sorted(traits),
                    aggregateUuids(pool.aggregates())));
        }
        if (model.rawPlacement() != null) {
            // raw providers before the consumers: an imported instance may hold resources on a raw child
            PlacementState raw = model.rawPlacement();
            for (int i = 0; i < raw.resourceProviders().size(); i++) {
                ResourceProviderRecord rp = raw.resourceProviders().get(i);
                if (rp.parentProviderUuid() != null && !rootOf.containsKey(rp.parentProviderUuid())) {
                    problems.add(new ModelProblem("rawPlacement.resource_providers[" + i + "].parent_provider_uuid",
                            "parent " + rp.parentProviderUuid() + " is neither a raw provider listed before it nor one of the model's"));
                }
                add(rp);
            }
            raw.resourceProviders().forEach(rp -> used.computeIfAbsent(rp.uuid(), k -> new HashMap<>()));
        }
        projectConsumers();
        Map<String, String> names = new TreeMap<>();
        for (Aggregate a : model.aggregates()) {
            names.put(aggregateUuid(a), a.availabilityZone() != null ? a.availabilityZone() : a.name());
        }
        if (model.rawPlacement() != null) {
            PlacementState raw = model.rawPlacement();
            raw.allocations().forEach((consumer, c) -> c.allocations().keySet().forEach(rp -> {
                if (!rootOf.containsKey(rp)) {
                    problems.add(new ModelProblem("rawPlacement.allocations." + consumer, "no provider with uuid " + rp));
                }
            }));
            consumers.putAll(raw.allocations());
            names.putAll(raw.aggregateNames());
        }
        return new PlacementState(providers, consumers, names);
    }

    private void projectHost(ComputeHost h) {
        String root = h.effectiveUuid();
        Map<String, InventoryRecord> rootInv = new LinkedHashMap<>();
        AllocationRatios ratios = h.allocationRatios();
        ReservedResources res = h.reserved();
        if (!h.numaInPlacement()) {
            addCpuAndMemory(rootInv, h.totalCpus(), h.totalPcpus(), h.totalMemoryMb(), res.vcpus(), res.memoryMb(), ratios);
        }
        if (!h.usesSharedStorage() && h.diskGb() > 0) {
            rootInv.put("DISK_GB", new InventoryRecord(h.diskGb(), res.diskGb(), 1, h.diskGb(), 1, ratios.disk()));
        }
        Set<String> traits = new LinkedHashSet<>();
        traits.add("COMPUTE_NODE");
        traits.addAll(h.cpuTraits());
        traits.addAll(h.traits());
        if (!h.accelerators().isEmpty()) {
            // the compute's "supports_accelerators" capability, which Nova's accelerators_filter asks for; Nova's
            // computes all report it, the projection only where Cyborg has devices (the same candidates)
            traits.add("COMPUTE_ACCELERATORS");
        }
        if (h.status() == HostStatus.DISABLED) {
            traits.add("COMPUTE_STATUS_DISABLED");
        }
        add(new ResourceProviderRecord(root, h.hostname(), null, rootInv, sorted(traits), aggregateUuids(h.aggregates())));

        Map<Integer, String> numaUuid = new HashMap<>();
        if (h.numaInPlacement()) {
            for (NumaNode n : h.numaNodes()) {
                boolean first = n == h.numaNodes().get(0);
                Map<String, InventoryRecord> inv = new LinkedHashMap<>();
                addCpuAndMemory(inv, n.cpus(), n.pcpus(), n.memoryMb(), first ? res.vcpus() : 0,
                        first ? res.memoryMb() : 0, ratios);
                String name = numaProviderName(h.hostname(), n.id());
                String uuid = Ids.uuidFor("provider", name);
                numaUuid.put(n.id(), uuid);
                add(new ResourceProviderRecord(uuid, name, root, inv, List.of("HW_NUMA_ROOT"), List.of()));
            }
        }
        for (PhysicalFunction pf : h.pfs()) {
            Map<String, InventoryRecord> inv = new LinkedHashMap<>();
            if (pf.vfs() > 0) {
                inv.put("SRIOV_NET_VF", InventoryRecord.of(pf.vfs()));
            }
            if (pf.egressKbps() > 0) {
                inv.put("NET_BW_EGR_KILOBIT_PER_SEC", InventoryRecord.of(pf.egressKbps()));
            }
            if (pf.ingressKbps() > 0) {
                inv.put("NET_BW_IGR_KILOBIT_PER_SEC", InventoryRecord.of(pf.ingressKbps()));
            }
            String name = deviceProviderName(h.hostname(), pf.name());
            add(new ResourceProviderRecord(Ids.uuidFor("provider", name), name, numaUuid.getOrDefault(pf.numaNode(), root),
                    inv, sorted(List.of(physnetTrait(pf.physnet()), vnicTypeTrait("direct"))), List.of()));
        }
        for (GpuDevice gpu : h.gpus()) {
            Map<String, InventoryRecord> inv = new LinkedHashMap<>();
            inv.put(gpu.kind().name(), InventoryRecord.of(gpu.count()));
            String name = deviceProviderName(h.hostname(), gpu.name());
            add(new ResourceProviderRecord(Ids.uuidFor("provider", name), name, numaUuid.getOrDefault(gpu.numaNode(), root),
                    inv, List.of(gpuTrait(gpu)), List.of()));
        }
        for (Accelerator acc : h.accelerators()) {
            Map<String, InventoryRecord> inv = new LinkedHashMap<>();
            inv.put(acceleratorResourceClass(acc), InventoryRecord.of(acc.count()));
            Set<String> t = new LinkedHashSet<>();
            t.add(acceleratorVendorTrait(acc));
            t.addAll(acc.traits());
            String name = deviceProviderName(h.hostname(), acc.name());
            add(new ResourceProviderRecord(Ids.uuidFor("provider", name), name, numaUuid.getOrDefault(acc.numaNode(), root),
                    inv, sorted(t), List.of()));
        }
    }

    private static void addCpuAndMemory(Map<String, InventoryRecord> inv, long cpus, long pcpus, long memoryMb,
                                        long reservedCpus, long reservedMemoryMb, AllocationRatios ratios) {
        if (cpus > 0) {
            inv.put("VCPU", new InventoryRecord(cpus, Math.min(reservedCpus, cpus), 1, cpus, 1, ratios.cpu()));
        }
        if (pcpus > 0) {
            inv.put("PCPU", new InventoryRecord(pcpus, 0, 1, pcpus, 1, 1.0));
        }
        if (memoryMb > 0) {
            inv.put("MEMORY_MB", new InventoryRecord(memoryMb, Math.min(reservedMemoryMb, memoryMb), 1, memoryMb, 1,
                    ratios.ram()));
        }
    }

    private void add(ResourceProviderRecord rp) {
        providers.add(rp);
        byName.put(rp.name(), rp);
        String root = rp.parentProviderUuid() == null ? rp.uuid()
                : rootOf.getOrDefault(rp.parentProviderUuid(), rp.parentProviderUuid());
        rootOf.put(rp.uuid(), root);
        trees.computeIfAbsent(root, k -> new ArrayList<>()).add(rp);
    }

    private List<String> aggregateUuids(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String u = aggregateUuids.get(n);
            out.add(u != null ? u : n);
        }
        return out;
    }

    private static List<String> sorted(java.util.Collection<String> items) {
        return items.stream().sorted().distinct().toList();
    }

    // -- consumers --

    private void projectConsumers() {
        Map<String, Migration> holding = new HashMap<>();
        for (Migration m : model.migrations()) {
            if (m.holdsSource()) {
                holding.put(m.instance(), m);
            }
        }
        Map<String, Flavor> flavors = CloudModel.byName(model.flavors(), Flavor::name);
        Map<String, Port> ports = CloudModel.byName(model.ports(), Port::name);
        for (int i = 0; i < model.instances().size(); i++) {
            Instance inst = model.instances().get(i);
            String path = "instances[" + i + "]";
            if (inst.host() == null || inst.state() == InstanceState.DELETED || inst.state() == InstanceState.ERROR
                    && inst.allocations() == null) {
                continue;
            }
            Migration mig = holding.get(inst.name());
            if (inst.allocations() != null) {
                Map<String, Map<String, Long>> alloc = new LinkedHashMap<>();
                inst.allocations().forEach((providerName, resources) -> {
                    ResourceProviderRecord rp = byName.get(providerName);
                    if (rp == null) {
                        problems.add(new ModelProblem(path + ".allocations", "no provider named '" + providerName + "'"));
                    } else {
                        claimExplicit(path, rp, resources);
                        alloc.put(rp.uuid(), resources);
                    }
                });
                consumers.put(inst.effectiveUuid(), new ConsumerRecord(alloc, inst.effectiveProjectId(), inst.effectiveUserId(),
                        CONSUMER_INSTANCE));
                if (mig == null) {
                    continue;
                }
            }
            Flavor flavor = flavors.get(inst.flavor());
            if (flavor == null) {
                continue; // the validator reports it
            }
            if (inst.allocations() != null) {
                // explicit allocations are the instance's on its (destination) host; the migration holds the
                // source, placed first-fit with the old flavor
                Map<String, Map<String, Long>> src = place(path, inst, flavor, mig.source(), ports);
                if (src != null) {
                    consumers.put(mig.effectiveUuid(), new ConsumerRecord(src, inst.effectiveProjectId(), inst.effectiveUserId(),
                            CONSUMER_MIGRATION));
                }
                continue;
            }
            if (mig != null) {
                Flavor newFlavor = mig.newFlavor() != null ? flavors.getOrDefault(mig.newFlavor(), flavor) : flavor;
                Map<String, Map<String, Long>> src = place(path, inst, flavor, mig.source(), ports);
                if (src != null) {
                    consumers.put(mig.effectiveUuid(), new ConsumerRecord(src, inst.effectiveProjectId(), inst.effectiveUserId(),
                            CONSUMER_MIGRATION));
                }
                Map<String, Map<String, Long>> dst = place(path, inst, newFlavor, mig.destination(), ports);
                if (dst != null) {
                    consumers.put(inst.effectiveUuid(), new ConsumerRecord(dst, inst.effectiveProjectId(), inst.effectiveUserId(),
                            CONSUMER_INSTANCE));
                }
            } else {
                Map<String, Map<String, Long>> alloc = place(path, inst, flavor, inst.host(), ports);
                if (alloc != null) {
                    consumers.put(inst.effectiveUuid(), new ConsumerRecord(alloc, inst.effectiveProjectId(), inst.effectiveUserId(),
                            CONSUMER_INSTANCE));
                }
            }
        }
    }

    private void claimExplicit(String path, ResourceProviderRecord rp, Map<String, Long> resources) {
        resources.forEach((rc, amount) -> {
            if (!fits(rp, rc, amount)) {
                problems.add(new ModelProblem(path + ".allocations",
                        amount + " " + rc + " does not fit on provider '" + rp.name() + "'"));
            }
            use(rp, rc, amount);
        });
    }

    /** First-fit placement of one instance's resources on a host; null (and a problem) when it does not fit. */
    private Map<String, Map<String, Long>> place(String path, Instance inst, Flavor flavor, String hostName,
                                                 Map<String, Port> ports) {
        Map<String, Map<String, Long>> alloc = new LinkedHashMap<>();
        var bm = model.baremetalNode(hostName);
        if (bm.isPresent()) {
            ResourceProviderRecord rp = byName.get(bm.get().name());
            if (!take(alloc, rp, bm.get().resourceClass(), 1)) {
                problems.add(new ModelProblem(path + ".host", "bare-metal node '" + hostName
                        + "' is already taken by another instance"));
                return null;
            }
            return alloc;
        }
        var hostOpt = model.host(hostName);
        if (hostOpt.isEmpty()) {
            return null; // the validator reports a dangling host
        }
        ComputeHost h = hostOpt.get();
        ResourceProviderRecord root = byName.get(h.hostname());
        Flavor.RootAmounts amounts = flavor.rootAmounts();
        Map<String, Long> cpuMem = amounts.cpuAndMemory();
        Map<String, Long> extraRoot = amounts.other();
        long disk = amounts.diskGb();
        // CPU and memory: root, or the first NUMA node with room for both.
        if (!cpuMem.isEmpty()) {
            List<ResourceProviderRecord> targets = h.numaInPlacement()
                    ? h.numaNodes().stream().map(n -> byName.get(numaProviderName(h.hostname(), n.id()))).toList()
                    : List.of(root);
            ResourceProviderRecord chosen = null;
            for (ResourceProviderRecord t : targets) {
                if (cpuMem.entrySet().stream().allMatch(e -> fits(t, e.getKey(), e.getValue()))) {
                    chosen = t;
                    break;
                }
            }
            if (chosen == null) {
                problems.add(new ModelProblem(path, "instance '" + inst.name() + "' (" + flavor.name()
                        + ") does not fit on host '" + hostName + "': not enough " + String.join("/", cpuMem.keySet())));
                return null;
            }
            for (var e : cpuMem.entrySet()) {
                take(alloc, chosen, e.getKey(), e.getValue());
            }
        }
        if (disk > 0) {
            ResourceProviderRecord diskRp = h.usesSharedStorage() ? byName.get(h.sharedStorage()) : root;
            if (diskRp == null || !take(alloc, diskRp, "DISK_GB", disk)) {
                problems.add(new ModelProblem(path, "instance '" + inst.name() + "' (" + flavor.name()
                        + ") does not fit on host '" + hostName + "': not enough DISK_GB"));
                return null;
            }
        }
        for (var e : extraRoot.entrySet()) {
            ResourceProviderRecord rp = findInTree(h, e.getKey(), e.getValue(), null);
            if (rp == null || !take(alloc, rp, e.getKey(), e.getValue())) {
                problems.add(new ModelProblem(path, "instance '" + inst.name() + "' does not fit on host '" + hostName
                        + "': it needs " + e.getValue() + " " + e.getKey() + " and no provider there has room for it"));
                return null;
            }
        }
        for (String portName : inst.ports()) {
            Port port = ports.get(portName);
            if (port == null || !port.isSriov()) {
                continue;
            }
            ResourceProviderRecord pf = null;
            for (PhysicalFunction candidate : h.pfs()) {
                if (!candidate.physnet().equals(port.physnet())) {
                    continue;
                }
                ResourceProviderRecord rp = byName.get(deviceProviderName(h.hostname(), candidate.name()));
                if (fits(rp, "SRIOV_NET_VF", 1)
                        && (port.minEgressKbps() == 0 || fits(rp, "NET_BW_EGR_KILOBIT_PER_SEC", port.minEgressKbps()))
                        && (port.minIngressKbps() == 0 || fits(rp, "NET_BW_IGR_KILOBIT_PER_SEC", port.minIngressKbps()))) {
                    pf = rp;
                    break;
                }
            }
            if (pf == null) {
                problems.add(new ModelProblem(path + ".ports", "port '" + portName + "' needs a VF on physnet '"
                        + port.physnet() + "' but host '" + hostName + "' has no PF there with a free VF"
                        + (port.minEgressKbps() + port.minIngressKbps() > 0 ? " and bandwidth" : "")));
                return null;
            }
            take(alloc, pf, "SRIOV_NET_VF", 1);
            if (port.minEgressKbps() > 0) {
                take(alloc, pf, "NET_BW_EGR_KILOBIT_PER_SEC", port.minEgressKbps());
            }
            if (port.minIngressKbps() > 0) {
                take(alloc, pf, "NET_BW_IGR_KILOBIT_PER_SEC", port.minIngressKbps());
            }
        }
        String profileName = flavor.extraSpecs().get("accel:device_profile");
        if (profileName != null) {
            var profile = model.deviceProfiles().stream().filter(d -> d.name().equals(profileName)).findFirst();
            if (profile.isPresent()) {
                for (Map<String, String> group : profile.get().groups()) {
                    for (var e : group.entrySet()) {
                        if (!e.getKey().startsWith("resources:")) {
                            continue;
                        }
                        String rc = e.getKey().substring("resources:".length());
                        long amount = parseLong(e.getValue());
                        Set<String> required = new LinkedHashSet<>();
                        group.forEach((k, v) -> {
                            if (k.startsWith("trait:") && "required".equals(v)) {
                                required.add(k.substring("trait:".length()));
                            }
                        });
                        ResourceProviderRecord rp = findInTree(h, rc, amount, required);
                        if (rp == null || !take(alloc, rp, rc, amount)) {
                            problems.add(new ModelProblem(path, "instance '" + inst.name() + "' needs " + amount + " "
                                    + rc + " from device profile '" + profileName + "' but host '" + hostName
                                    + "' has no free device that matches"));
                            return null;
                        }
                    }
                }
            }
        }
        return alloc;
    }

    private ResourceProviderRecord findInTree(ComputeHost h, String rc, long amount, Set<String> requiredTraits) {
        for (ResourceProviderRecord rp : trees.getOrDefault(h.effectiveUuid(), List.of())) {
            if (requiredTraits != null && !rp.traits().containsAll(requiredTraits)) {
                continue;
            }
            if (fits(rp, rc, amount)) {
                return rp;
            }
        }
        return null;
    }

    private boolean fits(ResourceProviderRecord rp, String rc, long amount) {
        if (rp == null) {
            return false;
        }
        InventoryRecord inv = rp.inventories().get(rc);
        if (inv == null) {
            return false;
        }
        long usedNow = used.getOrDefault(rp.uuid(), Map.of()).getOrDefault(rc, 0L);
        return usedNow + amount <= inv.capacity();
    }

    private boolean take(Map<String, Map<String, Long>> alloc, ResourceProviderRecord rp, String rc, long amount) {
        if (!fits(rp, rc, amount)) {
            return false;
        }
        use(rp, rc, amount);
        alloc.computeIfAbsent(rp.uuid(), k -> new LinkedHashMap<>()).merge(rc, amount, Long::sum);
        return true;
    }

    private void use(ResourceProviderRecord rp, String rc, long amount) {
        used.computeIfAbsent(rp.uuid(), k -> new HashMap<>()).merge(rc, amount, Long::sum);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
