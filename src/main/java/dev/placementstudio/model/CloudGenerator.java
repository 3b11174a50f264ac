package dev.placementstudio.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds synthetic clouds of any size: cells with one availability zone each, racks of twenty hosts,
 * realistic host shapes, optional NUMA-in-Placement, SR-IOV, GPUs, Ironic nodes and shared storage, and
 * instances filling about a given fraction of memory. Every random draw comes from streams split off one
 * seed, so the same options give the same model, byte for byte.
 */
public final class CloudGenerator {
    /**
     * @param hosts number of compute hosts
     * @param cells number of cells (hosts are dealt round-robin by rack)
     * @param numaFraction share of hosts that report NUMA nodes to Placement
     * @param sriovFraction share of hosts with two SR-IOV PFs
     * @param gpuFraction share of hosts with a vGPU-capable GPU
     * @param ironic number of bare-metal nodes
     * @param sharedStorage whether a shared storage pool per cell serves a third of the hosts
     * @param fill target share of each host's memory taken by instances
     * @param seed master seed
     */
    public record Options(int hosts, int cells, double numaFraction, double sriovFraction, double gpuFraction,
                          int ironic, boolean sharedStorage, double fill, long seed) {
    }

    private record Shape(String label, int numaNodes, int cpusPerNode, long memPerNodeMb, long diskGb, double weight) {
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape("small", 2, 16, 65536, 960, 0.3),
            new Shape("medium", 2, 24, 131072, 1920, 0.5),
            new Shape("large", 2, 32, 262144, 3840, 0.2));

    private static final String[] CPU_TRAITS = {"HW_CPU_X86_AVX2", "HW_CPU_X86_AVX512F", "HW_CPU_X86_SSE42"};
    private static final String[] BM_CLASSES = {"CUSTOM_BAREMETAL_GOLD", "CUSTOM_BAREMETAL_SILVER", "CUSTOM_BAREMETAL_BRONZE"};

    private CloudGenerator() {
    }

    public static CloudModel generate(Options o) {
        if (o.hosts() < 0 || o.cells() < 1 || o.fill() < 0 || o.fill() > 1 || o.ironic() < 0) {
            throw new IllegalArgumentException("hosts >= 0, cells >= 1, ironic >= 0 and 0 <= fill <= 1 are required");
        }
        SplittableRandom master = new SplittableRandom(o.seed());
        SplittableRandom shapes = master.split();
        SplittableRandom devices = master.split();
        SplittableRandom workload = master.split();

        List<Cell> cells = new ArrayList<>();
        List<Aggregate> aggregates = new ArrayList<>();
        List<SharedStoragePool> pools = new ArrayList<>();
        for (int c = 1; c <= o.cells(); c++) {
            cells.add(new Cell("cell" + c, Ids.uuidFor("cell", "cell" + c), true));
            aggregates.add(new Aggregate("az" + c, null, "az" + c, Map.of("availability_zone", "az" + c)));
            if (o.sharedStorage()) {
                aggregates.add(new Aggregate("ceph-cell" + c, null, null, Map.of()));
                long poolGb = Math.max(10_000, (long) o.hosts() / o.cells() * 2000L);
                pools.add(new SharedStoragePool("ceph-cell" + c, null, poolGb, 100L, 1.0, List.of("ceph-cell" + c),
                        List.of("STORAGE_DISK_SSD")));
            }
        }
        aggregates.add(new Aggregate("fast-cpu", null, null, Map.of("cpu", "avx512")));

        List<ComputeHost> hosts = new ArrayList<>();
        int width = Math.max(3, String.valueOf(o.hosts()).length());
        for (int i = 0; i < o.hosts(); i++) {
            int rack = i / 20;
            int cell = rack % o.cells() + 1;
            Shape shape = pick(shapes);
            boolean numa = shapes.nextDouble() < o.numaFraction();
            boolean sriov = devices.nextDouble() < o.sriovFraction();
            boolean gpu = devices.nextDouble() < o.gpuFraction();
            boolean shared = o.sharedStorage() && devices.nextInt(3) == 0;
            String name = String.format("cn-%0" + width + "d", i + 1);
            List<String> aggs = new ArrayList<>(List.of("az" + cell));
            List<String> cpuTraits = new ArrayList<>(List.of(CPU_TRAITS[0], CPU_TRAITS[2]));
            if (shape.label().equals("large")) {
                cpuTraits.add(CPU_TRAITS[1]);
                aggs.add("fast-cpu");
            }
            if (shared) {
                aggs.add("ceph-cell" + cell);
            }
            List<NumaNode> nodes = new ArrayList<>();
            for (int n = 0; n < shape.numaNodes(); n++) {
                int pcpus = numa ? 4 : 0;
                nodes.add(new NumaNode(n, shape.cpusPerNode() - pcpus, pcpus, shape.memPerNodeMb(), 0));
            }
            List<PhysicalFunction> pfs = new ArrayList<>();
            if (sriov) {
                pfs.add(new PhysicalFunction("ens1f0", 0, "physnet1", 16, 25_000_000L, 25_000_000L));
                pfs.add(new PhysicalFunction("ens1f1", shape.numaNodes() - 1, "physnet2", 16, 25_000_000L, 25_000_000L));
            }
            List<GpuDevice> gpus = new ArrayList<>();
            if (gpu) {
                gpus.add(new GpuDevice("gpu0", 0, GpuKind.VGPU, 16, "nvidia-35"));
            }
            hosts.add(new ComputeHost(name, null, "cell" + cell, String.format("r%02d", rack + 1), aggs, "QEMU",
                    HostStatus.ENABLED, cpuTraits, List.of("COMPUTE_VOLUME_MULTI_ATTACH"), numa, nodes,
                    shared ? 0L : shape.diskGb(), shared ? "ceph-cell" + cell : null, ReservedResources.NOVA_DEFAULTS,
                    AllocationRatios.NOVA_INITIAL, pfs, gpus, List.of()));
        }
        List<BaremetalNode> bms = new ArrayList<>();
        for (int i = 0; i < o.ironic(); i++) {
            String rc = BM_CLASSES[i % BM_CLASSES.length];
            List<String> traits = i % 2 == 0 ? List.of("CUSTOM_RAID1") : List.of("CUSTOM_RAID5");
            bms.add(new BaremetalNode(String.format("bm-%03d", i + 1), null, "cell" + (i % o.cells() + 1), "bm-rack",
                    rc, traits, List.of("az" + (i % o.cells() + 1)), 32, 131072L, 1000L, HostStatus.ENABLED));
        }

        List<Flavor> flavors = new ArrayList<>(Flavor.classics());
        flavors.add(new Flavor("c1.pinned", 4, 8192, 40, Map.of("hw:cpu_policy", "dedicated")));
        flavors.add(new Flavor("g1.vgpu", 4, 8192, 40, Map.of("resources:VGPU", "1")));
        for (String rc : BM_CLASSES) {
            String suffix = rc.substring("CUSTOM_BAREMETAL_".length()).toLowerCase(java.util.Locale.ROOT);
            flavors.add(new Flavor("bm." + suffix, 32, 131072, 1000, Map.of("resources:" + rc, "1",
                    "resources:VCPU", "0", "resources:MEMORY_MB", "0", "resources:DISK_GB", "0")));
        }

        List<Instance> instances = fill(hosts, pools, o.fill(), workload);
        return new CloudModel(CloudModel.SCHEMA_VERSION, "generated-" + o.hosts(),
                "Synthetic cloud: " + o.hosts() + " hosts in " + o.cells() + " cells, seed " + o.seed(), cells,
                aggregates, hosts, bms, pools, flavors, List.of(new Image("cirros", Map.of())), List.of(), List.of(),
                List.of(), instances, List.of(), null, null);
    }

    private static Shape pick(SplittableRandom r) {
        double x = r.nextDouble();
        for (Shape s : SHAPES) {
            x -= s.weight();
            if (x < 0) {
                return s;
            }
        }
        return SHAPES.get(SHAPES.size() - 1);
    }

    /** Fills hosts with m1.small/medium/large instances, first-fit as the projection places them. */
    private static List<Instance> fill(List<ComputeHost> hosts, List<SharedStoragePool> pools, double fill,
                                       SplittableRandom r) {
        List<Flavor> mix = Flavor.classics().subList(1, 4);
        List<Instance> out = new ArrayList<>();
        Map<String, Long> poolFree = new HashMap<>();
        pools.forEach(p -> poolFree.put(p.name(), (long) ((p.diskGb() - p.reservedGb()) * p.allocationRatio())));
        if (fill <= 0) {
            return out;
        }
        int seq = 0;
        for (ComputeHost h : hosts) {
            int n = h.numaInPlacement() ? h.numaNodes().size() : 1;
            long[] cpuFree = new long[n];
            long[] memFree = new long[n];
            long[] memCap = new long[n];
            AllocationRatios ratio = h.allocationRatios();
            for (int i = 0; i < n; i++) {
                long cpus = h.numaInPlacement() ? h.numaNodes().get(i).cpus() : h.totalCpus();
                long mem = h.numaInPlacement() ? h.numaNodes().get(i).memoryMb() : h.totalMemoryMb();
                long resMem = i == 0 ? h.reserved().memoryMb() : 0;
                long resCpu = i == 0 ? h.reserved().vcpus() : 0;
                cpuFree[i] = (long) ((cpus - resCpu) * ratio.cpu());
                memFree[i] = (long) ((mem - resMem) * ratio.ram());
                memCap[i] = memFree[i];
            }
            long diskFree = h.usesSharedStorage() ? -1 : (long) ((h.diskGb() - h.reserved().diskGb()) * ratio.disk());
            long totalMemCap = java.util.Arrays.stream(memCap).sum();
            long target = (long) (totalMemCap * fill);
            long usedMem = 0;
            int misses = 0;
            while (usedMem < target && misses < 3) {
                Flavor f = mix.get(r.nextInt(mix.size()));
                int node = -1;
                for (int i = 0; i < n; i++) {
                    if (cpuFree[i] >= f.vcpus() && memFree[i] >= f.ramMb()) {
                        node = i;
                        break;
                    }
                }
                boolean diskOk = h.usesSharedStorage() ? poolFree.get(h.sharedStorage()) >= f.diskGb()
                        : diskFree >= f.diskGb();
                if (node < 0 || !diskOk || usedMem + f.ramMb() > target + f.ramMb() / 2) {
                    misses++;
                    continue;
                }
                cpuFree[node] -= f.vcpus();
                memFree[node] -= f.ramMb();
                if (h.usesSharedStorage()) {
                    poolFree.merge(h.sharedStorage(), -f.diskGb(), Long::sum);
                } else {
                    diskFree -= f.diskGb();
                }
                usedMem += f.ramMb();
                seq++;
                out.add(new Instance(String.format("vm-%06d", seq), null, f.name(), "cirros", h.hostname(), h.cell(),
                        InstanceState.ACTIVE, null, List.of(), null, null, null));
            }
        }
        return out;
    }
}
