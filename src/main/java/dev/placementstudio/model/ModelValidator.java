package dev.placementstudio.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Checks a model against the rules a real deployment obeys: names unique and references resolvable,
 * numbers possible, traits and resource classes real (standard or CUSTOM_*), devices attached to NUMA
 * nodes that exist, and instances that fit where the model says they run.
 */
public final class ModelValidator {
    /** Filters and weighers this engine knows by Nova's class names. */
    /** Nova 26's 23 filters and the four of older eras (RamFilter, CoreFilter, DiskFilter, RetryFilter). */
    public static final Set<String> KNOWN_FILTERS = Set.of("AggregateImagePropertiesIsolation",
            "AggregateInstanceExtraSpecsFilter", "AggregateIoOpsFilter", "AggregateMultiTenancyIsolation",
            "AggregateNumInstancesFilter", "AggregateTypeAffinityFilter", "AllHostsFilter", "AvailabilityZoneFilter",
            "ComputeCapabilitiesFilter", "ComputeFilter", "DifferentHostFilter", "ImagePropertiesFilter",
            "IoOpsFilter", "IsolatedHostsFilter", "JsonFilter", "MetricsFilter", "NUMATopologyFilter",
            "NumInstancesFilter", "PciPassthroughFilter", "SameHostFilter", "ServerGroupAffinityFilter",
            "ServerGroupAntiAffinityFilter", "SimpleCIDRAffinityFilter", "RamFilter", "CoreFilter", "DiskFilter",
            "RetryFilter");

    /** Nova 26's architecture names ({@code nova/objects/fields.py} Architecture.ALL). */
    public static final Set<String> ARCHITECTURES = Set.of("alpha", "armv6", "armv7l", "armv7b", "aarch64", "cris",
            "i686", "ia64", "lm32", "m68k", "microblaze", "microblazeel", "mips", "mipsel", "mips64", "mips64el",
            "openrisc", "parisc", "parisc64", "ppc", "ppcle", "ppc64", "ppc64le", "ppcemb", "s390", "s390x", "sh4",
            "sh4eb", "sparc", "sparc64", "unicore32", "x86_64", "xtensa", "xtensaeb");

    private final CloudModel model;
    private final List<ModelProblem> problems = new ArrayList<>();

    private ModelValidator(CloudModel model) {
        this.model = model;
    }

    public static List<ModelProblem> validate(CloudModel model) {
        // on a big model the projection check costs as much as the rest: run them side by side; the
        // projection's answer counts only when the structure is sound (on a broken one it may fail)
        java.util.concurrent.CompletableFuture<List<ModelProblem>> projected = model.hosts().size() < 500
                ? null : java.util.concurrent.CompletableFuture.supplyAsync(() -> Projection.check(model));
        ModelValidator v = new ModelValidator(model);
        v.run();
        if (v.problems.isEmpty()) {
            if (projected == null) {
                v.problems.addAll(Projection.check(model));
            } else {
                try {
                    v.problems.addAll(projected.join());
                } catch (java.util.concurrent.CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        } else if (projected != null) {
            projected.cancel(false);
        }
        return List.copyOf(v.problems);
    }

    public static void requireValid(CloudModel model) throws InvalidModelException {
        List<ModelProblem> problems = validate(model);
        if (!problems.isEmpty()) {
            throw new InvalidModelException(problems);
        }
    }

    private void problem(String path, String message) {
        problems.add(new ModelProblem(path, message));
    }

    private void run() {
        if (model.schemaVersion() != CloudModel.SCHEMA_VERSION) {
            problem("schemaVersion", model.schemaVersion() > CloudModel.SCHEMA_VERSION
                    ? "made by a newer Placement Studio (schema " + model.schemaVersion() + ", this build reads up to "
                    + CloudModel.SCHEMA_VERSION + ")"
                    : "unsupported schema version " + model.schemaVersion());
            return;
        }
        Set<String> cells = unique("cells", model.cells(), Cell::name);
        for (int i = 0; i < model.cells().size(); i++) {
            Cell c = model.cells().get(i);
            if ("cell0".equals(c.name())) {
                problem("cells[" + i + "].name", "cell0 is implicit (it holds instances that failed to schedule); do not list it");
            }
            checkUuid("cells[" + i + "].uuid", c.uuid());
        }
        Set<String> aggregates = unique("aggregates", model.aggregates(), Aggregate::name);
        for (int i = 0; i < model.aggregates().size(); i++) {
            checkUuid("aggregates[" + i + "].uuid", model.aggregates().get(i).uuid());
        }
        Set<String> pools = unique("sharedStorage", model.sharedStorage(), SharedStoragePool::name);
        Set<String> hostNames = new HashSet<>();
        for (int i = 0; i < model.hosts().size(); i++) {
            checkHost("hosts[" + i + "]", model.hosts().get(i), cells, aggregates, pools, hostNames);
        }
        for (int i = 0; i < model.baremetalNodes().size(); i++) {
            checkBaremetal("baremetalNodes[" + i + "]", model.baremetalNodes().get(i), cells, aggregates, hostNames);
        }
        for (int i = 0; i < model.sharedStorage().size(); i++) {
            SharedStoragePool p = model.sharedStorage().get(i);
            String path = "sharedStorage[" + i + "]";
            required(path + ".name", p.name());
            checkUuid(path + ".uuid", p.uuid());
            if (p.diskGb() <= 0) {
                problem(path + ".diskGb", "a shared storage pool needs a positive size, got " + p.diskGb());
            }
            if (p.reservedGb() < 0 || p.reservedGb() > p.diskGb()) {
                problem(path + ".reservedGb", "reserved must be between 0 and the pool size, got " + p.reservedGb());
            }
            if (p.allocationRatio() <= 0) {
                problem(path + ".allocationRatio", "allocation ratio must be positive, got " + p.allocationRatio());
            }
            if (p.aggregates().isEmpty()) {
                problem(path + ".aggregates", "a sharing provider must be in at least one aggregate to be shared");
            }
            refs(path + ".aggregates", p.aggregates(), aggregates, "aggregate");
            traits(path + ".traits", p.traits());
        }
        Set<String> profiles = unique("deviceProfiles", model.deviceProfiles(), DeviceProfile::name);
        for (int i = 0; i < model.deviceProfiles().size(); i++) {
            DeviceProfile d = model.deviceProfiles().get(i);
            if (d.groups().isEmpty()) {
                problem("deviceProfiles[" + i + "].groups", "a device profile needs at least one group");
            }
            for (int g = 0; g < d.groups().size(); g++) {
                checkSpecs("deviceProfiles[" + i + "].groups[" + g + "]", d.groups().get(g), profiles, false);
            }
        }
        Set<String> flavors = unique("flavors", model.flavors(), Flavor::name);
        for (int i = 0; i < model.flavors().size(); i++) {
            Flavor f = model.flavors().get(i);
            String path = "flavors[" + i + "]";
            if (f.vcpus() < 0) {
                problem(path + ".vcpus", "vcpus cannot be negative, got " + f.vcpus());
            }
            if (f.ramMb() < 0) {
                problem(path + ".ramMb", "ramMb cannot be negative, got " + f.ramMb());
            }
            if (f.diskGb() < 0) {
                problem(path + ".diskGb", "diskGb cannot be negative, got " + f.diskGb());
            }
            checkSpecs(path + ".extraSpecs", f.extraSpecs(), profiles, true);
        }
        Set<String> images = unique("images", model.images(), Image::name);
        for (int i = 0; i < model.images().size(); i++) {
            String path = "images[" + i + "].properties.";
            model.images().get(i).properties().forEach((k, v) -> {
                if (k.startsWith("trait:")) {
                    checkTraitSpec(path + k, k, v);
                }
            });
        }
        Set<String> ports = unique("ports", model.ports(), Port::name);
        Set<String> physnets = new HashSet<>();
        model.hosts().forEach(h -> h.pfs().forEach(pf -> physnets.add(pf.physnet())));
        for (int i = 0; i < model.ports().size(); i++) {
            Port p = model.ports().get(i);
            String path = "ports[" + i + "]";
            if (!Set.of("normal", "direct", "macvtap", "direct-physical", "baremetal", "virtio-forwarder").contains(p.vnicType())) {
                problem(path + ".vnicType", "unknown vnic type '" + p.vnicType() + "'");
            }
            if (p.isSriov() && (p.physnet() == null || p.physnet().isBlank())) {
                problem(path + ".physnet", "an SR-IOV port needs a physnet");
            } else if (p.isSriov() && !physnets.contains(p.physnet())) {
                problem(path + ".physnet", "no host has a PF on physnet '" + p.physnet() + "'");
            }
            if (p.minEgressKbps() < 0 || p.minIngressKbps() < 0) {
                problem(path, "minimum bandwidth cannot be negative");
            }
        }
        Set<String> groups = unique("serverGroups", model.serverGroups(), ServerGroup::name);
        for (int i = 0; i < model.serverGroups().size(); i++) {
            if (model.serverGroups().get(i).policy() == null) {
                problem("serverGroups[" + i + "].policy", "a server group needs a policy");
            }
            checkUuid("serverGroups[" + i + "].uuid", model.serverGroups().get(i).uuid());
            ServerGroup g = model.serverGroups().get(i);
            if (g.maxServerPerHost() != null) {
                if (g.policy() != ServerGroupPolicy.ANTI_AFFINITY) {
                    problem("serverGroups[" + i + "].maxServerPerHost",
                            "Nova allows the max_server_per_host rule only with the anti-affinity policy");
                } else if (g.maxServerPerHost() < 1) {
                    problem("serverGroups[" + i + "].maxServerPerHost",
                            "max_server_per_host must be at least 1, got " + g.maxServerPerHost());
                }
            }
        }
        Set<String> instances = unique("instances", model.instances(), Instance::name);
        Set<String> bmNames = new HashSet<>();
        model.baremetalNodes().forEach(n -> bmNames.add(n.name()));
        Map<String, String> hostCell = new HashMap<>();
        model.hosts().forEach(h -> hostCell.put(h.hostname(), h.cell()));
        model.baremetalNodes().forEach(n -> hostCell.put(n.name(), n.cell()));
        for (int i = 0; i < model.instances().size(); i++) {
            Instance in = model.instances().get(i);
            String path = "instances[" + i + "]";
            checkUuid(path + ".uuid", in.uuid());
            ref(path + ".flavor", in.flavor(), flavors, "flavor", true);
            ref(path + ".image", in.image(), images, "image", false);
            ref(path + ".serverGroup", in.serverGroup(), groups, "server group", false);
            refs(path + ".ports", in.ports(), ports, "port");
            if (in.host() != null) {
                if (!hostCell.containsKey(in.host())) {
                    problem(path + ".host", "no compute host or bare-metal node named '" + in.host() + "'");
                } else if (in.cell() != null && !in.cell().equals(hostCell.get(in.host()))) {
                    problem(path + ".cell", "instance is in cell '" + in.cell() + "' but its host '" + in.host()
                            + "' is in cell '" + hostCell.get(in.host()) + "'");
                }
            } else if (in.state() == InstanceState.ACTIVE) {
                problem(path + ".host", "an ACTIVE instance needs a host");
            }
            for (int p = 0; p < in.ports().size(); p++) {
                String portName = in.ports().get(p);
                Port port = model.ports().stream().filter(x -> x.name().equals(portName)).findFirst().orElse(null);
                if (port != null && port.isSriov() && in.host() != null && !bmNames.contains(in.host())) {
                    ComputeHost h = model.host(in.host()).orElse(null);
                    if (h != null && h.pfs().stream().noneMatch(pf -> pf.physnet().equals(port.physnet()))) {
                        problem(path + ".ports[" + p + "]", "port '" + port.name() + "' needs a VF on physnet '"
                                + port.physnet() + "' but host '" + in.host() + "' has no NIC on that physnet");
                    }
                }
            }
        }
        for (int i = 0; i < model.migrations().size(); i++) {
            Migration m = model.migrations().get(i);
            String path = "migrations[" + i + "]";
            checkUuid(path + ".uuid", m.uuid());
            ref(path + ".instance", m.instance(), instances, "instance", true);
            if (!hostCell.containsKey(m.source())) {
                problem(path + ".source", "no host named '" + m.source() + "'");
            }
            if (!hostCell.containsKey(m.destination())) {
                problem(path + ".destination", "no host named '" + m.destination() + "'");
            }
            if (m.source() != null && m.source().equals(m.destination()) && m.type() != MigrationType.RESIZE) {
                problem(path + ".destination", "a migration needs a destination other than its source");
            }
            ref(path + ".newFlavor", m.newFlavor(), flavors, "flavor", false);
        }
        SchedulerSettings s = model.scheduler();
        for (int i = 0; i < s.enabledFilters().size(); i++) {
            if (!KNOWN_FILTERS.contains(s.enabledFilters().get(i))) {
                problem("scheduler.enabledFilters[" + i + "]", "unknown filter '" + s.enabledFilters().get(i)
                        + "': Scheduler Host Filter " + s.enabledFilters().get(i) + " could not be found.");
            }
        }
        checkFilterOptions(s.effectiveFilterOptions());
        if (s.maxAttempts() < 1) {
            problem("scheduler.maxAttempts", "max_attempts must be at least 1, got " + s.maxAttempts());
        }
        if (s.hostSubsetSize() < 1) {
            problem("scheduler.hostSubsetSize", "host_subset_size must be at least 1, got " + s.hostSubsetSize());
        }
        if (s.maxPlacementResults() < 1) {
            problem("scheduler.maxPlacementResults", "max_placement_results must be at least 1");
        }
    }

    private void checkFilterOptions(FilterOptions o) {
        String p = "scheduler.filterOptions.";
        if (o.maxIoOpsPerHost() < 0) {
            problem(p + "maxIoOpsPerHost", "max_io_ops_per_host cannot be negative, got " + o.maxIoOpsPerHost());
        }
        if (o.maxInstancesPerHost() < 1) {
            problem(p + "maxInstancesPerHost", "max_instances_per_host must be at least 1, got "
                    + o.maxInstancesPerHost());
        }
        String arch = o.imagePropertiesDefaultArchitecture();
        if (arch != null && !ARCHITECTURES.contains(arch)) {
            problem(p + "imagePropertiesDefaultArchitecture", "'" + arch + "' is not an architecture Nova knows");
        }
        for (int i = 0; i < o.metricsWeightSetting().size(); i++) {
            String[] kv = o.metricsWeightSetting().get(i).split("=", -1);
            boolean ok = kv.length == 2 && !kv[0].isBlank();
            try {
                Double.parseDouble(ok ? kv[1].strip() : "x");
            } catch (NumberFormatException e) {
                ok = false;
            }
            if (!ok) {
                problem(p + "metricsWeightSetting[" + i + "]", "a weight setting is name=ratio, got '"
                        + o.metricsWeightSetting().get(i) + "'");
            }
        }
        Set<String> aliases = new HashSet<>();
        for (int i = 0; i < o.pciAliases().size(); i++) {
            FilterOptions.PciAlias a = o.pciAliases().get(i);
            String ap = p + "pciAliases[" + i + "]";
            required(ap + ".name", a.name());
            if (a.name() != null && !aliases.add(a.name())) {
                problem(ap + ".name", "duplicate PCI alias '" + a.name() + "'");
            }
            if (a.deviceType() != null && !Set.of("type-PCI", "type-PF", "type-VF").contains(a.deviceType())) {
                problem(ap + ".deviceType", "device_type is type-PCI, type-PF or type-VF, got '" + a.deviceType() + "'");
            }
            if (a.numaPolicy() != null
                    && !Set.of("required", "legacy", "preferred", "socket").contains(a.numaPolicy())) {
                problem(ap + ".numaPolicy", "numa_policy is required, legacy, preferred or socket, got '"
                        + a.numaPolicy() + "'");
            }
        }
        if (o.pciDeviceSpec() != null) {
            checkDeviceSpec(p + "pciDeviceSpec", o.pciDeviceSpec());
        }
    }

    /** {@code [pci] device_spec}: each entry names something, ids are 4 hex digits, a devname is a PF or GPU. */
    private void checkDeviceSpec(String path, List<FilterOptions.PciDeviceSpec> spec) {
        Set<String> devices = new HashSet<>();
        for (ComputeHost h : model.hosts()) {
            h.pfs().forEach(pf -> devices.add(pf.name()));
            h.gpus().forEach(g -> devices.add(g.name()));
        }
        for (int i = 0; i < spec.size(); i++) {
            FilterOptions.PciDeviceSpec d = spec.get(i);
            String dp = path + "[" + i + "]";
            if (d == null || d.devname() == null && d.vendorId() == null && d.productId() == null) {
                problem(dp, "a device_spec entry names a devname, a vendorId or a productId");
                continue;
            }
            if (d.vendorId() != null && !d.vendorId().matches("[0-9a-fA-F]{4}")) {
                problem(dp + ".vendorId", "a PCI vendor id is 4 hex digits, got '" + d.vendorId() + "'");
            }
            if (d.productId() != null && !d.productId().matches("[0-9a-fA-F]{4}")) {
                problem(dp + ".productId", "a PCI product id is 4 hex digits, got '" + d.productId() + "'");
            }
            if (d.devname() != null && !devices.contains(d.devname())) {
                problem(dp + ".devname", "no host has a PF or GPU named '" + d.devname() + "'");
            }
        }
    }

    private void checkHost(String path, ComputeHost h, Set<String> cells, Set<String> aggregates, Set<String> pools,
                           Set<String> hostNames) {
        required(path + ".hostname", h.hostname());
        if (h.hostname() != null && !hostNames.add(h.hostname())) {
            problem(path + ".hostname", "duplicate host name '" + h.hostname() + "'");
        }
        checkUuid(path + ".uuid", h.uuid());
        ref(path + ".cell", h.cell(), cells, "cell", true);
        refs(path + ".aggregates", h.aggregates(), aggregates, "aggregate");
        traits(path + ".cpuTraits", h.cpuTraits());
        traits(path + ".traits", h.traits());
        if (h.numaNodes().isEmpty()) {
            problem(path + ".numaNodes", "a host needs at least one NUMA node (its CPUs and memory)");
        }
        Set<Integer> ids = new HashSet<>();
        for (int n = 0; n < h.numaNodes().size(); n++) {
            NumaNode node = h.numaNodes().get(n);
            String np = path + ".numaNodes[" + n + "]";
            if (!ids.add(node.id())) {
                problem(np + ".id", "duplicate NUMA node id " + node.id());
            }
            if (node.cpus() < 0) {
                problem(np + ".cpus", "CPUs cannot be negative, got " + node.cpus());
            }
            if (node.pcpus() < 0) {
                problem(np + ".pcpus", "dedicated CPUs cannot be negative, got " + node.pcpus());
            }
            if (node.memoryMb() <= 0) {
                problem(np + ".memoryMb", "a NUMA node needs memory, got " + node.memoryMb());
            }
            if (node.hugepages1g() < 0 || node.hugepages1g() * 1024L > node.memoryMb()) {
                problem(np + ".hugepages1g", "huge pages must fit in the node's memory");
            }
        }
        if (h.diskGb() < 0) {
            problem(path + ".diskGb", "disk cannot be negative, got " + h.diskGb());
        }
        if (h.architecture() != null && !ARCHITECTURES.contains(h.architecture())) {
            problem(path + ".architecture", "'" + h.architecture() + "' is not an architecture Nova knows ("
                    + String.join(", ", new java.util.TreeSet<>(ARCHITECTURES)) + ")");
        }
        if (h.hypervisorVersion() != null && !h.hypervisorVersion().matches("\\d{1,3}(\\.\\d{1,3}){0,2}")) {
            problem(path + ".hypervisorVersion", "a hypervisor version is up to three dot-separated numbers "
                    + "below 1000, such as 7.2.0; got '" + h.hypervisorVersion() + "'");
        }
        if (h.sharedStorage() != null) {
            if (!pools.contains(h.sharedStorage())) {
                problem(path + ".sharedStorage", "no shared storage pool named '" + h.sharedStorage() + "'");
            } else {
                SharedStoragePool pool = model.sharedStorage().stream()
                        .filter(p -> p.name().equals(h.sharedStorage())).findFirst().orElseThrow();
                if (pool.aggregates().stream().noneMatch(h.aggregates()::contains)) {
                    problem(path + ".sharedStorage", "host is in none of pool '" + pool.name()
                            + "''s aggregates " + pool.aggregates() + ", so Placement would not share it");
                }
            }
            if (h.diskGb() > 0) {
                problem(path + ".diskGb", "a host uses either local disk or shared storage, not both");
            }
        }
        ReservedResources r = h.reserved();
        if (r.vcpus() < 0 || r.memoryMb() < 0 || r.diskGb() < 0) {
            problem(path + ".reserved", "reserved resources cannot be negative");
        }
        if (r.memoryMb() > h.totalMemoryMb() && h.totalMemoryMb() > 0) {
            problem(path + ".reserved.memoryMb", "reserves " + r.memoryMb() + " MB but the host has only "
                    + h.totalMemoryMb() + " MB");
        }
        AllocationRatios a = h.allocationRatios();
        if (a.cpu() <= 0 || a.ram() <= 0 || a.disk() <= 0) {
            problem(path + ".allocationRatios", "allocation ratios must be positive");
        }
        Set<String> devices = new HashSet<>();
        for (int i = 0; i < h.pfs().size(); i++) {
            PhysicalFunction pf = h.pfs().get(i);
            String pp = path + ".pfs[" + i + "]";
            required(pp + ".name", pf.name());
            device(pp + ".name", pf.name(), devices);
            numaRef(pp + ".numaNode", pf.numaNode(), ids);
            required(pp + ".physnet", pf.physnet());
            if (pf.vfs() < 0) {
                problem(pp + ".vfs", "VF count cannot be negative, got " + pf.vfs());
            }
            if (pf.egressKbps() < 0 || pf.ingressKbps() < 0) {
                problem(pp, "bandwidth cannot be negative");
            }
        }
        for (int i = 0; i < h.gpus().size(); i++) {
            GpuDevice g = h.gpus().get(i);
            String gp = path + ".gpus[" + i + "]";
            required(gp + ".name", g.name());
            device(gp + ".name", g.name(), devices);
            numaRef(gp + ".numaNode", g.numaNode(), ids);
            if (g.count() < 1) {
                problem(gp + ".count", "a GPU offers at least one unit, got " + g.count());
            }
        }
        for (int i = 0; i < h.accelerators().size(); i++) {
            Accelerator acc = h.accelerators().get(i);
            String ap = path + ".accelerators[" + i + "]";
            required(ap + ".name", acc.name());
            device(ap + ".name", acc.name(), devices);
            numaRef(ap + ".numaNode", acc.numaNode(), ids);
            if (acc.count() < 1) {
                problem(ap + ".count", "an accelerator offers at least one unit, got " + acc.count());
            }
            traits(ap + ".traits", acc.traits());
        }
    }

    private void checkBaremetal(String path, BaremetalNode n, Set<String> cells, Set<String> aggregates,
                                Set<String> hostNames) {
        required(path + ".name", n.name());
        if (n.name() != null && !hostNames.add(n.name())) {
            problem(path + ".name", "duplicate host or node name '" + n.name() + "'");
        }
        checkUuid(path + ".uuid", n.uuid());
        ref(path + ".cell", n.cell(), cells, "cell", true);
        refs(path + ".aggregates", n.aggregates(), aggregates, "aggregate");
        if (!StandardNames.isCustom(n.resourceClass())) {
            problem(path + ".resourceClass", "an Ironic node's resource class must be CUSTOM_*, got '"
                    + n.resourceClass() + "'");
        }
        traits(path + ".traits", n.traits());
    }

    private void checkSpecs(String path, Map<String, String> specs, Set<String> profiles, boolean flavor) {
        specs.forEach((k, v) -> {
            String p = path + "." + k;
            if (v == null) {
                problem(p, "needs a value (a string), not null"); // every check below reads the value
                return;
            }
            if (k.matches("resources[A-Za-z0-9_-]*:.*")) {
                String rc = k.substring(k.indexOf(':') + 1);
                if (!StandardNames.isValidResourceClass(rc)) {
                    problem(p, "unknown resource class '" + rc + "' (standard classes, or CUSTOM_*)");
                }
                try {
                    if (Long.parseLong(v.strip()) < 0) {
                        problem(p, "a resource amount cannot be negative, got " + v);
                    }
                } catch (NumberFormatException e) {
                    problem(p, "a resource amount must be a whole number, got '" + v + "'");
                }
            } else if (k.matches("trait[A-Za-z0-9_-]*:.*")) {
                checkTraitSpec(p, k, v);
            } else if (flavor && k.equals("hw:cpu_policy") && !Set.of("shared", "dedicated", "mixed").contains(v)) {
                problem(p, "hw:cpu_policy must be shared, dedicated or mixed, got '" + v + "'");
            } else if (flavor && k.equals("hw:numa_nodes")) {
                try {
                    if (Integer.parseInt(v) < 1) {
                        problem(p, "hw:numa_nodes must be at least 1");
                    }
                } catch (NumberFormatException e) {
                    problem(p, "hw:numa_nodes must be a number, got '" + v + "'");
                }
            } else if (flavor && k.equals("accel:device_profile") && !profiles.contains(v)) {
                problem(p, "no device profile named '" + v + "'");
            }
        });
    }

    private void checkTraitSpec(String path, String key, String value) {
        String trait = key.substring(key.indexOf(':') + 1);
        if (!StandardNames.isValidTrait(trait)) {
            problem(path, "unknown trait '" + trait + "' (standard os-traits names, or CUSTOM_*)");
        }
        if (!"required".equals(value) && !"forbidden".equals(value)) {
            problem(path, "a trait must be 'required' or 'forbidden', got '" + value + "'");
        }
    }

    private void numaRef(String path, int node, Set<Integer> ids) {
        if (!ids.contains(node)) {
            problem(path, "no NUMA node " + node + " on this host");
        }
    }

    private void device(String path, String name, Set<String> devices) {
        if (name != null && !devices.add(name)) {
            problem(path, "duplicate device name '" + name + "' on this host");
        }
    }

    private void traits(String path, List<String> traits) {
        for (int i = 0; i < traits.size(); i++) {
            if (!StandardNames.isValidTrait(traits.get(i))) {
                problem(path + "[" + i + "]", "unknown trait '" + traits.get(i)
                        + "' (standard os-traits names, or CUSTOM_* in upper case)");
            }
        }
    }

    private void required(String path, String value) {
        if (value == null || value.isBlank()) {
            problem(path, "is required");
        }
    }

    private void checkUuid(String path, String value) {
        if (value == null) {
            return;
        }
        try {
            UUID.fromString(value);
            if (value.length() != 36) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            problem(path, "'" + value + "' is not a uuid");
        }
    }

    private void ref(String path, String value, Set<String> known, String kind, boolean mandatory) {
        if (value == null) {
            if (mandatory) {
                problem(path, "is required");
            }
            return;
        }
        if (!known.contains(value)) {
            problem(path, "no " + kind + " named '" + value + "'");
        }
    }

    private void refs(String path, List<String> values, Set<String> known, String kind) {
        for (int i = 0; i < values.size(); i++) {
            ref(path + "[" + i + "]", values.get(i), known, kind, true);
        }
    }

    private <T> Set<String> unique(String path, List<T> items, Function<T, String> name) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String n = name.apply(items.get(i));
            if (n == null || n.isBlank()) {
                problem(path + "[" + i + "].name", "is required");
            } else if (!seen.add(n)) {
                problem(path + "[" + i + "].name", "duplicate name '" + n + "'");
            }
        }
        return seen;
    }
}
