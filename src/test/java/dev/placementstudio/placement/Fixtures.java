package dev.placementstudio.placement;

import dev.placementstudio.model.PlacementState;
import dev.placementstudio.model.PlacementState.InventoryRecord;
import dev.placementstudio.model.PlacementState.ResourceProviderRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small Placement states built in code for engine tests. */
final class Fixtures {
    private final List<ResourceProviderRecord> rps = new ArrayList<>();

    static String uuid(String name) {
        return java.util.UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    Fixtures provider(String name, String parent, Map<String, InventoryRecord> inv, List<String> traits, List<String> aggs) {
        rps.add(new ResourceProviderRecord(uuid(name), name, parent == null ? null : uuid(parent), inv, traits, aggs));
        return this;
    }

    static Map<String, InventoryRecord> inv(Object... kv) {
        Map<String, InventoryRecord> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            m.put((String) kv[i], v instanceof InventoryRecord r ? r : InventoryRecord.of(((Number) v).longValue()));
        }
        return m;
    }

    PlacementState state() {
        return new PlacementState(rps, Map.of(), Map.of());
    }

    PlacementEngine engine() {
        return PlacementEngine.fromState(state());
    }

    /** A compute with two NUMA children, a flat compute and a sharing disk in aggregate "agg-share". */
    static PlacementEngine mixed() {
        return new Fixtures()
                .provider("cn1", null, inv("DISK_GB", 100), List.of("COMPUTE_NODE"), List.of(uuid("agg-share")))
                .provider("cn1_numa0", "cn1", inv("VCPU", 4, "MEMORY_MB", 4096), List.of("HW_NUMA_ROOT"), List.of())
                .provider("cn1_numa1", "cn1", inv("VCPU", 4, "MEMORY_MB", 4096), List.of("HW_NUMA_ROOT"), List.of())
                .provider("cn1_pf0", "cn1_numa0", inv("SRIOV_NET_VF", 8), List.of("CUSTOM_PHYSNET_A"), List.of())
                .provider("cn2", null, inv("VCPU", 8, "MEMORY_MB", 8192), List.of("COMPUTE_NODE", "HW_CPU_X86_AVX2"),
                        List.of(uuid("agg-share")))
                .provider("shared", null, inv("DISK_GB", 1000), List.of("MISC_SHARES_VIA_AGGREGATE", "STORAGE_DISK_SSD"),
                        List.of(uuid("agg-share")))
                .engine();
    }
}
