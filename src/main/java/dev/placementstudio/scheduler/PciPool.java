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

    /** The {@code physical_network} tag (SR-IOV VFs and PFs), or null. */
    public String physnet() {
        return tags.get("physical_network");
    }

    /** A pool of {@code count} devices of this type, tagged with the physnet when there is one. */
    public static PciPool of(String vendorId, String productId, Integer numaNode, String devType, String physnet,
                             int count) {
        Map<String, String> tags = new java.util.TreeMap<>();
        tags.put("dev_type", devType);
        if (physnet != null) {
            tags.put("physical_network", physnet);
        }
        return new PciPool(vendorId, productId, numaNode, count, tags);
    }

    /** The same pool with this many free devices. */
    public PciPool withCount(int free) {
        return new PciPool(vendorId, productId, numaNode, free, tags);
    }
}
