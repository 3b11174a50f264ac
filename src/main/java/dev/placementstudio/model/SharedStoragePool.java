package dev.placementstudio.model;

import java.util.List;

/**
 * A shared storage pool (Ceph, NFS): a sharing provider of DISK_GB with
 * {@code MISC_SHARES_VIA_AGGREGATE}, used by the computes in its aggregates.
 */
public record SharedStoragePool(String name, String uuid, long diskGb, Long reservedGb, Double allocationRatio,
                                List<String> aggregates, List<String> traits) {
    public SharedStoragePool {
        reservedGb = reservedGb == null ? 0L : reservedGb;
        allocationRatio = allocationRatio == null ? 1.0 : allocationRatio;
        aggregates = List.copyOf(aggregates == null ? List.of() : aggregates);
        traits = List.copyOf(traits == null ? List.of() : traits);
    }

    public String effectiveUuid() {
        return uuid != null ? uuid : Ids.uuidFor("shared-storage", name);
    }
}
