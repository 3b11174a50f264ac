package dev.placementstudio.model;

import java.util.List;

/**
 * The nova.conf options Nova 26's filters read (names as in {@code nova/conf/scheduler.py},
 * {@code nova/conf/metrics.py}, {@code nova/conf/pci.py}); a missing value takes Nova's default.
 *
 * @param maxIoOpsPerHost {@code [filter_scheduler] max_io_ops_per_host} (IoOpsFilter, AggregateIoOpsFilter), 8
 * @param maxInstancesPerHost {@code [filter_scheduler] max_instances_per_host} (NumInstancesFilter,
 *                            AggregateNumInstancesFilter), 50
 * @param isolatedImages {@code [filter_scheduler] isolated_images}: image ids kept to the isolated hosts
 * @param isolatedHosts {@code [filter_scheduler] isolated_hosts}
 * @param restrictIsolatedHostsToIsolatedImages {@code [filter_scheduler]
 *                                              restrict_isolated_hosts_to_isolated_images}, true
 * @param aggregateImagePropertiesIsolationNamespace {@code [filter_scheduler]
 *        aggregate_image_properties_isolation_namespace}: only metadata keys under it are compared, none by default
 * @param aggregateImagePropertiesIsolationSeparator its separator, "."
 * @param imagePropertiesDefaultArchitecture {@code [filter_scheduler] image_properties_default_architecture},
 *                                           none by default
 * @param metricsWeightSetting {@code [metrics] weight_setting} ("name=ratio" entries): the metrics
 *                             MetricsFilter requires
 * @param defaultAvailabilityZone {@code [DEFAULT] default_availability_zone}, "nova" (AvailabilityZoneFilter)
 * @param pciAliases {@code [pci] alias}: the names a flavor's {@code pci_passthrough:alias} may use
 */
public record FilterOptions(Integer maxIoOpsPerHost, Integer maxInstancesPerHost, List<String> isolatedImages,
                            List<String> isolatedHosts, Boolean restrictIsolatedHostsToIsolatedImages,
                            String aggregateImagePropertiesIsolationNamespace,
                            String aggregateImagePropertiesIsolationSeparator,
                            String imagePropertiesDefaultArchitecture, List<String> metricsWeightSetting,
                            String defaultAvailabilityZone, List<PciAlias> pciAliases) {
    public static final FilterOptions NOVA_DEFAULTS = new FilterOptions(null, null, null, null, null, null, null, null,
            null, null, null);

    /**
     * One {@code [pci] alias} entry: which devices a flavor's alias asks for.
     *
     * @param deviceType type-PCI, type-PF or type-VF; null matches any
     * @param numaPolicy required, legacy, preferred or socket; null means legacy
     */
    public record PciAlias(String name, String vendorId, String productId, String deviceType, String numaPolicy) {
    }

    public FilterOptions {
        maxIoOpsPerHost = maxIoOpsPerHost == null ? 8 : maxIoOpsPerHost;
        maxInstancesPerHost = maxInstancesPerHost == null ? 50 : maxInstancesPerHost;
        isolatedImages = List.copyOf(isolatedImages == null ? List.of() : isolatedImages);
        isolatedHosts = List.copyOf(isolatedHosts == null ? List.of() : isolatedHosts);
        restrictIsolatedHostsToIsolatedImages = restrictIsolatedHostsToIsolatedImages == null
                ? Boolean.TRUE : restrictIsolatedHostsToIsolatedImages;
        aggregateImagePropertiesIsolationSeparator = aggregateImagePropertiesIsolationSeparator == null
                ? "." : aggregateImagePropertiesIsolationSeparator;
        metricsWeightSetting = List.copyOf(metricsWeightSetting == null ? List.of() : metricsWeightSetting);
        defaultAvailabilityZone = defaultAvailabilityZone == null ? "nova" : defaultAvailabilityZone;
        pciAliases = List.copyOf(pciAliases == null ? List.of() : pciAliases);
    }

    /** The alias of that name, or null. */
    public PciAlias alias(String name) {
        for (PciAlias a : pciAliases) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }
}
