package dev.placementstudio.model;

import dev.placementstudio.model.PlacementState.ConsumerRecord;
import dev.placementstudio.model.PlacementState.InventoryRecord;
import dev.placementstudio.model.PlacementState.ResourceProviderRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Consumers back to instances (with the flavor their amounts match, or one made up and named by them)
 * and migrations: the consumer half of {@link PlacementInverse}. An instance keeps its allocations
 * explicitly, so it projects to exactly what Placement held; a consumer that no instance can stand for
 * stays raw with the reason.
 */
final class ConsumerInverse {
    private static final List<String> ORDER = List.of("VCPU", "PCPU", "MEMORY_MB", "DISK_GB");

    private final PlacementState state;
    private final CloudFacts facts;
    private final TreeInverse trees;
    private final Map<String, String> forced;
    private final List<Flavor> flavors = new ArrayList<>();
    private final Set<String> flavorNames = new HashSet<>();
    private final Map<Map<String, Long>, String> flavorBySignature = new HashMap<>();
    private final List<String> synthesized = new ArrayList<>();
    private final List<Instance> instances = new ArrayList<>();
    private final Map<String, Instance> instanceByUuid = new HashMap<>();
    private final Set<String> instanceNames = new HashSet<>();
    private final List<Migration> migrations = new ArrayList<>();
    private final List<Port> ports = new ArrayList<>();
    private final Set<String> linked = new HashSet<>();
    private final Map<String, ConsumerRecord> raw = new LinkedHashMap<>();
    private final List<ImportReport.Entry> rawEntries = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Map<String, Long>> used = new HashMap<>();
    private final List<ServerGroup> groups;
    private final List<Image> images;

    ConsumerInverse(PlacementState state, CloudFacts facts, TreeInverse trees, Map<String, String> forced) {
        this.state = state;
        this.facts = facts;
        this.trees = trees;
        this.forced = forced;
        this.groups = facts.serverGroups().stream().filter(g -> !left("group:" + g.name(), "server group")).toList();
        this.images = facts.images().stream().filter(i -> !left("image:" + i.name(), "image")).toList();
        Set<String> profiles = new HashSet<>();
        facts.deviceProfiles().forEach(d -> profiles.add(d.name()));
        for (Flavor f : facts.flavors().isEmpty() ? Flavor.classics() : facts.flavors()) {
            if (left("flavor:" + f.name(), "flavor")) {
                continue;
            }
            String profile = f.extraSpecs().get("accel:device_profile");
            if (profile != null && !profiles.contains(profile)) {
                Map<String, String> specs = new TreeMap<>(f.extraSpecs());
                specs.remove("accel:device_profile");
                f = new Flavor(f.name(), f.vcpus(), f.ramMb(), f.diskGb(), specs);
                notes.add("flavor " + f.name() + " names device profile " + profile
                        + ", which is not known (Cyborg's profiles were not read); that extra spec was left out");
            }
            addFlavor(f);
        }
        List<Map.Entry<String, ConsumerRecord>> moves = new ArrayList<>();
        state.allocations().forEach((uuid, c) -> {
            if (forced.containsKey(uuid)) {
                raw(uuid, c, forced.get(uuid));
            } else if (Projection.CONSUMER_MIGRATION.equals(c.consumerType())) {
                moves.add(Map.entry(uuid, c));
            } else {
                String why = instance(uuid, c);
                if (why != null) {
                    raw(uuid, c, why);
                }
            }
        });
        facts.servers().values().stream().filter(s -> !state.allocations().containsKey(s.uuid()))
                .sorted(java.util.Comparator.comparing(CloudFacts.ServerFact::uuid)).forEach(this::unplaced);
        for (var e : moves) {
            String why = migration(e.getKey(), e.getValue());
            if (why != null) {
                raw(e.getKey(), e.getValue(), why);
            }
        }
    }

    /** Whether a catalog entry is left out (it would make the model invalid), with a note saying why. */
    private boolean left(String key, String kind) {
        String why = forced.get(key);
        if (why != null) {
            notes.add(kind + " " + key.substring(key.indexOf(':') + 1) + " left out: " + why);
        }
        return why != null;
    }

    private void addFlavor(Flavor f) {
        if (flavorNames.add(f.name())) {
            flavors.add(f);
            flavorBySignature.putIfAbsent(amounts(f), f.name());
        }
    }

    private void raw(String uuid, ConsumerRecord c, String why) {
        raw.put(uuid, c);
        rawEntries.add(new ImportReport.Entry("consumer", uuid, null, why));
    }

    private String instance(String uuid, ConsumerRecord c) {
        if (!HostInverse.isUuid(uuid)) {
            return "its uuid is not a uuid";
        }
        if (c.projectId() == null || c.userId() == null) {
            return "it has no project or user";
        }
        String host = null;
        Map<String, Long> totals = new TreeMap<>();
        Map<String, Map<String, Long>> byName = new TreeMap<>();
        for (var e : c.allocations().entrySet()) {
            ResourceProviderRecord rp = trees.provider(e.getKey());
            if (rp == null) {
                return "it allocates from provider " + e.getKey() + ", which is not in the Placement state";
            }
            if (e.getValue().isEmpty()) {
                continue;
            }
            String owner = trees.owner(rp.uuid());
            if (owner == null) {
                owner = trees.isRaw(rp.uuid()) ? trees.treeOwner(rp.uuid()) : null;
                if (owner == null) {
                    return "it holds resources on raw provider " + rp.name();
                }
            }
            if (!trees.isPool(owner)) {
                if (host != null && !host.equals(owner)) {
                    return "it holds resources on two hosts (" + host + ", " + owner + ") and is no migration";
                }
                host = owner;
            }
            for (var r : e.getValue().entrySet()) {
                InventoryRecord inv = rp.inventories().get(r.getKey());
                if (inv == null) {
                    return "it allocates " + r.getKey() + " from " + rp.name() + ", which has no such inventory";
                }
                long now = used.getOrDefault(rp.uuid(), Map.of()).getOrDefault(r.getKey(), 0L);
                if (now + r.getValue() > inv.capacity()) {
                    return "its " + r.getValue() + " " + r.getKey() + " on " + rp.name()
                            + " is over the inventory's capacity (" + inv.capacity() + ")";
                }
                totals.merge(r.getKey(), r.getValue(), Long::sum);
            }
            byName.put(rp.name(), e.getValue());
        }
        if (host == null) {
            return "it holds no resources on a host (only on sharing providers, or none)";
        }
        byName.forEach((name, res) -> {
            String rpUuid = c.allocations().keySet().stream().filter(u -> trees.provider(u).name().equals(name))
                    .findFirst().orElseThrow();
            res.forEach((rc, amount) -> used.computeIfAbsent(rpUuid, k -> new HashMap<>()).merge(rc, amount, Long::sum));
        });
        CloudFacts.ServerFact fact = facts.servers().get(uuid);
        String flavor = fact != null && flavorNames.contains(fact.flavor()) ? fact.flavor() : flavorFor(totals);
        String name = nameFor(fact, uuid);
        List<String> own = vfPorts(name, c);
        InstanceState st = fact == null || fact.state() == null || fact.state() == InstanceState.DELETED
                ? InstanceState.ACTIVE : fact.state();
        String group = fact != null && fact.serverGroup() != null
                && groups.stream().anyMatch(g -> g.name().equals(fact.serverGroup())) ? fact.serverGroup() : null;
        Instance in = new Instance(name, uuid, flavor, imageOf(fact), host, null, st, group, own,
                c.projectId(), c.userId(), byName);
        instances.add(in);
        instanceByUuid.put(uuid, in);
        return null;
    }

    /**
     * Ports for the VFs an instance holds on modelled PFs: Neutron's ports are not in Placement, but the
     * compute's PCI tracker counts them, so an imported instance carries one direct port per VF (the PF's
     * physnet, its bandwidth on the first).
     */
    private List<String> vfPorts(String instance, ConsumerRecord c) {
        List<String> out = new ArrayList<>();
        c.allocations().forEach((rpUuid, res) -> {
            long vfs = res.getOrDefault("SRIOV_NET_VF", 0L);
            ResourceProviderRecord rp = trees.provider(rpUuid);
            if (vfs <= 0 || rp == null || trees.owner(rpUuid) == null) {
                return;
            }
            String physnet = rp.traits().stream().filter(t -> t.startsWith("CUSTOM_PHYSNET_")).findFirst()
                    .map(t -> t.substring("CUSTOM_PHYSNET_".length()).toLowerCase(java.util.Locale.ROOT)).orElse(null);
            for (long k = 0; k < vfs; k++) {
                String name = instance + "-vf" + out.size();
                ports.add(new Port(name, "direct", physnet, k == 0 ? res.getOrDefault("NET_BW_EGR_KILOBIT_PER_SEC", 0L) : 0L,
                        k == 0 ? res.getOrDefault("NET_BW_IGR_KILOBIT_PER_SEC", 0L) : 0L));
                out.add(name);
            }
        });
        return out;
    }

    private String imageOf(CloudFacts.ServerFact fact) {
        return fact != null && fact.image() != null && images.stream().anyMatch(i -> i.name().equals(fact.image()))
                ? fact.image() : null;
    }

    private String nameFor(CloudFacts.ServerFact fact, String uuid) {
        String name = fact != null && fact.name() != null && !fact.name().isBlank() ? fact.name()
                : "vm-" + uuid.substring(0, 8);
        if (!instanceNames.add(name)) {
            name = name + "-" + uuid.substring(0, 8);
            if (!instanceNames.add(name)) {
                name = uuid;
                instanceNames.add(name);
            }
        }
        return name;
    }

    private void unplaced(CloudFacts.ServerFact s) {
        if (!HostInverse.isUuid(s.uuid())) {
            notes.add("server " + s.name() + " has no uuid; not imported");
            return;
        }
        if (s.host() != null) {
            notes.add("server " + s.name() + " (" + s.uuid() + ") runs on " + s.host()
                    + " but holds nothing in Placement; imported unplaced");
        }
        String flavor = flavorNames.contains(s.flavor()) ? s.flavor() : flavors.get(0).name();
        InstanceState st = s.state() == null || s.state() == InstanceState.ACTIVE ? InstanceState.ERROR : s.state();
        String group = s.serverGroup() != null && groups.stream().anyMatch(g -> g.name().equals(s.serverGroup()))
                ? s.serverGroup() : null;
        Instance in = new Instance(nameFor(s, s.uuid()), s.uuid(), flavor, imageOf(s), null, null,
                st == InstanceState.DELETED ? InstanceState.ERROR : st, group, null, s.projectId(), s.userId(), null);
        instances.add(in);
        instanceByUuid.put(s.uuid(), in);
    }

    private String migration(String uuid, ConsumerRecord c) {
        CloudFacts.MigrationFact fact = facts.migrations().stream().filter(m -> uuid.equals(m.uuid())).findFirst().orElse(null);
        Set<String> hosts = new LinkedHashSet<>();
        Map<String, Long> totals = new TreeMap<>();
        c.allocations().values().forEach(res -> res.forEach((rc, n) -> totals.merge(rc, n, Long::sum)));
        for (String rp : c.allocations().keySet()) {
            String owner = trees.owner(rp);
            if (owner == null) {
                return "it holds resources on raw provider " + rp;
            }
            if (!trees.isPool(owner)) {
                hosts.add(owner);
            }
        }
        if (hosts.size() != 1 || trees.isBaremetal(hosts.iterator().next())) {
            return "it holds resources on " + hosts.size() + " hosts; a migration holds its source only";
        }
        String source = hosts.iterator().next();
        Instance in;
        if (fact != null) {
            in = instanceByUuid.get(fact.instanceUuid());
            if (in == null || in.host() == null || in.allocations() == null) {
                return "its instance " + fact.instanceUuid() + " is not a placed imported instance";
            }
        } else {
            // a dump does not say which instance moves: link it when exactly one instance can be the one
            List<Instance> candidates = instances.stream().filter(i -> i.allocations() != null && i.host() != null
                    && !i.host().equals(source) && !linked.contains(i.effectiveUuid())
                    && i.effectiveProjectId().equals(c.projectId()) && i.effectiveUserId().equals(c.userId())).toList();
            if (candidates.size() != 1) {
                return "a migration consumer: Placement does not say which instance it moves (Nova's migrations do), "
                        + "and " + candidates.size() + " instances of its project could be the one";
            }
            in = candidates.get(0);
            notes.add("migration " + uuid + " linked to instance " + in.name() + ", the only one of its project elsewhere");
        }
        if (in.host().equals(source) || trees.isBaremetal(in.host())) {
            return "it holds its source on " + source + ", where its instance " + in.name() + " runs too";
        }
        if (!linked.add(in.effectiveUuid())) {
            return "its instance " + in.name() + " has another migration";
        }
        String oldFlavor = flavorFor(totals);
        String newFlavor = fact != null && fact.newFlavor() != null && flavorNames.contains(fact.newFlavor())
                ? fact.newFlavor() : in.flavor();
        MigrationStatus status = fact != null && fact.status() == MigrationStatus.FINISHED ? MigrationStatus.FINISHED
                : MigrationStatus.IN_PROGRESS;
        MigrationType type = fact != null && fact.type() != null ? fact.type()
                : oldFlavor.equals(newFlavor) ? MigrationType.MIGRATION : MigrationType.RESIZE;
        // the model's convention: a moving instance's host is its source; its allocations are on the destination
        Instance moved = new Instance(in.name(), in.uuid(), oldFlavor, in.image(), source, in.cell(), in.state(),
                in.serverGroup(), in.ports(), in.projectId(), in.userId(), in.allocations());
        instances.set(instances.indexOf(in), moved);
        instanceByUuid.put(moved.uuid(), moved);
        migrations.add(new Migration(uuid, in.name(), type, source, in.host(), status,
                oldFlavor.equals(newFlavor) ? null : newFlavor));
        return null;
    }

    // -- flavors --

    /** What a flavor's instance asks of Placement, as the projection reads it (without ports and device profiles). */
    static Map<String, Long> amounts(Flavor f) {
        Flavor.RootAmounts a = f.rootAmounts();
        Map<String, Long> cpuMem = a.cpuAndMemory();
        long disk = a.diskGb();
        Map<String, Long> extra = a.other();
        Map<String, Long> out = new TreeMap<>(cpuMem);
        if (disk > 0) {
            out.put("DISK_GB", disk);
        }
        out.putAll(extra);
        return out;
    }

    private String flavorFor(Map<String, Long> totals) {
        Map<String, Long> core = new TreeMap<>(totals);
        core.keySet().removeIf(rc -> rc.equals("SRIOV_NET_VF") || rc.startsWith("NET_BW_"));
        String known = flavorBySignature.get(core);
        if (known != null) {
            return known;
        }
        StringBuilder name = new StringBuilder("auto");
        Map<String, String> specs = new TreeMap<>();
        long v = core.getOrDefault("VCPU", 0L);
        long p = core.getOrDefault("PCPU", 0L);
        for (String rc : ORDER) {
            if (core.containsKey(rc)) {
                name.append('-').append(core.get(rc)).append(switch (rc) {
                    case "VCPU" -> "vcpu";
                    case "PCPU" -> "pcpu";
                    case "MEMORY_MB" -> "mb";
                    default -> "gb";
                });
            }
        }
        core.forEach((rc, amount) -> {
            if (!ORDER.contains(rc)) {
                name.append('-').append(amount).append(rc.toLowerCase(java.util.Locale.ROOT));
                specs.put("resources:" + rc, Long.toString(amount));
            }
        });
        if (p > 0 && v == 0) {
            specs.put("hw:cpu_policy", "dedicated");
        } else if (p > 0) {
            specs.put("resources:VCPU", Long.toString(v));
            specs.put("resources:PCPU", Long.toString(p));
        }
        Flavor f = new Flavor(name.toString(), (int) Math.min(Integer.MAX_VALUE, v + p),
                core.getOrDefault("MEMORY_MB", 0L), core.getOrDefault("DISK_GB", 0L), specs);
        String n = f.name();
        for (int i = 2; flavorNames.contains(n); i++) {
            n = f.name() + "-" + i;
        }
        f = new Flavor(n, f.vcpus(), f.ramMb(), f.diskGb(), f.extraSpecs());
        addFlavor(f);
        synthesized.add(n);
        return n;
    }

    // -- results --

    List<Flavor> flavors() {
        return flavors;
    }

    List<String> synthesized() {
        return synthesized;
    }

    List<ServerGroup> serverGroups() {
        return groups;
    }

    List<Instance> instances() {
        return instances;
    }

    List<Image> images() {
        return images;
    }

    List<DeviceProfile> deviceProfiles() {
        return facts.deviceProfiles();
    }

    List<Port> ports() {
        return ports;
    }

    List<Migration> migrations() {
        return migrations;
    }

    Map<String, ConsumerRecord> rawConsumers() {
        return raw;
    }

    List<ImportReport.Entry> rawEntries() {
        return rawEntries;
    }

    List<String> notes() {
        return notes;
    }
}
