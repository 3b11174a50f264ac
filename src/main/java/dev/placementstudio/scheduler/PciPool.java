package dev.placementstudio.scheduler;

import java.util.Map;

/**
 * A pool of identical PCI devices Nova tracks ({@code [pci] device_spec}): one per vendor, product, NUMA
 * node and tags ({@code dev_type} type-PCI / type-PF / type-VF, {@code physical_network}, …), as
 * {@code objects.PciDevicePool} and {@code nova/pci/stats.py} keep them.
 *
 * @param numaNode the NUMA node the devices hang off, or null when unknown
 * @param count free devices in the pool
 */
public record PciPool(String vendorId, String productId, Integer numaNode, int count, Map<String, String> tags) {
    public PciPool {
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tags));
    }

    public String devType() {
        return tags.getOrDefault("dev_type", "type-PCI");
    }
}
