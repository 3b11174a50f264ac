package dev.placementstudio.bench;

import dev.placementstudio.io.PlacementDump;
import dev.placementstudio.model.PlacementState;
import dev.placementstudio.model.PlacementState.InventoryRecord;
import dev.placementstudio.model.PlacementState.ResourceProviderRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Placement models of the oracle README's performance table, built in code (same shapes, seeded
 * names), so that our engine and the real Placement can be timed on the very same dump.
 * {@code main(DIR)} writes them as dumps for the oracle's loader.
 */
public final class PerfModels {
    public static final String SIMPLE = "resources=VCPU:1,MEMORY_MB:256,DISK_GB:10";
    public static final String GRANULAR_NUMA = "resources=DISK_GB:10&resources1=VCPU:1,MEMORY_MB:256&required1=HW_NUMA_ROOT";
    public static final String NESTED_PERFLOAD = "resources=DISK_GB:10&required=COMPUTE_VOLUME_MULTI_ATTACH"
            + "&resources_COMPUTE=VCPU:1,MEMORY_MB:256&required_COMPUTE=CUSTOM_FOO&resources_FPGA=FPGA:1"
            + "&group_policy=none&same_subtree=_COMPUTE,_FPGA";

    private PerfModels() {
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(("perf:" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static InventoryRecord inv(long total, long reserved, long min, long max, long step, double ratio) {
        return new InventoryRecord(total, reserved, min, max, step, ratio);
    }

    private static Map<String, InventoryRecord> m(Object... kv) {
        Map<String, InventoryRecord> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], (InventoryRecord) kv[i + 1]);
        }
        return out;
    }

    /** Roots only: VCPU 32 x16, MEMORY_MB 128G x1.5 (512 reserved), DISK_GB 1000. */
    public static PlacementState flat(int computes) {
        List<ResourceProviderRecord> rps = new ArrayList<>();
        for (int i = 0; i < computes; i++) {
            String n = String.format("flat%06d", i);
            rps.add(new ResourceProviderRecord(uuid(n), n, null, m("VCPU", inv(32, 0, 1, 32, 1, 16.0),
                    "MEMORY_MB", inv(131072, 512, 1, 131072, 1, 1.5), "DISK_GB", inv(1000, 0, 1, 1000, 1, 1.0)),
                    List.of("COMPUTE_NODE"), List.of()));
        }
        return new PlacementState(rps, Map.of(), Map.of());
    }

    /** A DISK_GB root plus two HW_NUMA_ROOT children with VCPU 16 x4, PCPU 4 and MEMORY_MB 64G. */
    public static PlacementState numa(int computes) {
        List<ResourceProviderRecord> rps = new ArrayList<>();
        for (int i = 0; i < computes; i++) {
            String n = String.format("numa%06d", i);
            rps.add(new ResourceProviderRecord(uuid(n), n, null, m("DISK_GB", inv(1000, 0, 1, 1000, 1, 1.0)),
                    List.of("COMPUTE_NODE"), List.of()));
            for (int k = 0; k < 2; k++) {
                String c = n + "_numa" + k;
                rps.add(new ResourceProviderRecord(uuid(c), c, uuid(n), m("VCPU", inv(16, 0, 1, 16, 1, 4.0),
                        "PCPU", inv(4, 0, 1, 4, 1, 1.0), "MEMORY_MB", inv(65536, 0, 1, 65536, 1, 1.0)),
                        List.of("HW_NUMA_ROOT"), List.of()));
            }
        }
        return new PlacementState(rps, Map.of(), Map.of());
    }

    /** The gate's nested-perfload tree, repeated: 7 providers per tree. */
    public static PlacementState nestedPerfload(int trees) {
        List<ResourceProviderRecord> rps = new ArrayList<>();
        for (int i = 0; i < trees; i++) {
            String cn = String.format("cn%06d", i);
            rps.add(new ResourceProviderRecord(uuid(cn), cn, null, m("DISK_GB", inv(20480, 0, 1, 20480, 1, 1.0)),
                    List.of("COMPUTE_VOLUME_MULTI_ATTACH"), List.of()));
            String n0 = cn + "_numa0";
            String n1 = cn + "_numa1";
            rps.add(new ResourceProviderRecord(uuid(n0), n0, uuid(cn), m("VCPU", inv(4, 2, 1, 4, 1, 1.0),
                    "MEMORY_MB", inv(2048, 0, 512, 2048, 256, 1.0)), List.of(), List.of()));
            rps.add(new ResourceProviderRecord(uuid(n0 + "_fpga"), n0 + "_fpga", uuid(n0),
                    m("FPGA", inv(1, 0, 1, 1, 1, 1.0)), List.of(), List.of()));
            rps.add(new ResourceProviderRecord(uuid(n0 + "_pgpu"), n0 + "_pgpu", uuid(n0),
                    m("VGPU", inv(8, 0, 1, 8, 1, 1.0)), List.of(), List.of()));
            rps.add(new ResourceProviderRecord(uuid(n1), n1, uuid(cn), m("VCPU", inv(4, 0, 1, 4, 1, 1.0),
                    "MEMORY_MB", inv(2048, 0, 1, 1024, 1, 1.0)), List.of("CUSTOM_FOO"), List.of()));
            for (int f = 0; f < 2; f++) {
                String fp = n1 + "_fpga" + f;
                rps.add(new ResourceProviderRecord(uuid(fp), fp, uuid(n1), m("FPGA", inv(1, 0, 1, 1, 1, 1.0)),
                        List.of(), List.of()));
            }
        }
        return new PlacementState(rps, Map.of(), Map.of());
    }

    /** Writes numa-1000, nested-perfload-1000, numa-5000 and flat-100000 dumps into DIR. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/perf");
        Files.createDirectories(dir);
        Files.write(dir.resolve("numa-1000.json"), PlacementDump.toBytes(numa(1000), false));
        Files.write(dir.resolve("nested-perfload-1000.json"), PlacementDump.toBytes(nestedPerfload(1000), false));
        Files.write(dir.resolve("numa-5000.json"), PlacementDump.toBytes(numa(5000), false));
        Files.write(dir.resolve("flat-100000.json"), PlacementDump.toBytes(flat(100000), false));
    }
}
