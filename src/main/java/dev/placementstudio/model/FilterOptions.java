package dev.placementstudio.model;

import java.util.List;

/**
 * The nova.conf options Nova 26's filters, request filters and MetricsWeigher read (names as in
 * {@code nova/conf/scheduler.py}, {@code nova/conf/metrics.py}, {@code nova/conf/pci.py}); a missing value takes Nova's default.
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
 * @param limitTenantsToPlacementAggregate {@code [scheduler] limit_tenants_to_placement_aggregate}, false: the
 *        request filter require_tenant_aggregate asks for the aggregates whose {@code filter_tenant_id*}
 *        metadata names the project
 * @param placementAggregateRequiredForTenants {@code [scheduler] placement_aggregate_required_for_tenants},
 *        false: a project without such an aggregate then gets no host
 * @param queryPlacementForAvailabilityZone {@code [scheduler] query_placement_for_availability_zone}, true:
 *        the availability zone's aggregates become a {@code member_of}
 * @param queryPlacementForImageTypeSupport {@code [scheduler] query_placement_for_image_type_support}, false:
 *        the image's {@code disk_format} becomes a required {@code COMPUTE_IMAGE_TYPE_*} root trait
 * @param enableIsolatedAggregateFiltering {@code [scheduler] enable_isolated_aggregate_filtering}, false:
 *        aggregates with {@code trait:X=required} metadata the request does not ask for are forbidden
 * @param imageMetadataPrefilter {@code [scheduler] image_metadata_prefilter}, false: image properties
 *        ({@code hw_disk_bus}, {@code hw_architecture}, …) become required root traits
 * @param metricsRequired {@code [metrics] required}, true: MetricsWeigher refuses a host missing a metric
 * @param metricsWeightOfUnavailable {@code [metrics] weight_of_unavailable}, -10000.0: its weight otherwise
 * @param pciDeviceSpec {@code [pci] device_spec}: which devices the computes track as PCI pools; null (the
 *        default) tracks every SR-IOV VF and every passthrough GPU, an empty list none
 */
public record FilterOptions(Integer maxIoOpsPerHost, Integer maxInstancesPerHost, List<String> isolatedImages,
                            List<String> isolatedHosts, Boolean restrictIsolatedHostsToIsolatedImages,
                            String aggregateImagePropertiesIsolationNamespace,
                            String aggregateImagePropertiesIsolationSeparator,
                            String imagePropertiesDefaultArchitecture, List<String> metricsWeightSetting,
                            String defaultAvailabilityZone, List<PciAlias> pciAliases,
                            Boolean limitTenantsToPlacementAggregate, Boolean placementAggregateRequiredForTenants,
                            Boolean queryPlacementForAvailabilityZone, Boolean queryPlacementForImageTypeSupport,
                            Boolean enableIsolatedAggregateFiltering, Boolean imageMetadataPrefilter,
                            Boolean metricsRequired, Double metricsWeightOfUnavailable,
                            List<PciDeviceSpec> pciDeviceSpec) {
    public static final FilterOptions NOVA_DEFAULTS = new FilterOptions(null, null, null, null, null, null, null, null,
            null, null, null);

    /** With Nova's defaults for the request filters and the MetricsWeigher. */
    public FilterOptions(Integer maxIoOpsPerHost, Integer maxInstancesPerHost, List<String> isolatedImages,
                         List<String> isolatedHosts, Boolean restrictIsolatedHostsToIsolatedImages,
                         String aggregateImagePropertiesIsolationNamespace,
                         String aggregateImagePropertiesIsolationSeparator,
                         String imagePropertiesDefaultArchitecture, List<String> metricsWeightSetting,
                         String defaultAvailabilityZone, List<PciAlias> pciAliases) {
        this(maxIoOpsPerHost, maxInstancesPerHost, isolatedImages, isolatedHosts, restrictIsolatedHostsToIsolatedImages,
                aggregateImagePropertiesIsolationNamespace, aggregateImagePropertiesIsolationSeparator,
                imagePropertiesDefaultArchitecture, metricsWeightSetting, defaultAvailabilityZone, pciAliases,
                null, null, null, null, null, null, null, null, null);
    }

    /**
     * One {@code [pci] device_spec} entry: the devices it names are tracked. Each field given must match.
     *
     * @param devname the PF (its VFs) or the GPU, by its name in the host's {@code pfs} / {@code gpus}
     * @param vendorId the PCI vendor id (VFs are Intel's 8086, passthrough GPUs NVIDIA's 10de)
     * @param productId the PCI product id (VFs 154c, GPUs 20b0)
     */
    public record PciDeviceSpec(String devname, String vendorId, String productId) {
        public boolean matches(String name, String vendor, String product) {
            return (devname == null || devname.equals(name)) && (vendorId == null || vendorId.equalsIgnoreCase(vendor))
                    && (productId == null || productId.equalsIgnoreCase(product));
        }
    }

    /** Whether the computes track this device (a PF's VFs, a passthrough GPU) as PCI devices. */
    public boolean tracksPciDevice(String name, String vendor, String product) {
        if (pciDeviceSpec == null) {
            return true;
        }
        for (PciDeviceSpec d : pciDeviceSpec) {
            if (d.matches(name, vendor, product)) {
                return true;
            }
        }
        return false;
    }

    /** These options with {@code [pci] device_spec} replaced (null: every VF and passthrough GPU). */
    public FilterOptions withPciDeviceSpec(List<PciDeviceSpec> spec) {
        return new FilterOptions(maxIoOpsPerHost, maxInstancesPerHost, isolatedImages, isolatedHosts,
                restrictIsolatedHostsToIsolatedImages, aggregateImagePropertiesIsolationNamespace,
                aggregateImagePropertiesIsolationSeparator, imagePropertiesDefaultArchitecture, metricsWeightSetting,
                defaultAvailabilityZone, pciAliases, limitTenantsToPlacementAggregate,
                placementAggregateRequiredForTenants, queryPlacementForAvailabilityZone,
                queryPlacementForImageTypeSupport, enableIsolatedAggregateFiltering, imageMetadataPrefilter,
                metricsRequired, metricsWeightOfUnavailable, spec);
    }

    /** These options with the request filters' options replaced. */
    public FilterOptions withRequestFilters(boolean tenantAggregate, boolean aggregateRequired, boolean azQuery,
                                            boolean imageType, boolean isolatedAggregates, boolean imageMetadata) {
        return new FilterOptions(maxIoOpsPerHost, maxInstancesPerHost, isolatedImages, isolatedHosts,
                restrictIsolatedHostsToIsolatedImages, aggregateImagePropertiesIsolationNamespace,
                aggregateImagePropertiesIsolationSeparator, imagePropertiesDefaultArchitecture, metricsWeightSetting,
                defaultAvailabilityZone, pciAliases, tenantAggregate, aggregateRequired, azQuery, imageType,
                isolatedAggregates, imageMetadata, metricsRequired, metricsWeightOfUnavailable, pciDeviceSpec);
    }

    /** These options with the MetricsWeigher's {@code [metrics]} options replaced. */
    public FilterOptions withMetrics(List<String> weightSetting, boolean required, double weightOfUnavailable) {
        return new FilterOptions(maxIoOpsPerHost, maxInstancesPerHost, isolatedImages, isolatedHosts,
                restrictIsolatedHostsToIsolatedImages, aggregateImagePropertiesIsolationNamespace,
                aggregateImagePropertiesIsolationSeparator, imagePropertiesDefaultArchitecture, weightSetting,
                defaultAvailabilityZone, pciAliases, limitTenantsToPlacementAggregate,
                placementAggregateRequiredForTenants, queryPlacementForAvailabilityZone,
                queryPlacementForImageTypeSupport, enableIsolatedAggregateFiltering, imageMetadataPrefilter, required,
                weightOfUnavailable, pciDeviceSpec);
    }

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
        limitTenantsToPlacementAggregate = Boolean.TRUE.equals(limitTenantsToPlacementAggregate);
        placementAggregateRequiredForTenants = Boolean.TRUE.equals(placementAggregateRequiredForTenants);
        queryPlacementForAvailabilityZone = !Boolean.FALSE.equals(queryPlacementForAvailabilityZone);
        queryPlacementForImageTypeSupport = Boolean.TRUE.equals(queryPlacementForImageTypeSupport);
        enableIsolatedAggregateFiltering = Boolean.TRUE.equals(enableIsolatedAggregateFiltering);
        imageMetadataPrefilter = Boolean.TRUE.equals(imageMetadataPrefilter);
        metricsRequired = !Boolean.FALSE.equals(metricsRequired);
        metricsWeightOfUnavailable = metricsWeightOfUnavailable == null ? -10000.0 : metricsWeightOfUnavailable;
        pciDeviceSpec = pciDeviceSpec == null ? null : List.copyOf(pciDeviceSpec);
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
