package dev.placementstudio.io.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.model.Aggregate;
import dev.placementstudio.model.Cell;
import dev.placementstudio.model.CloudFacts;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.HostStatus;
import dev.placementstudio.model.InstanceState;
import dev.placementstudio.model.MigrationStatus;
import dev.placementstudio.model.MigrationType;
import dev.placementstudio.model.ServerGroup;
import dev.placementstudio.model.ServerGroupPolicy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Nova's compute API (2.x) as {@link CloudFacts}: hypervisors and their services, aggregates with
 * metadata and zones, flavors with extra specs (2.61+), server groups with members (2.64+), the servers
 * of all projects (2.47+: the flavor inline) and the moves in progress (2.59+). Lists are paged with
 * {@code limit}/{@code marker} as Nova's {@code *_links} say.
 */
public final class NovaReader {
    static final String MICROVERSION = "2.87";
    private static final Set<String> DONE = Set.of("confirmed", "reverted", "error", "failed", "completed", "cancelled",
            "done", "accepted");
    private static final int PAGE = 1000;

    private final ApiClient api;
    private final String base;
    private final Map<String, String> headers;

    public NovaReader(ApiClient api, String computeUrl, String token) {
        this.api = api;
        this.base = computeUrl;
        this.headers = Map.of("X-Auth-Token", token, "OpenStack-API-Version", "compute " + MICROVERSION,
                "X-OpenStack-Nova-API-Version", MICROVERSION);
    }

    /** Every item of a (paged) list, following {@code KEY_links} "next" (or a marker of the last id). */
    List<JsonNode> list(String path, String key, boolean paged, Consumer<String> progress) throws InputProblemException {
        List<JsonNode> out = new ArrayList<>();
        String sep = path.contains("?") ? "&" : "?";
        String url = base + path + (paged ? sep + "limit=" + PAGE : "");
        Set<String> seen = new LinkedHashSet<>();
        while (url != null && seen.add(url)) {
            JsonNode page = api.get(url, headers);
            JsonNode items = page.path(key);
            if (!items.isArray()) {
                throw new InputProblemException(base, 0, 0, path, "the answer has no '" + key + "' list: is this Nova's compute API?");
            }
            items.forEach(out::add);
            url = null;
            for (JsonNode l : page.path(key + "_links")) {
                if ("next".equals(l.path("rel").asText())) {
                    url = l.path("href").asText();
                }
            }
            if (paged && items.size() > 0 && progress != null) {
                progress.accept(key + ": " + out.size());
            }
        }
        return out;
    }

    public CloudFacts read(Map<String, String> cellOfHost, Consumer<String> progress) throws InputProblemException {
        Map<String, CloudFacts.HostFact> hosts = new LinkedHashMap<>();
        Map<String, JsonNode> services = new HashMap<>();
        for (JsonNode s : list("/os-services?binary=nova-compute", "services", false, progress)) {
            services.put(s.path("host").asText(), s);
        }
        List<Cell> cells = new ArrayList<>();
        Set<String> cellNames = new LinkedHashSet<>(cellOfHost.values());
        if (cellNames.isEmpty()) {
            cellNames.add("cell1");
        }
        cellNames.forEach(c -> cells.add(new Cell(c, null, true)));
        String defaultCell = cells.get(0).name();
        List<JsonNode> hypervisors = list("/os-hypervisors/detail", "hypervisors", true, progress);
        progress.accept("hypervisors: " + hypervisors.size());
        for (JsonNode h : hypervisors) {
            String node = h.path("hypervisor_hostname").asText();
            String host = h.path("service").path("host").asText(node);
            JsonNode svc = services.get(host);
            boolean down = "down".equals(h.path("state").asText()) || svc != null && svc.path("forced_down").asBoolean();
            HostStatus status = down ? HostStatus.DOWN
                    : "disabled".equals(h.path("status").asText()) ? HostStatus.DISABLED : HostStatus.ENABLED;
            String cell = cellOfHost.getOrDefault(node, cellOfHost.getOrDefault(host, defaultCell));
            hosts.put(node, new CloudFacts.HostFact(cell, status, type(h.path("hypervisor_type").asText(null)),
                    version(h.path("hypervisor_version"))));
        }
        List<Aggregate> aggregates = new ArrayList<>();
        for (JsonNode a : list("/os-aggregates", "aggregates", false, progress)) {
            Map<String, String> md = new TreeMap<>();
            a.path("metadata").fields().forEachRemaining(e -> md.put(e.getKey(), e.getValue().asText()));
            String az = a.path("availability_zone").isTextual() ? a.path("availability_zone").asText() : null;
            aggregates.add(new Aggregate(a.path("name").asText(), a.path("uuid").asText(null), az, md));
        }
        progress.accept("aggregates: " + aggregates.size());
        List<Flavor> flavors = new ArrayList<>();
        Map<String, String> flavorById = new HashMap<>();
        for (JsonNode f : list("/flavors/detail?is_public=None", "flavors", true, progress)) {
            Map<String, String> specs = new TreeMap<>();
            f.path("extra_specs").fields().forEachRemaining(e -> specs.put(e.getKey(), e.getValue().asText()));
            flavors.add(new Flavor(f.path("name").asText(), f.path("vcpus").asInt(), f.path("ram").asLong(),
                    disk(f.path("disk").asLong(), f.path("OS-FLV-EXT-DATA:ephemeral").asLong(), f.path("swap").asLong(0)), specs));
            flavorById.put(f.path("id").asText(), f.path("name").asText());
        }
        progress.accept("flavors: " + flavors.size());
        List<ServerGroup> groups = new ArrayList<>();
        Map<String, String> groupOf = new HashMap<>();
        Set<String> groupNames = new LinkedHashSet<>();
        for (JsonNode g : list("/os-server-groups?all_projects=True", "server_groups", true, progress)) {
            String name = g.path("name").asText();
            if (!groupNames.add(name)) {
                name = name + "-" + g.path("id").asText().substring(0, Math.min(8, g.path("id").asText().length()));
                groupNames.add(name);
            }
            JsonNode rules = g.path("rules");
            Integer max = rules.has("max_server_per_host") ? rules.path("max_server_per_host").asInt() : null;
            groups.add(new ServerGroup(name, g.path("id").asText(null), policy(g.path("policy").asText()), max));
            for (JsonNode m : g.path("members")) {
                groupOf.put(m.asText(), name);
            }
        }
        progress.accept("server groups: " + groups.size());
        Map<String, CloudFacts.ServerFact> servers = new LinkedHashMap<>();
        for (JsonNode s : list("/servers/detail?all_tenants=1", "servers", true, progress)) {
            String uuid = s.path("id").asText();
            servers.put(uuid, new CloudFacts.ServerFact(uuid, s.path("name").asText(null),
                    s.path("flavor").path("original_name").asText(null),
                    s.path("OS-EXT-SRV-ATTR:hypervisor_hostname").asText(null), state(s.path("OS-EXT-STS:vm_state").asText()),
                    groupOf.get(uuid), s.path("tenant_id").asText(null), s.path("user_id").asText(null), null));
        }
        progress.accept("servers: " + servers.size());
        List<CloudFacts.MigrationFact> migrations = new ArrayList<>();
        for (JsonNode m : list("/os-migrations", "migrations", true, progress)) {
            String st = m.path("status").asText();
            if (DONE.contains(st)) {
                continue;
            }
            String newFlavor = flavorById.get(m.path("new_instance_type_id").asText());
            migrations.add(new CloudFacts.MigrationFact(m.path("uuid").asText(null), m.path("instance_uuid").asText(null),
                    migrationType(m.path("migration_type").asText()), "finished".equals(st) ? MigrationStatus.FINISHED
                    : MigrationStatus.IN_PROGRESS, m.path("source_node").asText(null), m.path("dest_node").asText(null), newFlavor));
        }
        progress.accept("migrations in progress: " + migrations.size());
        return new CloudFacts(cells, hosts, aggregates, flavors, groups, servers, migrations, null, null);
    }

    private static long disk(long root, long ephemeral, long swapMb) {
        return root + ephemeral + (swapMb + 1023) / 1024;
    }

    private static String type(String t) {
        return t == null || t.isBlank() ? null : t;
    }

    /** Nova's hypervisor_version int (7002000) as dotted numbers (7.2.0). */
    private static String version(JsonNode v) {
        if (!v.canConvertToLong()) {
            return null;
        }
        long n = v.asLong();
        return (n / 1_000_000) + "." + (n / 1000 % 1000) + "." + (n % 1000);
    }

    private static ServerGroupPolicy policy(String p) {
        for (ServerGroupPolicy x : ServerGroupPolicy.values()) {
            if (x.name().replace('_', '-').equalsIgnoreCase(p)) {
                return x;
            }
        }
        return ServerGroupPolicy.values()[0];
    }

    private static InstanceState state(String vmState) {
        return switch (vmState) {
            case "error" -> InstanceState.ERROR;
            case "building" -> InstanceState.BUILDING;
            case "resized" -> InstanceState.RESIZED;
            case "deleted", "soft-delete" -> InstanceState.DELETED;
            default -> InstanceState.ACTIVE;
        };
    }

    private static MigrationType migrationType(String t) {
        return switch (t) {
            case "resize" -> MigrationType.RESIZE;
            case "live-migration" -> MigrationType.LIVE_MIGRATION;
            case "evacuation" -> MigrationType.EVACUATION;
            default -> MigrationType.MIGRATION;
        };
    }
}
