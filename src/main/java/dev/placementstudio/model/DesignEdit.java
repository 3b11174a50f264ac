package dev.placementstudio.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One what-if change of a design, in the words of the workbench's undoable edits: add hosts like an
 * existing one, remove hosts, add PFs, GPUs or accelerators like existing ones, change allocation ratios
 * or reserved resources, change the scheduler's filters or weigher multipliers. A design is a list of
 * them applied in order to a base model (a portfolio's). Host selections are hostnames or globs
 * ({@code cn-*}); a selection that matches nothing is refused, so a typo does not make a design equal
 * to its base. {@link #apply} throws {@link IllegalArgumentException} with the reason in words.
 */
public sealed interface DesignEdit {
    CloudModel apply(CloudModel m);

    /** {@code count} copies of host {@code like} (devices and settings, no instances) in a cell and rack. */
    record AddHosts(String like, int count, String cell, String rack) implements DesignEdit {
        public CloudModel apply(CloudModel m) {
            ComputeHost t = m.host(like).orElseThrow(() -> new IllegalArgumentException("no host " + like));
            if (cell != null && m.cells().stream().noneMatch(c -> c.name().equals(cell))) {
                throw new IllegalArgumentException("no cell " + cell);
            }
            Set<String> taken = hostNames(m);
            List<ComputeHost> hosts = new ArrayList<>(m.hosts());
            int at = hosts.indexOf(t) + 1;
            String base = like;
            for (int i = 0; i < count; i++) {
                String name = freeName(base, taken);
                taken.add(name);
                base = name;
                ComputeHost h = t.withHostname(name, null);
                h = cell == null ? h : h.withCell(cell);
                h = rack == null ? h : h.withRack(rack);
                hosts.add(at++, h);
            }
            return m.withHosts(hosts);
        }
    }

    /** Removes hosts, the instances on them and the migrations from or to them. */
    record RemoveHosts(List<String> hosts) implements DesignEdit {
        public CloudModel apply(CloudModel m) {
            Set<String> gone = new HashSet<>(select(m, hosts));
            List<ComputeHost> kept = m.hosts().stream().filter(h -> !gone.contains(h.hostname())).toList();
            List<Instance> instances = m.instances().stream().filter(i -> !gone.contains(i.host())).toList();
            Set<String> left = new HashSet<>();
            instances.forEach(i -> left.add(i.name()));
            List<Migration> migrations = m.migrations().stream().filter(x -> left.contains(x.instance())
                    && !gone.contains(x.source()) && !gone.contains(x.destination())).toList();
            return m.withHosts(kept).withInstances(instances).withMigrations(migrations);
        }
    }

    /** The kinds of device a design can add. */
    enum DeviceKind { PF, GPU, ACCELERATOR }

    /**
     * {@code count} copies of device {@code device} of host {@code from} on each selected host, under free
     * names, on the same NUMA node id if the host has it (else its first).
     */
    record AddDevices(DeviceKind kind, List<String> hosts, String from, String device, int count)
            implements DesignEdit {
        public CloudModel apply(CloudModel m) {
            ComputeHost src = m.host(from).orElseThrow(() -> new IllegalArgumentException("no host " + from));
            Object proto = switch (kind) {
                case PF -> src.pfs().stream().filter(p -> p.name().equals(device)).findFirst().orElse(null);
                case GPU -> src.gpus().stream().filter(g -> g.name().equals(device)).findFirst().orElse(null);
                case ACCELERATOR -> src.accelerators().stream().filter(a -> a.name().equals(device)).findFirst()
                        .orElse(null);
            };
            if (proto == null) {
                throw new IllegalArgumentException(from + " has no " + kind.name().toLowerCase() + " " + device);
            }
            CloudModel out = m;
            for (String name : select(m, hosts)) {
                ComputeHost h = out.host(name).orElseThrow();
                List<PhysicalFunction> pfs = new ArrayList<>(h.pfs());
                List<GpuDevice> gpus = new ArrayList<>(h.gpus());
                List<Accelerator> accs = new ArrayList<>(h.accelerators());
                Set<String> taken = new HashSet<>();
                pfs.forEach(p -> taken.add(p.name()));
                gpus.forEach(g -> taken.add(g.name()));
                accs.forEach(a -> taken.add(a.name()));
                for (int i = 0; i < count; i++) {
                    String dn = taken.contains(device) ? freeName(device, taken) : device;
                    taken.add(dn);
                    if (proto instanceof PhysicalFunction p) {
                        pfs.add(new PhysicalFunction(dn, numaOn(h, p.numaNode()), p.physnet(), p.vfs(), p.egressKbps(),
                                p.ingressKbps()));
                    } else if (proto instanceof GpuDevice g) {
                        gpus.add(new GpuDevice(dn, numaOn(h, g.numaNode()), g.kind(), g.count(), g.model()));
                    } else if (proto instanceof Accelerator a) {
                        accs.add(new Accelerator(dn, numaOn(h, a.numaNode()), a.type(), a.vendor(), a.count(),
                                a.traits()));
                    }
                }
                out = replace(out, h, h.withDevices(pfs, gpus, accs));
            }
            return out;
        }
    }

    /** New overcommit ratios on the selected hosts (null hosts: all); a null ratio keeps the host's. */
    record SetAllocationRatios(List<String> hosts, Double cpu, Double ram, Double disk) implements DesignEdit {
        public CloudModel apply(CloudModel m) {
            CloudModel out = m;
            for (String name : hosts == null ? allHosts(m) : select(m, hosts)) {
                ComputeHost h = out.host(name).orElseThrow();
                AllocationRatios r = h.allocationRatios();
                out = replace(out, h, h.withCapacity(h.diskGb(), h.reserved(), new AllocationRatios(
                        cpu != null ? cpu : r.cpu(), ram != null ? ram : r.ram(), disk != null ? disk : r.disk())));
            }
            return out;
        }
    }

    /** New reserved resources on the selected hosts (null hosts: all); a null amount keeps the host's. */
    record SetReserved(List<String> hosts, Integer vcpus, Long memoryMb, Long diskGb) implements DesignEdit {
        public CloudModel apply(CloudModel m) {
            CloudModel out = m;
            for (String name : hosts == null ? allHosts(m) : select(m, hosts)) {
                ComputeHost h = out.host(name).orElseThrow();
                ReservedResources r = h.reserved();
                out = replace(out, h, h.withCapacity(h.diskGb(), new ReservedResources(
                        vcpus != null ? vcpus : r.vcpus(), memoryMb != null ? memoryMb : r.memoryMb(),
                        diskGb != null ? diskGb : r.diskGb()), h.allocationRatios()));
            }
            return out;
        }
    }

    /** The scheduler's {@code enabled_filters} (the queens era's; older eras keep their own lists). */
    record SetFilters(List<String> filters) implements DesignEdit {
        public CloudModel apply(CloudModel m) {
            SchedulerSettings s = m.scheduler();
            return m.withScheduler(new SchedulerSettings(filters, s.weighers(), s.hostSubsetSize(),
                    s.shuffleBestSameWeighedHosts(), s.maxAttempts(), s.maxPlacementResults(), s.filterOptions()));
        }
    }

    /**
     * Weigher multipliers: each named weigher gets its multiplier (added if absent); with {@code only},
     * the weighers not named are dropped.
     */
    record SetWeighers(Map<String, Double> multipliers, boolean only) implements DesignEdit {
        public CloudModel apply(CloudModel m) {
            SchedulerSettings s = m.scheduler();
            Map<String, Double> w = new LinkedHashMap<>(only ? Map.of() : s.weighers());
            w.putAll(multipliers);
            return m.withScheduler(new SchedulerSettings(s.enabledFilters(), w, s.hostSubsetSize(),
                    s.shuffleBestSameWeighedHosts(), s.maxAttempts(), s.maxPlacementResults(), s.filterOptions()));
        }
    }

    /** The hostnames a selection (names or globs with {@code *}) picks, in model order. */
    static List<String> select(CloudModel m, List<String> patterns) {
        List<String> out = new ArrayList<>();
        for (String p : patterns) {
            Pattern re = Pattern.compile(("\\Q" + p + "\\E").replace("*", "\\E.*\\Q"));
            boolean any = false;
            for (ComputeHost h : m.hosts()) {
                if (re.matcher(h.hostname()).matches()) {
                    any = true;
                    if (!out.contains(h.hostname())) {
                        out.add(h.hostname());
                    }
                }
            }
            if (!any) {
                throw new IllegalArgumentException("no host matches '" + p + "'");
            }
        }
        return out;
    }

    private static List<String> allHosts(CloudModel m) {
        return m.hosts().stream().map(ComputeHost::hostname).toList();
    }

    private static Set<String> hostNames(CloudModel m) {
        Set<String> names = new HashSet<>();
        m.hosts().forEach(h -> names.add(h.hostname()));
        m.baremetalNodes().forEach(b -> names.add(b.name()));
        return names;
    }

    private static CloudModel replace(CloudModel m, ComputeHost old, ComputeHost now) {
        List<ComputeHost> hosts = new ArrayList<>(m.hosts());
        hosts.set(hosts.indexOf(old), now);
        return m.withHosts(hosts);
    }

    private static Integer numaOn(ComputeHost h, Integer id) {
        if (id != null && h.numaNodes().stream().anyMatch(n -> n.id() == id)) {
            return id;
        }
        return h.numaNodes().isEmpty() ? 0 : h.numaNodes().get(0).id();
    }

    /** The next free name after {@code base}'s trailing number ("cn-8" gives "cn-9"), else "-copy". */
    static String freeName(String base, Set<String> taken) {
        Matcher mm = Pattern.compile("^(.*?)(\\d+)$").matcher(base);
        if (mm.matches()) {
            int width = mm.group(2).length();
            for (long k = Long.parseLong(mm.group(2)) + 1; ; k++) {
                String c = mm.group(1) + String.format("%0" + width + "d", k);
                if (!taken.contains(c)) {
                    return c;
                }
            }
        }
        String c = base + "-copy";
        for (int k = 2; taken.contains(c); k++) {
            c = base + "-copy" + k;
        }
        return c;
    }
}
