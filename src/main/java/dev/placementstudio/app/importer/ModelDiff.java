package dev.placementstudio.app.importer;

import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.ComputeHost;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.Instance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changed between the open model and a fresh import of its cloud: hosts added and removed,
 * instances added, removed and moved, and each host's usage (instances, VCPU, MEMORY_MB, DISK_GB of their
 * flavors) where it differs. Pure: no FX, no I/O; the refresh dialog lists these and Keep takes the new model.
 */
public final class ModelDiff {
    private ModelDiff() {
    }

    public enum Kind { HOST_ADDED, HOST_REMOVED, INSTANCE_ADDED, INSTANCE_REMOVED, INSTANCE_MOVED, USAGE_CHANGED, OTHER }

    /** One change: its kind, what it is about (a host or instance name), and a line for people. */
    public record Change(Kind kind, String subject, String text) {
    }

    /** The changes from {@code before} to {@code after}, hosts first, then instances, then usage. */
    public record Diff(CloudModel before, CloudModel after, List<Change> changes) {
        public Diff {
            changes = List.copyOf(changes);
        }

        public boolean isEmpty() {
            return changes.isEmpty();
        }

        /** Keep: the fresh import replaces the open model. */
        public CloudModel keep() {
            return after;
        }

        /** Drop: the open model stays as it was. */
        public CloudModel drop() {
            return before;
        }

        public long count(Kind kind) {
            return changes.stream().filter(c -> c.kind() == kind).count();
        }

        /** "2 hosts added, 1 instance moved, …" or "no changes". */
        public String summary() {
            List<String> parts = new ArrayList<>();
            for (Kind k : Kind.values()) {
                long n = count(k);
                if (n > 0) {
                    parts.add(n + " " + label(k, n));
                }
            }
            return parts.isEmpty() ? "no changes" : String.join(", ", parts);
        }
    }

    private static String label(Kind k, long n) {
        String s = n == 1 ? "" : "s";
        return switch (k) {
            case HOST_ADDED -> "host" + s + " added";
            case HOST_REMOVED -> "host" + s + " removed";
            case INSTANCE_ADDED -> "instance" + s + " added";
            case INSTANCE_REMOVED -> "instance" + s + " removed";
            case INSTANCE_MOVED -> "instance" + s + " moved";
            case USAGE_CHANGED -> "host" + s + " with changed usage";
            case OTHER -> "other change" + s;
        };
    }

    public static Diff diff(CloudModel a, CloudModel b) {
        Objects.requireNonNull(a);
        Objects.requireNonNull(b);
        List<Change> out = new ArrayList<>();
        Map<String, ComputeHost> ha = CloudModel.byName(a.hosts(), ComputeHost::hostname);
        Map<String, ComputeHost> hb = CloudModel.byName(b.hosts(), ComputeHost::hostname);
        for (String h : new TreeSet<>(hb.keySet())) {
            if (!ha.containsKey(h)) {
                out.add(new Change(Kind.HOST_ADDED, h, "host " + h + " added (cell " + hb.get(h).cell() + ")"));
            }
        }
        for (String h : new TreeSet<>(ha.keySet())) {
            if (!hb.containsKey(h)) {
                out.add(new Change(Kind.HOST_REMOVED, h, "host " + h + " removed"));
            }
        }
        Map<String, Instance> ia = instances(a);
        Map<String, Instance> ib = instances(b);
        for (var e : new TreeMap<>(ib).entrySet()) {
            Instance old = ia.get(e.getKey());
            Instance now = e.getValue();
            if (old == null) {
                out.add(new Change(Kind.INSTANCE_ADDED, now.name(), "instance " + now.name() + " added on " + where(now)));
            } else if (!Objects.equals(old.host(), now.host())) {
                out.add(new Change(Kind.INSTANCE_MOVED, now.name(),
                        "instance " + now.name() + " moved from " + where(old) + " to " + where(now)));
            }
        }
        for (var e : new TreeMap<>(ia).entrySet()) {
            if (!ib.containsKey(e.getKey())) {
                out.add(new Change(Kind.INSTANCE_REMOVED, e.getValue().name(),
                        "instance " + e.getValue().name() + " removed from " + where(e.getValue())));
            }
        }
        Map<String, long[]> ua = usage(a);
        Map<String, long[]> ub = usage(b);
        for (String h : new TreeSet<>(ha.keySet())) {
            if (!hb.containsKey(h)) {
                continue;
            }
            long[] x = ua.getOrDefault(h, new long[4]);
            long[] y = ub.getOrDefault(h, new long[4]);
            if (!java.util.Arrays.equals(x, y)) {
                out.add(new Change(Kind.USAGE_CHANGED, h, "host " + h + ": " + usageText(x, y)));
            }
        }
        if (out.isEmpty() && !a.equals(b)) {
            out.add(new Change(Kind.OTHER, b.name(), "flavors, aggregates, traits or other settings differ"));
        }
        return new Diff(a, b, out);
    }

    /** Instances by UUID (a model's own, or the one its name stands for): a rename is not a new server. */
    private static Map<String, Instance> instances(CloudModel m) {
        Map<String, Instance> out = new LinkedHashMap<>();
        for (Instance i : m.instances()) {
            out.put(i.effectiveUuid(), i);
        }
        return out;
    }

    private static String where(Instance i) {
        return i.host() == null ? "no host" : i.host();
    }

    /** Per host: {instances, VCPU, MEMORY_MB, DISK_GB} of the flavors of the instances on it. */
    static Map<String, long[]> usage(CloudModel m) {
        Map<String, Flavor> flavors = CloudModel.byName(m.flavors(), Flavor::name);
        Map<String, long[]> out = new LinkedHashMap<>();
        for (Instance i : m.instances()) {
            if (i.host() == null) {
                continue;
            }
            long[] u = out.computeIfAbsent(i.host(), k -> new long[4]);
            u[0]++;
            Flavor f = flavors.get(i.flavor());
            if (f != null) {
                u[1] += f.vcpus();
                u[2] += f.ramMb();
                u[3] += f.diskGb();
            }
        }
        return out;
    }

    private static String usageText(long[] x, long[] y) {
        String[] names = {"instances", "VCPU", "MEMORY_MB", "DISK_GB"};
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < names.length; k++) {
            if (x[k] != y[k]) {
                parts.add(names[k] + " " + x[k] + " → " + y[k]);
            }
        }
        return String.join(", ", parts);
    }
}
