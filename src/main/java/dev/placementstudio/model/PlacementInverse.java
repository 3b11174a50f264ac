package dev.placementstudio.model;

import dev.placementstudio.model.PlacementState.ConsumerRecord;
import dev.placementstudio.model.PlacementState.ResourceProviderRecord;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inverse of the {@link Projection}: Placement state (and, when known, Nova's {@link CloudFacts}) back
 * to a model of hosts, NUMA nodes, devices, Ironic nodes, sharing pools, instances and migrations.
 * Uuids and names are kept, so the model projects to the same providers, inventories, traits, aggregates
 * and allocations. What fits no shape stays raw Placement state, listed in the {@link ImportReport}.
 * <p>
 * The result is checked the strong way: the model is validated and projected, and compared with the
 * input; anything that would not come back the same (a consumer over capacity, a migration whose
 * first-fit source differs) is demoted to raw and the model built again.
 */
public final class PlacementInverse {
    /** The model and the report of how it was made. */
    public record Result(CloudModel model, ImportReport report) {
    }

    private static final int ATTEMPTS = 6;

    private PlacementInverse() {
    }

    /** The model of a Placement state alone (a dump): one cell, the classic flavors. */
    public static Result toModel(PlacementState state, String name, String description) {
        return toModel(state, CloudFacts.NONE, name, description);
    }

    public static Result toModel(PlacementState state, CloudFacts facts, String name, String description) {
        Map<String, String> forcedRoots = new LinkedHashMap<>();
        Map<String, String> forcedConsumers = new LinkedHashMap<>();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            TreeInverse trees = new TreeInverse(state, facts, forcedRoots);
            ConsumerInverse consumers = new ConsumerInverse(state, facts, trees, forcedConsumers);
            CloudModel model = assemble(trees, consumers, name, description);
            List<ModelProblem> problems = ModelValidator.validate(model);
            if (problems.isEmpty()) {
                PlacementState back;
                try {
                    back = Projection.project(model);
                } catch (InvalidModelException e) {
                    throw new IllegalStateException("a valid model did not project", e);
                }
                List<String> diff = differences(state, back);
                if (diff.isEmpty()) {
                    return new Result(model, report(trees, consumers));
                }
                demoteDifferences(state, back, trees, forcedRoots, forcedConsumers);
            } else {
                demoteProblems(problems, model, trees, forcedRoots, forcedConsumers);
            }
        }
        // should not happen; keep everything raw rather than lose anything
        CloudModel raw = new CloudModel(CloudModel.SCHEMA_VERSION, name, description,
                List.of(new Cell("cell1", null, true)), null, null, null, null, Flavor.classics(), null, null, null,
                null, null, null, null, state);
        return new Result(raw, new ImportReport(Map.of("raw providers", state.resourceProviders().size()), List.of(),
                List.of(new ImportReport.Entry("cloud", "-", name, "the recognised model did not project back the same; "
                        + "everything was kept raw")), List.of()));
    }

    private static CloudModel assemble(TreeInverse t, ConsumerInverse c, String name, String description) {
        List<PlacementState.ResourceProviderRecord> rawProviders = t.rawProviders();
        Map<String, ConsumerRecord> rawConsumers = c.rawConsumers();
        Map<String, String> rawNames = t.rawAggregateNames();
        PlacementState raw = rawProviders.isEmpty() && rawConsumers.isEmpty() && rawNames.isEmpty() ? null
                : new PlacementState(rawProviders, rawConsumers, rawNames);
        return new CloudModel(CloudModel.SCHEMA_VERSION, name, description, t.cells(), t.aggregates(), t.hosts(),
                t.baremetalNodes(), t.pools(), c.flavors(), c.images(), c.ports(), c.deviceProfiles(), c.serverGroups(), c.instances(),
                c.migrations(), null, raw);
    }

    private static ImportReport report(TreeInverse t, ConsumerInverse c) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("hosts", t.hosts().size());
        counts.put("NUMA nodes in Placement", t.hosts().stream().filter(ComputeHost::numaInPlacement)
                .mapToInt(h -> h.numaNodes().size()).sum());
        counts.put("PFs", t.hosts().stream().mapToInt(h -> h.pfs().size()).sum());
        counts.put("GPUs", t.hosts().stream().mapToInt(h -> h.gpus().size()).sum());
        counts.put("accelerators", t.hosts().stream().mapToInt(h -> h.accelerators().size()).sum());
        counts.put("Ironic nodes", t.baremetalNodes().size());
        counts.put("sharing pools", t.pools().size());
        counts.put("aggregates", t.aggregates().size());
        counts.put("instances", c.instances().size());
        counts.put("migrations", c.migrations().size());
        counts.put("raw providers", t.rawProviders().size());
        counts.put("raw consumers", c.rawConsumers().size());
        List<ImportReport.Entry> raw = new ArrayList<>(t.rawEntries());
        raw.addAll(c.rawEntries());
        List<String> notes = new ArrayList<>(c.notes());
        long unknown = t.state().allocations().values().stream().filter(x -> "unknown".equals(x.consumerType())
                || x.consumerType() == null).count();
        if (unknown > 0) {
            notes.add(unknown + " consumers of type unknown (or none) were read as instances (INSTANCE)");
        }
        return new ImportReport(counts, c.synthesized(), raw, notes);
    }

    // -- checking the round trip --

    /**
     * Where two Placement states differ in what Placement would answer: providers (name, parent,
     * inventories, traits and aggregates as sets) and consumers' allocations. Empty when they agree.
     */
    public static List<String> differences(PlacementState expected, PlacementState actual) {
        List<String> out = new ArrayList<>();
        Map<String, ResourceProviderRecord> a = byUuid(actual);
        Map<String, ResourceProviderRecord> e = byUuid(expected);
        for (ResourceProviderRecord x : expected.resourceProviders()) {
            ResourceProviderRecord y = a.get(x.uuid());
            if (y == null) {
                out.add("provider " + x.name() + " (" + x.uuid() + ") is missing");
            } else if (!sameProvider(x, y)) {
                out.add("provider " + x.name() + " (" + x.uuid() + ") differs: " + x + " vs " + y);
            }
        }
        for (ResourceProviderRecord y : actual.resourceProviders()) {
            if (!e.containsKey(y.uuid())) {
                out.add("provider " + y.name() + " (" + y.uuid() + ") is extra");
            }
        }
        expected.allocations().forEach((uuid, c) -> {
            ConsumerRecord d = actual.allocations().get(uuid);
            if (d == null) {
                out.add("consumer " + uuid + " is missing");
            } else if (!sameConsumer(c, d)) {
                out.add("consumer " + uuid + " differs: " + c + " vs " + d);
            }
        });
        actual.allocations().keySet().stream().filter(u -> !expected.allocations().containsKey(u))
                .forEach(u -> out.add("consumer " + u + " is extra"));
        return out;
    }

    private static boolean sameProvider(ResourceProviderRecord x, ResourceProviderRecord y) {
        return x.name().equals(y.name()) && java.util.Objects.equals(x.parentProviderUuid(), y.parentProviderUuid())
                && x.inventories().equals(y.inventories()) && Set.copyOf(x.traits()).equals(Set.copyOf(y.traits()))
                && Set.copyOf(x.aggregates()).equals(Set.copyOf(y.aggregates()));
    }

    private static boolean sameConsumer(ConsumerRecord c, ConsumerRecord d) {
        return withoutEmpty(c.allocations()).equals(withoutEmpty(d.allocations()))
                && java.util.Objects.equals(c.projectId(), d.projectId())
                && java.util.Objects.equals(c.userId(), d.userId())
                && java.util.Objects.equals(consumerType(c), consumerType(d));
    }

    /** A consumer's type, with none and Placement's "unknown" (what Nova 26 leaves) read as INSTANCE. */
    static String consumerType(ConsumerRecord c) {
        return c.consumerType() == null || "unknown".equals(c.consumerType()) ? Projection.CONSUMER_INSTANCE : c.consumerType();
    }

    private static Map<String, Map<String, Long>> withoutEmpty(Map<String, Map<String, Long>> alloc) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        alloc.forEach((rp, res) -> {
            if (!res.isEmpty()) {
                out.put(rp, res);
            }
        });
        return out;
    }

    private static Map<String, ResourceProviderRecord> byUuid(PlacementState s) {
        Map<String, ResourceProviderRecord> m = new LinkedHashMap<>();
        s.resourceProviders().forEach(rp -> m.put(rp.uuid(), rp));
        return m;
    }

    private static void demoteDifferences(PlacementState expected, PlacementState actual, TreeInverse trees,
                                          Map<String, String> forcedRoots, Map<String, String> forcedConsumers) {
        Map<String, ResourceProviderRecord> a = byUuid(actual);
        Set<String> consumersSeen = new HashSet<>();
        for (ResourceProviderRecord x : expected.resourceProviders()) {
            ResourceProviderRecord y = a.get(x.uuid());
            if (y == null || !sameProvider(x, y)) {
                forcedRoots.putIfAbsent(trees.rootOf(x.uuid()), "its model would not project to the same providers");
            }
        }
        expected.allocations().forEach((uuid, c) -> {
            ConsumerRecord d = actual.allocations().get(uuid);
            if (d == null || !sameConsumer(c, d)) {
                consumersSeen.add(uuid);
                forcedConsumers.putIfAbsent(uuid, "as a model " + (Projection.CONSUMER_MIGRATION.equals(c.consumerType())
                        ? "migration its first-fit allocation on the source differs" : "instance it would not allocate the same"));
            }
        });
        if (consumersSeen.isEmpty() && forcedRoots.isEmpty()) {
            forcedRoots.put("*", "its model would not project to the same state");
        }
    }

    private static void demoteProblems(List<ModelProblem> problems, CloudModel model, TreeInverse trees,
                                       Map<String, String> forcedRoots, Map<String, String> forcedConsumers) {
        boolean any = false;
        for (ModelProblem p : problems) {
            String reason = "as a model it is invalid: " + p.path().replaceFirst("^[a-zA-Z]+\\[\\d+]\\.?", "")
                    + (p.path().contains(".") ? ": " : "") + p.message();
            int i = index(p.path());
            if (i < 0) {
                continue;
            }
            any = true;
            if (p.path().startsWith("hosts[")) {
                forcedRoots.putIfAbsent(model.hosts().get(i).effectiveUuid(), reason);
            } else if (p.path().startsWith("baremetalNodes[")) {
                forcedRoots.putIfAbsent(model.baremetalNodes().get(i).effectiveUuid(), reason);
            } else if (p.path().startsWith("sharedStorage[")) {
                forcedRoots.putIfAbsent(model.sharedStorage().get(i).effectiveUuid(), reason);
            } else if (p.path().startsWith("instances[")) {
                forcedConsumers.putIfAbsent(model.instances().get(i).effectiveUuid(), reason);
            } else if (p.path().startsWith("migrations[")) {
                forcedConsumers.putIfAbsent(model.migrations().get(i).effectiveUuid(), reason);
            } else if (p.path().startsWith("flavors[")) {
                forcedConsumers.putIfAbsent("flavor:" + model.flavors().get(i).name(), reason);
            } else if (p.path().startsWith("serverGroups[")) {
                forcedConsumers.putIfAbsent("group:" + model.serverGroups().get(i).name(), reason);
            } else if (p.path().startsWith("images[")) {
                forcedConsumers.putIfAbsent("image:" + model.images().get(i).name(), reason);
            } else if (p.path().startsWith("aggregates[")) {
                forcedRoots.putIfAbsent("aggregate:" + model.aggregates().get(i).name(), reason);
            } else {
                any = false;
            }
        }
        if (!any) {
            forcedRoots.put("*", "the recognised model is invalid: " + problems.get(0).path() + ": "
                    + problems.get(0).message());
        }
    }

    private static int index(String path) {
        int open = path.indexOf('[');
        int close = path.indexOf(']');
        if (open < 0 || close < open) {
            return -1;
        }
        try {
            return Integer.parseInt(path.substring(open + 1, close));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static Set<String> sortedSet(java.util.Collection<String> items) {
        return new LinkedHashSet<>(items.stream().sorted().toList());
    }
}
