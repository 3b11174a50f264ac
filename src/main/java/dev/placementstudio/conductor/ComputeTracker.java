package dev.placementstudio.conductor;

import dev.placementstudio.model.ComputeHost;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.Port;
import dev.placementstudio.model.ReservedResources;
import dev.placementstudio.scheduler.ComputeNode;
import dev.placementstudio.scheduler.ComputeNodes;
import dev.placementstudio.scheduler.ComputeSource;
import dev.placementstudio.scheduler.ComputeStats;
import dev.placementstudio.scheduler.PciPool;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One compute's resource tracker (nova/compute/resource_tracker.py): what it reports in its ComputeNode
 * record. The driver's half of the record (hypervisor, supported instances, cpu_info, NUMA cells, PCI
 * pools) is {@link ComputeNodes#of}'s; the tracker lays its counts over it. Usage is the sum over the instances (and in-flight migrations) the compute tracks of their
 * flavor's vcpus, RAM and disk, plus the {@code reserved_host_*} options; the allocation ratios and
 * Placement play no part. PCI devices are the pools of {@code [pci] device_spec}: every SR-IOV VF and
 * every passthrough GPU (not mdev vGPUs, not Cyborg accelerators).
 */
final class ComputeTracker implements ComputeSource {
    /** What one instance takes from its compute, as the tracker counts it (the flavor, not Placement's request). */
    record Usage(int vcpus, long ramMb, long diskGb, List<String> vfPhysnets, int passthroughGpus) {
        Usage {
            vfPhysnets = vfPhysnets == null ? List.of() : List.copyOf(vfPhysnets);
        }

        static Usage of(Flavor f, List<Port> ports) {
            List<String> vfs = new ArrayList<>();
            for (Port p : ports == null ? List.<Port>of() : ports) {
                if (p != null && p.isSriov()) {
                    vfs.add(p.physnet());
                }
            }
            int gpus = 0;
            String pgpu = f.extraSpecs().get("resources:PGPU");
            if (pgpu != null) {
                try {
                    gpus = Integer.parseInt(pgpu.strip());
                } catch (NumberFormatException e) {
                    gpus = 0;
                }
            }
            return new Usage(f.vcpus(), f.ramMb(), f.diskGb(), vfs, gpus);
        }
    }

    /** A shared pool's physical use (RBD, NFS): every compute on it reports the same free space. */
    static final class SharedPool {
        final long totalGb;
        long usedGb;
        long version;

        SharedPool(long totalGb) {
            this.totalGb = totalGb;
        }
    }

    private final int vcpus;
    private final long memoryMb;
    private final long localGb;
    private final ReservedResources reserved;
    /** What the driver reports (counts of an empty host). */
    private final ComputeNode hardware;
    private final SharedPool pool;
    private final boolean reportsNothing;
    /** PCI pools: their devices and how many are in use. */
    private final List<PciPool> pools = new ArrayList<>();
    private final int[] poolUsed;
    private final Map<String, Usage> tracked = new HashMap<>();
    private final Map<String, int[]> devicesOf = new HashMap<>();
    /** The key of a migration's claim on its source (the instance's own key is its uuid). */
    static final String MIGRATION = "migration:";
    private int instances;
    private int vcpusUsed;
    private long ramUsed;
    private long diskUsed;
    private long version;
    private ComputeNode snapshot;
    private long snapshotVersion = -1;
    private long snapshotPoolVersion = -1;
    /** The reserved_host_* options, unboxed. */
    private final int reservedVcpus;
    private final long reservedRamMb;
    private final long reservedDiskGb;
    private final double cpuRatio;
    /** Free devices over all pools (what computeNode()'s pools sum to). */
    private int freePci;

    ComputeTracker(ComputeHost h, SharedPool pool) {
        this(h, pool, dev.placementstudio.model.FilterOptions.NOVA_DEFAULTS);
    }

    /** @param o the options whose {@code [pci] device_spec} says which devices are PCI pools */
    ComputeTracker(ComputeHost h, SharedPool pool, dev.placementstudio.model.FilterOptions o) {
        this.vcpus = h.totalCpus();
        this.memoryMb = h.totalMemoryMb();
        this.pool = pool;
        this.localGb = pool != null ? pool.totalGb : h.diskGb();
        this.reserved = h.reserved();
        this.hardware = ComputeNodes.of(h, o);
        this.reportsNothing = false;
        // device_spec's pools: each PF's VFs (by NUMA node and physnet), the passthrough GPUs
        pools.addAll(hardware.pciPools());
        poolUsed = new int[pools.size()];
        reservedVcpus = reserved.vcpus();
        reservedRamMb = reserved.memoryMb();
        reservedDiskGb = reserved.diskGb();
        cpuRatio = hardware.cpuAllocationRatio();
        int devices = 0;
        for (PciPool p : pools) {
            devices += p.count();
        }
        freePci = devices;
    }

    /** An Ironic node: the ironic driver reports 0 vcpus, memory and disk, and no PCI devices. */
    ComputeTracker(String name, java.util.Collection<String> traits) {
        vcpus = 0;
        memoryMb = 0;
        localGb = 0;
        reserved = new ReservedResources(0, 0L, 0L);
        hardware = ComputeNodes.ofBaremetal(name, traits);
        pool = null;
        reportsNothing = true;
        poolUsed = new int[0];
        reservedVcpus = 0;
        reservedRamMb = 0;
        reservedDiskGb = 0;
        cpuRatio = hardware.cpuAllocationRatio();
        freePci = 0; // the ironic driver reports no PCI devices (no pools tracked)
    }

    /** The compute claims for an instance (instance_claim, or a migration's claim); once per key. */
    void claim(String key, Usage u) {
        if (tracked.containsKey(key)) {
            return;
        }
        if (reportsNothing) {
            u = new Usage(0, 0, 0, List.of(), 0);
        }
        tracked.put(key, u);
        if (!key.startsWith(MIGRATION)) {
            instances++;
        }
        vcpusUsed += u.vcpus();
        ramUsed += u.ramMb();
        diskUsed += u.diskGb();
        if (pool != null) {
            pool.usedGb += u.diskGb();
            pool.version++;
        }
        int[] took = new int[pools.size()];
        for (String physnet : u.vfPhysnets()) {
            take(took, "type-VF", physnet);
        }
        for (int g = 0; g < u.passthroughGpus(); g++) {
            take(took, "type-PCI", null);
        }
        devicesOf.put(key, took);
        version++;
    }

    private void take(int[] took, String devType, String physnet) {
        for (int i = 0; i < pools.size(); i++) {
            PciPool p = pools.get(i);
            if (p.devType().equals(devType) && (physnet == null || physnet.equals(p.physnet()))
                    && poolUsed[i] < p.count()) {
                poolUsed[i]++;
                took[i]++;
                freePci--;
                return;
            }
        }
    }

    /** The claim is dropped (abort_instance_claim, a delete, a confirmed move's source). */
    void release(String key) {
        Usage u = tracked.remove(key);
        if (u == null) {
            return;
        }
        if (!key.startsWith(MIGRATION)) {
            instances--;
        }
        vcpusUsed -= u.vcpus();
        ramUsed -= u.ramMb();
        diskUsed -= u.diskGb();
        if (pool != null) {
            pool.usedGb -= u.diskGb();
            pool.version++;
        }
        int[] took = devicesOf.remove(key);
        for (int i = 0; took != null && i < took.length; i++) {
            poolUsed[i] -= took[i];
            freePci += took[i];
        }
        version++;
    }

    boolean tracks(String key) {
        return tracked.containsKey(key);
    }

    @Override
    public ComputeNode get() {
        return computeNode();
    }

    // computeNode()'s numbers, read without building it (ComputeSource)

    @Override
    public long freeRamMb() {
        return memoryMb - (reservedRamMb + ramUsed);
    }

    @Override
    public long freeDiskMb() {
        long freeGb = localGb - (reservedDiskGb + diskUsed);
        long gb = pool == null ? freeGb : Math.min(pool.totalGb - pool.usedGb, freeGb);
        return gb * 1024;
    }

    @Override
    public int vcpus() {
        return vcpus;
    }

    @Override
    public int vcpusUsed() {
        return reservedVcpus + vcpusUsed;
    }

    @Override
    public double cpuAllocationRatio() {
        return cpuRatio;
    }

    @Override
    public int numInstances() {
        return instances;
    }

    @Override
    public int freePciDevices() {
        return freePci;
    }

    /** The ComputeNode record now (rebuilt only when something changed). */
    ComputeNode computeNode() {
        long pv = pool == null ? 0 : pool.version;
        if (snapshot == null || snapshotVersion != version || snapshotPoolVersion != pv) {
            List<PciPool> free = new ArrayList<>(pools.size());
            for (int i = 0; i < pools.size(); i++) {
                free.add(pools.get(i).withCount(pools.get(i).count() - poolUsed[i]));
            }
            Long least = pool == null ? null : pool.totalGb - pool.usedGb;
            // reserved_host_disk_mb / 1024, as the tracker starts local_gb_used
            snapshot = new ComputeNode(hardware.hypervisorType(), hardware.hypervisorVersion(),
                    hardware.hypervisorHostname(), hardware.hostIp(), hardware.supportedInstances(),
                    hardware.cpuInfo(), vcpus, reserved.vcpus() + vcpusUsed, memoryMb, reserved.memoryMb() + ramUsed,
                    localGb, reserved.diskGb() + diskUsed, least, hardware.cpuAllocationRatio(),
                    hardware.ramAllocationRatio(), hardware.diskAllocationRatio(),
                    ComputeStats.of("num_instances", instances), hardware.metrics(),
                    hardware.numaTopology(), free);
            snapshotVersion = version;
            snapshotPoolVersion = pv;
        }
        return snapshot;
    }
}
