package dev.placementstudio.scheduler;

import dev.placementstudio.model.FilterOptions;
import dev.placementstudio.model.HostStatus;
import dev.placementstudio.model.ServerGroupPolicy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Nova's host filters by their Nova names: the 23 of Nova 26 ({@code nova/scheduler/filters}), each with
 * the options it reads, plus RamFilter, CoreFilter, DiskFilter and RetryFilter, which older eras enabled
 * (Nova removed them in Stein and Train).
 */
public final class Filters {
    private Filters() {
    }

    /** Nova 26's filters, as {@code nova.scheduler.filters.all_filters} finds them. */
    public static final Set<String> NOVA_26 = Set.of("AggregateImagePropertiesIsolation",
            "AggregateInstanceExtraSpecsFilter", "AggregateIoOpsFilter", "AggregateMultiTenancyIsolation",
            "AggregateNumInstancesFilter", "AggregateTypeAffinityFilter", "AllHostsFilter", "AvailabilityZoneFilter",
            "ComputeCapabilitiesFilter", "ComputeFilter", "DifferentHostFilter", "ImagePropertiesFilter",
            "IoOpsFilter", "IsolatedHostsFilter", "JsonFilter", "MetricsFilter", "NUMATopologyFilter",
            "NumInstancesFilter", "PciPassthroughFilter", "SameHostFilter", "ServerGroupAffinityFilter",
            "ServerGroupAntiAffinityFilter", "SimpleCIDRAffinityFilter");
    /** Filters of older eras that Nova 26 no longer has. */
    public static final Set<String> LEGACY = Set.of("RamFilter", "CoreFilter", "DiskFilter", "RetryFilter");

    private record Simple(String name, BiFunction<HostState, RequestSpec, String> f, Predicate<RequestSpec> inert)
            implements Filter {
        Simple(String name, BiFunction<HostState, RequestSpec, String> f) {
            this(name, f, spec -> false);
        }

        @Override
        public String reject(HostState host, RequestSpec spec) {
            return f.apply(host, spec);
        }

        @Override
        public boolean passesEveryHost(RequestSpec spec) {
            return inert.test(spec);
        }
    }

    /** The filter of that name with Nova's default options, or null when Nova 26 and older eras lack it. */
    public static Filter named(String name) {
        return named(name, FilterOptions.NOVA_DEFAULTS);
    }

    /** The filter of that name reading these options, or null when Nova 26 and older eras lack it. */
    public static Filter named(String name, FilterOptions o) {
        return switch (name) {
            case "AllHostsFilter" -> new Simple(name, (h, s) -> null, s -> true);
            case "ComputeFilter" -> new Simple(name, Filters::compute);
            case "ComputeCapabilitiesFilter" -> new Simple(name, ExtraSpecFilters::capabilities,
                    ExtraSpecFilters::capabilitiesInert);
            case "AggregateInstanceExtraSpecsFilter" -> new Simple(name, ExtraSpecFilters::aggregateExtraSpecs,
                    ExtraSpecFilters::aggregateExtraSpecsInert);
            case "ImagePropertiesFilter" -> new Simple(name,
                    (h, s) -> ImagePropertiesCheck.reject(h.compute(), imageProps(s), o.imagePropertiesDefaultArchitecture()),
                    s -> ImagePropertiesCheck.inert(imageProps(s), o.imagePropertiesDefaultArchitecture()));
            case "AggregateImagePropertiesIsolation" -> new Simple(name,
                    (h, s) -> AggregateFilters.imagePropertiesIsolation(h, s, o),
                    s -> s.image() == null || s.image().properties().isEmpty());
            case "IoOpsFilter" -> new Simple(name, (h, s) -> AggregateFilters.ioOps(h, o.maxIoOpsPerHost()));
            case "AggregateIoOpsFilter" -> new Simple(name, (h, s) -> AggregateFilters.ioOps(h,
                    AggregateFilters.perAggregateLimit(h, "max_io_ops_per_host", o.maxIoOpsPerHost())));
            case "NumInstancesFilter" -> new Simple(name,
                    (h, s) -> AggregateFilters.numInstances(h, o.maxInstancesPerHost()));
            case "AggregateNumInstancesFilter" -> new Simple(name, (h, s) -> AggregateFilters.numInstances(h,
                    AggregateFilters.perAggregateLimit(h, "max_instances_per_host", o.maxInstancesPerHost())));
            case "AggregateTypeAffinityFilter" -> new Simple(name, AggregateFilters::typeAffinity);
            case "AggregateMultiTenancyIsolation" -> new Simple(name, AggregateFilters::multiTenancy);
            case "AvailabilityZoneFilter" -> new Simple(name, (h, s) -> AggregateFilters.availabilityZone(h, s, o),
                    s -> s.availabilityZone() == null || s.availabilityZone().isEmpty());
            case "IsolatedHostsFilter" -> new Simple(name, (h, s) -> isolated(h, s, o));
            case "JsonFilter" -> new Simple(name, (h, s) -> JsonQuery.reject(h, s.hints().get("query")),
                    s -> s.hints().get("query") == null || s.hints().get("query").isEmpty());
            case "MetricsFilter" -> metrics(name, o);
            case "SimpleCIDRAffinityFilter" -> new Simple(name, CidrAffinity::reject,
                    s -> s.hints().get("build_near_host_ip") == null || s.hints().get("build_near_host_ip").isEmpty());
            case "SameHostFilter" -> new Simple(name, (h, s) -> noHint(s, "same_host")
                    || overlaps(h, s.hints().get("same_host")) ? null : "none of the same_host instances is here",
                    s -> noHint(s, "same_host"));
            case "DifferentHostFilter" -> new Simple(name, (h, s) -> overlaps(h, s.hints().get("different_host"))
                    ? "a different_host instance is here" : null, s -> noHint(s, "different_host"));
            case "ServerGroupAntiAffinityFilter" -> new Simple(name, Filters::antiAffinity,
                    s -> s.serverGroup() == null || s.serverGroup().policy() != ServerGroupPolicy.ANTI_AFFINITY);
            case "ServerGroupAffinityFilter" -> new Simple(name, (h, s) ->
                    s.serverGroup() == null || s.serverGroup().policy() != ServerGroupPolicy.AFFINITY
                            || s.groupHosts().isEmpty() || s.groupHosts().contains(h.name()) ? null
                            : "affinity: members of " + s.serverGroup().name() + " are on " + String.join(", ", s.groupHosts()),
                    s -> s.serverGroup() == null || s.serverGroup().policy() != ServerGroupPolicy.AFFINITY
                            || s.groupHosts().isEmpty());
            case "NUMATopologyFilter" -> new Simple(name, (h, s) -> NumaFilter.reject(h, s, o),
                    s -> NumaFilter.inert(s));
            case "PciPassthroughFilter" -> new Simple(name, (h, s) -> PciFilter.reject(h, s, o),
                    s -> PciFilter.inert(s, o));
            case "RetryFilter" -> new Simple(name, (h, s) ->
                    s.ignoreHosts().contains(h.name()) ? "already tried for this instance" : null,
                    s -> s.ignoreHosts().isEmpty());
            case "RamFilter" -> new Simple(name, (h, s) ->
                    h.free("MEMORY_MB") < s.flavor().ramMb() ? "not enough RAM (" + h.free("MEMORY_MB") + " MB free)" : null);
            case "CoreFilter" -> new Simple(name, (h, s) -> {
                String rc = s.flavor().dedicatedCpus() ? "PCPU" : "VCPU";
                return h.free(rc) < s.flavor().vcpus() ? "not enough " + rc + " (" + h.free(rc) + " free)" : null;
            });
            case "DiskFilter" -> new Simple(name, (h, s) ->
                    h.has("DISK_GB") && h.free("DISK_GB") < s.flavor().diskGb()
                            ? "not enough disk (" + h.free("DISK_GB") + " GB free)" : null);
            default -> null;
        };
    }

    public static List<Filter> named(List<String> names) {
        return named(names, FilterOptions.NOVA_DEFAULTS);
    }

    /**
     * The filters of these names, in order; an unknown name is refused as Nova's HostManager refuses it
     * when the scheduler starts (every unknown name in one message).
     */
    public static List<Filter> named(List<String> names, FilterOptions options) {
        List<Filter> out = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (String n : names) {
            Filter f = named(n, options);
            if (f == null) {
                bad.add(n);
            } else {
                out.add(f);
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException(notFound(bad));
        }
        return out;
    }

    /** Nova's SchedulerHostFilterNotFound message. */
    public static String notFound(List<String> names) {
        return "Scheduler Host Filter " + String.join(", ", names) + " could not be found.";
    }

    private static java.util.Map<String, String> imageProps(RequestSpec s) {
        return s.image() == null ? java.util.Map.of() : s.image().properties();
    }

    private static String compute(HostState h, RequestSpec s) {
        if (!h.info().cellUp()) {
            return "its cell is down";
        }
        if (h.info().status() == HostStatus.DISABLED) {
            return "compute service is disabled";
        }
        if (h.info().status() == HostStatus.DOWN) {
            return "compute service is down";
        }
        return null;
    }

    /** The instance uuids of a same_host / different_host hint (one, or comma-separated). */
    static Set<String> hintUuids(String hint) {
        Set<String> out = new LinkedHashSet<>();
        if (hint != null) {
            for (String u : hint.split(",")) {
                if (!u.strip().isEmpty()) {
                    out.add(u.strip());
                }
            }
        }
        return out;
    }

    private static boolean noHint(RequestSpec s, String hint) {
        return hintUuids(s.hints().get(hint)).isEmpty();
    }

    private static boolean overlaps(HostState h, String hint) {
        for (String u : hintUuids(hint)) {
            if (h.hasInstance(u)) {
                return true;
            }
        }
        return false;
    }

    /**
     * ServerGroupAntiAffinityFilter: the group's members on this host (its instances that are members)
     * must be fewer than the group's max_server_per_host; the instance's own host always passes (a move).
     */
    private static String antiAffinity(HostState h, RequestSpec s) {
        // host_state.instances: the host's own, and those this request already placed here (a multi-create)
        if (s.serverGroup() == null || s.serverGroup().policy() != ServerGroupPolicy.ANTI_AFFINITY
                || h.hasInstance(s.instanceUuid())) {
            return null;
        }
        int max = s.serverGroup().effectiveMaxServerPerHost();
        int members = 0;
        for (String m : s.groupMembers()) {
            if (h.hasInstance(m)) {
                members++;
            }
        }
        return members < max ? null : "anti-affinity: " + members + " member(s) of " + s.serverGroup().name()
                + " already here, at most " + max;
    }

    /** IsolatedHostsFilter: isolated images only on isolated hosts (and, if restricted, only they there). */
    private static String isolated(HostState h, RequestSpec s, FilterOptions o) {
        boolean hostIsolated = o.isolatedHosts().contains(h.name());
        if (o.isolatedImages().isEmpty()) {
            return !o.restrictIsolatedHostsToIsolatedImages() || !hostIsolated ? null
                    : "an isolated host, and no image is isolated";
        }
        String image = s.image() == null ? null : s.image().name();
        boolean imageIsolated = image != null && o.isolatedImages().contains(image);
        if (o.restrictIsolatedHostsToIsolatedImages()) {
            return imageIsolated == hostIsolated ? null
                    : hostIsolated ? "an isolated host takes isolated images only" : "an isolated image needs an isolated host";
        }
        return !imageIsolated || hostIsolated ? null : "an isolated image needs an isolated host";
    }

    /** MetricsFilter: the host must report every metric of {@code [metrics] weight_setting}. */
    private static Filter metrics(String name, FilterOptions o) {
        Set<String> keys = new LinkedHashSet<>();
        for (String setting : o.metricsWeightSetting()) {
            String[] kv = setting.split("=", -1);
            // utils.parse_options: the name is kept as written (not stripped); a value that is no float is dropped
            if (kv.length == 2 && !kv[0].isEmpty() && ExtraSpecsOps.pythonFloat(kv[1]) != null) {
                keys.add(kv[0]);
            }
        }
        return new Simple(name, (h, s) -> {
            Set<String> missing = new LinkedHashSet<>(keys);
            missing.removeAll(h.compute().metrics().keySet());
            return missing.isEmpty() ? null : "host reports no metric " + String.join(", ", missing);
        }, s -> keys.isEmpty());
    }
}
