package dev.placementstudio.model;

import java.util.List;
import java.util.Map;

/**
 * What Nova knows of a cloud that Placement does not: cells, host services, aggregate names and zones,
 * flavors, server groups, servers and in-progress migrations. The inverse of the projection
 * ({@link PlacementInverse}) reads it beside the Placement state; {@link #NONE} when only a Placement
 * dump is at hand.
 *
 * @param cells the cells; empty means one cell, {@code cell1}
 * @param hosts hypervisor hostname (the root provider's name) to what Nova says of it
 * @param aggregates host aggregates with their uuids (Placement mirrors them), zones and metadata
 * @param flavors the flavor catalog; empty means the classic m1.* flavors
 * @param serverGroups the server groups
 * @param servers server uuid (the consumer uuid) to what Nova says of it
 * @param migrations moves in progress, by migration uuid (the migration consumer's uuid)
 * @param images images (Glance's), when known
 * @param deviceProfiles device profiles (Cyborg's), when known; a flavor naming an unknown one loses that spec
 */
public record CloudFacts(List<Cell> cells, Map<String, HostFact> hosts, List<Aggregate> aggregates,
                         List<Flavor> flavors, List<ServerGroup> serverGroups, Map<String, ServerFact> servers,
                         List<MigrationFact> migrations, List<Image> images, List<DeviceProfile> deviceProfiles) {
    public static final CloudFacts NONE = new CloudFacts(null, null, null, null, null, null, null, null, null);

    public CloudFacts {
        cells = List.copyOf(cells == null ? List.of() : cells);
        hosts = Map.copyOf(hosts == null ? Map.of() : hosts);
        aggregates = List.copyOf(aggregates == null ? List.of() : aggregates);
        flavors = List.copyOf(flavors == null ? List.of() : flavors);
        serverGroups = List.copyOf(serverGroups == null ? List.of() : serverGroups);
        servers = Map.copyOf(servers == null ? Map.of() : servers);
        migrations = List.copyOf(migrations == null ? List.of() : migrations);
        images = List.copyOf(images == null ? List.of() : images);
        deviceProfiles = List.copyOf(deviceProfiles == null ? List.of() : deviceProfiles);
    }

    /**
     * What Nova's API would tell of a model: its cells, services, aggregates, flavors, groups, servers
     * (with the flavor they have now) and moves in progress, with Glance's images and Cyborg's device
     * profiles. Ports, racks and the scheduler's configuration are not API facts and are left out.
     */
    public static CloudFacts fromModel(CloudModel m) {
        Map<String, HostFact> hosts = new java.util.HashMap<>();
        m.hosts().forEach(h -> hosts.put(h.hostname(), new HostFact(h.cell(), h.status(), h.hypervisorType(),
                h.hypervisorVersion())));
        m.baremetalNodes().forEach(n -> hosts.put(n.name(), new HostFact(n.cell(), n.status(), "ironic", null)));
        Map<String, Migration> moving = new java.util.HashMap<>();
        m.migrations().stream().filter(Migration::holdsSource).forEach(x -> moving.put(x.instance(), x));
        Map<String, ServerFact> servers = new java.util.HashMap<>();
        Map<String, String> uuidOf = new java.util.HashMap<>();
        for (Instance i : m.instances()) {
            Migration x = moving.get(i.name());
            String flavor = x != null && x.newFlavor() != null ? x.newFlavor() : i.flavor();
            servers.put(i.effectiveUuid(), new ServerFact(i.effectiveUuid(), i.name(), flavor, i.host(), i.state(),
                    i.serverGroup(), i.effectiveProjectId(), i.effectiveUserId(), i.image()));
            uuidOf.put(i.name(), i.effectiveUuid());
        }
        List<MigrationFact> migrations = m.migrations().stream().filter(Migration::holdsSource)
                .map(x -> new MigrationFact(x.effectiveUuid(), uuidOf.get(x.instance()), x.type(), x.status(), x.source(),
                        x.destination(), x.newFlavor()))
                .toList();
        List<Aggregate> aggregates = m.aggregates().stream()
                .map(a -> new Aggregate(a.name(), Projection.aggregateUuid(a), a.availabilityZone(), a.metadata())).toList();
        return new CloudFacts(m.cells(), hosts, aggregates, m.flavors(), m.serverGroups(), servers, migrations,
                m.images(), m.deviceProfiles());
    }

    /** A nova-compute service and its hypervisor; null fields are unknown. */
    public record HostFact(String cell, HostStatus status, String hypervisorType, String hypervisorVersion) {
    }

    /** A server as Nova lists it; {@code host} is its hypervisor hostname (null when not placed). */
    public record ServerFact(String uuid, String name, String flavor, String host, InstanceState state,
                             String serverGroup, String projectId, String userId, String image) {
    }

    /** A move that holds resources on two hosts. */
    public record MigrationFact(String uuid, String instanceUuid, MigrationType type, MigrationStatus status,
                                String source, String destination, String newFlavor) {
    }
}
