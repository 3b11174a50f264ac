package dev.placementstudio.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placementstudio.conductor.Cloud;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.Image;
import dev.placementstudio.model.Instance;
import dev.placementstudio.model.InvalidModelException;
import dev.placementstudio.model.Projection;
import dev.placementstudio.model.SchedulerSettings;
import dev.placementstudio.model.ServerGroup;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.scheduler.Filters;
import dev.placementstudio.scheduler.RequestSpec;
import dev.placementstudio.scheduler.Scheduler;
import dev.placementstudio.scheduler.SchedulingReport;
import dev.placementstudio.scheduler.Selection;
import dev.placementstudio.scheduler.Weigher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code explain}: why one boot request lands where it does, or why no host is valid. Other tools read
 * the {@code --json} object: keep its shape.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explain where a boot request would land: Placement's candidates, each filter's drops with",
                "reasons, each weigher's raw and normalized values, the ranking and the Selection.",
                "No valid host is an answer (exit 0), not an error."})
final class ExplainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL")
    Path modelFile;

    @Option(names = "--flavor", required = true)
    String flavor;

    @Option(names = "--image")
    String image;

    @Option(names = "--server-group")
    String serverGroup;

    @Option(names = "--az")
    String az;

    @Option(names = "--hint", paramLabel = "KEY=VALUE")
    List<String> hints = new ArrayList<>();

    @Option(names = "--scheduler-config", paramLabel = "FILE.json")
    Path schedulerConfig;

    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() throws InputProblemException, IOException {
        CloudModel model = ModelFiles.open(modelFile);
        Flavor f = model.flavors().stream().filter(x -> x.name().equals(flavor)).findFirst()
                .orElseThrow(() -> new InputProblemException("--flavor", 0, 0, "", "no flavor '" + flavor
                        + "' in " + modelFile + " (it has " + model.flavors().stream().map(Flavor::name).toList() + ")"));
        Image img = null;
        if (image != null) {
            img = model.images().stream().filter(x -> x.name().equals(image)).findFirst()
                    .orElseThrow(() -> new InputProblemException("--image", 0, 0, "", "no image '" + image + "' in " + modelFile));
        }
        ServerGroup group = null;
        Set<String> groupHosts = new TreeSet<>();
        Set<String> groupMembers = new TreeSet<>();
        if (serverGroup != null) {
            group = model.serverGroups().stream().filter(g -> g.name().equals(serverGroup)).findFirst()
                    .orElseThrow(() -> new InputProblemException("--server-group", 0, 0, "", "no server group '"
                            + serverGroup + "' in " + modelFile));
            for (Instance i : model.instances()) {
                if (serverGroup.equals(i.serverGroup()) && i.host() != null) {
                    groupHosts.add(i.host());
                    groupMembers.add(i.effectiveUuid());
                }
            }
        }
        if (az != null && model.aggregates().stream().noneMatch(a -> az.equals(a.availabilityZone())) && !az.equals("nova")) {
            throw new InputProblemException("--az", 0, 0, "", "no availability zone '" + az + "' in " + modelFile);
        }
        Map<String, String> hintMap = new LinkedHashMap<>();
        for (String h : hints) {
            int eq = h.indexOf('=');
            if (eq <= 0) {
                throw new InputProblemException("--hint", 0, 0, "", "a hint is KEY=VALUE, not '" + h + "'");
            }
            hintMap.merge(h.substring(0, eq), h.substring(eq + 1), (a, b) -> a + "," + b);
        }
        SchedulerSettings settings = schedulerConfig == null ? model.scheduler() : readConfig(schedulerConfig, model.scheduler());
        RequestSpec spec = new RequestSpec("explain-" + flavor, "explain", f, img, List.of(),
                dev.placementstudio.conductor.Explainer.deviceProfileOf(model, f), group, groupHosts, az,
                hintMap, Instance.DEFAULT_PROJECT, Instance.DEFAULT_USER, Set.of(), null, groupMembers);
        dev.placementstudio.conductor.Explainer.Explanation x;
        try {
            x = dev.placementstudio.conductor.Explainer.explain(model, spec, settings);
        } catch (InvalidModelException e) {
            throw new InputProblemException(modelFile.toString(), 0, 0, e.problems().get(0).path(), e.problems().get(0).message());
        }
        Scheduler.Decision d = x.decision();
        SchedulingReport r = x.report();
        String noValidHost = x.noValidHost();
        if (json) {
            System.out.println(toJson(d, r, settings, noValidHost, x.hostStates()));
        } else {
            printReport(d, r, noValidHost);
        }
        return 0;
    }

    private static SchedulerSettings readConfig(Path file, SchedulerSettings base) throws InputProblemException {
        JsonNode n;
        try {
            n = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new InputProblemException(file.toString(), e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? 0 : e.getLocation().getColumnNr(), "", e.getOriginalMessage());
        } catch (IOException e) {
            throw new InputProblemException(file, "cannot read: " + e.getMessage());
        }
        if (n == null || !n.isObject()) {
            throw new InputProblemException(file.toString(), 1, 1, "", "a scheduler config is a JSON object");
        }
        Set<String> known = Set.of("enabled_filters", "weighers", "host_subset_size", "shuffle_best_same_weighed_hosts",
                "max_attempts", "max_placement_results");
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new InputProblemException(file.toString(), 0, 0, k, "unknown setting '" + k + "' (known: " + known + ")");
            }
        }
        List<String> filters = base.enabledFilters();
        if (n.has("enabled_filters")) {
            filters = new ArrayList<>();
            for (JsonNode f : n.get("enabled_filters")) {
                if (Filters.named(f.asText()) == null) {
                    throw new InputProblemException(file.toString(), 0, 0, "enabled_filters", "unknown filter '" + f.asText() + "'");
                }
                filters.add(f.asText());
            }
        }
        Map<String, Double> weighers = base.weighers();
        if (n.has("weighers")) {
            weighers = new LinkedHashMap<>();
            for (var it = n.get("weighers").fields(); it.hasNext(); ) {
                var e = it.next();
                try {
                    Weigher.resolve(e.getKey());
                } catch (IllegalArgumentException unknown) {
                    throw new InputProblemException(file.toString(), 0, 0, "weighers." + e.getKey(), unknown.getMessage());
                }
                if (!e.getValue().isNumber()) {
                    throw new InputProblemException(file.toString(), 0, 0, "weighers." + e.getKey(), "a multiplier is a number");
                }
                weighers.put(e.getKey(), e.getValue().asDouble());
            }
        }
        return new SchedulerSettings(filters, weighers,
                n.has("host_subset_size") ? n.get("host_subset_size").asInt() : base.hostSubsetSize(),
                n.has("shuffle_best_same_weighed_hosts") ? n.get("shuffle_best_same_weighed_hosts").asBoolean()
                        : base.shuffleBestSameWeighedHosts(),
                n.has("max_attempts") ? n.get("max_attempts").asInt() : base.maxAttempts(),
                n.has("max_placement_results") ? n.get("max_placement_results").asInt() : base.maxPlacementResults(),
                base.filterOptions());
    }

    private static String toJson(Scheduler.Decision d, SchedulingReport r, SchedulerSettings settings, String noValidHost,
                                 List<dev.placementstudio.conductor.Explainer.HostStateRow> hostStates) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("query", d.query());
        o.put("candidates", d.candidates());
        ArrayNode filters = o.putArray("filters");
        for (SchedulingReport.FilterStep s : d.filters()) {
            ObjectNode fo = filters.addObject().put("name", s.filter()).put("in", s.before()).put("out", s.after());
            ArrayNode dropped = fo.putArray("dropped");
            s.dropped().forEach((h, why) -> dropped.addObject().put("host", h).put("reason", why));
        }
        ArrayNode weighers = o.putArray("weighers");
        if (d.weights().size() > 1) {
            List<String> names = d.weights().get(0).values().stream().map(SchedulingReport.WeigherValue::weigher).toList();
            for (int w = 0; w < names.size(); w++) {
                ObjectNode wo = weighers.addObject().put("name", names.get(w))
                        .put("multiplier", settings.weighers().getOrDefault(names.get(w), Weigher.named(names.get(w)).defaultMultiplier()));
                ObjectNode raw = wo.putObject("raw");
                ObjectNode norm = wo.putObject("normalized");
                // the multiplier Nova applies to each host: signed, aggregate metadata overriding the setting
                ObjectNode mult = wo.putObject("multipliers");
                for (SchedulingReport.HostWeight hw : d.weights()) {
                    SchedulingReport.WeigherValue v = hw.values().get(w);
                    raw.put(hw.host(), v.raw());
                    norm.put(hw.host(), v.normalized());
                    mult.put(hw.host(), v.multiplier());
                }
            }
        }
        ArrayNode ranked = o.putArray("ranked");
        d.weights().forEach(w -> ranked.addObject().put("host", w.host()).put("weight", w.total()));
        if (r.selections().isEmpty()) {
            o.putNull("selection");
        } else {
            ObjectNode sel = o.putObject("selection").put("host", r.selections().get(0).serviceHost());
            ArrayNode alts = sel.putArray("alternates");
            r.selections().subList(1, r.selections().size()).forEach(s -> alts.add(s.serviceHost()));
        }
        if (noValidHost == null) {
            o.putNull("no_valid_host");
        } else {
            o.put("no_valid_host", noValidHost);
        }
        // each candidate host as the compute's resource tracker reports it (what the weighers read)
        ObjectNode states = o.putObject("host_states");
        for (var row : hostStates) {
            var cn = row.compute();
            ObjectNode h = states.putObject(row.host());
            h.put("vcpus", cn.vcpus()).put("vcpus_used", cn.vcpusUsed()).put("cpu_allocation_ratio", cn.cpuAllocationRatio());
            h.put("memory_mb", cn.memoryMb()).put("free_ram_mb", cn.freeRamMb());
            h.put("local_gb", cn.localGb()).put("local_gb_used", cn.localGbUsed()).put("free_disk_gb", cn.freeDiskGb());
            if (cn.diskAvailableLeast() == null) {
                h.putNull("disk_available_least");
            } else {
                h.put("disk_available_least", cn.diskAvailableLeast());
            }
            h.put("free_disk_mb", cn.freeDiskMb()).put("num_instances", cn.numInstances())
                    .put("num_io_ops", row.ioOps()).put("failed_builds", row.failedBuilds())
                    .put("pci_free", cn.freePciDevices());
        }
        return o.toString();
    }

    private static void printReport(Scheduler.Decision d, SchedulingReport r, String noValidHost) {
        System.out.print(dev.placementstudio.conductor.Explainer.text(
                new dev.placementstudio.conductor.Explainer.Explanation(d, r, noValidHost)));
    }
}
