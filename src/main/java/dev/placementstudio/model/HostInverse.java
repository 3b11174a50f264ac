package dev.placementstudio.model;

import dev.placementstudio.model.PlacementState.InventoryRecord;
import dev.placementstudio.model.PlacementState.ResourceProviderRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One compute node's provider tree back to a {@link ComputeHost}: the root's CPU, memory and disk (or
 * its {@code HW_NUMA_ROOT} children's), and its PF, GPU and accelerator children. A child that fits no
 * shape stays raw below the host; a root that fits none keeps its whole tree raw.
 */
final class HostInverse {
    private final TreeInverse trees;
    private final ResourceProviderRecord root;
    private final List<ResourceProviderRecord> kids;
    private final String host;
    private final Map<String, String> owners = new HashMap<>();
    private final List<PhysicalFunction> pfs = new ArrayList<>();
    private final List<GpuDevice> gpus = new ArrayList<>();
    private final List<Accelerator> accelerators = new ArrayList<>();

    HostInverse(TreeInverse trees, ResourceProviderRecord root, List<ResourceProviderRecord> kids) {
        this.trees = trees;
        this.root = root;
        this.kids = kids;
        this.host = root.name();
    }

    void build() {
        String why = rootMismatch();
        if (why != null) {
            trees.rawTree(root, why);
            return;
        }
        owners.put(root.uuid(), host);
        List<ResourceProviderRecord> numaKids = kids.stream().filter(k -> k.traits().contains("HW_NUMA_ROOT")).toList();
        boolean numa = !numaKids.isEmpty();
        Map<String, InventoryRecord> inv = root.inventories();
        if (numa && (inv.containsKey("VCPU") || inv.containsKey("PCPU") || inv.containsKey("MEMORY_MB"))) {
            trees.rawTree(root, "CPU or memory on both the root and its HW_NUMA_ROOT children");
            return;
        }
        List<NumaNode> nodes = new ArrayList<>();
        int reservedCpus = 0;
        long reservedMem = ReservedResources.NOVA_DEFAULTS.memoryMb();
        Double cpuRatio = null;
        Double ramRatio = null;
        if (!numa) {
            InventoryRecord v = inv.get("VCPU");
            InventoryRecord p = inv.get("PCPU");
            InventoryRecord m = inv.get("MEMORY_MB");
            String bad = cpuMemMismatch(v, p, m, true);
            if (bad != null) {
                trees.rawTree(root, bad);
                return;
            }
            nodes.add(new NumaNode(0, v == null ? 0 : (int) v.total(), p == null ? 0 : (int) p.total(), m.total(), 0));
            reservedCpus = v == null ? 0 : (int) v.reserved();
            reservedMem = m.reserved();
            cpuRatio = v == null ? null : v.allocationRatio();
            ramRatio = m.allocationRatio();
            for (ResourceProviderRecord k : kids) {
                device(k, 0);
            }
        } else {
            Set<Integer> ids = new HashSet<>();
            for (ResourceProviderRecord k : kids) {
                if (!k.traits().contains("HW_NUMA_ROOT")) {
                    trees.rawTree(k, "a device beside HW_NUMA_ROOT children: the model hangs a NUMA host's devices off "
                            + "its NUMA nodes");
                    continue;
                }
                Integer id = numaId(k);
                InventoryRecord v = k.inventories().get("VCPU");
                InventoryRecord p = k.inventories().get("PCPU");
                InventoryRecord m = k.inventories().get("MEMORY_MB");
                String bad = id == null ? "a NUMA node not named " + host + "_numaN with the uuid the model derives"
                        : !ids.add(id) ? "a second NUMA node " + id
                        : !k.traits().equals(List.of("HW_NUMA_ROOT")) ? "a NUMA node with traits " + k.traits()
                        : !k.aggregates().isEmpty() ? "a NUMA node in aggregates"
                        : !Set.of("VCPU", "PCPU", "MEMORY_MB").containsAll(k.inventories().keySet())
                        ? "a NUMA node with " + k.inventories().keySet() : cpuMemMismatch(v, p, m, nodes.isEmpty());
                if (bad == null && cpuRatio != null && v != null && v.allocationRatio() != cpuRatio
                        || bad == null && ramRatio != null && m.allocationRatio() != ramRatio) {
                    bad = "a NUMA node with other allocation ratios than its siblings";
                }
                if (bad != null) {
                    ids.remove(id);
                    trees.rawTree(k, bad);
                    continue;
                }
                if (nodes.isEmpty()) {
                    reservedCpus = v == null ? 0 : (int) v.reserved();
                    reservedMem = m.reserved();
                }
                cpuRatio = v != null ? v.allocationRatio() : cpuRatio;
                ramRatio = m.allocationRatio();
                nodes.add(new NumaNode(id, v == null ? 0 : (int) v.total(), p == null ? 0 : (int) p.total(), m.total(), 0));
                owners.put(k.uuid(), host);
                for (ResourceProviderRecord d : trees.childrenOf(k.uuid())) {
                    device(d, id);
                }
            }
            if (nodes.isEmpty()) {
                trees.rawTree(root, "none of its HW_NUMA_ROOT children is a NUMA node the model can hold");
                return;
            }
        }
        InventoryRecord disk = inv.get("DISK_GB");
        List<String> cpuTraits = new ArrayList<>();
        List<String> traits = new ArrayList<>();
        for (String t : TreeInverse.sorted(root.traits())) {
            if (t.startsWith("HW_CPU_")) {
                cpuTraits.add(t);
            } else if (!t.equals("COMPUTE_NODE") && !t.equals("COMPUTE_STATUS_DISABLED")) {
                traits.add(t);
            }
        }
        CloudFacts.HostFact fact = trees.hostFact(host);
        HostStatus status = root.traits().contains("COMPUTE_STATUS_DISABLED") ? HostStatus.DISABLED
                : fact != null && fact.status() == HostStatus.DOWN ? HostStatus.DOWN : HostStatus.ENABLED;
        String hvVersion = fact != null && fact.hypervisorVersion() != null
                && fact.hypervisorVersion().matches("\\d{1,3}(\\.\\d{1,3}){0,2}") ? fact.hypervisorVersion() : null;
        ComputeHost h = new ComputeHost(host, root.uuid(), trees.cellFor(host), null, trees.hostAggregates(root),
                fact != null ? fact.hypervisorType() : null, status, cpuTraits, traits, numa, nodes,
                disk == null ? 0L : disk.total(), null,
                new ReservedResources(reservedCpus, reservedMem, disk == null ? 0L : disk.reserved()),
                new AllocationRatios(cpuRatio, ramRatio, disk == null ? null : disk.allocationRatio()), pfs, gpus,
                accelerators, null, hvVersion);
        trees.addHost(h, owners);
    }

    private String rootMismatch() {
        for (String rc : root.inventories().keySet()) {
            if (!TreeInverse.isHostClass(rc)) {
                return "a compute node with " + rc + " on its root; a host reports only VCPU, PCPU, MEMORY_MB and DISK_GB there";
            }
        }
        if (root.traits().contains("MISC_SHARES_VIA_AGGREGATE")) {
            return "a compute node that is also a sharing provider";
        }
        for (String t : root.traits()) {
            if (!StandardNames.isValidTrait(t)) {
                return "trait " + t + " is not one this build knows (os-traits 2.9 or CUSTOM_*)";
            }
        }
        if (!isUuid(root.uuid())) {
            return "its uuid is not a uuid";
        }
        InventoryRecord d = root.inventories().get("DISK_GB");
        if (d != null && (d.total() <= 0 || d.reserved() < 0 || d.minUnit() != 1 || d.stepSize() != 1
                || d.maxUnit() != d.total() || d.allocationRatio() <= 0)) {
            return "its DISK_GB inventory " + d + " is not a host's (min_unit 1, step 1, max_unit = total)";
        }
        return null;
    }

    /** Why CPU and memory inventories are not a host's (or a NUMA node's), or null. */
    private static String cpuMemMismatch(InventoryRecord v, InventoryRecord p, InventoryRecord m, boolean mayReserve) {
        if (m == null || m.total() <= 0) {
            return "no MEMORY_MB inventory: a host (or NUMA node) needs memory";
        }
        if (v != null && !plain(v, v.total() <= Integer.MAX_VALUE && (mayReserve || v.reserved() == 0))) {
            return "its VCPU inventory " + v + " is not a host's (min_unit 1, step 1, max_unit = total, reserved <= total)";
        }
        if (!plain(m, mayReserve || m.reserved() == 0)) {
            return "its MEMORY_MB inventory " + m + " is not a host's (min_unit 1, step 1, max_unit = total, reserved <= total)";
        }
        if (p != null && (!plain(p, p.total() <= Integer.MAX_VALUE) || p.reserved() != 0 || p.allocationRatio() != 1.0)) {
            return "its PCPU inventory " + p + " is not a host's (reserved 0, ratio 1.0)";
        }
        if (!mayReserve && (v != null && v.reserved() != 0 || m.reserved() != 0)) {
            return "reserved resources on a NUMA node other than the first";
        }
        return null;
    }

    private static boolean plain(InventoryRecord i, boolean extra) {
        return extra && i.total() > 0 && i.minUnit() == 1 && i.stepSize() == 1 && i.maxUnit() == i.total()
                && i.reserved() >= 0 && i.reserved() <= i.total() && i.allocationRatio() > 0;
    }

    private Integer numaId(ResourceProviderRecord k) {
        String prefix = host + "_numa";
        if (!k.name().startsWith(prefix)) {
            return null;
        }
        String n = k.name().substring(prefix.length());
        if (!n.matches("\\d{1,6}")) {
            return null;
        }
        int id = Integer.parseInt(n);
        if (!Projection.numaProviderName(host, id).equals(k.name()) || !Ids.uuidFor("provider", k.name()).equals(k.uuid())) {
            return null;
        }
        return id;
    }

    private void device(ResourceProviderRecord d, int numaNode) {
        String why = deviceMismatch(d, numaNode);
        if (why != null) {
            trees.rawTree(d, why);
        } else {
            owners.put(d.uuid(), host);
        }
    }

    private String deviceMismatch(ResourceProviderRecord d, int numaNode) {
        String prefix = host + "_";
        if (!d.name().startsWith(prefix) || d.name().length() == prefix.length()
                || !Ids.uuidFor("provider", d.name()).equals(d.uuid())) {
            return "a child not named " + host + "_DEVICE with the uuid the model derives";
        }
        if (!d.aggregates().isEmpty()) {
            return "a device in aggregates";
        }
        if (!trees.childrenOf(d.uuid()).isEmpty()) {
            return "a device with children";
        }
        String dev = d.name().substring(prefix.length());
        Map<String, InventoryRecord> inv = d.inventories();
        for (InventoryRecord i : inv.values()) {
            if (!i.equals(InventoryRecord.of(i.total())) || i.total() <= 0 || i.total() > Integer.MAX_VALUE && inv.size() == 1) {
                return "a device inventory " + i + " that is not plain (reserved 0, min 1, step 1, max = total, ratio 1)";
            }
        }
        Set<String> t = Set.copyOf(d.traits());
        if (inv.containsKey("SRIOV_NET_VF") || inv.containsKey("NET_BW_EGR_KILOBIT_PER_SEC")
                || inv.containsKey("NET_BW_IGR_KILOBIT_PER_SEC")) {
            if (!Set.of("SRIOV_NET_VF", "NET_BW_EGR_KILOBIT_PER_SEC", "NET_BW_IGR_KILOBIT_PER_SEC").containsAll(inv.keySet())) {
                return "a NIC child with " + inv.keySet();
            }
            List<String> physnets = t.stream().filter(x -> x.startsWith("CUSTOM_PHYSNET_")).toList();
            if (physnets.size() != 1 || t.size() != 2 || !t.contains(Projection.vnicTypeTrait("direct"))) {
                return "a NIC child whose traits " + TreeInverse.sorted(d.traits())
                        + " are not one CUSTOM_PHYSNET_* and CUSTOM_VNIC_TYPE_DIRECT";
            }
            String physnet = physnets.get(0).substring("CUSTOM_PHYSNET_".length()).toLowerCase(java.util.Locale.ROOT);
            InventoryRecord vf = inv.get("SRIOV_NET_VF");
            InventoryRecord eg = inv.get("NET_BW_EGR_KILOBIT_PER_SEC");
            InventoryRecord ig = inv.get("NET_BW_IGR_KILOBIT_PER_SEC");
            if (vf != null && vf.total() > Integer.MAX_VALUE) {
                return "more VFs than the model counts";
            }
            pfs.add(new PhysicalFunction(dev, numaNode, physnet, vf == null ? 0 : (int) vf.total(),
                    eg == null ? 0L : eg.total(), ig == null ? 0L : ig.total()));
            return null;
        }
        if (inv.size() != 1) {
            return "a child with " + inv.keySet() + ", which is not a NUMA node, PF, GPU or accelerator";
        }
        String rc = inv.keySet().iterator().next();
        int count = (int) inv.get(rc).total();
        for (GpuKind kind : GpuKind.values()) {
            String p = "CUSTOM_" + kind.name() + "_";
            if (rc.equals(kind.name()) && t.size() == 1 && t.iterator().next().startsWith(p)
                    && t.iterator().next().length() > p.length()) {
                String model = t.iterator().next().substring(p.length()).toLowerCase(java.util.Locale.ROOT);
                gpus.add(new GpuDevice(dev, numaNode, kind, count, model));
                return null;
            }
        }
        if (rc.equals("FPGA") || rc.equals("PGPU")) {
            AcceleratorType type = rc.equals("FPGA") ? AcceleratorType.FPGA : AcceleratorType.GPU;
            String p = "CUSTOM_" + type.name() + "_";
            List<String> vendorish = TreeInverse.sorted(d.traits()).stream()
                    .filter(x -> x.startsWith(p) && x.length() > p.length()).toList();
            if (vendorish.isEmpty()) {
                return "an accelerator without a " + p + "VENDOR trait";
            }
            String vendorTrait = vendorish.stream().filter(x -> !x.contains("FUNCTION")).findFirst().orElse(vendorish.get(0));
            List<String> rest = TreeInverse.sorted(d.traits()).stream().filter(x -> !x.equals(vendorTrait)).toList();
            for (String x : rest) {
                if (!StandardNames.isValidTrait(x)) {
                    return "trait " + x + " is not one this build knows";
                }
            }
            accelerators.add(new Accelerator(dev, numaNode, type,
                    vendorTrait.substring(p.length()).toLowerCase(java.util.Locale.ROOT), count, rest));
            return null;
        }
        return "a child with " + rc + ", which is not a NUMA node, PF, GPU or accelerator";
    }

    static boolean isUuid(String s) {
        try {
            return s != null && s.length() == 36 && java.util.UUID.fromString(s) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
