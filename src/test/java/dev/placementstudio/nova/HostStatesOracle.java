package dev.placementstudio.nova;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placementstudio.TestFiles;
import dev.placementstudio.model.HostStatus;
import dev.placementstudio.scheduler.ComputeNode;
import dev.placementstudio.scheduler.HostState;
import dev.placementstudio.scheduler.RequestSpec;
import dev.placementstudio.scheduler.Scheduler;
import dev.placementstudio.scheduler.SchedulingReport;
import dev.placementstudio.scheduler.Selection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Real Nova 26's filters and weighers on our host states: writes cases in the JSON of
 * {@code ../shared/nova-oracle/host_states.py} (see its docstring and HOST_STATES.md), runs them in one
 * {@code /usr/bin/python3} process (src/test/resources/nova-oracle/host_states_batch.py: one Nova import
 * for many cases), and compares Nova's answer with ours: survivors per filter, raw / normalized / per-host
 * multipliers per weigher, the ranking with ties as sets, and the Selection.
 *
 * <p>Tests that need Nova call {@link #assumeAvailable()} so that they skip where it is not installed.
 */
public final class HostStatesOracle {
    public static final Path PYTHON = Path.of("/usr/bin/python3");
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Relative tolerance of a float comparison (Nova and we do the same operations in the same order). */
    public static final double TOLERANCE = 1e-9;
    private static Boolean available;

    private HostStatesOracle() {
    }

    /** Where host_states.py lives: -Dnova.oracle.dir, else ../shared/nova-oracle next to the project. */
    public static Path oracleDir() {
        String d = System.getProperty("nova.oracle.dir", System.getenv("NOVA_ORACLE_DIR"));
        if (d != null) {
            return Path.of(d);
        }
        Path near = TestFiles.root().toAbsolutePath().getParent().resolve("shared/nova-oracle");
        return Files.isDirectory(near) ? near : Path.of("/work/shared/nova-oracle");
    }

    /** True when /usr/bin/python3 imports nova and host_states.py is there (checked once). */
    public static synchronized boolean available() {
        if (available == null) {
            boolean ok = false;
            if (Files.isExecutable(PYTHON) && Files.isRegularFile(oracleDir().resolve("host_states.py"))) {
                try {
                    Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import nova.scheduler.filters")
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
                } catch (IOException | InterruptedException e) {
                    ok = false;
                }
            }
            available = ok;
        }
        return available;
    }

    public static void assumeAvailable() {
        org.junit.jupiter.api.Assumptions.assumeTrue(available(),
                "real Nova is not installed (/usr/bin/python3 cannot import nova): see ../shared/nova-oracle/README.md");
    }

    // ------------------------------------------------------------------ writing cases

    /** A host as host_states.py reads it, from our host state and its aggregates' own metadata. */
    public static ObjectNode host(HostState h, Map<String, Map<String, String>> aggregateMetadata) {
        ObjectNode o = JSON.createObjectNode();
        ComputeNode cn = h.computeNode();
        o.put("host", h.name()).put("nodename", h.name()).put("cell", h.info().cell());
        o.put("uuid", h.info().uuid());
        o.put("vcpus", cn.vcpus()).put("vcpus_used", cn.vcpusUsed());
        o.put("memory_mb", cn.memoryMb()).put("free_ram_mb", cn.freeRamMb());
        o.put("local_gb", cn.localGb()).put("local_gb_used", cn.localGbUsed()).put("free_disk_gb", cn.freeDiskGb());
        if (cn.diskAvailableLeast() == null) {
            o.putNull("disk_available_least");
        } else {
            o.put("disk_available_least", cn.diskAvailableLeast());
        }
        o.put("num_instances", cn.numInstances()).put("io_ops", h.info().ioOps()).put("failed_builds", h.failedBuilds());
        o.put("disabled", h.info().status() == HostStatus.DISABLED);
        o.put("up", h.info().status() != HostStatus.DOWN);
        o.put("hypervisor_type", h.info().hypervisorType() == null ? "QEMU" : h.info().hypervisorType());
        o.put("cpu_allocation_ratio", cn.cpuAllocationRatio()).put("ram_allocation_ratio", cn.ramAllocationRatio())
                .put("disk_allocation_ratio", cn.diskAllocationRatio());
        ArrayNode aggs = o.putArray("aggregates");
        for (String a : h.info().aggregates()) {
            ObjectNode ao = aggs.addObject().put("name", a);
            ObjectNode md = ao.putObject("metadata");
            aggregateMetadata.getOrDefault(a, Map.of()).forEach(md::put);
        }
        ArrayNode inst = o.putArray("instances");
        new java.util.TreeSet<>(h.info().instances()).forEach(inst::add);
        ArrayNode pools = o.putArray("pci_pools");
        for (dev.placementstudio.scheduler.PciPool p : cn.pciPools()) {
            ObjectNode po = pools.addObject().put("vendor_id", p.vendorId()).put("product_id", p.productId())
                    .put("count", p.count());
            if (p.numaNode() == null) {
                po.putNull("numa_node");
            } else {
                po.put("numa_node", p.numaNode());
            }
            ObjectNode tags = po.putObject("tags").put("dev_type", p.devType());
            if (p.physnet() != null) {
                tags.put("physical_network", p.physnet());
            }
        }
        return o;
    }

    public static ObjectNode request(RequestSpec spec) {
        ObjectNode r = JSON.createObjectNode();
        ObjectNode f = r.putObject("flavor").put("name", spec.flavor().name()).put("vcpus", spec.flavor().vcpus())
                .put("memory_mb", spec.flavor().ramMb()).put("root_gb", spec.flavor().diskGb()).put("ephemeral_gb", 0);
        ObjectNode es = f.putObject("extra_specs");
        spec.flavor().extraSpecs().forEach(es::put);
        ObjectNode image = r.putObject("image");
        ObjectNode props = image.putObject("properties");
        if (spec.image() != null) {
            image.put("name", spec.image().name());
            spec.image().properties().forEach(props::put);
        }
        if (spec.serverGroup() != null) {
            ObjectNode g = r.putObject("server_group").put("name", spec.serverGroup().name())
                    .put("policy", spec.serverGroup().policy().toString().toLowerCase().replace('_', '-'));
            ArrayNode hosts = g.putArray("hosts");
            new java.util.TreeSet<>(spec.groupHosts()).forEach(hosts::add); // Set.copyOf has no stable order
            ArrayNode members = g.putArray("members");
            new java.util.TreeSet<>(spec.groupMembers()).forEach(members::add);
            g.putObject("rules");
        }
        ObjectNode hints = r.putObject("hints");
        spec.hints().forEach((k, v) -> {
            ArrayNode a = hints.putArray(k);
            for (String x : v.split(",")) {
                a.add(x.strip());
            }
        });
        if (spec.availabilityZone() == null) {
            r.putNull("availability_zone");
        } else {
            r.put("availability_zone", spec.availabilityZone());
        }
        r.put("project_id", spec.projectId());
        if (spec.instanceUuid() != null) {
            r.put("instance_uuid", spec.instanceUuid());
        }
        return r;
    }

    /** host_states.py's config: the filters, the weighers with their multipliers, max_attempts, other options. */
    public static ObjectNode config(List<String> filters, Map<String, Double> weighers, int maxAttempts,
                                    Map<String, Map<String, Object>> conf) {
        ObjectNode c = JSON.createObjectNode();
        ArrayNode f = c.putArray("enabled_filters");
        filters.forEach(f::add);
        ObjectNode w = c.putObject("weighers");
        weighers.forEach((name, m) -> {
            if (m == null) {
                w.putNull(name);
            } else {
                w.put(name, m);
            }
        });
        c.put("max_attempts", maxAttempts);
        ObjectNode co = c.putObject("conf");
        conf.forEach((group, opts) -> co.set(group, JSON.valueToTree(opts)));
        return c;
    }

    public static ObjectNode testCase(List<ObjectNode> hosts, ObjectNode request, ObjectNode config) {
        ObjectNode c = JSON.createObjectNode();
        c.putArray("hosts").addAll(hosts);
        c.set("request", request);
        c.set("config", config);
        return c;
    }

    // ------------------------------------------------------------------ running

    /** Nova's answers, one per case, in one python process. */
    public static List<JsonNode> run(List<? extends JsonNode> cases) {
        try {
            Path dir = Files.createTempDirectory("host-states");
            Path in = dir.resolve("cases.json");
            Path out = dir.resolve("answers.json");
            Path err = dir.resolve("stderr.txt");
            Files.writeString(in, JSON.writeValueAsString(cases), StandardCharsets.UTF_8);
            Path driver = TestFiles.root().resolve("src/test/resources/nova-oracle/host_states_batch.py");
            Process p = new ProcessBuilder(PYTHON.toString(), driver.toString(), oracleDir().toString(), in.toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("host_states_batch.py took over 10 minutes");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("host_states_batch.py failed: " + Files.readString(err));
            }
            JsonNode answers = JSON.readTree(out.toFile());
            List<JsonNode> list = new ArrayList<>();
            answers.forEach(list::add);
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            Files.deleteIfExists(dir);
            return list;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ comparing

    /**
     * Differences between Nova's answer and our decision on the same hosts (empty: the same). Survivors
     * per filter; for more than one survivor, each weigher's raw, normalized and multiplier per host; the
     * ranking as groups of equal weight (the order inside a group is not defined in Nova); the chosen host
     * when it is the only best, and the alternates' weights.
     */
    public static List<String> compare(JsonNode nova, Scheduler.Decision ours, List<Selection> selections) {
        List<String> diffs = new ArrayList<>();
        if (nova.has("error")) {
            diffs.add("Nova refused the case: " + nova.get("error").asText());
            return diffs;
        }
        List<String> left = new ArrayList<>(ours.hostsFromPlacement());
        int i = 0;
        for (JsonNode f : nova.get("filters")) {
            if (i >= ours.filters().size()) {
                diffs.add("Nova ran filter " + f.get("name").asText() + ", we did not");
                break;
            }
            SchedulingReport.FilterStep step = ours.filters().get(i++);
            if (!step.filter().equals(f.get("name").asText())) {
                diffs.add("filter #" + i + ": Nova " + f.get("name").asText() + ", we " + step.filter());
            }
            left.removeAll(step.dropped().keySet());
            Set<String> passed = new LinkedHashSet<>();
            f.get("passed").forEach(x -> passed.add(x.asText()));
            if (!passed.equals(new LinkedHashSet<>(left))) {
                diffs.add(step.filter() + " kept " + passed + " in Nova, " + left + " here");
                return diffs;
            }
        }
        List<SchedulingReport.HostWeight> weights = ours.weights();
        if (weights.size() > 1) {
            int w = 0;
            for (JsonNode wn : nova.get("weighers")) {
                String name = wn.get("name").asText();
                for (SchedulingReport.HostWeight hw : weights) {
                    if (w >= hw.values().size()) {
                        diffs.add(name + ": no value here for " + hw.host());
                        continue;
                    }
                    SchedulingReport.WeigherValue v = hw.values().get(w);
                    if (!v.weigher().equals(name)) {
                        diffs.add("weigher #" + w + ": Nova " + name + ", we " + v.weigher());
                        break;
                    }
                    check(diffs, name + " raw of " + hw.host(), wn.get("raw").get(hw.host()).asDouble(), v.raw());
                    check(diffs, name + " normalized of " + hw.host(), wn.get("normalized").get(hw.host()).asDouble(),
                            v.normalized());
                    check(diffs, name + " multiplier of " + hw.host(), wn.get("multipliers").get(hw.host()).asDouble(),
                            v.multiplier());
                }
                w++;
            }
        }
        List<String[]> novaRanked = new ArrayList<>();
        nova.get("ranked").forEach(r -> novaRanked.add(new String[]{r.get("host").asText(), r.get("weight").asText()}));
        List<Map.Entry<Double, Set<String>>> novaGroups = groups(novaRanked.stream()
                .map(r -> Map.entry(r[0], Double.parseDouble(r[1]))).toList());
        List<Map.Entry<Double, Set<String>>> ourGroups = groups(weights.stream()
                .map(hw -> Map.entry(hw.host(), hw.total())).toList());
        if (novaGroups.size() != ourGroups.size()) {
            diffs.add("ranking: Nova " + novaGroups + ", here " + ourGroups);
        } else {
            for (int g = 0; g < novaGroups.size(); g++) {
                if (!novaGroups.get(g).getValue().equals(ourGroups.get(g).getValue())
                        || !close(novaGroups.get(g).getKey(), ourGroups.get(g).getKey())) {
                    diffs.add("ranking group " + g + ": Nova " + novaGroups.get(g) + ", here " + ourGroups.get(g));
                }
            }
        }
        JsonNode sel = nova.get("selection");
        if (sel == null || sel.isNull()) {
            if (!selections.isEmpty()) {
                diffs.add("Nova selects nothing, we select " + selections.get(0).serviceHost());
            }
        } else if (selections.isEmpty()) {
            diffs.add("Nova selects " + sel.get("host").asText() + ", we nothing");
        } else {
            boolean uniqueBest = !novaGroups.isEmpty() && novaGroups.get(0).getValue().size() == 1;
            if (uniqueBest && !sel.get("host").asText().equals(selections.get(0).serviceHost())) {
                diffs.add("Nova selects " + sel.get("host").asText() + ", we " + selections.get(0).serviceHost());
            }
            Map<String, Double> novaWeight = new LinkedHashMap<>();
            novaRanked.forEach(r -> novaWeight.put(r[0], Double.parseDouble(r[1])));
            List<Double> novaAlt = new ArrayList<>();
            sel.get("alternates").forEach(a -> novaAlt.add(novaWeight.get(a.asText())));
            List<Double> ourAlt = selections.subList(1, selections.size()).stream().map(Selection::weight).toList();
            if (novaAlt.size() != ourAlt.size()) {
                diffs.add("alternates: Nova " + sel.get("alternates") + ", we "
                        + selections.subList(1, selections.size()).stream().map(Selection::serviceHost).toList());
            } else {
                for (int a = 0; a < novaAlt.size(); a++) {
                    if (!close(novaAlt.get(a), ourAlt.get(a))) {
                        diffs.add("alternate " + a + ": Nova weight " + novaAlt.get(a) + ", ours " + ourAlt.get(a));
                    }
                }
            }
        }
        return diffs;
    }

    /** Consecutive hosts of equal weight, as (weight, hosts). */
    static List<Map.Entry<Double, Set<String>>> groups(List<Map.Entry<String, Double>> ranked) {
        List<Map.Entry<Double, Set<String>>> out = new ArrayList<>();
        for (Map.Entry<String, Double> e : ranked) {
            if (!out.isEmpty() && close(out.get(out.size() - 1).getKey(), e.getValue())) {
                out.get(out.size() - 1).getValue().add(e.getKey());
            } else {
                Set<String> s = new java.util.TreeSet<>();
                s.add(e.getKey());
                out.add(new java.util.AbstractMap.SimpleEntry<>(e.getValue(), s));
            }
        }
        return out;
    }

    public static boolean close(double a, double b) {
        if (a == b) {
            return true;
        }
        return Math.abs(a - b) <= TOLERANCE * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
    }

    private static void check(List<String> diffs, String what, double nova, double ours) {
        if (!close(nova, ours)) {
            diffs.add(what + ": Nova " + nova + ", ours " + ours);
        }
    }
}
