package dev.placementstudio.scheduler;

import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.Port;
import dev.placementstudio.model.Projection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a RequestSpec into ONE allocation-candidates query, as Nova's {@code ResourceRequest} and its
 * request filters do: flavor amounts in the unsuffixed group (PCPU for {@code hw:cpu_policy=dedicated}),
 * {@code resources:}/{@code trait:} extra specs (a zero amount removes a class, as Ironic flavors do),
 * {@code resourcesN:}/{@code traitN:} granular groups, one granular group per SR-IOV port and per device
 * profile group, {@code !COMPUTE_STATUS_DISABLED}, the availability zone as {@code member_of}, and
 * {@code limit = max_placement_results}.
 */
public final class ResourceRequest {
    private ResourceRequest() {
    }

    private static final class Group {
        final Map<String, Long> resources = new LinkedHashMap<>();
        final Set<String> required = new LinkedHashSet<>();
        final Set<String> forbidden = new LinkedHashSet<>();
    }

    /**
     * @param azAggregateUuid the aggregate uuid of the requested availability zone, or null
     */
    public static String toQuery(RequestSpec spec, String azAggregateUuid, int limit) {
        return toQuery(RequestFilters.apply(spec, dev.placementstudio.model.FilterOptions.NOVA_DEFAULTS,
                List.of(), azAggregateUuid), spec, limit);
    }

    /** Every trait the request's groups require (Nova's {@code all_required_traits}; root traits aside). */
    static Set<String> requiredTraits(RequestSpec spec) {
        Map<String, Group> granular = new TreeMap<>();
        Group unsuffixed = groups(spec, granular);
        Set<String> all = new java.util.TreeSet<>(unsuffixed.required);
        granular.values().forEach(g -> all.addAll(g.required));
        return all;
    }

    /** The query of a spec, with what the request filters added (root traits, member_of). */
    public static String toQuery(RequestFilters.Result pre, RequestSpec spec, int limit) {
        Flavor f = spec.flavor();
        Map<String, Group> granular = new TreeMap<>();
        Group unsuffixed = groups(spec, granular);
        List<String> aggs = new ArrayList<>();
        for (Set<String> ored : pre.memberOf()) {
            aggs.add("in:" + String.join(",", new java.util.TreeSet<>(ored)));
        }
        java.util.Collections.sort(aggs);
        if (!pre.forbiddenAggregates().isEmpty()) {
            aggs.add("!in:" + String.join(",", new java.util.TreeSet<>(pre.forbiddenAggregates())));
        }
        StringBuilder q = new StringBuilder();
        if (!unsuffixed.resources.isEmpty()) {
            append(q, "resources", res(unsuffixed.resources));
            traits(q, "required", unsuffixed);
            for (String a : aggs) {
                append(q, "member_of", a);
            }
        }
        for (var e : granular.entrySet()) {
            Group g = e.getValue();
            if (g.resources.isEmpty()) {
                continue;
            }
            append(q, "resources" + e.getKey(), res(g.resources));
            traits(q, "required" + e.getKey(), g);
            if (unsuffixed.resources.isEmpty()) {
                for (String a : aggs) {
                    append(q, "member_of" + e.getKey(), a);
                }
            }
        }
        long groups = granular.values().stream().filter(g -> !g.resources.isEmpty()).count();
        if (groups > 0) {
            append(q, "group_policy", f.extraSpecs().getOrDefault("group_policy", "none"));
        }
        String subtree = f.extraSpecs().get("same_subtree");
        if (subtree != null && !subtree.isBlank() && groups > 0) {
            // not a Nova 26 extra spec (Nova sends same_subtree for ports' request groups only): Placement
            // Studio's extension, as the NUMA-in-Placement design would ask for CPUs and devices together
            append(q, "same_subtree", subtree.strip());
        }
        // Nova's root_required: the request filters' root traits (sorted), then the forbidden ones
        List<String> root = new ArrayList<>(pre.rootRequired());
        pre.rootForbidden().forEach(t -> root.add("!" + t));
        if (unsuffixed.resources.isEmpty()) {
            // the unsuffixed group's own traits then apply to the root
            unsuffixed.required.forEach(root::add);
            unsuffixed.forbidden.forEach(t -> root.add("!" + t));
        }
        if (!root.isEmpty()) {
            append(q, "root_required", String.join(",", root));
        }
        append(q, "limit", Integer.toString(limit));
        return q.toString();
    }

    private static Group groups(RequestSpec spec, Map<String, Group> granular) {
        Flavor f = spec.flavor();
        Group unsuffixed = new Group();
        String cpu = f.dedicatedCpus() ? "PCPU" : "VCPU";
        if (f.vcpus() > 0) {
            unsuffixed.resources.put(cpu, (long) f.vcpus());
        }
        if (f.ramMb() > 0) {
            unsuffixed.resources.put("MEMORY_MB", f.ramMb());
        }
        if (f.diskGb() > 0) {
            unsuffixed.resources.put("DISK_GB", f.diskGb());
        }
        Map<String, String> specs = new TreeMap<>(f.extraSpecs());
        if (spec.image() != null) {
            spec.image().properties().forEach((k, v) -> {
                if (k.startsWith("trait:")) {
                    specs.putIfAbsent(k, v);
                }
            });
        }
        for (var e : specs.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key.startsWith("resources")) {
                int colon = key.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String suffix = key.substring("resources".length(), colon);
                String rc = key.substring(colon + 1);
                long amount = parse(value);
                Group g = suffix.isEmpty() ? unsuffixed : granular.computeIfAbsent(suffix, s -> new Group());
                if (suffix.isEmpty() && (rc.equals("VCPU") || rc.equals("PCPU"))) {
                    g.resources.remove(cpu);
                }
                if (amount > 0) {
                    g.resources.put(rc, amount);
                } else {
                    g.resources.remove(rc);
                }
            } else if (key.startsWith("trait")) {
                int colon = key.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String suffix = key.substring("trait".length(), colon);
                String trait = key.substring(colon + 1);
                Group g = suffix.isEmpty() ? unsuffixed : granular.computeIfAbsent(suffix, s -> new Group());
                if ("required".equals(value)) {
                    g.required.add(trait);
                } else if ("forbidden".equals(value)) {
                    g.forbidden.add(trait);
                }
            }
        }
        int n = 0;
        for (Port p : spec.ports()) {
            if (!p.isSriov()) {
                continue;
            }
            Group g = new Group();
            g.resources.put("SRIOV_NET_VF", 1L);
            if (p.minEgressKbps() > 0) {
                g.resources.put("NET_BW_EGR_KILOBIT_PER_SEC", p.minEgressKbps());
            }
            if (p.minIngressKbps() > 0) {
                g.resources.put("NET_BW_IGR_KILOBIT_PER_SEC", p.minIngressKbps());
            }
            g.required.add(Projection.physnetTrait(p.physnet()));
            g.required.add(Projection.vnicTypeTrait("direct"));
            granular.put("_PORT" + n++, g);
        }
        if (spec.deviceProfile() != null) {
            int k = 0;
            for (Map<String, String> dg : spec.deviceProfile().groups()) {
                Group g = new Group();
                dg.forEach((key, value) -> {
                    if (key.startsWith("resources:")) {
                        g.resources.put(key.substring("resources:".length()), parse(value));
                    } else if (key.startsWith("trait:")) {
                        ("forbidden".equals(value) ? g.forbidden : g.required).add(key.substring("trait:".length()));
                    }
                });
                if (!g.resources.isEmpty()) {
                    granular.put("_ACC" + k++, g);
                }
            }
        }
        return unsuffixed;
    }

    private static void traits(StringBuilder q, String key, Group g) {
        List<String> parts = new ArrayList<>(g.required);
        g.forbidden.forEach(t -> parts.add("!" + t));
        if (!parts.isEmpty()) {
            append(q, key, String.join(",", parts));
        }
    }

    private static String res(Map<String, Long> r) {
        List<String> parts = new ArrayList<>();
        r.forEach((k, v) -> parts.add(k + ":" + v));
        return String.join(",", parts);
    }

    private static void append(StringBuilder q, String k, String v) {
        if (q.length() > 0) {
            q.append('&');
        }
        q.append(k).append('=').append(v);
    }

    private static long parse(String v) {
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
