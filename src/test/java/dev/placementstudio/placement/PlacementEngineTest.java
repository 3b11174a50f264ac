package dev.placementstudio.placement;

import dev.placementstudio.model.PlacementState.InventoryRecord;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.placementstudio.placement.Fixtures.inv;
import static dev.placementstudio.placement.Fixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlacementEngineTest {
    private static Map<String, Map<String, Long>> alloc(String rp, Object... kv) {
        Map<String, Long> res = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            res.put((String) kv[i], ((Number) kv[i + 1]).longValue());
        }
        Map<String, Map<String, Long>> m = new LinkedHashMap<>();
        m.put(uuid(rp), res);
        return m;
    }

    private static PlacementEngine oneHost(InventoryRecord vcpu) {
        return new Fixtures().provider("cn", null, inv("VCPU", vcpu), List.of(), List.of()).engine();
    }

    @Test
    void capacityIsTotalMinusReservedTimesRatioAndNoClaimExceedsIt() {
        PlacementEngine e = oneHost(new InventoryRecord(10, 2, 1, 10, 1, 1.5)); // capacity int(8*1.5) = 12
        assertThat(e.provider(uuid("cn")).orElseThrow().inventories().get("VCPU").capacity()).isEqualTo(12);
        e.putAllocations("a", AllocationWrite.of(alloc("cn", "VCPU", 10), "p", "u"));
        e.putAllocations("b", AllocationWrite.of(alloc("cn", "VCPU", 2), "p", "u"));
        assertThatThrownBy(() -> e.putAllocations("c", AllocationWrite.of(alloc("cn", "VCPU", 1), "p", "u")))
                .isInstanceOfSatisfying(PlacementException.class, ex -> {
                    assertThat(ex.status()).isEqualTo(409);
                    assertThat(ex.getMessage()).contains("would exceed the capacity");
                });
        assertThat(e.provider(uuid("cn")).orElseThrow().usages().get("VCPU")).isEqualTo(12);
    }

    @Test
    void minMaxAndStepAreEnforcedOnEachAllocation() {
        PlacementEngine e = oneHost(new InventoryRecord(64, 0, 2, 8, 2, 1.0));
        for (long bad : new long[]{1, 3, 10}) {
            assertThatThrownBy(() -> e.putAllocations("c", AllocationWrite.of(alloc("cn", "VCPU", bad), "p", "u")))
                    .isInstanceOfSatisfying(PlacementException.class, ex -> {
                        assertThat(ex.status()).isEqualTo(400);
                        assertThat(ex.getMessage()).contains("violates min_unit, max_unit, or step_size");
                    });
        }
        e.putAllocations("c", AllocationWrite.of(alloc("cn", "VCPU", 8), "p", "u"));
        assertThat(e.consumer("c")).isPresent();
    }

    @Test
    void replacingAConsumersAllocationsFreesTheOldOnesFirst() {
        PlacementEngine e = oneHost(InventoryRecord.of(4));
        e.putAllocations("c", AllocationWrite.of(alloc("cn", "VCPU", 3), "p", "u"));
        // 3 + 4 would not fit, but the write replaces the 3
        e.putAllocations("c", AllocationWrite.of(alloc("cn", "VCPU", 4), "p", "u"));
        assertThat(e.provider(uuid("cn")).orElseThrow().usages().get("VCPU")).isEqualTo(4);
        e.deleteAllocations("c");
        assertThat(e.provider(uuid("cn")).orElseThrow().usages().get("VCPU")).isZero();
        assertThatThrownBy(() -> e.deleteAllocations("c")).isInstanceOfSatisfying(PlacementException.class,
                ex -> assertThat(ex.status()).isEqualTo(404));
    }

    @Test
    void aMultiConsumerWriteAppliesAllOrNothing() {
        PlacementEngine e = oneHost(InventoryRecord.of(4));
        e.putAllocations("instance", AllocationWrite.of(alloc("cn", "VCPU", 2), "p", "u"));
        long generation = e.provider(uuid("cn")).orElseThrow().generation();
        Map<String, AllocationWrite> move = new LinkedHashMap<>();
        move.put("migration", AllocationWrite.of(alloc("cn", "VCPU", 2), "p", "u"));
        move.put("instance", AllocationWrite.of(alloc("cn", "VCPU", 3), "p", "u")); // 2 + 3 > 4
        assertThatThrownBy(() -> e.writeAllocations(move)).isInstanceOf(PlacementException.class);
        assertThat(e.consumer("migration")).isEmpty();
        assertThat(e.consumer("instance").orElseThrow().allocations().get(uuid("cn")).get("VCPU")).isEqualTo(2);
        assertThat(e.provider(uuid("cn")).orElseThrow().generation()).isEqualTo(generation);

        move.put("instance", AllocationWrite.of(alloc("cn", "VCPU", 1), "p", "u"));
        e.writeAllocations(move);
        assertThat(e.provider(uuid("cn")).orElseThrow().usages().get("VCPU")).isEqualTo(3);
    }

    @Test
    void staleGenerationsAreConflicts() {
        PlacementEngine e = oneHost(InventoryRecord.of(4));
        ProviderView cn = e.provider(uuid("cn")).orElseThrow();
        e.setInventories(cn.uuid(), cn.generation(), Map.of("VCPU", Inventory.of(8)));
        assertThatThrownBy(() -> e.setInventories(cn.uuid(), cn.generation(), Map.of("VCPU", Inventory.of(16))))
                .isInstanceOfSatisfying(PlacementException.class, ex -> {
                    assertThat(ex.status()).isEqualTo(409);
                    assertThat(ex.code()).isEqualTo("placement.concurrent_update");
                });
        e.putAllocations("c", new AllocationWrite(alloc("cn", "VCPU", 1), "p", "u", "INSTANCE", null, true));
        long g = e.consumer("c").orElseThrow().generation();
        assertThatThrownBy(() -> e.putAllocations("c",
                new AllocationWrite(alloc("cn", "VCPU", 2), "p", "u", "INSTANCE", null, true)))
                .isInstanceOfSatisfying(PlacementException.class, ex ->
                        assertThat(ex.getMessage()).isEqualTo("consumer generation conflict - expected None but got " + g));
        e.putAllocations("c", new AllocationWrite(alloc("cn", "VCPU", 2), "p", "u", "INSTANCE", g, true));
        assertThat(e.consumer("c").orElseThrow().generation()).isEqualTo(g + 1);
    }

    @Test
    void inventoryInUseCannotBeRemovedOrShrunkBelowUsage() {
        PlacementEngine e = oneHost(InventoryRecord.of(8));
        e.putAllocations("c", AllocationWrite.of(alloc("cn", "VCPU", 6), "p", "u"));
        ProviderView cn = e.provider(uuid("cn")).orElseThrow();
        assertThatThrownBy(() -> e.setInventories(cn.uuid(), cn.generation(), Map.of()))
                .isInstanceOfSatisfying(PlacementException.class, ex -> assertThat(ex.code()).isEqualTo("placement.inventory.inuse"));
        assertThatThrownBy(() -> e.setInventories(cn.uuid(), cn.generation(), Map.of("VCPU", Inventory.of(4))))
                .isInstanceOf(PlacementException.class);
        e.setRefuseCapacityBelowUsage(false); // real Placement only warns
        e.setInventories(cn.uuid(), cn.generation(), Map.of("VCPU", Inventory.of(4)));
        assertThat(e.provider(cn.uuid()).orElseThrow().usages().get("VCPU")).isEqualTo(6);
    }

    @Test
    void providersWithAllocationsOrChildrenCannotBeDeleted() {
        PlacementEngine e = Fixtures.mixed();
        e.putAllocations("c", AllocationWrite.of(alloc("cn2", "VCPU", 1), "p", "u"));
        assertThatThrownBy(() -> e.deleteProvider(uuid("cn2"))).isInstanceOfSatisfying(PlacementException.class,
                ex -> assertThat(ex.code()).isEqualTo("placement.resource_provider.inuse"));
        assertThatThrownBy(() -> e.deleteProvider(uuid("cn1"))).isInstanceOfSatisfying(PlacementException.class,
                ex -> assertThat(ex.code()).isEqualTo("placement.resource_provider.cannot_delete_parent"));
        e.deleteProvider(uuid("cn1_pf0"));
        assertThat(e.provider(uuid("cn1_pf0"))).isEmpty();
    }

    @Test
    void usagesAddUpPerProjectAndUser() {
        PlacementEngine e = Fixtures.mixed();
        e.putAllocations("a", AllocationWrite.of(alloc("cn2", "VCPU", 1, "MEMORY_MB", 512), "p1", "u1"));
        e.putAllocations("b", AllocationWrite.of(alloc("cn2", "VCPU", 2), "p1", "u2"));
        e.putAllocations("c", AllocationWrite.of(alloc("cn2", "VCPU", 4), "p2", "u1"));
        assertThat(e.usages("p1", null, null)).containsEntry("VCPU", 3L).containsEntry("MEMORY_MB", 512L);
        assertThat(e.usages("p1", "u2", null)).containsExactlyEntriesOf(Map.of("VCPU", 2L));
    }

    @Test
    void unsuffixedResourcesMaySplitAcrossNumaNodesOfOneTree() {
        PlacementEngine e = Fixtures.mixed();
        AllocationCandidates c = e.allocationCandidates("resources=VCPU:1,MEMORY_MB:512&in_tree=" + uuid("cn1"));
        // VCPU from numa0 or numa1 times MEMORY_MB from numa0 or numa1
        assertThat(c.size()).isEqualTo(4);
        assertThat(c.summaries()).extracting(AllocationCandidates.Summary::uuid)
                .containsExactlyInAnyOrder(uuid("cn1"), uuid("cn1_numa0"), uuid("cn1_numa1"), uuid("cn1_pf0"));
    }

    @Test
    void traitsCountOnlyOnProvidersInTheRequest() {
        PlacementEngine e = Fixtures.mixed();
        // the root has COMPUTE_NODE but gives no VCPU, so cn1 is dropped; cn2 gives VCPU itself
        AllocationCandidates c = e.allocationCandidates("resources=VCPU:1&required=COMPUTE_NODE");
        assertThat(c.requests()).extracting(AllocationCandidates.Request::anchorRootUuid).containsOnly(uuid("cn2"));
        // root_required checks the root, whatever gives the resources
        AllocationCandidates r = e.allocationCandidates("resources=VCPU:1&root_required=COMPUTE_NODE");
        assertThat(r.requests()).extracting(AllocationCandidates.Request::anchorRootUuid)
                .contains(uuid("cn1"), uuid("cn2"));
    }

    @Test
    void aSharingProviderServesTheTreesOfItsAggregate() {
        PlacementEngine e = Fixtures.mixed();
        AllocationCandidates c = e.allocationCandidates("resources=VCPU:1,DISK_GB:10&required=STORAGE_DISK_SSD");
        // only the shared disk has SSD; cn2 has no disk of its own
        assertThat(c.requests()).allSatisfy(r -> assertThat(r.allocations()).containsKey(uuid("shared")));
        assertThat(c.requests()).extracting(AllocationCandidates.Request::anchorRootUuid).contains(uuid("cn2"));
        AllocationCandidates disk = e.allocationCandidates("resources=DISK_GB:10");
        // cn1's local disk, and the shared disk once
        assertThat(disk.size()).isEqualTo(2);
    }

    @Test
    void isolateGivesMappingSwapsAndNoneAddsAmountsOnOneProvider() {
        PlacementEngine e = Fixtures.mixed();
        String q = "resources1=VCPU:1&resources2=VCPU:1&in_tree1=" + uuid("cn1") + "&in_tree2=" + uuid("cn1");
        AllocationCandidates iso = e.allocationCandidates(q + "&group_policy=isolate");
        assertThat(iso.size()).isEqualTo(2);
        assertThat(iso.requests().get(0).allocations()).isEqualTo(iso.requests().get(1).allocations());
        AllocationCandidates none = e.allocationCandidates(q + "&group_policy=none");
        assertThat(none.size()).isEqualTo(4);
        assertThat(none.requests()).anySatisfy(r -> assertThat(r.allocations().get(uuid("cn1_numa0")))
                .isEqualTo(Map.of("VCPU", 2L)));
    }

    @Test
    void sameSubtreeWithAResourcelessGroup() {
        PlacementEngine e = Fixtures.mixed();
        AllocationCandidates c = e.allocationCandidates(
                "resources_NET=SRIOV_NET_VF:1&required_NUMA=HW_NUMA_ROOT&same_subtree=_NUMA,_NET&group_policy=none");
        assertThat(c.size()).isEqualTo(1);
        AllocationCandidates.Request r = c.requests().get(0);
        assertThat(r.allocations()).containsOnlyKeys(uuid("cn1_pf0"));
        assertThat(r.mappings()).containsEntry("_NUMA", List.of(uuid("cn1_numa0")));
    }

    @Test
    void limitKeepsNCandidatesAndOnlyTheirTreesInTheSummaries() {
        PlacementEngine e = Fixtures.mixed();
        AllocationCandidates all = e.allocationCandidates("resources=VCPU:1");
        AllocationCandidates one = e.allocationCandidates("resources=VCPU:1&limit=1");
        assertThat(all.size()).isEqualTo(3);
        assertThat(one.size()).isEqualTo(1);
        Set<String> roots = Set.of(one.requests().get(0).anchorRootUuid());
        assertThat(one.summaries()).allSatisfy(s -> assertThat(roots).contains(s.rootUuid()));
    }

    @Test
    void malformedOrUnknownNamesAre400sWithPlacementsMessages() {
        PlacementEngine e = Fixtures.mixed();
        assertThatThrownBy(() -> e.allocationCandidates("resources=VCPU:1&required=CUSTOM_NOPE"))
                .hasMessage("No such trait(s): CUSTOM_NOPE.");
        assertThatThrownBy(() -> e.allocationCandidates("resources=CUSTOM_NOPE:1"))
                .hasMessage("Invalid resource class in resources parameter: No such resource class CUSTOM_NOPE.");
        assertThatThrownBy(() -> e.allocationCandidates("resources1=VCPU:1&resources2=VCPU:1"))
                .hasMessageContaining("\"group_policy\" parameter is required");
        assertThatThrownBy(() -> e.allocationCandidates("resources=VCPU:0"))
                .hasMessage("Requested resource VCPU requires amount >= 1. Got: 0.");
        assertThatThrownBy(() -> e.allocationCandidates("resources=VCPU"))
                .hasMessageContaining("Badly formed resources parameter");
        // an empty earlier group answers 200 before a later group's error is noticed, as in Placement
        assertThat(e.allocationCandidates("resources=VCPU:1000&resources1=CUSTOM_NOPE:1").isEmpty()).isTrue();
    }

    @Test
    void theJsonBodyHasPlacementsShape() {
        PlacementEngine e = Fixtures.mixed();
        String body = e.allocationCandidates("resources=VCPU:1&in_tree=" + uuid("cn2")).toJsonString();
        assertThat(body).isEqualTo("{\"allocation_requests\": [{\"allocations\": {\"" + uuid("cn2")
                + "\": {\"resources\": {\"VCPU\": 1}}}, \"mappings\": {\"\": [\"" + uuid("cn2") + "\"]}}], "
                + "\"provider_summaries\": {\"" + uuid("cn2") + "\": {\"resources\": {\"VCPU\": {\"capacity\": 8, "
                + "\"used\": 0}, \"MEMORY_MB\": {\"capacity\": 8192, \"used\": 0}}, \"traits\": [\"COMPUTE_NODE\", "
                + "\"HW_CPU_X86_AVX2\"], \"parent_provider_uuid\": null, \"root_provider_uuid\": \"" + uuid("cn2") + "\"}}}");
    }
}
