package dev.placementstudio.nova;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code nova_box.py} scenario as the studio's model file and workload file, the texts {@code simulate}
 * reads: each host with the same totals (one NUMA node holding its vcpus and memory, {@code local_gb} of
 * disk), {@code reserved_host_memory_mb} and the allocation ratios of the scenario's nova.conf on every
 * host, aggregates with their metadata and zone, flavors with their extra specs, server groups with
 * {@code max_server_per_host}, the enabled filters and every weigher with the configured multipliers;
 * the actions become a scripted workload ({@code actions}, docs/simulation.md).
 */
final class BoxModel {
    /** Nova 26's defaults where the scenario's config says nothing (the box's own for build failures). */
    private static final Map<String, Object[]> WEIGHERS = new LinkedHashMap<>();

    static {
        WEIGHERS.put("RAMWeigher", new Object[] {"filter_scheduler.ram_weight_multiplier", 1.0});
        WEIGHERS.put("CPUWeigher", new Object[] {"filter_scheduler.cpu_weight_multiplier", 1.0});
        WEIGHERS.put("DiskWeigher", new Object[] {"filter_scheduler.disk_weight_multiplier", 1.0});
        WEIGHERS.put("IoOpsWeigher", new Object[] {"filter_scheduler.io_ops_weight_multiplier", -1.0});
        WEIGHERS.put("PCIWeigher", new Object[] {"filter_scheduler.pci_weight_multiplier", 1.0});
        WEIGHERS.put("ServerGroupSoftAffinityWeigher", new Object[] {"filter_scheduler.soft_affinity_weight_multiplier", 1.0});
        WEIGHERS.put("ServerGroupSoftAntiAffinityWeigher",
                new Object[] {"filter_scheduler.soft_anti_affinity_weight_multiplier", 1.0});
        WEIGHERS.put("BuildFailureWeigher", new Object[] {"filter_scheduler.build_failure_weight_multiplier", 1000000.0});
        WEIGHERS.put("CrossCellWeigher", new Object[] {"filter_scheduler.cross_cell_move_weight_multiplier", 1000000.0});
    }

    private BoxModel() {
    }

    static int maxAttempts(JsonNode scenario) {
        return scenario.path("config").path("scheduler.max_attempts").asInt(3);
    }

    static String modelJson(JsonNode s) {
        JsonNode config = s.path("config");
        ObjectNode m = BoxScenarios.JSON.createObjectNode();
        m.put("schemaVersion", 1);
        m.put("name", s.path("name").asText("box"));
        ArrayNode cells = m.putArray("cells");
        int ncells = s.path("cells").isArray() ? s.path("cells").size() : s.path("cells").asInt(1);
        for (int c = 1; c <= Math.max(1, ncells); c++) {
            cells.addObject().put("name", "cell" + c);
        }
        ArrayNode aggs = m.putArray("aggregates");
        Map<String, List<String>> hostAggs = new LinkedHashMap<>();
        for (JsonNode a : s.path("aggregates")) {
            ObjectNode out = aggs.addObject();
            out.put("name", a.get("name").asText());
            ObjectNode md = out.putObject("metadata");
            a.path("metadata").fields().forEachRemaining(e -> md.put(e.getKey(), e.getValue().asText()));
            if (a.hasNonNull("availability_zone")) {
                out.put("availabilityZone", a.get("availability_zone").asText());
                md.put("availability_zone", a.get("availability_zone").asText());
            }
            for (JsonNode h : a.path("hosts")) {
                hostAggs.computeIfAbsent(h.asText(), k -> new ArrayList<>()).add(a.get("name").asText());
            }
        }
        int reservedRam = config.path("reserved_host_memory_mb").asInt(512);
        double cpuRatio = ratio(config, "cpu", 16.0);
        double ramRatio = ratio(config, "ram", 1.5);
        double diskRatio = ratio(config, "disk", 1.0);
        ArrayNode hosts = m.putArray("hosts");
        for (JsonNode h : s.path("hosts")) {
            ObjectNode out = hosts.addObject();
            String name = h.get("name").asText();
            out.put("hostname", name);
            out.put("cell", h.path("cell").asText("cell1"));
            ArrayNode ag = out.putArray("aggregates");
            hostAggs.getOrDefault(name, List.of()).forEach(ag::add);
            ArrayNode traits = out.putArray("traits");
            h.path("traits").forEach(t -> traits.add(t.asText()));
            ObjectNode numa = out.putArray("numaNodes").addObject();
            numa.put("id", 0);
            numa.put("cpus", h.path("vcpus").asInt(8));
            numa.put("pcpus", 0);
            numa.put("memoryMb", h.path("memory_mb").asLong(16384));
            out.put("diskGb", h.path("local_gb").asLong(200));
            ObjectNode reserved = out.putObject("reserved");
            reserved.put("vcpus", 0);
            reserved.put("memoryMb", reservedRam);
            reserved.put("diskGb", 0);
            ObjectNode ratios = out.putObject("allocationRatios");
            ratios.put("cpu", cpuRatio);
            ratios.put("ram", ramRatio);
            ratios.put("disk", diskRatio);
        }
        ArrayNode flavors = m.putArray("flavors");
        for (JsonNode f : s.path("flavors")) {
            ObjectNode out = flavors.addObject();
            out.put("name", f.get("name").asText());
            out.put("vcpus", f.path("vcpus").asInt());
            out.put("ramMb", f.path("ram").asLong());
            out.put("diskGb", f.path("disk").asLong());
            if (f.has("extra_specs")) {
                ObjectNode es = out.putObject("extraSpecs");
                f.get("extra_specs").fields().forEachRemaining(e -> es.put(e.getKey(), e.getValue().asText()));
            }
        }
        ArrayNode groups = m.putArray("serverGroups");
        for (JsonNode g : s.path("server_groups")) {
            ObjectNode out = groups.addObject();
            out.put("name", g.get("name").asText());
            out.put("policy", g.get("policy").asText());
            if (g.path("rules").has("max_server_per_host")) {
                out.put("maxServerPerHost", g.path("rules").get("max_server_per_host").asInt());
            }
        }
        ObjectNode sched = m.putObject("scheduler");
        ArrayNode filters = sched.putArray("enabledFilters");
        config.path("filter_scheduler.enabled_filters").forEach(f -> filters.add(f.asText()));
        ObjectNode weighers = sched.putObject("weighers");
        WEIGHERS.forEach((name, opt) -> weighers.put(name, config.path((String) opt[0]).asDouble((Double) opt[1])));
        sched.put("hostSubsetSize", config.path("filter_scheduler.host_subset_size").asInt(1));
        sched.put("shuffleBestSameWeighedHosts", config.path("filter_scheduler.shuffle_best_same_weighed_hosts").asBoolean(false));
        sched.put("maxAttempts", maxAttempts(s));
        return m.toPrettyString();
    }

    private static double ratio(JsonNode config, String kind, double initial) {
        JsonNode v = config.path(kind + "_allocation_ratio");
        return v.isNumber() ? v.asDouble() : config.path("initial_" + kind + "_allocation_ratio").asDouble(initial);
    }

    /** The scenario's actions as a scripted workload, one a minute (each runs after the builds before it). */
    static String workloadJson(JsonNode s) {
        ObjectNode w = BoxScenarios.JSON.createObjectNode();
        ArrayNode actions = w.putArray("actions");
        for (JsonNode a : s.path("actions")) {
            ObjectNode out = actions.addObject();
            switch (a.get("action").asText()) {
                case "boot" -> {
                    out.put("action", "boot");
                    out.put("name", a.get("name").asText());
                    out.put("flavor", a.get("flavor").asText());
                    if (a.hasNonNull("group")) {
                        out.put("server_group", a.get("group").asText());
                    }
                    if (a.hasNonNull("az")) {
                        out.put("availability_zone", a.get("az").asText());
                    }
                    int count = a.path("max_count").asInt(1);
                    if (count != a.path("min_count").asInt(count)) {
                        throw new IllegalArgumentException("min_count < max_count is not replayed: " + a);
                    }
                    if (count > 1) {
                        out.put("count", count);
                    }
                }
                case "delete" -> {
                    out.put("action", "delete");
                    out.put("server", a.get("server").asText());
                }
                case "fail_next_build" -> {
                    out.put("action", "fail-next-builds");
                    out.put("host", a.get("host").asText());
                    out.put("builds", a.path("count").asInt(1));
                }
                case "disable_service" -> {
                    out.put("action", "host-disable");
                    out.put("host", a.get("host").asText());
                }
                case "enable_service" -> {
                    out.put("action", "host-enable");
                    out.put("host", a.get("host").asText());
                }
                default -> throw new IllegalArgumentException("action not replayed: " + a);
            }
        }
        return w.toPrettyString();
    }
}
