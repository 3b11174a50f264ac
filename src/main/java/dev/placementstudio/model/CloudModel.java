package dev.placementstudio.model;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A whole cloud: the deployment (cells, aggregates, hosts, devices, bare metal, shared storage), the
 * workload vocabulary (flavors, images, ports, device profiles, server groups), what runs on it
 * (instances, migrations), the scheduler's settings and, optionally, raw Placement state imported from
 * a real cloud. Immutable: an edit makes a new model, which keeps undo simple and sharing safe.
 */
public record CloudModel(
        int schemaVersion, String name, String description, List<Cell> cells, List<Aggregate> aggregates,
        List<ComputeHost> hosts, List<BaremetalNode> baremetalNodes, List<SharedStoragePool> sharedStorage,
        List<Flavor> flavors, List<Image> images, List<Port> ports, List<DeviceProfile> deviceProfiles,
        List<ServerGroup> serverGroups, List<Instance> instances, List<Migration> migrations,
        SchedulerSettings scheduler, PlacementState rawPlacement) {

    /** The schema version this build writes and reads. */
    public static final int SCHEMA_VERSION = 1;

    public CloudModel {
        name = name == null ? "untitled" : name;
        description = description == null ? "" : description;
        cells = List.copyOf(cells == null ? List.of() : cells);
        aggregates = List.copyOf(aggregates == null ? List.of() : aggregates);
        hosts = List.copyOf(hosts == null ? List.of() : hosts);
        baremetalNodes = List.copyOf(baremetalNodes == null ? List.of() : baremetalNodes);
        sharedStorage = List.copyOf(sharedStorage == null ? List.of() : sharedStorage);
        flavors = List.copyOf(flavors == null ? List.of() : flavors);
        images = List.copyOf(images == null ? List.of() : images);
        ports = List.copyOf(ports == null ? List.of() : ports);
        deviceProfiles = List.copyOf(deviceProfiles == null ? List.of() : deviceProfiles);
        serverGroups = List.copyOf(serverGroups == null ? List.of() : serverGroups);
        instances = List.copyOf(instances == null ? List.of() : instances);
        migrations = List.copyOf(migrations == null ? List.of() : migrations);
        scheduler = scheduler == null ? SchedulerSettings.NOVA_DEFAULTS : scheduler;
    }

    public static CloudModel empty(String name) {
        return new CloudModel(SCHEMA_VERSION, name, "", List.of(new Cell("cell1", null, true)), null, null, null,
                null, Flavor.classics(), null, null, null, null, null, null, null, null);
    }

    /**
     * A name index over one list, remembered for the list last asked about: lookups in a loop over a big
     * model (validation, projection) stay O(1) without a field in this record.
     */
    private record NameIndex(List<?> list, java.util.Map<String, Object> byName) {
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, NameIndex> INDEXES =
            new java.util.concurrent.ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    private static <T> Optional<T> lookup(String kind, List<T> list, Function<T, String> name, String key) {
        if (list.size() < 32) {
            return list.stream().filter(x -> name.apply(x).equals(key)).findFirst();
        }
        NameIndex idx = INDEXES.get(kind);
        if (idx == null || idx.list() != list) {
            java.util.Map<String, Object> m = new java.util.HashMap<>(list.size() * 2);
            for (T x : list) {
                m.putIfAbsent(name.apply(x), x);
            }
            idx = new NameIndex(list, m);
            INDEXES.put(kind, idx);
        }
        return Optional.ofNullable((T) idx.byName().get(key));
    }

    public Optional<ComputeHost> host(String hostname) {
        return lookup("host", hosts, ComputeHost::hostname, hostname);
    }

    public Optional<Flavor> flavor(String flavorName) {
        return lookup("flavor", flavors, Flavor::name, flavorName);
    }

    public Optional<Cell> cell(String cellName) {
        return cells.stream().filter(c -> c.name().equals(cellName)).findFirst();
    }

    public Optional<Image> image(String imageName) {
        return images.stream().filter(i -> i.name().equals(imageName)).findFirst();
    }

    public Optional<ServerGroup> serverGroup(String groupName) {
        return serverGroups.stream().filter(g -> g.name().equals(groupName)).findFirst();
    }

    public Optional<Aggregate> aggregate(String aggregateName) {
        return aggregates.stream().filter(a -> a.name().equals(aggregateName)).findFirst();
    }

    public Optional<BaremetalNode> baremetalNode(String nodeName) {
        return lookup("baremetal", baremetalNodes, BaremetalNode::name, nodeName);
    }

    public static <T> java.util.Map<String, T> byName(List<T> items, Function<T, String> name) {
        return items.stream().collect(Collectors.toMap(name, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    // -- copy-with helpers used by edits; each returns a new model --

    public CloudModel withHosts(List<ComputeHost> newHosts) {
        return new CloudModel(schemaVersion, name, description, cells, aggregates, newHosts, baremetalNodes,
                sharedStorage, flavors, images, ports, deviceProfiles, serverGroups, instances, migrations, scheduler,
                rawPlacement);
    }

    public CloudModel withCells(List<Cell> newCells) {
        return new CloudModel(schemaVersion, name, description, newCells, aggregates, hosts, baremetalNodes,
                sharedStorage, flavors, images, ports, deviceProfiles, serverGroups, instances, migrations, scheduler,
                rawPlacement);
    }

    public CloudModel withAggregates(List<Aggregate> newAggregates) {
        return new CloudModel(schemaVersion, name, description, cells, newAggregates, hosts, baremetalNodes,
                sharedStorage, flavors, images, ports, deviceProfiles, serverGroups, instances, migrations, scheduler,
                rawPlacement);
    }

    public CloudModel withInstances(List<Instance> newInstances) {
        return new CloudModel(schemaVersion, name, description, cells, aggregates, hosts, baremetalNodes,
                sharedStorage, flavors, images, ports, deviceProfiles, serverGroups, newInstances, migrations,
                scheduler, rawPlacement);
    }

    public CloudModel withMigrations(List<Migration> newMigrations) {
        return new CloudModel(schemaVersion, name, description, cells, aggregates, hosts, baremetalNodes,
                sharedStorage, flavors, images, ports, deviceProfiles, serverGroups, instances, newMigrations,
                scheduler, rawPlacement);
    }

    public CloudModel withBaremetalNodes(List<BaremetalNode> nodes) {
        return new CloudModel(schemaVersion, name, description, cells, aggregates, hosts, nodes, sharedStorage,
                flavors, images, ports, deviceProfiles, serverGroups, instances, migrations, scheduler, rawPlacement);
    }

    public CloudModel withSharedStorage(List<SharedStoragePool> pools) {
        return new CloudModel(schemaVersion, name, description, cells, aggregates, hosts, baremetalNodes, pools,
                flavors, images, ports, deviceProfiles, serverGroups, instances, migrations, scheduler, rawPlacement);
    }

    public CloudModel withFlavors(List<Flavor> newFlavors) {
        return new CloudModel(schemaVersion, name, description, cells, aggregates, hosts, baremetalNodes,
                sharedStorage, newFlavors, images, ports, deviceProfiles, serverGroups, instances, migrations,
                scheduler, rawPlacement);
    }

    public CloudModel withScheduler(SchedulerSettings settings) {
        return new CloudModel(schemaVersion, name, description, cells, aggregates, hosts, baremetalNodes,
                sharedStorage, flavors, images, ports, deviceProfiles, serverGroups, instances, migrations, settings,
                rawPlacement);
    }

    public CloudModel withRawPlacement(PlacementState state) {
        return new CloudModel(schemaVersion, name, description, cells, aggregates, hosts, baremetalNodes,
                sharedStorage, flavors, images, ports, deviceProfiles, serverGroups, instances, migrations, scheduler,
                state);
    }

    public CloudModel withName(String newName, String newDescription) {
        return new CloudModel(schemaVersion, newName, newDescription, cells, aggregates, hosts, baremetalNodes,
                sharedStorage, flavors, images, ports, deviceProfiles, serverGroups, instances, migrations, scheduler,
                rawPlacement);
    }
}
