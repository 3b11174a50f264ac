package dev.placementstudio.nova;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placementstudio.model.FilterOptions;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.HostStatus;
import dev.placementstudio.model.Image;
import dev.placementstudio.model.ServerGroup;
import dev.placementstudio.model.ServerGroupPolicy;
import dev.placementstudio.scheduler.ComputeNode;
import dev.placementstudio.scheduler.Filter;
import dev.placementstudio.scheduler.Filters;
import dev.placementstudio.scheduler.HostInfo;
import dev.placementstudio.scheduler.HostState;
import dev.placementstudio.scheduler.NumaCell;
import dev.placementstudio.scheduler.PciPool;
import dev.placementstudio.scheduler.RequestSpec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A case in the oracle's host_states.py format, read into our host states and request, and our filters'
 * answer to it in the form {@link FilterOracle} gives Nova's: per filter, the hosts it keeps when it alone
 * runs on every host of the case.
 */
final class NovaFilterCase {
    final List<HostState> hosts = new ArrayList<>();
    final RequestSpec spec;
    final List<String> filters = new ArrayList<>();
    final FilterOptions options;

    NovaFilterCase(JsonNode c) {
        for (JsonNode h : c.get("hosts")) {
            hosts.add(host(h));
        }
        spec = request(c.get("request"));
        JsonNode cfg = c.path("config");
        options = options(cfg.path("conf"));
        if (cfg.has("enabled_filters")) {
            cfg.get("enabled_filters").forEach(n -> filters.add(n.asText()));
        } else {
            filters.addAll(dev.placementstudio.model.SchedulerSettings.NOVA_DEFAULT_FILTERS);
        }
    }

    /** Per filter, the hosts it keeps (all when it says the request gives it nothing to check). */
    Map<String, List<String>> run() {
        Map<String, List<String>> out = new TreeMap<>();
        for (String name : filters) {
            Filter f = Filters.named(name, options);
            List<String> kept = new ArrayList<>();
            boolean inert = f.passesEveryHost(spec);
            for (HostState h : hosts) {
                if (inert || f.reject(h, spec) == null) {
                    kept.add(h.name());
                }
            }
            out.put(name, kept);
        }
        return out;
    }

    /** Why each host was dropped by that filter (for failure messages). */
    Map<String, String> reasons(String filter) {
        Map<String, String> out = new LinkedHashMap<>();
        Filter f = Filters.named(filter, options);
        for (HostState h : hosts) {
            String why = f.reject(h, spec);
            out.put(h.name(), why == null ? "kept" : why);
        }
        return out;
    }

    /** nova.conf's options as the case sets them, into ours (Nova's defaults for the rest). */
    private static FilterOptions options(JsonNode conf) {
        JsonNode fs = conf.path("filter_scheduler");
        List<FilterOptions.PciAlias> aliases = new ArrayList<>();
        for (JsonNode a : conf.path("pci").path("alias")) {
            JsonNode j;
            try {
                j = FilterOracle.JSON.readTree(a.asText());
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(e);
            }
            aliases.add(new FilterOptions.PciAlias(j.path("name").asText(null), j.path("vendor_id").asText(null),
                    j.path("product_id").asText(null), j.path("device_type").asText(null),
                    j.path("numa_policy").asText(null)));
        }
        return new FilterOptions(fs.has("max_io_ops_per_host") ? fs.get("max_io_ops_per_host").asInt() : null,
                fs.has("max_instances_per_host") ? fs.get("max_instances_per_host").asInt() : null,
                texts(fs.path("isolated_images")), texts(fs.path("isolated_hosts")),
                fs.has("restrict_isolated_hosts_to_isolated_images")
                        ? fs.get("restrict_isolated_hosts_to_isolated_images").asBoolean() : null,
                fs.path("aggregate_image_properties_isolation_namespace").asText(null),
                fs.path("aggregate_image_properties_isolation_separator").asText(null),
                fs.path("image_properties_default_architecture").asText(null),
                texts(conf.path("metrics").path("weight_setting")),
                conf.path("DEFAULT").path("default_availability_zone").asText(null), aliases);
    }

    private static List<String> texts(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static HostState host(JsonNode h) {
        String name = h.get("host").asText();
        Map<String, Set<String>> metadata = new TreeMap<>();
        List<String> aggregates = new ArrayList<>();
        String az = null;
        for (JsonNode a : h.path("aggregates")) {
            aggregates.add(a.get("name").asText());
            for (Iterator<Map.Entry<String, JsonNode>> it = a.path("metadata").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                metadata.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>()).add(e.getValue().asText());
                if (e.getKey().equals("availability_zone") && az == null) {
                    az = e.getValue().asText();
                }
            }
        }
        boolean disabled = h.path("disabled").asBoolean(false);
        boolean up = h.path("up").asBoolean(true);
        HostStatus status = disabled ? HostStatus.DISABLED : up ? HostStatus.ENABLED : HostStatus.DOWN;
        Set<String> instances = new LinkedHashSet<>();
        h.path("instances").forEach(i -> instances.add(i.asText()));
        List<NumaCell> cells = numa(h.path("numa_topology"));
        String hvType = h.path("hypervisor_type").asText("QEMU");
        HostInfo info = new HostInfo(name, h.path("uuid").asText("uuid-" + name), h.path("cell").asText("cell1"),
                null, aggregates, az == null ? "nova" : az, metadata, status, true, hvType, Set.of(),
                cells.size(), false, instances, h.path("io_ops").asInt(0), h.path("failed_builds").asInt(0));
        List<ComputeNode.HvSpec> supported = new ArrayList<>();
        if (h.has("supported_instances")) {
            for (JsonNode s : h.get("supported_instances")) {
                supported.add(new ComputeNode.HvSpec(s.get(0).asText(), s.get(1).asText(), s.get(2).asText()));
            }
        } else {
            supported.addAll(ComputeNode.kvmInstances("x86_64"));
        }
        Map<String, String> stats = new LinkedHashMap<>();
        stats.put("num_instances", Integer.toString(h.path("num_instances").asInt(0)));
        stats.put("io_workload", Integer.toString(h.path("io_ops").asInt(0)));
        stats.put("failed_builds", Integer.toString(h.path("failed_builds").asInt(0)));
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (JsonNode m : h.path("metrics")) {
            metrics.put(m.get("name").asText(), m.path("value").asDouble());
        }
        List<PciPool> pools = new ArrayList<>();
        for (JsonNode p : h.path("pci_pools")) {
            Map<String, String> tags = new TreeMap<>();
            p.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
            pools.add(new PciPool(p.path("vendor_id").asText("8086"), p.path("product_id").asText("154d"),
                    p.path("numa_node").isNull() || p.path("numa_node").isMissingNode() ? null
                            : p.get("numa_node").asInt(), p.get("count").asInt(), tags));
        }
        JsonNode dal = h.path("disk_available_least");
        ComputeNode node = new ComputeNode(hvType, h.path("hypervisor_version").asLong(7002000L),
                h.path("nodename").asText(name), h.path("host_ip").asText("10.0.0.1"), supported,
                plain(h.path("cpu_info")), h.get("vcpus").asInt(), h.path("vcpus_used").asInt(0),
                h.get("memory_mb").asLong(), h.get("memory_mb").asLong() - h.get("free_ram_mb").asLong(),
                h.get("local_gb").asLong(), h.get("local_gb").asLong() - h.get("free_disk_gb").asLong(),
                dal.isNumber() ? dal.asLong() : null, h.path("cpu_allocation_ratio").asDouble(16.0),
                h.path("ram_allocation_ratio").asDouble(1.5), h.path("disk_allocation_ratio").asDouble(1.0), stats,
                metrics, cells, pools);
        return new HostState(info, null, null).withCompute(node);
    }

    private static List<NumaCell> numa(JsonNode cells) {
        List<NumaCell> out = new ArrayList<>();
        for (JsonNode c : cells) {
            List<Set<Integer>> siblings = new ArrayList<>();
            c.path("siblings").forEach(s -> siblings.add(ints(s)));
            List<NumaCell.Mempages> pages = null;
            if (c.has("mempages")) {
                pages = new ArrayList<>();
                for (JsonNode m : c.get("mempages")) {
                    pages.add(new NumaCell.Mempages(m.get("size_kb").asInt(), m.get("total").asLong(),
                            m.path("used").asLong(0), m.path("reserved").asLong(0)));
                }
            }
            Set<String> physnets = new LinkedHashSet<>();
            c.path("physnets").forEach(p -> physnets.add(p.asText()));
            out.add(new NumaCell(c.get("id").asInt(), ints(c.path("cpuset")), ints(c.path("pcpuset")),
                    c.get("memory").asLong(), c.path("cpu_usage").asInt(0), c.path("memory_usage").asLong(0),
                    ints(c.path("pinned_cpus")), siblings, pages, physnets, c.path("tunneled").asBoolean(false),
                    c.path("socket").isNumber() ? c.get("socket").asInt() : null));
        }
        return out;
    }

    private static Set<Integer> ints(JsonNode arr) {
        Set<Integer> out = new LinkedHashSet<>();
        arr.forEach(n -> out.add(n.asInt()));
        return out;
    }

    /** A JSON object as plain Java values, key order kept (cpu_info as the compute stored it). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> plain(JsonNode n) {
        if (n == null || !n.isObject()) {
            return Map.of();
        }
        return (Map<String, Object>) value(n);
    }

    private static Object value(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> m.put(e.getKey(), value(e.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(x -> l.add(value(x)));
            return l;
        }
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        return null;
    }

    private static RequestSpec request(JsonNode r) {
        JsonNode f = r.get("flavor");
        Map<String, String> extra = new TreeMap<>();
        f.path("extra_specs").fields().forEachRemaining(e -> extra.put(e.getKey(), e.getValue().asText()));
        Flavor flavor = new Flavor(f.get("name").asText(), f.get("vcpus").asInt(), f.get("memory_mb").asLong(),
                f.path("root_gb").asLong(0) + f.path("ephemeral_gb").asLong(0), extra);
        Image image = null;
        if (r.has("image")) {
            Map<String, String> props = new TreeMap<>();
            r.get("image").path("properties").fields().forEachRemaining(e -> props.put(e.getKey(),
                    e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
            // our images are known by name; Nova's IsolatedHostsFilter compares the image id
            image = new Image(r.get("image").path("id").asText(r.get("image").path("name").asText("img")), props);
        }
        ServerGroup group = null;
        Set<String> groupHosts = new LinkedHashSet<>();
        Set<String> members = new LinkedHashSet<>();
        JsonNode g = r.path("server_group");
        if (g.isObject()) {
            JsonNode max = g.path("rules").path("max_server_per_host");
            group = new ServerGroup(g.path("name").asText("group"), g.path("uuid").asText(null),
                    ServerGroupPolicy.valueOf(g.get("policy").asText().toUpperCase().replace('-', '_')),
                    max.isNumber() ? max.asInt() : null);
            g.path("hosts").forEach(x -> groupHosts.add(x.asText()));
            g.path("members").forEach(x -> members.add(x.asText()));
        }
        Map<String, String> hints = new TreeMap<>();
        r.path("hints").fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isArray()) {
                List<String> parts = new ArrayList<>();
                v.forEach(x -> parts.add(x.asText()));
                hints.put(e.getKey(), String.join(",", parts));
            } else {
                hints.put(e.getKey(), v.asText());
            }
        });
        JsonNode az = r.path("availability_zone");
        // the oracle's port-like PCI requests ({"physical_network": X, "dev_type": "type-VF"}) are SR-IOV ports
        List<dev.placementstudio.model.Port> ports = new ArrayList<>();
        for (JsonNode pr : r.path("pci_requests")) {
            JsonNode spec = pr.get("spec").get(0);
            ports.add(new dev.placementstudio.model.Port("port" + ports.size(),
                    "type-PF".equals(spec.path("dev_type").asText()) ? "direct-physical" : "direct",
                    spec.get("physical_network").asText(), null, null));
        }
        return new RequestSpec(r.path("instance_uuid").asText("instance-0"), "vm", flavor, image, ports, null,
                group, groupHosts, az.isTextual() ? az.asText() : null, hints, r.path("project_id").asText("p1"),
                "u1", Set.of(), null, members);
    }
}
