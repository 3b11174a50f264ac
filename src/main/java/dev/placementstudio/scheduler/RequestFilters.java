package dev.placementstudio.scheduler;

import dev.placementstudio.model.Aggregate;
import dev.placementstudio.model.FilterOptions;
import dev.placementstudio.model.Port;
import dev.placementstudio.model.Projection;
import dev.placementstudio.model.StandardNames;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Nova 26's request filters ({@code nova/scheduler/request_filter.py}, {@code ALL_REQUEST_FILTERS} in its
 * order): what they add to the Placement query before allocation candidates are asked for. Each reads its
 * {@code [scheduler]} option from {@link FilterOptions}; {@code routed_networks_filter} has nothing to read
 * (the model has no network segments) and adds nothing.
 */
public final class RequestFilters {
    private RequestFilters() {
    }

    /** Nova's {@code TENANT_METADATA_KEY}: the aggregate metadata keys that name a tenant. */
    static final String TENANT_METADATA_KEY = "filter_tenant_id";

    /**
     * What the request filters left on the request spec.
     *
     * @param rootRequired traits the root provider must have ({@code root_required})
     * @param rootForbidden traits it must not have ({@code root_required=!T})
     * @param memberOf aggregate uuid lists, each ORed, all ANDed ({@code member_of=in:…})
     * @param forbiddenAggregates aggregates no candidate may be in ({@code member_of=!in:…})
     * @param applied the filters that changed the request, in the order they ran
     * @param failure {@code RequestFilterFailed}'s reason (NoValidHost without asking Placement), or null
     */
    public record Result(Set<String> rootRequired, Set<String> rootForbidden, List<Set<String>> memberOf,
                         Set<String> forbiddenAggregates, List<String> applied, String failure) {
    }

    /**
     * Runs the request filters on a spec.
     *
     * @param aggregates the cloud's host aggregates (Nova's API database)
     * @param azAggregate the aggregate uuid of the spec's availability zone when the aggregates are unknown
     */
    public static Result apply(RequestSpec spec, FilterOptions o, List<Aggregate> aggregates, String azAggregate) {
        Set<String> rootRequired = new TreeSet<>();
        Set<String> rootForbidden = new TreeSet<>();
        List<Set<String>> memberOf = new ArrayList<>();
        Set<String> forbiddenAggs = new TreeSet<>();
        List<String> applied = new ArrayList<>();
        // require_tenant_aggregate
        if (o.limitTenantsToPlacementAggregate()) {
            Set<String> tenant = new TreeSet<>();
            for (Aggregate a : aggregates) {
                if (a.metadata().containsValue(spec.projectId())
                        && a.metadata().keySet().stream().anyMatch(k -> k.startsWith(TENANT_METADATA_KEY))) {
                    tenant.add(Projection.aggregateUuid(a));
                }
            }
            if (!tenant.isEmpty()) {
                memberOf.add(tenant);
                applied.add("require_tenant_aggregate");
            } else if (o.placementAggregateRequiredForTenants()) {
                return new Result(rootRequired, rootForbidden, memberOf, forbiddenAggs, applied,
                        "No hosts available for tenant");
            }
        }
        // map_az_to_placement_aggregate
        String az = spec.availabilityZone();
        if (o.queryPlacementForAvailabilityZone() && (az != null && !az.isEmpty() || azAggregate != null)) {
            Set<String> zone = new TreeSet<>();
            for (Aggregate a : az == null ? List.<Aggregate>of() : aggregates) {
                if (az.equals(a.availabilityZone()) || az.equals(a.metadata().get("availability_zone"))) {
                    zone.add(Projection.aggregateUuid(a));
                }
            }
            if (zone.isEmpty() && aggregates.isEmpty() && azAggregate != null) {
                zone.add(azAggregate);
            }
            if (!zone.isEmpty()) {
                memberOf.add(zone);
                applied.add("map_az_to_placement_aggregate");
            }
        }
        // require_image_type_support (a volume-backed boot is not modelled: every boot is from an image)
        if (o.queryPlacementForImageTypeSupport() && spec.image() != null) {
            String format = spec.image().properties().get("disk_format");
            String trait = format == null ? null : "COMPUTE_IMAGE_TYPE_" + format.toUpperCase(java.util.Locale.ROOT);
            if (trait != null && StandardNames.traits().contains(trait)) {
                rootRequired.add(trait);
                applied.add("require_image_type_support");
            }
        }
        // compute_status_filter: always
        rootForbidden.add("COMPUTE_STATUS_DISABLED");
        applied.add("compute_status_filter");
        // isolate_aggregates
        if (o.enableIsolatedAggregateFiltering()) {
            Set<String> wanted = new LinkedHashSet<>();
            for (String t : ResourceRequest.requiredTraits(spec)) {
                wanted.add("trait:" + t);
            }
            for (Aggregate a : aggregates) {
                for (Map.Entry<String, String> m : a.metadata().entrySet()) {
                    if (m.getKey().startsWith("trait:") && "required".equals(m.getValue())
                            && !wanted.contains(m.getKey())) {
                        forbiddenAggs.add(Projection.aggregateUuid(a));
                        break;
                    }
                }
            }
            if (!forbiddenAggs.isEmpty()) {
                applied.add("isolate_aggregates");
            }
        }
        // transform_image_metadata
        if (o.imageMetadataPrefilter() && spec.image() != null) {
            List<String> traits = imageMetadataTraits(spec.image().properties());
            if (traits != null && !traits.isEmpty()) {
                rootRequired.addAll(traits);
                applied.add("transform_image_metadata");
            }
        }
        // accelerators_filter
        String profile = spec.flavor().extraSpecs().get("accel:device_profile");
        if (profile != null && !profile.isEmpty()) {
            rootRequired.add("COMPUTE_ACCELERATORS");
            applied.add("accelerators_filter");
        }
        // routed_networks_filter: [scheduler] query_placement_for_routed_network_aggregates needs network
        // segments, which the model does not have
        // remote_managed_ports_filter
        for (Port p : spec.ports()) {
            if ("remote-managed".equals(p.vnicType())) {
                rootRequired.add("COMPUTE_REMOTE_MANAGED_PORTS");
                applied.add("remote_managed_ports_filter");
                break;
            }
        }
        // ephemeral_encryption_filter
        if (ephemeralEncryption(spec)) {
            rootRequired.add("COMPUTE_EPHEMERAL_ENCRYPTION");
            String format = spec.flavor().extraSpecs().get("hw:ephemeral_encryption_format");
            if (format == null && spec.image() != null) {
                format = spec.image().properties().get("hw_ephemeral_encryption_format");
            }
            if (format != null && !format.isEmpty()) {
                rootRequired.add("COMPUTE_EPHEMERAL_ENCRYPTION_" + format.toUpperCase(java.util.Locale.ROOT));
            }
            applied.add("ephemeral_encryption_filter");
        }
        return new Result(rootRequired, rootForbidden, memberOf, forbiddenAggs, applied, null);
    }

    /** The image properties transform_image_metadata turns into traits, and their trait prefix (Nova's order). */
    private static final String[][] PREFIXES = {
            {"hw_cdrom_bus", "COMPUTE_STORAGE_BUS"}, {"hw_disk_bus", "COMPUTE_STORAGE_BUS"},
            {"hw_video_model", "COMPUTE_GRAPHICS_MODEL"}, {"hw_vif_model", "COMPUTE_NET_VIF_MODEL"},
            {"hw_architecture", "HW_ARCH"}, {"hw_emulation_architecture", "COMPUTE_ARCH"},
            {"hw_viommu_model", "COMPUTE_VIOMMU"}};

    /**
     * The traits of transform_image_metadata, or null when one of them is not an os-traits name: Nova then
     * adds none of them (it returns at the first unknown name). Zed's {@code hw_viommu_model} prefix gives
     * {@code COMPUTE_VIOMMU_INTEL}, which os-traits does not have ({@code COMPUTE_VIOMMU_MODEL_INTEL}), so an
     * image with that property gets no trait at all.
     */
    static List<String> imageMetadataTraits(Map<String, String> props) {
        List<String> out = new ArrayList<>();
        for (String[] p : PREFIXES) {
            String v = props.get(p[0]);
            if (v == null) {
                continue;
            }
            String trait = p[1] + "_" + v.replace('-', '_').toUpperCase(java.util.Locale.ROOT);
            if (!StandardNames.traits().contains(trait)) {
                return null;
            }
            out.add(trait);
        }
        return out;
    }

    /** {@code hardware.get_ephemeral_encryption_constraint}: the flavor's or the image's wish, true when set. */
    private static boolean ephemeralEncryption(RequestSpec spec) {
        String f = spec.flavor().extraSpecs().get("hw:ephemeral_encryption");
        String i = spec.image() == null ? null : spec.image().properties().get("hw_ephemeral_encryption");
        String v = f != null ? f : i;
        return v != null && List.of("1", "t", "true", "on", "y", "yes").contains(v.strip().toLowerCase(java.util.Locale.ROOT));
    }
}
