package dev.placementstudio.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.conductor.Era;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.sim.Scenario;
import dev.placementstudio.sim.Workload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads scenarios: the built-in ones shipped in the jar ({@code sample-clouds/scenarios/}, listed in order
 * by {@code index.txt}) or a scenario file of one's own. A scenario file is a JSON object: {@code name},
 * {@code title}, {@code summary}, {@code era}, {@code seed}, {@code schedulers}, {@code max_attempts},
 * {@code compare_era}, {@code model} (a model, as in a model file), {@code workload} (as in a workload
 * file) and {@code steps} (docs/theatre.md, "The scenario file").
 */
public final class ScenarioFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> KNOWN = Set.of("name", "title", "summary", "era", "seed", "schedulers",
            "max_attempts", "compare_era", "model", "workload", "steps");
    private static final Set<String> STEP_KNOWN = Set.of("title", "text", "at", "compare", "query", "highlight");
    private static final Set<String> AT_KNOWN = Set.of("type", "instance", "fields", "nth");

    private ScenarioFiles() {
    }

    /** The built-in scenarios' names, in teaching order. */
    public static List<String> builtInNames() {
        try (InputStream in = ScenarioFiles.class.getResourceAsStream("/scenarios/index.txt")) {
            if (in == null) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.strip());
                }
            }
            return names;
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A built-in scenario by name. */
    public static Scenario builtIn(String name) throws InputProblemException {
        return parse("scenarios/" + name + ".json", builtInText(name));
    }

    /** A built-in scenario's title, read without building its model (for menus). */
    public static String builtInTitle(String name) throws InputProblemException {
        try {
            return MAPPER.readTree(builtInText(name)).path("title").asText(name);
        } catch (JsonProcessingException e) {
            throw new InputProblemException("scenarios/" + name + ".json", 0, 0, "", "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String builtInText(String name) throws InputProblemException {
        if (!builtInNames().contains(name)) {
            throw new InputProblemException(name, 0, 0, "", "no scenario '" + name + "'; `scenario list` shows them");
        }
        try (InputStream in = ScenarioFiles.class.getResourceAsStream("/scenarios/" + name + ".json")) {
            if (in == null) {
                throw new InputProblemException(name, 0, 0, "", "scenario '" + name + "' is listed but not in the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputProblemException(name, 0, 0, "", "cannot read scenario: " + e.getMessage());
        }
    }

    /** A built-in scenario's name, or a path to a scenario file. */
    public static Scenario open(String nameOrFile) throws InputProblemException {
        if (nameOrFile.endsWith(".json") && !builtInNames().contains(nameOrFile)) {
            Path p = Path.of(nameOrFile);
            try {
                return parse(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new InputProblemException(p, "cannot read: " + e.getMessage());
            }
        }
        return builtIn(nameOrFile);
    }

    public static Scenario parse(String file, String text) throws InputProblemException {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new InputProblemException(file, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(),
                    "", "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InputProblemException(file, 1, 1, "", "a scenario is a JSON object");
        }
        unknown(file, text, root, KNOWN, "");
        String name = text(file, text, root, "name", true);
        String title = text(file, text, root, "title", true);
        String summary = text(file, text, root, "summary", true);
        Era era = era(file, text, root, "era", true);
        Era compare = era(file, text, root, "compare_era", false);
        long seed = root.path("seed").asLong(1);
        int schedulers = root.path("schedulers").asInt(1);
        if (schedulers < 1) {
            problem(file, text, "schedulers", "needs at least 1 scheduler worker");
        }
        JsonNode modelNode = root.get("model");
        if (modelNode == null || !modelNode.isObject()) {
            problem(file, text, "model", "a scenario needs its model, a JSON object as in a model file");
        }
        CloudModel model;
        try {
            model = ModelJson.parse(file + " (model)", modelNode.toString());
        } catch (InputProblemException e) {
            problem(file, text, "model" + (e.path().isEmpty() ? "" : "." + e.path()), e.detail());
            return null;
        }
        int attempts = root.path("max_attempts").asInt(model.scheduler().maxAttempts());
        if (attempts < 1) {
            problem(file, text, "max_attempts", "needs at least 1 attempt");
        }
        JsonNode wl = root.get("workload");
        if (wl == null || !wl.isObject()) {
            problem(file, text, "workload", "a scenario needs its workload, a JSON object as in a workload file");
        }
        Workload workload;
        try {
            workload = WorkloadFiles.parse(file + " (workload)", wl.toPrettyString(), model);
        } catch (InputProblemException e) {
            problem(file, text, "workload" + (e.path().isEmpty() ? "" : "." + e.path()), e.detail());
            return null;
        }
        JsonNode stepsNode = root.get("steps");
        if (stepsNode == null || !stepsNode.isArray() || stepsNode.isEmpty()) {
            problem(file, text, "steps", "a scenario tells its story in steps: a non-empty list");
        }
        List<Scenario.Step> steps = new ArrayList<>();
        for (int i = 0; i < stepsNode.size(); i++) {
            String p = "steps[" + i + "]";
            JsonNode s = stepsNode.get(i);
            if (!s.isObject()) {
                problem(file, text, p, "a step is a JSON object");
            }
            unknown(file, text, s, STEP_KNOWN, p + ".");
            String stepTitle = text(file, text, s, "title", true, p + ".");
            String stepText = text(file, text, s, "text", true, p + ".");
            Scenario.EventMatch at = null;
            JsonNode atNode = s.get("at");
            if (atNode != null) {
                unknown(file, text, atNode, AT_KNOWN, p + ".at.");
                String type = text(file, text, atNode, "type", true, p + ".at.");
                if (java.util.Arrays.stream(dev.placementstudio.sim.EventType.values()).noneMatch(t -> t.label().equals(type))) {
                    problem(file, text, p + ".at.type", "no event type '" + type + "'");
                }
                Map<String, String> fields = new LinkedHashMap<>();
                atNode.path("fields").fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
                Integer instance = atNode.has("instance") ? atNode.get("instance").asInt() : null;
                at = new Scenario.EventMatch(type, instance, fields, atNode.path("nth").asInt(1));
            }
            boolean onCompare = s.path("compare").asBoolean(false);
            if (onCompare && compare == null) {
                problem(file, text, p + ".compare", "the step is on the comparison run, but there is no compare_era");
            }
            List<String> highlight = new ArrayList<>();
            for (Iterator<JsonNode> it = s.path("highlight").elements(); it.hasNext(); ) {
                String h = it.next().asText();
                if (!h.matches("(host|cell|provider):.+")) {
                    problem(file, text, p + ".highlight", "'" + h + "' is not host:NAME, cell:NAME or provider:NAME");
                }
                highlight.add(h);
            }
            String query = s.has("query") ? s.get("query").asText() : null;
            steps.add(new Scenario.Step(stepTitle, stepText, at, onCompare, query, highlight));
        }
        return new Scenario(name, title, summary, model, workload, seed, era, schedulers, attempts, compare, steps);
    }

    private static void unknown(String file, String text, JsonNode node, Set<String> known, String prefix)
            throws InputProblemException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                problem(file, text, prefix + f, "unknown field '" + f + "' (known: " + new java.util.TreeSet<>(known) + ")");
            }
        }
    }

    private static String text(String file, String text, JsonNode node, String field, boolean required)
            throws InputProblemException {
        return text(file, text, node, field, required, "");
    }

    private static String text(String file, String text, JsonNode node, String field, boolean required, String prefix)
            throws InputProblemException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problem(file, text, prefix + field, "missing " + field);
            }
            return null;
        }
        if (!v.isTextual()) {
            problem(file, text, prefix + field, field + " must be a string");
        }
        return v.asText();
    }

    private static Era era(String file, String text, JsonNode root, String field, boolean required)
            throws InputProblemException {
        String v = text(file, text, root, field, required);
        if (v == null) {
            return null;
        }
        try {
            return Era.parse(v);
        } catch (IllegalArgumentException e) {
            problem(file, text, field, e.getMessage());
            return null;
        }
    }

    private static void problem(String file, String text, String path, String message) throws InputProblemException {
        int[] lc = JsonLocator.locate(text, path);
        throw new InputProblemException(file, lc[0], lc[1], path, message);
    }
}
