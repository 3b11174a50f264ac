package dev.placementstudio.scheduler;

import dev.placementstudio.model.DeviceProfile;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.Image;
import dev.placementstudio.model.Port;
import dev.placementstudio.model.ServerGroup;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Nova's scheduler is asked for one instance.
 *
 * @param groupHosts hosts where other members of the server group already are
 * @param ignoreHosts hosts already tried (RetryFilter, older eras) or the instance's current host (moves)
 * @param hints scheduler hints: {@code same_host} / {@code different_host} as comma-separated instance uuids
 * @param sourceCell for a move, the cell the instance lives in (CrossCellWeigher)
 */
public record RequestSpec(String instanceUuid, String instanceName, Flavor flavor, Image image, List<Port> ports,
                          DeviceProfile deviceProfile, ServerGroup serverGroup, Set<String> groupHosts,
                          String availabilityZone, Map<String, String> hints, String projectId, String userId,
                          Set<String> ignoreHosts, String sourceCell, Set<String> groupMembers) {
    public RequestSpec {
        groupMembers = groupMembers == null ? Set.of() : Set.copyOf(groupMembers);
        ports = ports == null ? List.of() : List.copyOf(ports);
        groupHosts = groupHosts == null ? Set.of() : Set.copyOf(groupHosts);
        hints = hints == null ? Map.of() : Map.copyOf(hints);
        ignoreHosts = ignoreHosts == null ? Set.of() : Set.copyOf(ignoreHosts);
    }

    /** Without the server group's member list (the weighers then count hosts, not members). */
    public RequestSpec(String instanceUuid, String instanceName, Flavor flavor, Image image, List<Port> ports,
                       DeviceProfile deviceProfile, ServerGroup serverGroup, Set<String> groupHosts,
                       String availabilityZone, Map<String, String> hints, String projectId, String userId,
                       Set<String> ignoreHosts, String sourceCell) {
        this(instanceUuid, instanceName, flavor, image, ports, deviceProfile, serverGroup, groupHosts, availabilityZone,
                hints, projectId, userId, ignoreHosts, sourceCell, Set.of());
    }

    public static RequestSpec of(String uuid, String name, Flavor flavor) {
        return new RequestSpec(uuid, name, flavor, null, List.of(), null, null, Set.of(), null, Map.of(),
                dev.placementstudio.model.Instance.DEFAULT_PROJECT, dev.placementstudio.model.Instance.DEFAULT_USER,
                Set.of(), null);
    }

    /** A boot of {@code flavor} alone, with the device profile its {@code accel:device_profile} names. */
    public static RequestSpec of(String uuid, String name, Flavor flavor, dev.placementstudio.model.CloudModel model) {
        return new RequestSpec(uuid, name, flavor, null, List.of(), deviceProfileOf(model, flavor), null, Set.of(), null,
                Map.of(), dev.placementstudio.model.Instance.DEFAULT_PROJECT, dev.placementstudio.model.Instance.DEFAULT_USER,
                Set.of(), null);
    }

    /** The model's device profile named by the flavor's {@code accel:device_profile}, or null. */
    public static dev.placementstudio.model.DeviceProfile deviceProfileOf(dev.placementstudio.model.CloudModel model,
                                                                       Flavor f) {
        String name = f.extraSpecs().get("accel:device_profile");
        return name == null ? null : model.deviceProfiles().stream().filter(d -> d.name().equals(name)).findFirst()
                .orElse(null);
    }

    public RequestSpec withIgnoreHosts(Set<String> hosts) {
        return new RequestSpec(instanceUuid, instanceName, flavor, image, ports, deviceProfile, serverGroup, groupHosts,
                availabilityZone, hints, projectId, userId, hosts, sourceCell, groupMembers);
    }

    public RequestSpec withGroupHosts(Set<String> hosts) {
        return new RequestSpec(instanceUuid, instanceName, flavor, image, ports, deviceProfile, serverGroup, hosts,
                availabilityZone, hints, projectId, userId, ignoreHosts, sourceCell, groupMembers);
    }

    public RequestSpec withFlavor(Flavor f) {
        return new RequestSpec(instanceUuid, instanceName, f, image, ports, deviceProfile, serverGroup, groupHosts,
                availabilityZone, hints, projectId, userId, ignoreHosts, sourceCell, groupMembers);
    }

    public RequestSpec withGroupMembers(Set<String> members) {
        return new RequestSpec(instanceUuid, instanceName, flavor, image, ports, deviceProfile, serverGroup, groupHosts,
                availabilityZone, hints, projectId, userId, ignoreHosts, sourceCell, members);
    }

    public RequestSpec withInstanceUuid(String uuid) {
        return new RequestSpec(uuid, instanceName, flavor, image, ports, deviceProfile, serverGroup, groupHosts,
                availabilityZone, hints, projectId, userId, ignoreHosts, sourceCell, groupMembers);
    }

    public RequestSpec withSourceCell(String cell) {
        return new RequestSpec(instanceUuid, instanceName, flavor, image, ports, deviceProfile, serverGroup, groupHosts,
                availabilityZone, hints, projectId, userId, ignoreHosts, cell, groupMembers);
    }
}
