package dev.placementstudio.scheduler;

import dev.placementstudio.model.FilterOptions;

import java.util.Map;
import java.util.Set;

/**
 * The filters that read a host's aggregate metadata ({@code nova/scheduler/filters/}: io_ops_filter,
 * num_instances_filter, type_filter, aggregate_multitenancy_isolation, availability_zone_filter,
 * aggregate_image_properties_isolation).
 */
final class AggregateFilters {
    private AggregateFilters() {
    }

    /**
     * {@code utils.validate_num_values(aggregate_values_from_key(...), default, int)}: the least of the
     * aggregates' values, or the default when none sets the key or one is not an integer (Nova logs that).
     */
    static int perAggregateLimit(HostState h, String key, int configured) {
        Set<String> values = AggregateMetadata.values(h.info().aggregateMetadata(), key);
        if (values.isEmpty()) {
            return configured;
        }
        long least = Long.MAX_VALUE;
        for (String v : values) {
            Long n = pythonInt(v);
            if (n == null) {
                return configured;
            }
            least = Math.min(least, n);
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, least));
    }

    /** Python's {@code int(text)}: optional sign, digits with single underscores, white space around. */
    static Long pythonInt(String text) {
        String t = text.strip();
        if (!t.matches("[+-]?\\d(_?\\d)*")) {
            return null;
        }
        try {
            return Long.parseLong(t.replace("_", ""));
        } catch (NumberFormatException tooBig) {
            return t.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    static String ioOps(HostState h, int max) {
        int ops = h.numIoOps();
        return ops < max ? null : ops + " I/O operations in progress, at most " + max + " allowed";
    }

    static String numInstances(HostState h, int max) {
        int n = h.numInstances();
        return n < max ? null : n + " instances, at most " + max + " allowed";
    }

    /** AggregateTypeAffinityFilter: an {@code instance_type} value lists the flavors allowed on the host. */
    static String typeAffinity(HostState h, RequestSpec s) {
        Set<String> values = AggregateMetadata.values(h.info().aggregateMetadata(), "instance_type");
        for (String v : values) {
            for (String name : v.split(",", -1)) {
                if (name.strip().equals(s.flavor().name())) {
                    return null;
                }
            }
        }
        return values.isEmpty() ? null : "aggregates allow flavors " + values + ", not " + s.flavor().name();
    }

    /** AggregateMultiTenancyIsolation: a {@code filter_tenant_id} aggregate takes only the projects it lists. */
    static String multiTenancy(HostState h, RequestSpec s) {
        Set<String> tenants = AggregateMetadata.splitValues(h.info().aggregateMetadata(), "filter_tenant_id");
        if (tenants.isEmpty() || tenants.contains(s.projectId())) {
            return null;
        }
        return "aggregate is reserved for projects " + String.join(",", tenants);
    }

    /** AvailabilityZoneFilter: the host's zones from aggregate metadata, else the default zone. */
    static String availabilityZone(HostState h, RequestSpec s, FilterOptions o) {
        String az = s.availabilityZone();
        if (az == null || az.isEmpty()) {
            return null;
        }
        Set<String> zones = AggregateMetadata.splitValues(h.info().aggregateMetadata(), "availability_zone");
        if (zones.isEmpty()) {
            return az.equals(o.defaultAvailabilityZone()) ? null
                    : "host is in the default zone " + o.defaultAvailabilityZone() + ", not " + az;
        }
        return zones.contains(az) ? null : "host is in zone " + String.join(",", zones) + ", not " + az;
    }

    /**
     * AggregateImagePropertiesIsolation: each metadata key (under the configured namespace) that is an
     * image property Nova knows and that the image sets, as Python prints Nova's typed value, must be one
     * of the aggregates' values for that key.
     */
    static String imagePropertiesIsolation(HostState h, RequestSpec s, FilterOptions o) {
        Map<String, String> props = s.image() == null ? Map.of() : s.image().properties();
        String ns = o.aggregateImagePropertiesIsolationNamespace();
        for (Map.Entry<String, Set<String>> e : h.info().aggregateMetadata().entrySet()) {
            String key = e.getKey();
            if (ns != null && !ns.isEmpty() && !key.startsWith(ns + o.aggregateImagePropertiesIsolationSeparator())) {
                continue;
            }
            String raw = props.get(key);
            if (raw == null || !ImageMetaProps.isField(key)) {
                continue;
            }
            String prop = ImageMetaProps.pythonStr(key, raw);
            if (prop == null) {
                continue; // falsy (0, False, ""): Nova skips it
            }
            Set<String> options = AggregateMetadata.splitValues(h.info().aggregateMetadata(), key);
            if (!options.contains(prop)) {
                return "image " + key + "=" + prop + ", aggregates allow " + String.join(",", options);
            }
        }
        return null;
    }
}
