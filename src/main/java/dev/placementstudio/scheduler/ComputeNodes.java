package dev.placementstudio.scheduler;

import dev.placementstudio.model.ComputeHost;
import dev.placementstudio.model.GpuDevice;
import dev.placementstudio.model.GpuKind;
import dev.placementstudio.model.NumaNode;
import dev.placementstudio.model.PhysicalFunction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The compute node record of a modelled host, as its virt driver would report it to Nova: hypervisor
 * type and version, the (architecture, hypervisor type, VM mode) triples it advertises, {@code cpu_info}
 * with libvirt's feature names, one NUMA cell per NUMA node and the PCI pools of its SR-IOV VFs and
 * passthrough GPUs. Its counts are those of an empty host: the compute's resource tracker
 * ({@code conductor.ComputeTracker}) lays its own over them.
 */
public final class ComputeNodes {
    private ComputeNodes() {
    }

    /** Intel's X710 VF and NVIDIA's A100, the pools' vendor and product ids when the model names none. */
    public static final String VF_VENDOR = "8086";
    public static final String VF_PRODUCT = "154c";
    public static final String GPU_VENDOR = "10de";
    public static final String GPU_PRODUCT = "20b0";

    public static ComputeNode of(ComputeHost h) {
        return of(h, dev.placementstudio.model.FilterOptions.NOVA_DEFAULTS);
    }

    /** The record of a host whose compute tracks the PCI devices of {@code [pci] device_spec}. */
    public static ComputeNode of(ComputeHost h, dev.placementstudio.model.FilterOptions o) {
        String arch = h.effectiveArchitecture();
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("arch", arch);
        cpu.put("features", ComputeNode.features(h.cpuTraits()));
        int vcpus = h.totalCpus();
        long mem = h.totalMemoryMb();
        long disk = h.diskGb();
        return new ComputeNode(h.hypervisorType(), ComputeNode.versionToInt(h.effectiveHypervisorVersion()),
                h.hostname(), null, supportedInstances(h.hypervisorType(), arch), cpu, vcpus, h.reserved().vcpus(),
                mem, h.reserved().memoryMb(), disk, h.reserved().diskGb(), null,
                h.allocationRatios().cpu(), h.allocationRatios().ram(), h.allocationRatios().disk(), Map.of(), Map.of(),
                cells(h), pools(h, o));
    }

    /**
     * An Ironic node's record: the ironic driver reports bare metal of the node's architecture (x86_64),
     * 0 vcpus, memory and disk, no NUMA cells and no PCI devices; its traits' CPU features in cpu_info.
     */
    public static ComputeNode ofBaremetal(String name, java.util.Collection<String> traits) {
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("arch", "x86_64");
        cpu.put("features", ComputeNode.features(traits));
        return new ComputeNode("ironic", ComputeNode.DEFAULT_HYPERVISOR_VERSION, name, null,
                supportedInstances("ironic", "x86_64"), cpu, 0, 0, 0, 0, 0, 0, null,
                dev.placementstudio.model.AllocationRatios.NOVA_INITIAL.cpu(),
                dev.placementstudio.model.AllocationRatios.NOVA_INITIAL.ram(),
                dev.placementstudio.model.AllocationRatios.NOVA_INITIAL.disk(), Map.of(), Map.of(),
                List.of(), List.of());
    }

    /**
     * What each driver advertises ({@code _get_instance_capabilities} and friends): libvirt/KVM its
     * architecture (x86_64 also i686), VMware and Hyper-V i686 and x86_64, Ironic the node's architecture
     * on bare metal.
     */
    static List<ComputeNode.HvSpec> supportedInstances(String hypervisorType, String arch) {
        String t = hypervisorType == null ? "QEMU" : hypervisorType.toLowerCase(Locale.ROOT);
        if (t.contains("vmware")) {
            return List.of(new ComputeNode.HvSpec("i686", "vmware", "hvm"), new ComputeNode.HvSpec("x86_64", "vmware", "hvm"));
        }
        if (t.contains("hyper")) {
            return List.of(new ComputeNode.HvSpec("i686", "hyperv", "hvm"), new ComputeNode.HvSpec("x86_64", "hyperv", "hvm"));
        }
        if (t.equals("ironic")) {
            return List.of(new ComputeNode.HvSpec(arch, "baremetal", "hvm"));
        }
        return ComputeNode.kvmInstances(arch);
    }

    /**
     * One cell per NUMA node: shared CPUs first, then dedicated ones, numbered across the host; 4 KiB pages
     * for the memory outside 1 GiB huge pages; the physnets of the node's PFs. Each CPU is its own sibling
     * set (the model does not say which CPUs are threads of one core, so {@code require} never fits).
     */
    static List<NumaCell> cells(ComputeHost h) {
        List<NumaCell> out = new ArrayList<>();
        int next = 0;
        for (NumaNode n : h.numaNodes()) {
            Set<Integer> shared = new LinkedHashSet<>();
            for (int i = 0; i < n.cpus(); i++) {
                shared.add(next++);
            }
            Set<Integer> dedicated = new LinkedHashSet<>();
            for (int i = 0; i < n.pcpus(); i++) {
                dedicated.add(next++);
            }
            List<NumaCell.Mempages> pages = new ArrayList<>();
            long hugeMb = n.hugepages1g() * 1024L;
            pages.add(new NumaCell.Mempages(4, (n.memoryMb() - hugeMb) * 256, 0, 0));
            if (n.hugepages1g() > 0) {
                pages.add(new NumaCell.Mempages(1048576, n.hugepages1g(), 0, 0));
            }
            Set<String> physnets = new LinkedHashSet<>();
            for (PhysicalFunction pf : h.pfs()) {
                if (pf.numaNode() == n.id()) {
                    physnets.add(pf.physnet());
                }
            }
            List<Set<Integer>> siblings = new ArrayList<>(); // libvirt lists every CPU; without SMT each alone
            shared.forEach(cpu -> siblings.add(Set.of(cpu)));
            dedicated.forEach(cpu -> siblings.add(Set.of(cpu)));
            out.add(new NumaCell(n.id(), shared, dedicated, n.memoryMb(), 0, 0, Set.of(), siblings, pages, physnets,
                    false, null));
        }
        return out;
    }

    /**
     * Nova's PCI pools: the VFs of each PF (by NUMA node and physnet) and the passthrough GPUs that
     * {@code [pci] device_spec} names (all of them by default).
     */
    static List<PciPool> pools(ComputeHost h, dev.placementstudio.model.FilterOptions o) {
        Map<List<Object>, Integer> counts = new LinkedHashMap<>();
        Map<List<Object>, PciPool> shape = new LinkedHashMap<>();
        for (PhysicalFunction pf : h.pfs()) {
            if (pf.vfs() <= 0 || !o.tracksPciDevice(pf.name(), VF_VENDOR, VF_PRODUCT)) {
                continue;
            }
            PciPool p = new PciPool(VF_VENDOR, VF_PRODUCT, pf.numaNode(), 0,
                    Map.of("dev_type", "type-VF", "physical_network", pf.physnet()));
            List<Object> key = List.of(p.vendorId(), p.productId(), p.numaNode(), p.tags());
            counts.merge(key, pf.vfs(), Integer::sum);
            shape.putIfAbsent(key, p);
        }
        for (GpuDevice g : h.gpus()) {
            if (g.kind() != GpuKind.PGPU || !o.tracksPciDevice(g.name(), GPU_VENDOR, GPU_PRODUCT)) {
                continue; // mdev vGPUs are not PCI devices Nova tracks
            }
            PciPool p = new PciPool(GPU_VENDOR, GPU_PRODUCT, g.numaNode(), 0, Map.of("dev_type", "type-PCI"));
            List<Object> key = List.of(p.vendorId(), p.productId(), p.numaNode(), p.tags());
            counts.merge(key, Math.max(1, g.count()), Integer::sum);
            shape.putIfAbsent(key, p);
        }
        List<PciPool> out = new ArrayList<>();
        counts.forEach((k, n) -> {
            PciPool p = shape.get(k);
            out.add(new PciPool(p.vendorId(), p.productId(), p.numaNode(), n, p.tags()));
        });
        return out;
    }
}
