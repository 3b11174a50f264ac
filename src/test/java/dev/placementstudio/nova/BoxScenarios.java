package dev.placementstudio.nova;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random scenarios in {@code nova_box.py}'s format (../shared/nova-oracle/README.md, "Scenario format"),
 * from a seed: one or two cells, 3 to 8 hosts of varied sizes (a few of them equal, so that some weights
 * tie), reserved host memory and allocation ratios, traits, aggregates with metadata and an availability
 * zone, flavors with trait and aggregate extra specs, server groups of the four policies, and 5 to 9
 * actions: boots (some of several instances at once, some into a group or a zone), deletes, injected
 * build failures, a host disabled and enabled. Everything drawn is something our model can express;
 * {@link BoxModel} turns the same scenario into the studio's model and workload.
 */
final class BoxScenarios {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] VCPUS = {4, 6, 8, 12, 16, 20, 24, 32};
    private static final String[] POLICIES = {"affinity", "anti-affinity", "soft-affinity", "soft-anti-affinity"};

    private BoxScenarios() {
    }

    static ObjectNode generate(long seed) {
        Random r = new Random(seed);
        ObjectNode s = JSON.createObjectNode();
        s.put("name", "box-" + seed);
        s.put("seed", seed);
        ObjectNode config = s.putObject("config");
        List<String> filters = new ArrayList<>(List.of("ComputeFilter", "ComputeCapabilitiesFilter",
                "ImagePropertiesFilter", "ServerGroupAntiAffinityFilter", "ServerGroupAffinityFilter"));
        boolean aggSpecs = r.nextBoolean();
        if (aggSpecs) {
            filters.add("AggregateInstanceExtraSpecsFilter");
        }
        if (r.nextInt(4) == 0) {
            filters.add("AvailabilityZoneFilter");
        }
        ArrayNode f = config.putArray("filter_scheduler.enabled_filters");
        filters.forEach(f::add);
        config.put("filter_scheduler.ram_weight_multiplier", pick(r, 1.0, 1.0, -1.0, 2.0, 0.5));
        config.put("filter_scheduler.cpu_weight_multiplier", pick(r, 1.0, 1.0, 0.0, 1.5, -1.0));
        config.put("filter_scheduler.disk_weight_multiplier", pick(r, 1.0, 1.0, 0.0, 0.25));
        config.put("filter_scheduler.io_ops_weight_multiplier", pick(r, -1.0, -1.0, -2.0));
        config.put("filter_scheduler.soft_affinity_weight_multiplier", pick(r, 1.0, 1.0, 3.0));
        config.put("filter_scheduler.soft_anti_affinity_weight_multiplier", pick(r, 1.0, 1.0, 3.0));
        config.put("scheduler.max_attempts", r.nextInt(4) == 0 ? 2 : 3);
        config.put("reserved_host_memory_mb", (int) pick(r, 512, 512, 0, 1024));
        double cpuRatio = pick(r, 16.0, 16.0, 4.0, 1.0);
        double ramRatio = pick(r, 1.5, 1.5, 1.0);
        double diskRatio = pick(r, 1.0, 1.0, 2.0);
        config.put("cpu_allocation_ratio", cpuRatio);
        config.put("ram_allocation_ratio", ramRatio);
        config.put("disk_allocation_ratio", diskRatio);

        int cells = r.nextInt(10) < 3 ? 2 : 1;
        ArrayNode cellList = s.putArray("cells");
        for (int c = 1; c <= cells; c++) {
            cellList.add("cell" + c);
        }
        int n = 3 + r.nextInt(6);
        ArrayNode hosts = s.putArray("hosts");
        List<String> names = new ArrayList<>();
        List<String> gold = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String name = String.format("h%02d", i);
            names.add(name);
            ObjectNode h = hosts.addObject();
            h.put("name", name);
            h.put("cell", "cell" + (cells == 2 && i > (n + 1) / 2 ? 2 : 1));
            if (i > 1 && r.nextInt(5) == 0) {
                // the same sizes as an earlier host: equal weights until their usage differs
                ObjectNode twin = (ObjectNode) hosts.get(r.nextInt(i - 1));
                h.put("vcpus", twin.get("vcpus").asInt());
                h.put("memory_mb", twin.get("memory_mb").asInt());
                h.put("local_gb", twin.get("local_gb").asInt());
            } else {
                h.put("vcpus", VCPUS[r.nextInt(VCPUS.length)]);
                h.put("memory_mb", 4096 + 512 * r.nextInt(57));
                h.put("local_gb", 40 + 10 * r.nextInt(40));
            }
            if (r.nextInt(3) == 0) {
                h.putArray("traits").add("CUSTOM_GOLD");
                gold.add(name);
            }
        }
        ArrayNode aggs = s.putArray("aggregates");
        boolean ssd = false;
        if (r.nextBoolean()) {
            ObjectNode a = aggs.addObject();
            a.put("name", "fast");
            a.set("hosts", subset(r, names));
            a.putObject("metadata").put("ssd", "true");
            ssd = true;
        }
        boolean az = false;
        if (r.nextInt(3) == 0) {
            ObjectNode a = aggs.addObject();
            a.put("name", "zone1");
            a.set("hosts", subset(r, names));
            a.put("availability_zone", "az1");
            az = true;
        }
        ArrayNode flavors = s.putArray("flavors");
        int nf = 2 + r.nextInt(3);
        List<String> flavorNames = new ArrayList<>();
        for (int i = 1; i <= nf; i++) {
            ObjectNode fl = flavors.addObject();
            String name = "f" + i;
            flavorNames.add(name);
            fl.put("name", name);
            fl.put("vcpus", 1 + r.nextInt(4));
            fl.put("ram", 256 * (1 + r.nextInt(24)));
            fl.put("disk", 1 + r.nextInt(40));
            ObjectNode specs = JSON.createObjectNode();
            if (!gold.isEmpty() && r.nextInt(4) == 0) {
                specs.put("trait:CUSTOM_GOLD", "required");
            }
            if (ssd && aggSpecs && r.nextInt(3) == 0) {
                specs.put("aggregate_instance_extra_specs:ssd", "true");
            }
            if (!specs.isEmpty()) {
                fl.set("extra_specs", specs);
            }
        }
        ArrayNode groups = s.putArray("server_groups");
        int ng = r.nextInt(3);
        List<String> groupNames = new ArrayList<>();
        for (int i = 1; i <= ng; i++) {
            ObjectNode g = groups.addObject();
            String name = "g" + i;
            groupNames.add(name);
            g.put("name", name);
            String policy = POLICIES[r.nextInt(POLICIES.length)];
            g.put("policy", policy);
            if (policy.equals("anti-affinity") && r.nextBoolean()) {
                g.putObject("rules").put("max_server_per_host", 2);
            }
        }
        ArrayNode actions = s.putArray("actions");
        int na = 5 + r.nextInt(5);
        List<String> servers = new ArrayList<>();
        boolean disabled = false;
        String disabledHost = null;
        int boots = 0;
        for (int i = 0; i < na; i++) {
            int kind = r.nextInt(20);
            ObjectNode a = JSON.createObjectNode();
            if (kind < 3 && !servers.isEmpty()) {
                a.put("action", "delete");
                a.put("server", servers.remove(r.nextInt(servers.size())));
            } else if (kind < 5) {
                a.put("action", "fail_next_build");
                a.put("host", names.get(r.nextInt(n)));
                a.put("count", r.nextInt(4) == 0 ? 2 : 1);
            } else if (kind < 6 && !disabled) {
                disabledHost = names.get(r.nextInt(n));
                a.put("action", "disable_service");
                a.put("host", disabledHost);
                a.put("reason", "maintenance");
                disabled = true;
            } else if (kind < 7 && disabledHost != null) {
                a.put("action", "enable_service");
                a.put("host", disabledHost);
                disabledHost = null;
            } else {
                String name = "vm" + ++boots;
                a.put("action", "boot");
                a.put("name", name);
                a.put("flavor", flavorNames.get(r.nextInt(nf)));
                if (!groupNames.isEmpty() && r.nextInt(3) > 0) {
                    a.put("group", groupNames.get(r.nextInt(groupNames.size())));
                }
                if (az && r.nextInt(4) == 0) {
                    a.put("az", "az1");
                }
                int count = r.nextInt(5) == 0 ? 2 + r.nextInt(2) : 1;
                if (count > 1) {
                    a.put("min_count", count);
                    a.put("max_count", count);
                    for (int k = 1; k <= count; k++) {
                        servers.add(name + "-" + k);
                    }
                } else {
                    servers.add(name);
                }
            }
            actions.add(a);
        }
        return s;
    }

    private static ArrayNode subset(Random r, List<String> names) {
        ArrayNode out = JSON.createArrayNode();
        for (String h : names) {
            if (r.nextBoolean()) {
                out.add(h);
            }
        }
        if (out.isEmpty()) {
            out.add(names.get(r.nextInt(names.size())));
        }
        return out;
    }

    private static double pick(Random r, double... values) {
        return values[r.nextInt(values.length)];
    }
}
