package dev.placementstudio.placement;

import dev.placementstudio.model.PlacementState;
import dev.placementstudio.model.PlacementState.InventoryRecord;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants of the engine over random clouds and random sequences of claims and frees. */
class PlacementPropertiesTest {
    private static final String[] CLASSES = {"VCPU", "MEMORY_MB", "DISK_GB", "SRIOV_NET_VF"};

    /** A random cloud: roots, some with NUMA-like children, some sharing disk, random ratios and units. */
    static PlacementEngine randomCloud(SplittableRandom r) {
        Fixtures f = new Fixtures();
        int roots = 1 + r.nextInt(5);
        for (int i = 0; i < roots; i++) {
            String root = "cn" + i;
            boolean nested = r.nextBoolean();
            f.provider(root, null, nested ? Fixtures.inv("DISK_GB", inv(r, 50)) : Fixtures.inv("VCPU", inv(r, 8),
                    "MEMORY_MB", inv(r, 4096), "DISK_GB", inv(r, 50)), List.of("COMPUTE_NODE"), List.of(Fixtures.uuid("agg")));
            if (nested) {
                for (int n = 0; n < 2; n++) {
                    f.provider(root + "_numa" + n, root, Fixtures.inv("VCPU", inv(r, 4), "MEMORY_MB", inv(r, 2048)),
                            List.of("HW_NUMA_ROOT"), List.of());
                }
                f.provider(root + "_pf", root + "_numa0", Fixtures.inv("SRIOV_NET_VF", inv(r, 4)), List.of(), List.of());
            }
        }
        if (r.nextBoolean()) {
            f.provider("shared", null, Fixtures.inv("DISK_GB", inv(r, 200)), List.of("MISC_SHARES_VIA_AGGREGATE"),
                    List.of(Fixtures.uuid("agg")));
        }
        return f.engine();
    }

    private static InventoryRecord inv(SplittableRandom r, long scale) {
        long total = 1 + r.nextInt((int) scale);
        long reserved = r.nextInt(3) == 0 ? r.nextLong(total + 1) : 0;
        long step = r.nextInt(4) == 0 ? 2 : 1;
        long max = Math.max(step, total - r.nextLong(total));
        double ratio = new double[]{1.0, 1.0, 1.5, 4.0, 0.5}[r.nextInt(5)];
        return new InventoryRecord(total, reserved, 1, max, step, ratio);
    }

    private static Map<String, Map<String, Long>> randomAllocation(SplittableRandom r, List<ProviderView> providers) {
        Map<String, Map<String, Long>> m = new LinkedHashMap<>();
        int n = 1 + r.nextInt(2);
        for (int i = 0; i < n; i++) {
            ProviderView p = providers.get(r.nextInt(providers.size()));
            String rc = r.nextInt(5) == 0 ? CLASSES[r.nextInt(CLASSES.length)]
                    : p.inventories().keySet().stream().skip(r.nextInt(Math.max(1, p.inventories().size()))).findFirst()
                    .orElse("VCPU");
            m.computeIfAbsent(p.uuid(), k -> new LinkedHashMap<>()).put(rc, 1L + r.nextInt(6));
        }
        return m;
    }

    private static void assertWithinCapacity(PlacementEngine e) {
        for (ProviderView p : e.providers()) {
            p.inventories().forEach((rc, inv) ->
                    assertThat(p.usages().get(rc)).as("%s %s", p.name(), rc).isLessThanOrEqualTo(inv.capacity()));
        }
    }

    @Property(tries = 150)
    void noProviderIsEverOverCapacityAndFailedWritesChangeNothing(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        PlacementEngine e = randomCloud(r);
        List<ProviderView> providers = e.providers();
        List<String> consumers = new ArrayList<>();
        for (int step = 0; step < 60; step++) {
            PlacementState before = e.snapshot();
            List<Long> generations = e.providers().stream().map(ProviderView::generation).toList();
            try {
                int op = r.nextInt(4);
                if (op == 0 && !consumers.isEmpty()) {
                    String c = consumers.remove(r.nextInt(consumers.size()));
                    e.deleteAllocations(c);
                } else if (op == 1 && consumers.size() >= 1) {
                    // move: one existing consumer's allocation replaced and a new consumer created, atomically
                    Map<String, AllocationWrite> writes = new LinkedHashMap<>();
                    String c = consumers.get(r.nextInt(consumers.size()));
                    writes.put(c, AllocationWrite.of(randomAllocation(r, providers), "p", "u"));
                    String m = "m" + step;
                    writes.put(m, AllocationWrite.of(randomAllocation(r, providers), "p", "u"));
                    e.writeAllocations(writes);
                    consumers.add(m);
                } else {
                    String c = "c" + step;
                    e.putAllocations(c, AllocationWrite.of(randomAllocation(r, providers), "p", "u"));
                    consumers.add(c);
                }
            } catch (PlacementException refused) {
                assertThat(e.snapshot()).isEqualTo(before);
                assertThat(e.providers().stream().map(ProviderView::generation).toList()).isEqualTo(generations);
            }
            assertWithinCapacity(e);
        }
    }

    private static String randomQuery(SplittableRandom r) {
        StringBuilder q = new StringBuilder("resources=VCPU:" + (1 + r.nextInt(3)) + ",MEMORY_MB:" + (1 + r.nextInt(1024)));
        if (r.nextBoolean()) {
            q.append(",DISK_GB:").append(1 + r.nextInt(20));
        }
        if (r.nextInt(3) == 0) {
            q.append("&resources1=SRIOV_NET_VF:1");
        }
        if (r.nextInt(4) == 0) {
            q.append("&resources2=VCPU:1&group_policy=").append(r.nextBoolean() ? "none" : "isolate");
        }
        return q.toString();
    }

    @Property(tries = 100)
    void everyCandidateCanBeClaimedOnTheUnchangedState(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        PlacementEngine e = randomCloud(r);
        AllocationCandidates c = e.allocationCandidates(randomQuery(r));
        int n = 0;
        for (AllocationCandidates.Request req : c.requests()) {
            if (n++ == 25) {
                break;
            }
            PlacementEngine copy = e.copy();
            copy.putAllocations("claim", AllocationWrite.of(req.allocations(), "p", "u"));
            assertWithinCapacity(copy);
        }
    }

    @Property(tries = 100)
    void limitReturnsMinOfNAndAllEachOneOfTheUnlimitedAnswer(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int limit) {
        SplittableRandom r = new SplittableRandom(seed);
        PlacementEngine e = randomCloud(r);
        String q = randomQuery(r);
        List<AllocationCandidates.Request> all = e.allocationCandidates(q).requests();
        List<AllocationCandidates.Request> some = e.allocationCandidates(q + "&limit=" + limit).requests();
        assertThat(some).hasSize(Math.min(limit, all.size()));
        assertThat(all).containsAll(some);
    }

    @Property(tries = 50)
    void answersAreDeterministic(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        PlacementEngine e = randomCloud(r);
        String q = randomQuery(r);
        assertThat(e.copy().allocationCandidates(q).toJsonString()).isEqualTo(e.allocationCandidates(q).toJsonString());
    }

    /**
     * The scheduler's form of an answer keeps the first request of each tree (what Nova claims), reports
     * the full answer's size, and gives each tree's usage as the provider summaries add it up.
     */
    @Property(tries = 150)
    void schedulerAnswerIsTheFullAnswerFirstPerTree(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int limit) {
        SplittableRandom r = new SplittableRandom(seed);
        PlacementEngine e = randomCloud(r);
        List<ProviderView> providers = e.providers();
        String q = randomQuery(r) + (r.nextBoolean() ? "&limit=" + limit : "");
        for (int i = 0; i < 4; i++) {
            try {
                // a scheduler's answer between the writes: the trees' usage it kept must not outlive them
                e.schedulerCandidates(q);
            } catch (PlacementException bad) {
                // a query the random cloud cannot parse (an unknown class): checked below
            }
            try {
                e.putAllocations("c" + i, AllocationWrite.of(randomAllocation(r, providers), "p", "u"));
            } catch (PlacementException refused) {
                // a random claim that does not fit: the state is unchanged
            }
        }
        try {
            e.schedulerCandidates(q);
            e.deleteAllocations("c" + r.nextInt(4));
        } catch (PlacementException noneOrBad) {
            // that consumer's claim did not fit, or the query is bad
        }
        AllocationCandidates full;
        try {
            full = e.allocationCandidates(q);
        } catch (PlacementException bad) {
            return;
        }
        AllocationCandidates mine = e.schedulerCandidates(q);
        assertThat(mine.size()).isEqualTo(full.size());
        if (full.isEmpty()) {
            assertThat(mine.isEmpty()).isTrue();
            return;
        }
        Map<String, AllocationCandidates.Request> firstPerTree = new LinkedHashMap<>();
        List<AllocationCandidates.Request> requests = full.requests();
        for (AllocationCandidates.Request req : requests) {
            firstPerTree.putIfAbsent(req.anchorRootUuid(), req);
        }
        String[] anchors = mine.anchors();
        List<String> firstAnchors = new ArrayList<>();
        for (String a : anchors) {
            if (!firstAnchors.contains(a)) {
                firstAnchors.add(a);
            }
        }
        assertThat(firstAnchors).containsExactlyElementsOf(firstPerTree.keySet());
        Map<String, AllocationCandidates.TreeUsage> usage = full.treeUsage();
        for (int i = 0; i < anchors.length; i++) {
            if (i == 0 || !anchors[i].equals(anchors[i - 1])) {
                assertThat(mine.allocationsAt(i)).isEqualTo(firstPerTree.get(anchors[i]).allocations());
            }
            AllocationCandidates.TreeUsage t = usage.get(anchors[i]);
            assertThat(mine.usageOf(i).weigherFree()).containsExactly(t.free("MEMORY_MB"), t.free("VCPU"),
                    t.has("DISK_GB") ? t.free("DISK_GB") : -1, t.free("PGPU") + t.free("FPGA") + t.free("PCI_DEVICE"));
            for (String rc : CLASSES) {
                assertThat(mine.usageOf(i).free(rc)).as(rc).isEqualTo(usage.get(anchors[i]).free(rc));
                assertThat(mine.usageOf(i).capacity(rc)).as(rc).isEqualTo(usage.get(anchors[i]).capacity(rc));
            }
        }
    }
}
