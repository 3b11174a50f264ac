package dev.placementstudio.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.conductor.Era;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.ComputeHost;
import dev.placementstudio.model.DesignEdit;
import dev.placementstudio.model.ModelProblem;
import dev.placementstudio.model.ModelValidator;
import dev.placementstudio.sim.Workload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a portfolio (docs/sweep.md, "The portfolio file"): a base model, named designs (edit lists or
 * model files), workload files, eras, seeds and optional costs per host kind. Every design is built and
 * validated, every workload checked against every design, so a sweep never fails half-way on bad input.
 * Problems are {@code file:line:col: path: message}; relative paths resolve against the portfolio file.
 */
public final class PortfolioFiles {
    /** The schema version this build reads. */
    public static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A design: its name and the model it makes (the base with its edits, or its own model file). */
    public record Design(String name, CloudModel model) {
    }

    /** A workload: its name as the portfolio writes it, its JSON or CSV text and its file extension. */
    public record WorkloadFile(String name, String text, String extension, Workload workload) {
    }

    /** What a host kind (hostnames matching a glob) costs and draws; the first kind a host matches is its. */
    public record HostCost(String kind, String match, double price, double watts) {
        public boolean matches(String hostname) {
            return Pattern.compile(("\\Q" + match + "\\E").replace("*", "\\E.*\\Q")).matcher(hostname).matches();
        }
    }

    public record Portfolio(String name, List<Design> designs, List<WorkloadFile> workloads, List<String> eras,
                            List<Long> seeds, List<HostCost> costs) {
        public long cells() {
            return (long) designs.size() * workloads.size() * eras.size() * seeds.size();
        }
    }

    private PortfolioFiles() {
    }

    /** Opens a model file a portfolio names ({@code io.store.ModelFiles::open}: io cannot reach up to the store). */
    @FunctionalInterface
    public interface ModelOpener {
        CloudModel open(Path file) throws InputProblemException;
    }

    public static Portfolio read(Path file, ModelOpener models) throws InputProblemException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputProblemException(file, "cannot read: " + e.getMessage());
        }
        return new Reader(file, text, models).portfolio();
    }

    /** One file being read: its text, for the places of problems; {@link PortfolioEdits} reads edits with it. */
    static final class Reader {
        final Path file;
        final Path dir;
        final String text;
        final ModelOpener models;

        Reader(Path file, String text, ModelOpener models) {
            this.file = file;
            this.models = models;
            this.dir = file.toAbsolutePath().getParent();
            this.text = text;
        }

        InputProblemException problem(String path, String message) {
            int[] lc = JsonLocator.locate(text, path);
            return new InputProblemException(file.toString(), lc[0], lc[1], path, message);
        }

        Portfolio portfolio() throws InputProblemException {
            JsonNode root;
            try {
                root = MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                var loc = e.getLocation();
                throw new InputProblemException(file.toString(), loc == null ? 0 : loc.getLineNr(),
                        loc == null ? 0 : loc.getColumnNr(), "", "not valid JSON: " + e.getOriginalMessage());
            }
            if (root == null || !root.isObject()) {
                throw new InputProblemException(file.toString(), 1, 1, "", "a portfolio is a JSON object");
            }
            fields(root, "", Set.of("schemaVersion", "name", "description", "base", "designs", "workloads", "eras",
                    "seeds", "cost"), Set.of("schemaVersion", "base", "designs", "workloads", "eras", "seeds"));
            JsonNode v = root.get("schemaVersion");
            if (!v.isInt() || v.asInt() < 1) {
                throw problem("schemaVersion", "must be a positive integer");
            }
            if (v.asInt() > SCHEMA_VERSION) {
                throw problem("schemaVersion", "made by a newer Placement Studio (schema " + v.asInt()
                        + ", this build reads up to " + SCHEMA_VERSION + ")");
            }
            String name = root.has("name") ? string(root.get("name"), "name") : file.getFileName().toString();
            CloudModel base = model(string(root.get("base"), "base"), "base");
            List<Design> designs = designs(root.get("designs"), base);
            List<WorkloadFile> workloads = workloads(root.get("workloads"), designs);
            List<String> eras = new ArrayList<>();
            JsonNode es = array(root.get("eras"), "eras");
            for (int i = 0; i < es.size(); i++) {
                String e = string(es.get(i), "eras[" + i + "]");
                try {
                    e = Era.parse(e).label();
                } catch (IllegalArgumentException ex) {
                    throw problem("eras[" + i + "]", ex.getMessage());
                }
                if (eras.contains(e)) {
                    throw problem("eras[" + i + "]", "era '" + e + "' is listed twice");
                }
                eras.add(e);
            }
            List<Long> seeds = seeds(root.get("seeds"));
            List<HostCost> costs = root.has("cost") ? costs(root.get("cost"), designs) : List.of();
            return new Portfolio(name, designs, workloads, eras, seeds, costs);
        }

        CloudModel model(String rel, String path) throws InputProblemException {
            Path p = dir.resolve(rel);
            if (!Files.isRegularFile(p)) {
                throw problem(path, "no model file " + p);
            }
            return models.open(p); // its own problems name its own file
        }

        List<Design> designs(JsonNode ds, CloudModel base) throws InputProblemException {
            array(ds, "designs");
            List<Design> out = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < ds.size(); i++) {
                String at = "designs[" + i + "]";
                JsonNode d = ds.get(i);
                object(d, at);
                fields(d, at, Set.of("name", "edits", "model", "description"), Set.of("name"));
                String name = string(d.get("name"), at + ".name");
                if (!names.add(name)) {
                    throw problem(at + ".name", "design '" + name + "' is named twice");
                }
                if (d.has("edits") == d.has("model")) {
                    throw problem(at, "a design has either 'edits' (on the base) or 'model' (a file)");
                }
                CloudModel m;
                if (d.has("model")) {
                    m = model(string(d.get("model"), at + ".model"), at + ".model");
                } else {
                    m = base;
                    JsonNode es = array(d.get("edits"), at + ".edits");
                    for (int k = 0; k < es.size(); k++) {
                        String ep = at + ".edits[" + k + "]";
                        DesignEdit edit = PortfolioEdits.edit(this, es.get(k), ep);
                        try {
                            m = edit.apply(m);
                        } catch (IllegalArgumentException ex) {
                            throw problem(ep, ex.getMessage());
                        }
                    }
                    List<ModelProblem> problems = ModelValidator.validate(m);
                    if (!problems.isEmpty()) {
                        throw problem(at + ".edits", "the edits make an invalid model: " + problems.get(0));
                    }
                }
                out.add(new Design(name, m));
            }
            if (out.isEmpty()) {
                throw problem("designs", "needs at least one design");
            }
            return out;
        }

        List<WorkloadFile> workloads(JsonNode ws, List<Design> designs) throws InputProblemException {
            array(ws, "workloads");
            List<WorkloadFile> out = new ArrayList<>();
            for (int i = 0; i < ws.size(); i++) {
                String at = "workloads[" + i + "]";
                String rel = string(ws.get(i), at);
                Path p = dir.resolve(rel);
                if (!Files.isRegularFile(p)) {
                    throw problem(at, "no workload file " + p);
                }
                if (out.stream().anyMatch(w -> w.name().equals(rel))) {
                    throw problem(at, "workload '" + rel + "' is listed twice");
                }
                Workload w = null;
                for (Design d : designs) {
                    w = WorkloadFiles.read(p, d.model()); // its own problems name its own file
                }
                try {
                    out.add(new WorkloadFile(rel, Files.readString(p, StandardCharsets.UTF_8),
                            dev.placementstudio.io.FileNames.extension(p), w));
                } catch (IOException e) {
                    throw new InputProblemException(p, "cannot read: " + e.getMessage());
                }
            }
            if (out.isEmpty()) {
                throw problem("workloads", "needs at least one workload");
            }
            return out;
        }

        List<Long> seeds(JsonNode s) throws InputProblemException {
            List<Long> out = new ArrayList<>();
            if (s.isIntegralNumber()) {
                if (s.asLong() < 1 || s.asLong() > 1_000_000) {
                    throw problem("seeds", "a count of seeds is between 1 and 1000000");
                }
                for (long k = 1; k <= s.asLong(); k++) {
                    out.add(k);
                }
                return out;
            }
            if (!s.isArray() || s.isEmpty()) {
                throw problem("seeds", "seeds are a count (20) or a non-empty list of integers ([1, 2, 3])");
            }
            for (int i = 0; i < s.size(); i++) {
                if (!s.get(i).isIntegralNumber() || !s.get(i).canConvertToLong()) {
                    throw problem("seeds[" + i + "]", "a seed is an integer");
                }
                if (out.contains(s.get(i).asLong())) {
                    throw problem("seeds[" + i + "]", "seed " + s.get(i).asLong() + " is listed twice");
                }
                out.add(s.get(i).asLong());
            }
            return out;
        }

        List<HostCost> costs(JsonNode c, List<Design> designs) throws InputProblemException {
            array(c, "cost");
            List<HostCost> out = new ArrayList<>();
            for (int i = 0; i < c.size(); i++) {
                String at = "cost[" + i + "]";
                JsonNode k = c.get(i);
                object(k, at);
                fields(k, at, Set.of("kind", "hosts", "price", "watts"), Set.of("kind", "hosts", "price", "watts"));
                double price = number(k.get("price"), at + ".price");
                double watts = number(k.get("watts"), at + ".watts");
                out.add(new HostCost(string(k.get("kind"), at + ".kind"), string(k.get("hosts"), at + ".hosts"),
                        price, watts));
            }
            for (Design d : designs) {
                for (ComputeHost h : d.model().hosts()) {
                    if (out.stream().noneMatch(k -> k.matches(h.hostname()))) {
                        throw problem("cost", "host " + h.hostname() + " of design '" + d.name()
                                + "' matches no host kind");
                    }
                }
            }
            return out;
        }

        // ---------------------------------------------------------------- small checks with places

        void fields(JsonNode n, String at, Set<String> known, Set<String> required) throws InputProblemException {
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!known.contains(f)) {
                    throw problem(at.isEmpty() ? f : at + "." + f, "unknown field '" + f + "' (known: "
                            + new java.util.TreeSet<>(known) + ")");
                }
            }
            for (String r : new java.util.TreeSet<>(required)) {
                if (!n.has(r) || n.get(r).isNull()) {
                    throw problem(at, "missing '" + r + "'");
                }
            }
        }

        void object(JsonNode n, String at) throws InputProblemException {
            if (n == null || !n.isObject()) {
                throw problem(at, "must be an object");
            }
        }

        JsonNode array(JsonNode n, String at) throws InputProblemException {
            if (n == null || !n.isArray()) {
                throw problem(at, "must be a list");
            }
            return n;
        }

        String string(JsonNode n, String at) throws InputProblemException {
            if (n == null || !n.isTextual() || n.asText().isBlank()) {
                throw problem(at, "must be a non-empty string");
            }
            return n.asText();
        }

        double number(JsonNode n, String at) throws InputProblemException {
            if (n == null || !n.isNumber() || n.asDouble() < 0) {
                throw problem(at, "must be a number, 0 or more");
            }
            return n.asDouble();
        }

        int count(JsonNode n, String at) throws InputProblemException {
            if (n == null) {
                return 1;
            }
            if (!n.isInt() || n.asInt() < 1 || n.asInt() > 100_000) {
                throw problem(at, "must be an integer from 1 to 100000");
            }
            return n.asInt();
        }

        List<String> strings(JsonNode n, String at) throws InputProblemException {
            if (n == null) {
                return null;
            }
            if (n.isTextual()) {
                return List.of(string(n, at));
            }
            array(n, at);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                out.add(string(n.get(i), at + "[" + i + "]"));
            }
            if (out.isEmpty()) {
                throw problem(at, "must not be empty");
            }
            return out;
        }

        Map<String, Double> multipliers(JsonNode n, String at) throws InputProblemException {
            object(n, at);
            Map<String, Double> out = new LinkedHashMap<>();
            for (var it = n.fields(); it.hasNext(); ) {
                var f = it.next();
                if (!f.getValue().isNumber()) {
                    throw problem(at + "." + f.getKey(), "a multiplier is a number");
                }
                out.put(f.getKey(), f.getValue().asDouble());
            }
            return out;
        }
    }
}
