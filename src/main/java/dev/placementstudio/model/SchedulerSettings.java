package dev.placementstudio.model;

import java.util.List;
import java.util.Map;

/**
 * The [filter_scheduler] and [scheduler] options of nova.conf that shape a placement decision. Missing
 * values take Nova 26's defaults.
 */
public record SchedulerSettings(List<String> enabledFilters, Map<String, Double> weighers, Integer hostSubsetSize,
                                Boolean shuffleBestSameWeighedHosts, Integer maxAttempts,
                                Integer maxPlacementResults, FilterOptions filterOptions) {
    /** Nova 26's {@code [filter_scheduler] enabled_filters} default. */
    public static final List<String> NOVA_DEFAULT_FILTERS = List.of(
            "ComputeFilter", "ComputeCapabilitiesFilter", "ImagePropertiesFilter",
            "ServerGroupAntiAffinityFilter", "ServerGroupAffinityFilter");

    /** Nova 26's weighers and their default multipliers. */
    public static final Map<String, Double> NOVA_DEFAULT_WEIGHERS = orderedMap(
            "RAMWeigher", 1.0, "CPUWeigher", 1.0, "DiskWeigher", 1.0, "IoOpsWeigher", -1.0,
            "PCIWeigher", 1.0, "ServerGroupSoftAffinityWeigher", 1.0, "ServerGroupSoftAntiAffinityWeigher", 1.0,
            "BuildFailureWeigher", 1000000.0, "CrossCellWeigher", 1000000.0);

    public static final SchedulerSettings NOVA_DEFAULTS = new SchedulerSettings(null, null, null, null, null, null);

    /** With Nova's default filter options. */
    public SchedulerSettings(List<String> enabledFilters, Map<String, Double> weighers, Integer hostSubsetSize,
                             Boolean shuffleBestSameWeighedHosts, Integer maxAttempts, Integer maxPlacementResults) {
        this(enabledFilters, weighers, hostSubsetSize, shuffleBestSameWeighedHosts, maxAttempts, maxPlacementResults,
                null);
    }

    public SchedulerSettings {
        enabledFilters = List.copyOf(enabledFilters == null ? NOVA_DEFAULT_FILTERS : enabledFilters);
        weighers = weighers == null ? NOVA_DEFAULT_WEIGHERS
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(weighers));
        hostSubsetSize = hostSubsetSize == null ? 1 : hostSubsetSize;
        shuffleBestSameWeighedHosts = shuffleBestSameWeighedHosts == null ? Boolean.FALSE : shuffleBestSameWeighedHosts;
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        maxPlacementResults = maxPlacementResults == null ? 1000 : maxPlacementResults;
    }

    /** The filters' options, Nova's defaults when the model sets none. */
    public FilterOptions effectiveFilterOptions() {
        return filterOptions == null ? FilterOptions.NOVA_DEFAULTS : filterOptions;
    }

    public SchedulerSettings withFilterOptions(FilterOptions options) {
        return new SchedulerSettings(enabledFilters, weighers, hostSubsetSize, shuffleBestSameWeighedHosts, maxAttempts,
                maxPlacementResults, options);
    }

    private static Map<String, Double> orderedMap(Object... kv) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Double) kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
