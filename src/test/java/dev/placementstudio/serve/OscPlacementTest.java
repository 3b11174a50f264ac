package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placementstudio.placement.PlacementEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The OpenStack client (osc-placement) against {@code serve} and against the real Placement 8.0.0, side by
 * side: one scripted sequence of {@code openstack} commands (providers and trees, resource classes,
 * inventories, traits, aggregates, provider filters, allocation candidates, allocations, usages, and
 * refusals) runs once against each, and every command's exit code, normalized output and error text from
 * {@code serve} must equal the real one's. Runs when the client ({@code python3-osc-placement
 * python3-openstackclient}) and the real Placement ({@code python3-placement}, started here by
 * {@code src/test/osc/real_placement.py}) are installed; {@code .ci/run} installs them.
 */
class OscPlacementTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path OPENSTACK = Path.of("/usr/bin/openstack");
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern REQUEST_ID = Pattern.compile("\\s*\\(?Request-ID: req-[0-9a-f-]+\\)?");

    /** The uuids the script chooses (osc lets it choose provider, consumer, aggregate, project and user ids). */
    private static final Map<String, String> FIXED = new LinkedHashMap<>();

    static {
        FIXED.put("CN1", "c1000000-0000-4000-8000-000000000001");
        FIXED.put("NUMA0", "c1000000-0000-4000-8000-000000000010");
        FIXED.put("NUMA1", "c1000000-0000-4000-8000-000000000011");
        FIXED.put("SHARED", "5d000000-0000-4000-8000-000000000001");
        FIXED.put("AGG1", "a1000000-0000-4000-8000-000000000001");
        FIXED.put("AGG2", "a2000000-0000-4000-8000-000000000002");
        FIXED.put("C1", "ce000000-0000-4000-8000-000000000001");
        FIXED.put("C2", "ce000000-0000-4000-8000-000000000002");
        FIXED.put("C3", "ce000000-0000-4000-8000-000000000003");
        FIXED.put("C4", "ce000000-0000-4000-8000-000000000004");
        FIXED.put("P1", "b0000000-0000-4000-8000-0000000000a1");
        FIXED.put("U1", "e0000000-0000-4000-8000-0000000000b1");
        FIXED.put("U2", "e0000000-0000-4000-8000-0000000000b2");
    }

    private static PlacementServer serve;
    private static Process real;
    private static String serveUrl;
    private static String realUrl;

    /**
     * One {@code openstack} command of the script. {@code command} names placeholders in braces: the
     * {@link #FIXED} uuids, and values an earlier step captured ({@code capture}: a variable and the JSON
     * field it takes from this step's output).
     */
    private record Step(String command, boolean json, boolean fails, String captureVar, String captureField,
                        String limitOf) {
        static Step json(String command) {
            return new Step(command, true, false, null, null, null);
        }

        static Step plain(String command) {
            return new Step(command, false, false, null, null, null);
        }

        /** A command the real Placement refuses: its exit code and error text are what is compared. */
        static Step refused(String command) {
            return new Step(command, false, true, null, null, null);
        }

        Step capture(String var, String field) {
            return new Step(command, json, fails, var, field, limitOf);
        }

        /** A {@code --limit} query: which candidates come back is not Placement's contract, only how many, from which. */
        Step limitOf(String unlimitedCommand) {
            return new Step(command, json, fails, captureVar, captureField, unlimitedCommand);
        }

        boolean candidates() {
            return command.startsWith("allocation candidate list");
        }
    }

    private record Outcome(int exit, String stdout, String stderr) {
    }

    private static final String ALL_THREE = "allocation candidate list --resource VCPU=1 --resource MEMORY_MB=512 --resource DISK_GB=10";

    /**
     * The script. Two compute trees (cn1 with two NUMA children; cn2, whose uuid Placement generates), a
     * sharing disk provider in cn2's aggregate, and refusals along the way. Generations are the ones both
     * servers must have reached at that point.
     */
    private static List<Step> script() {
        return List.of(
                // providers and trees
                Step.json("resource provider create cn1 --uuid {CN1}"),
                Step.json("resource provider create cn1-numa0 --uuid {NUMA0} --parent-provider {CN1}"),
                Step.json("resource provider create cn1-numa1 --uuid {NUMA1} --parent-provider {CN1}"),
                Step.json("resource provider create cn2").capture("CN2", "uuid"),
                Step.json("resource provider create shared-disk --uuid {SHARED}"),
                Step.refused("resource provider create cn1"),
                Step.json("resource provider list"),
                Step.json("resource provider list --name cn2"),
                Step.json("resource provider list --uuid {NUMA0}"),
                Step.json("resource provider list --in-tree {NUMA1}"),
                Step.json("resource provider show {CN1}"),
                Step.json("resource provider set {CN2} --name cn2-renamed"),
                Step.refused("resource provider set {CN1} --name cn1 --parent-provider {NUMA0}"),
                // resource classes
                Step.plain("resource class create CUSTOM_FPGA_OSC"),
                Step.json("resource class show CUSTOM_FPGA_OSC"),
                Step.refused("resource class delete VCPU"),
                Step.json("resource class list"),
                // inventories
                Step.json("resource provider inventory set {CN1} --resource DISK_GB=200 --resource DISK_GB:reserved=10"),
                Step.json("resource provider inventory set {NUMA0} --resource VCPU=4 --resource VCPU:allocation_ratio=4.0"
                        + " --resource MEMORY_MB=2048 --resource MEMORY_MB:step_size=256 --resource MEMORY_MB:min_unit=256"),
                Step.json("resource provider inventory set {NUMA1} --resource VCPU=4 --resource MEMORY_MB=2048"),
                Step.json("resource provider inventory set {CN2} --resource VCPU=8 --resource VCPU:max_unit=4"
                        + " --resource MEMORY_MB=4096 --resource DISK_GB=50"),
                Step.json("resource provider inventory set {SHARED} --resource DISK_GB=1000"),
                Step.json("resource provider inventory set {CN2} --amend --resource CUSTOM_FPGA_OSC=2"),
                Step.refused("resource provider inventory set {NUMA1} --resource VCPU=4 --resource VCPU:min_unit=0"),
                Step.json("resource provider inventory class set {NUMA1} VCPU --total 8 --max_unit 4"),
                Step.json("resource provider inventory show {NUMA1} VCPU"),
                Step.plain("resource provider inventory delete {CN2} --resource-class CUSTOM_FPGA_OSC"),
                Step.plain("resource class delete CUSTOM_FPGA_OSC"),
                Step.json("resource provider list --resource VCPU=4 --resource MEMORY_MB=2048"),
                // traits
                Step.plain("trait create CUSTOM_GOLD"),
                Step.plain("trait create CUSTOM_SCRATCH"),
                Step.plain("trait delete CUSTOM_SCRATCH"),
                Step.json("resource provider trait set {NUMA0} --trait HW_NUMA_ROOT --trait CUSTOM_GOLD"),
                Step.json("resource provider trait set {NUMA1} --trait HW_NUMA_ROOT"),
                Step.json("resource provider trait set {CN1} --trait COMPUTE_NODE"),
                Step.json("resource provider trait set {CN2} --trait COMPUTE_NODE --trait HW_CPU_X86_AVX2"),
                Step.json("resource provider trait set {SHARED} --trait MISC_SHARES_VIA_AGGREGATE --trait STORAGE_DISK_SSD"),
                Step.json("resource provider trait list {CN2}"),
                Step.refused("trait delete CUSTOM_GOLD"),
                Step.json("trait list"),
                // aggregates (at the generations the writes above left)
                Step.json("resource provider aggregate set {CN2} --aggregate {AGG1} --generation 4"),
                Step.json("resource provider aggregate set {SHARED} --aggregate {AGG1} --generation 2"),
                Step.json("resource provider aggregate set {CN1} --aggregate {AGG2} --aggregate {AGG1} --generation 2"),
                Step.refused("resource provider aggregate set {CN1} --aggregate {AGG2} --generation 2"),
                Step.json("resource provider aggregate list {CN1}"),
                // providers by trait and aggregate
                Step.json("resource provider list --member-of {AGG1}"),
                Step.json("resource provider list --required COMPUTE_NODE --forbidden HW_CPU_X86_AVX2"),
                Step.json("resource provider list --required HW_CPU_X86_AVX2,CUSTOM_GOLD"),
                // allocation candidates
                Step.json(ALL_THREE),
                Step.json(ALL_THREE + " --limit 2").limitOf(ALL_THREE),
                Step.json("allocation candidate list --resource VCPU=1 --resource DISK_GB=10 --required STORAGE_DISK_SSD"),
                Step.json("allocation candidate list --resource VCPU=1 --forbidden CUSTOM_GOLD"),
                Step.json("allocation candidate list --resource VCPU=1 --member-of {AGG2}"),
                Step.json("allocation candidate list --resource DISK_GB=10 --group 1 --resource VCPU=1 --required HW_NUMA_ROOT"
                        + " --group 2 --resource VCPU=1 --required HW_NUMA_ROOT --group-policy isolate"),
                // allocations and usages
                Step.json("resource provider allocation set {C1} --allocation rp={NUMA0},VCPU=2,MEMORY_MB=512"
                        + " --allocation rp={CN1},DISK_GB=10 --project-id {P1} --user-id {U1} --consumer-type INSTANCE"),
                Step.json("resource provider allocation set {C2} --allocation rp={CN2},VCPU=1,MEMORY_MB=1024"
                        + " --allocation rp={SHARED},DISK_GB=20 --project-id {P1} --user-id {U2} --consumer-type MIGRATION"),
                Step.refused("resource provider allocation set {C3} --allocation rp={NUMA1},VCPU=6"
                        + " --project-id {P1} --user-id {U1} --consumer-type INSTANCE"),
                Step.json("resource provider allocation set {C3} --allocation rp={CN2},VCPU=4"
                        + " --project-id {P1} --user-id {U1} --consumer-type INSTANCE"),
                Step.refused("resource provider allocation set {C4} --allocation rp={CN2},VCPU=4"
                        + " --project-id {P1} --user-id {U1} --consumer-type INSTANCE"),
                Step.json("resource provider allocation show {C1}"),
                Step.json("resource provider allocation unset {C1} --provider {CN1}"),
                Step.json("resource provider allocation unset {C2} --resource-class VCPU"),
                Step.json("resource provider usage show {NUMA0}"),
                Step.json("resource usage show {P1}"),
                Step.json("resource usage show {P1} --user-id {U2}"),
                Step.json("resource provider inventory list {CN2}"),
                Step.refused("resource provider inventory delete {NUMA0} --resource-class VCPU"),
                Step.refused("resource provider delete {CN1}"),
                Step.plain("resource provider allocation delete {C1}"),
                // taking it down
                Step.plain("resource provider trait delete {CN2}"),
                Step.plain("resource provider delete {NUMA1}"),
                Step.json("resource provider list"));
    }

    @BeforeAll
    static void startBoth(@TempDir Path state) throws Exception {
        assumeTrue(Files.isExecutable(OPENSTACK), "osc-placement is not installed");
        assumeTrue(Files.isExecutable(PYTHON) && new ProcessBuilder(PYTHON.toString(), "-c", "import placement.wsgi")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0,
                "the real Placement (python3-placement) is not installed");
        serve = new PlacementServer(PlacementEngine.empty(), null).start("127.0.0.1", 0);
        serveUrl = "http://127.0.0.1:" + serve.port();
        realUrl = startRealPlacement(state);
    }

    /** {@code real_placement.py} in {@code state}: it prints its URL once it listens on a free port. */
    private static String startRealPlacement(Path state) throws Exception {
        Path launcher = Path.of(System.getProperty("placementstudio.root", "."), "src", "test", "osc", "real_placement.py");
        ProcessBuilder pb = new ProcessBuilder(PYTHON.toString(), launcher.toString(), state.toString())
                .redirectError(state.resolve("stderr.txt").toFile());
        // Placement builds candidates in a Python set: a pinned hash seed makes its answers repeat.
        pb.environment().put("PYTHONHASHSEED", "0");
        real = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(real.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(120, TimeUnit.SECONDS);
        if (line == null || !line.startsWith("URL=")) {
            throw new IllegalStateException("the real Placement did not start: "
                    + Files.readString(state.resolve("stderr.txt")));
        }
        return line.substring("URL=".length()).trim();
    }

    @AfterAll
    static void stopBoth() throws Exception {
        if (serve != null) {
            serve.stop();
        }
        if (real != null) {
            real.destroy();
            if (!real.waitFor(10, TimeUnit.SECONDS)) {
                real.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theOpenstackClientGetsFromServeWhatItGetsFromTheRealPlacement() throws Exception {
        List<Step> script = script();
        ExecutorService sides = Executors.newFixedThreadPool(2);
        List<String> expected;
        List<String> actual;
        List<Outcome> realOutcomes = new ArrayList<>();
        try {
            Future<List<String>> fromReal = sides.submit(() -> new Side(realUrl).run(script, realOutcomes));
            Future<List<String>> fromServe = sides.submit(() -> new Side(serveUrl).run(script, new ArrayList<>()));
            expected = fromReal.get(10, TimeUnit.MINUTES);
            actual = fromServe.get(10, TimeUnit.MINUTES);
        } finally {
            sides.shutdownNow();
        }
        // The script says what it means: a step marked refused is refused by the real Placement, the others are not.
        List<String> scriptErrors = new ArrayList<>();
        for (int i = 0; i < script.size(); i++) {
            Outcome o = realOutcomes.get(i);
            if ((o.exit() != 0) != script.get(i).fails()) {
                scriptErrors.add("step " + (i + 1) + " `" + script.get(i).command() + "` exited " + o.exit()
                        + " on the real Placement: " + o.stderr().strip());
            }
        }
        assertThat(scriptErrors).as("the script is out of step with the real Placement").isEmpty();
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < script.size(); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                mismatches.add("step " + (i + 1) + " `openstack " + script.get(i).command() + "`\n"
                        + diff(expected.get(i), actual.get(i)));
            }
        }
        assertThat(mismatches).as("commands whose answer from serve (+) differs from the real Placement's (-)")
                .isEmpty();
    }

    /** One server's run of the script: its outcomes, normalized. */
    private static final class Side {
        private final String url;
        private final Map<String, String> vars = new HashMap<>();
        /** Generated uuids, named in the order they first appear, so that both sides' names agree. */
        private final Map<String, String> generated = new LinkedHashMap<>();
        private final Map<String, List<String>> candidatesByCommand = new HashMap<>();

        Side(String url) {
            this.url = url;
            FIXED.forEach(vars::put);
        }

        List<String> run(List<Step> script, List<Outcome> outcomes) throws Exception {
            List<String> normalized = new ArrayList<>();
            for (Step step : script) {
                Outcome o = osc(step);
                outcomes.add(o);
                if (step.captureVar() != null && o.exit() == 0) {
                    vars.put(step.captureVar(), JSON.readTree(o.stdout()).get(step.captureField()).asText());
                }
                normalized.add(normalize(step, o));
            }
            return normalized;
        }

        private Outcome osc(Step step) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(OPENSTACK.toString(), "--os-auth-type", "admin_token",
                    "--os-token", "admin", "--os-endpoint", url, "--os-placement-api-version", "1.39"));
            for (String word : step.command().split(" ")) {
                cmd.add(substitute(word));
            }
            if (step.json()) {
                cmd.addAll(List.of("-f", "json"));
            }
            ProcessBuilder pb = new ProcessBuilder(cmd);
            // the command line says everything: no OS_CLOUD or OS_AUTH_URL from the environment, no proxy for loopback
            pb.environment().keySet().removeIf(k -> k.startsWith("OS_"));
            pb.environment().put("no_proxy", "127.0.0.1");
            Process p = pb.start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            String out = readAll(p.getInputStream());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("`openstack " + step.command() + "` did not finish in 60 s");
            }
            return new Outcome(p.exitValue(), out, err.get());
        }

        private String substitute(String word) {
            Matcher m = Pattern.compile("\\{(\\w+)}").matcher(word);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String value = vars.get(m.group(1));
                m.appendReplacement(sb, Matcher.quoteReplacement(value == null ? "{" + m.group(1) + "}" : value));
            }
            return m.appendTail(sb).toString();
        }

        /** Fixed uuids by their names, generated ones as {@code <uuid-N>}; request ids gone. */
        private String names(String text) {
            Map<String, String> byUuid = new HashMap<>();
            FIXED.forEach((name, uuid) -> byUuid.put(uuid, "<" + name + ">"));
            Matcher m = UUID_TEXT.matcher(REQUEST_ID.matcher(text).replaceAll(""));
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String uuid = m.group();
                String name = byUuid.containsKey(uuid) ? byUuid.get(uuid)
                        : generated.computeIfAbsent(uuid, u -> "<uuid-" + (generated.size() + 1) + ">");
                m.appendReplacement(sb, Matcher.quoteReplacement(name));
            }
            return m.appendTail(sb).toString();
        }

        private String normalize(Step step, Outcome o) throws Exception {
            StringBuilder sb = new StringBuilder("exit ").append(o.exit()).append('\n');
            String out = names(o.stdout());
            if (step.json() && o.exit() == 0) {
                JsonNode tree = JSON.readTree(out);
                if (step.candidates()) {
                    List<String> candidates = candidates(tree);
                    if (step.limitOf() != null) {
                        List<String> all = candidatesByCommand.getOrDefault(step.limitOf(), List.of());
                        sb.append(candidates.size()).append(" candidates, all among those of `")
                                .append(step.limitOf()).append("`: ").append(all.containsAll(candidates)).append('\n');
                    } else {
                        candidatesByCommand.put(step.command(), candidates);
                        candidates.forEach(c -> sb.append(c).append('\n'));
                    }
                } else {
                    sb.append(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(canonical(tree))).append('\n');
                }
            } else if (!out.isBlank()) {
                sb.append(out.strip()).append('\n');
            }
            String err = names(o.stderr()).strip();
            if (!err.isEmpty()) {
                sb.append("stderr: ").append(err).append('\n');
            }
            return sb.toString();
        }
    }

    /**
     * osc's candidate table as one line per candidate (rows grouped by {@code #}), sorted: Placement builds
     * candidates in a set, so their order, and the order of the classes and traits in a row, is no contract.
     */
    private static List<String> candidates(JsonNode rows) throws Exception {
        Map<Integer, List<String>> byNumber = new TreeMap<>();
        for (JsonNode row : rows) {
            ObjectNode r = JSON.createObjectNode();
            row.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("#")) {
                    r.put(f.getKey(), Arrays.stream(f.getValue().asText().split(",")).sorted().collect(Collectors.joining(",")));
                }
            });
            byNumber.computeIfAbsent(row.get("#").asInt(), n -> new ArrayList<>()).add(JSON.writeValueAsString(canonical(r)));
        }
        return byNumber.values().stream()
                .map(parts -> parts.stream().sorted().collect(Collectors.joining(" + ")))
                .sorted()
                .toList();
    }

    /**
     * Keys sorted, and list rows sorted too: osc prints Placement's JSON objects in their order, and Placement's
     * queries order nothing (no {@code ORDER BY}), so no list order is part of its contract.
     */
    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JSON.createObjectNode();
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.stream().sorted().forEach(k -> sorted.set(k, canonical(node.get(k))));
            return sorted;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(n -> items.add(canonical(n)));
            items.sort(Comparator.comparing(JsonNode::toString));
            ArrayNode sorted = JSON.createArrayNode();
            items.forEach(sorted::add);
            return sorted;
        }
        return node;
    }

    private static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A line diff (longest common subsequence): {@code -} the real Placement's lines, {@code +} serve's. */
    static String diff(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                sb.append("   ").append(a[i++]).append('\n');
                j++;
            } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                sb.append(" - ").append(a[i++]).append('\n');
            } else {
                sb.append(" + ").append(b[j++]).append('\n');
            }
        }
        return sb.toString();
    }
}
