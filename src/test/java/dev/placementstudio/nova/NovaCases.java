package dev.placementstudio.nova;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.HostStatus;
import dev.placementstudio.model.SchedulerSettings;
import dev.placementstudio.model.ServerGroup;
import dev.placementstudio.model.ServerGroupPolicy;
import dev.placementstudio.scheduler.ComputeNode;
import dev.placementstudio.scheduler.HostInfo;
import dev.placementstudio.scheduler.HostState;
import dev.placementstudio.scheduler.RequestSpec;
import dev.placementstudio.scheduler.Scheduler;
import dev.placementstudio.scheduler.Selection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Random host states and requests, the same for us and for real Nova: one seed makes one case (sizes,
 * usage that may exceed the host, ratios, disk_available_least, instances, I/O, failed builds, PCI pools,
 * aggregates with multiplier metadata, server groups with members, weigher multipliers), often with hosts
 * that weigh the same so that ties are exercised.
 */
public final class NovaCases {
    /** One case: our host states and settings, and the JSON host_states.py reads. */
    public record Case(long seed, List<HostState> hosts, RequestSpec spec, SchedulerSettings settings,
                       ObjectNode json) {
        /** Our decision and Selection on the case. */
        public Ours ours() {
            Scheduler s = new Scheduler(null, NO_VIEW, settings, new SplittableRandom(seed)).detailEveryHost();
            Scheduler.Decision d = s.filterAndWeigh(spec, new ArrayList<>(hosts));
            return new Ours(d, s.claim(d, false).selections());
        }
    }

    public record Ours(Scheduler.Decision decision, List<Selection> selections) {
    }

    static final Scheduler.CloudView NO_VIEW = new Scheduler.CloudView() {
        @Override
        public HostInfo host(String rootUuid) {
            return null;
        }

        @Override
        public String azAggregate(String availabilityZone) {
            return null;
        }
    };

    static final String[] WEIGHERS = {"RAMWeigher", "CPUWeigher", "DiskWeigher", "IoOpsWeigher", "PCIWeigher",
            "ServerGroupSoftAffinityWeigher", "ServerGroupSoftAntiAffinityWeigher", "BuildFailureWeigher",
            "CrossCellWeigher", "MetricsWeigher"};
    static final String[] KEYS = {"ram_weight_multiplier", "cpu_weight_multiplier", "disk_weight_multiplier",
            "io_ops_weight_multiplier", "pci_weight_multiplier", "soft_affinity_weight_multiplier",
            "soft_anti_affinity_weight_multiplier", "build_failure_weight_multiplier"};
    static final double[] MULTIPLIERS = {-2.0, -1.0, 0.0, 0.5, 1.0, 1.0, 2.0, 10.0, 1000000.0};
    static final String[] METADATA_VALUES = {"2.0", "-1", " 0.5 ", "abc", "3", "0", "-1000000"};

    private NovaCases() {
    }

    public static Case generate(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 1 + r.nextInt(r.nextInt(4) == 0 ? 12 : 6);
        // aggregates, each with its own metadata (Nova takes the smallest value over a host's aggregates)
        Map<String, Map<String, String>> aggMeta = new LinkedHashMap<>();
        int aggs = r.nextInt(4);
        for (int a = 0; a < aggs; a++) {
            Map<String, String> md = new TreeMap<>();
            int keys = r.nextInt(3);
            for (int k = 0; k < keys; k++) {
                md.put(KEYS[r.nextInt(KEYS.length)], METADATA_VALUES[r.nextInt(METADATA_VALUES.length)]);
            }
            if (r.nextInt(3) == 0) {
                md.put("availability_zone", "az" + a);
            }
            aggMeta.put("agg" + a, md);
        }
        List<String> uuids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            uuids.add(String.format("00000000-0000-4000-8000-%012d", seed % 1000 * 100 + i));
        }
        List<HostState> hosts = new ArrayList<>();
        List<ObjectNode> hostJson = new ArrayList<>();
        ComputeNode prev = null;
        Map<String, Set<String>> where = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = "h" + i;
            ComputeNode cn = prev != null && r.nextInt(3) == 0 ? prev : computeNode(r);
            prev = cn;
            List<String> mine = new ArrayList<>();
            for (String a : aggMeta.keySet()) {
                if (r.nextInt(2) == 0) {
                    mine.add(a);
                }
            }
            Map<String, Set<String>> merged = new TreeMap<>();
            for (String a : mine) {
                aggMeta.get(a).forEach((k, v) -> merged.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v));
            }
            Set<String> instances = new LinkedHashSet<>();
            for (String u : uuids) {
                if (r.nextInt(6) == 0) {
                    instances.add(u);
                }
            }
            where.put(name, instances);
            HostStatus status = r.nextInt(10) == 0 ? HostStatus.DISABLED : r.nextInt(12) == 0 ? HostStatus.DOWN
                    : HostStatus.ENABLED;
            int io = r.nextInt(3) == 0 ? 0 : r.nextInt(5);
            int failed = r.nextInt(5) == 0 ? 1 + r.nextInt(3) : 0;
            HostInfo info = new HostInfo(name, uuid(seed, i), r.nextInt(4) == 0 ? "cell2" : "cell1", "r1", mine,
                    "nova", merged, status, true, "QEMU", Set.of(), 1, false, instances, io, failed);
            HostState h = new HostState(info, null, Map::of, cn);
            hosts.add(h);
            hostJson.add(HostStatesOracle.host(h, aggMeta));
        }
        // the request: a flavor, maybe a server group with members among the instances
        Flavor flavor = new Flavor("f" + r.nextInt(3), 1 + r.nextInt(8), 512L << r.nextInt(6), 10L * r.nextInt(9), null);
        ServerGroup group = null;
        Set<String> members = new LinkedHashSet<>();
        Set<String> groupHosts = new LinkedHashSet<>();
        int g = r.nextInt(5);
        if (g > 0) {
            ServerGroupPolicy policy = g <= 2 ? ServerGroupPolicy.SOFT_AFFINITY : ServerGroupPolicy.SOFT_ANTI_AFFINITY;
            group = new ServerGroup("g", null, policy);
            for (String u : uuids) {
                if (r.nextInt(3) == 0) {
                    members.add(u);
                }
            }
            where.forEach((h, on) -> {
                for (String m : members) {
                    if (on.contains(m)) {
                        groupHosts.add(h);
                    }
                }
            });
        }
        RequestSpec spec = new RequestSpec("11111111-0000-4000-8000-000000000001", "vm", flavor, null, List.of(), null,
                group, groupHosts, null, Map.of(), "p1", "u1", Set.of(), null, members);
        // the weighers: Nova's ten, or some of them, with multipliers
        Map<String, Double> weighers = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(List.of(WEIGHERS));
        if (r.nextInt(3) != 0) {
            for (int i = names.size() - 1; i > 0; i--) {
                java.util.Collections.swap(names, i, r.nextInt(i + 1));
            }
            names = names.subList(0, 1 + r.nextInt(names.size()));
        }
        for (String w : names) {
            double dflt = dev.placementstudio.scheduler.Weigher.named(w).defaultMultiplier();
            double m = r.nextInt(2) == 0 ? dflt : MULTIPLIERS[r.nextInt(MULTIPLIERS.length)];
            // [filter_scheduler] pci/soft_affinity/soft_anti_affinity multipliers have min=0.0: Nova refuses less
            weighers.put(w, m < 0 && dev.placementstudio.scheduler.Weigher.named(w).minMultiplier() != null ? -m : m);
        }
        List<String> filters = r.nextInt(3) == 0 ? List.of() : List.of("ComputeFilter");
        int maxAttempts = 1 + r.nextInt(4);
        SchedulerSettings settings = new SchedulerSettings(filters, weighers, 1, false, maxAttempts, 1000);
        ObjectNode json = HostStatesOracle.testCase(hostJson, HostStatesOracle.request(spec),
                HostStatesOracle.config(filters, weighers, maxAttempts, Map.of()));
        return new Case(seed, hosts, spec, settings, json);
    }

    static String uuid(long seed, int i) {
        return java.util.UUID.nameUUIDFromBytes(("host-" + seed + "-" + i).getBytes()).toString();
    }

    private static ComputeNode computeNode(SplittableRandom r) {
        int[] cpus = {0, 4, 8, 16, 32, 48};
        long[] mems = {8192, 16384, 65536, 131072};
        long[] disks = {0, 100, 500, 2000};
        double[] ratios = {1.0, 4.0, 16.0};
        int vcpus = cpus[r.nextInt(cpus.length)];
        double ratio = ratios[r.nextInt(ratios.length)];
        int vcpusUsed = r.nextInt((int) (vcpus * ratio) + 5);
        long mem = mems[r.nextInt(mems.length)];
        long memUsed = r.nextInt(4) == 0 ? mem + r.nextInt(8192) : (long) (r.nextDouble() * mem);
        long disk = disks[r.nextInt(disks.length)];
        long diskUsed = r.nextInt((int) disk + 60);
        Long least = r.nextInt(3) == 0 ? (long) r.nextInt((int) disk + 50) - 20 : null;
        List<dev.placementstudio.scheduler.PciPool> pools = new ArrayList<>();
        int[] counts = {0, 1, 4, 8, 64, 120};
        int np = r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0;
        for (int p = 0; p < np; p++) {
            pools.add(dev.placementstudio.scheduler.PciPool.of("8086", "154c", p, "type-VF", "physnet" + p,
                    counts[r.nextInt(counts.length)]));
        }
        // the resource tracker's counts on a libvirt/KVM x86_64 compute's record
        return new ComputeNode("QEMU", ComputeNode.DEFAULT_HYPERVISOR_VERSION, null, null,
                ComputeNode.kvmInstances("x86_64"), null, vcpus, vcpusUsed, mem, memUsed, disk, diskUsed, least, ratio,
                1.5, 1.0, java.util.Map.of("num_instances", Integer.toString(r.nextInt(20))), null, null, pools);
    }
}
