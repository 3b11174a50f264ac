package dev.placementstudio.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.sim.Workload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads workloads: a JSON file (docs/simulation.md, "Workloads") or a CSV trace of real arrivals
 * ({@code submit_ms,flavor,duration_ms}, one boot per line), chosen by extension. Problems are reported
 * as {@code file:line:col: message}, checked against the model (flavors, images, ports, hosts, cells).
 */
public final class WorkloadFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private WorkloadFiles() {
    }

    public static Workload read(Path file, CloudModel model) throws InputProblemException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputProblemException(file, "cannot read: " + e.getMessage());
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte order mark (spreadsheets write one) is not part of the content
        }
        String ext = FileNames.extension(file);
        Workload w = switch (ext) {
            case "json" -> parseJson(file.toString(), text);
            case "csv" -> parseCsv(file.toString(), text, model);
            default -> throw new InputProblemException(file, "a workload is a .json file or a .csv trace, not '." + ext + "'");
        };
        if (ext.equals("json")) {
            check(file.toString(), text, w, model);
        }
        return w;
    }

    /** A JSON workload given as text (a scenario's), parsed and checked against the model. */
    public static Workload parse(String file, String text, CloudModel model) throws InputProblemException {
        Workload w = parseJson(file, text);
        check(file, text, w, model);
        return w;
    }

    /** A workload given as the text of a .json file or a .csv trace (by {@code extension}), checked against the model. */
    public static Workload parse(String file, String text, String extension, CloudModel model)
            throws InputProblemException {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return switch (extension) {
            case "json" -> parse(file, text, model);
            case "csv" -> parseCsv(file, text, model);
            default -> throw new InputProblemException(file, 0, 0, "", "a workload is a .json file or a .csv trace");
        };
    }

    static Workload parseJson(String file, String text) throws InputProblemException {
        if (text.isBlank()) {
            throw new InputProblemException(file, 1, 1, "", "the file is empty; a workload is a JSON object");
        }
        refuseNullEntries(file, text);
        try {
            return MAPPER.readValue(text, Workload.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InputProblemException(file, e.getLocation().getLineNr(), e.getLocation().getColumnNr(),
                    path(e), "unknown field '" + e.getPropertyName() + "' (known: " + e.getKnownPropertyIds() + ")");
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String why = e.getOriginalMessage().replaceAll("\\s*\\(class [^)]*\\)", "")
                    .replaceAll("`dev\\.placementstudio\\.[a-zA-Z.$]*`", "value");
            if (why.contains("Exception")) {
                why = "not a valid value here"; // a Java exception's name tells the user nothing
            }
            throw new InputProblemException(file, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(),
                    e instanceof com.fasterxml.jackson.databind.JsonMappingException m ? path(m) : "", why);
        }
    }

    /**
     * A null in a list ({@code "arrivals": [null]}, {@code "ports": [null]}) is no entry: refused with its place
     * before the records are built (which would fail on it with no path).
     */
    private static void refuseNullEntries(String file, String text) throws InputProblemException {
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return; // broken JSON: readValue reports it, with its place
        }
        String at = firstNullEntry(root, "");
        if (at != null) {
            problem(file, text, at, "a list entry must not be null");
        }
    }

    private static String firstNullEntry(com.fasterxml.jackson.databind.JsonNode n, String path) {
        if (n == null) {
            return null;
        }
        if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                String here = path + "[" + i + "]";
                String found = n.get(i).isNull() ? here : firstNullEntry(n.get(i), here);
                if (found != null) {
                    return found;
                }
            }
        } else if (n.isObject()) {
            for (var it = n.fields(); it.hasNext(); ) {
                var f = it.next();
                String found = firstNullEntry(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey());
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            }
        }
        return sb.toString();
    }

    private static void problem(String file, String text, String path, String message) throws InputProblemException {
        int[] lc = JsonLocator.locate(text, path);
        throw new InputProblemException(file, lc[0], lc[1], path, message);
    }

    private static void check(String file, String text, Workload w, CloudModel model) throws InputProblemException {
        Set<String> flavors = names(model.flavors().stream().map(f -> f.name()).toList());
        for (int i = 0; i < w.arrivals().size(); i++) {
            Workload.Arrival a = w.arrivals().get(i);
            String p = "arrivals[" + i + "]";
            if (a.flavor() == null) {
                problem(file, text, p, "an arrival group needs a flavor");
            }
            if (!flavors.contains(a.flavor())) {
                problem(file, text, p + ".flavor", "no flavor '" + a.flavor() + "' in the model (it has " + flavors + ")");
            }
            if (a.count() != null && a.count() < 0) {
                problem(file, text, p + ".count", "count must be 0 or more");
            }
            notNegative(file, text, p + ".start_ms", a.startMs());
            if (a.ratePerS() != null && a.ratePerS() < 0) {
                problem(file, text, p + ".rate_per_s", "rate_per_s must be 0 or more");
            }
            if (a.lifetimeMs() != null && a.lifetimeMs() < 0 || a.lifetimeMeanMs() != null && a.lifetimeMeanMs() <= 0) {
                problem(file, text, p + (a.lifetimeMs() != null ? ".lifetime_ms" : ".lifetime_mean_ms"),
                        "lifetimes must be positive");
            }
            if (a.image() != null && model.images().stream().noneMatch(x -> x.name().equals(a.image()))) {
                problem(file, text, p + ".image", "no image '" + a.image() + "' in the model");
            }
            for (int k = 0; k < a.ports().size(); k++) {
                String port = a.ports().get(k);
                if (model.ports().stream().noneMatch(x -> x.name().equals(port))) {
                    problem(file, text, p + ".ports[" + k + "]", "no port '" + port + "' in the model");
                }
            }
            if (a.serverGroup() != null && model.serverGroups().stream().noneMatch(g -> g.name().equals(a.serverGroup()))) {
                problem(file, text, p + ".server_group", "no server group '" + a.serverGroup() + "' in the model");
            }
            if (a.deviceProfile() != null && model.deviceProfiles().stream().noneMatch(d -> d.name().equals(a.deviceProfile()))) {
                problem(file, text, p + ".device_profile", "no device profile '" + a.deviceProfile() + "' in the model");
            }
        }
        for (int i = 0; i < w.migrations().size(); i++) {
            Workload.MigrationLoad m = w.migrations().get(i);
            String p = "migrations[" + i + "]";
            notNegative(file, text, p + ".count", m.count());
            notNegative(file, text, p + ".rate_per_s", m.ratePerS());
            notNegative(file, text, p + ".start_ms", m.startMs());
            if (m.type() != null && !List.of("migration", "resize", "live-migration").contains(m.type())) {
                problem(file, text, p + ".type", "type must be migration, resize or live-migration, not '" + m.type() + "'");
            }
            if (m.newFlavor() != null && !flavors.contains(m.newFlavor())) {
                problem(file, text, p + ".new_flavor", "no flavor '" + m.newFlavor() + "' in the model");
            }
            if ("resize".equals(m.type()) && m.newFlavor() == null) {
                problem(file, text, p, "a resize needs new_flavor");
            }
            if (m.revertProbability() != null && (m.revertProbability() < 0 || m.revertProbability() > 1)) {
                problem(file, text, p + ".revert_probability", "a probability is between 0 and 1");
            }
        }
        for (int i = 0; i < w.events().size(); i++) {
            Workload.ScheduledEvent e = w.events().get(i);
            String p = "events[" + i + "]";
            if (e.type() == null || !List.of("cell-down", "cell-up", "host-disable", "host-enable").contains(e.type())) {
                problem(file, text, p + ".type", "type must be cell-down, cell-up, host-disable or host-enable");
            }
            notNegative(file, text, p + ".at_ms", e.atMs());
            if (e.type().startsWith("cell") && model.cells().stream().noneMatch(c -> c.name().equals(e.cell()))) {
                problem(file, text, p + ".cell", "no cell '" + e.cell() + "' in the model");
            }
            if (e.type().startsWith("host") && model.hosts().stream().noneMatch(h -> h.hostname().equals(e.host()))) {
                problem(file, text, p + ".host", "no host '" + e.host() + "' in the model");
            }
        }
        checkActions(file, text, w, model, flavors);
        var f = w.faults();
        probability(file, text, "faults.build_failure_probability", f.buildFailureProbability());
        probability(file, text, "faults.arq_bind_failure_probability", f.arqBindFailureProbability());
        Set<String> hosts = new java.util.HashSet<>();
        model.hosts().forEach(h -> hosts.add(h.hostname()));
        model.baremetalNodes().forEach(n -> hosts.add(n.name()));
        perHost(file, text, hosts, "faults.host_failure_probability", f.hostFailureProbability());
        perHost(file, text, hosts, "faults.fail_next_builds", f.failNextBuilds());
        perHost(file, text, hosts, "faults.fail_next_binds", f.failNextBinds());
        var t = w.timing();
        notNegative(file, text, "timing.schedule_ms", t.scheduleMs());
        notNegative(file, text, "timing.dispatch_ms", t.dispatchMs());
        notNegative(file, text, "timing.build_ms", t.buildMs());
        notNegative(file, text, "timing.arq_bind_ms", t.arqBindMs());
        notNegative(file, text, "timing.migration_ms", t.migrationMs());
        notNegative(file, text, "timing.confirm_ms", t.confirmMs());
    }

    /** The scripted actions: known types, the names they refer to exist (a delete, a server booted before it). */
    private static void checkActions(String file, String text, Workload w, CloudModel model, Set<String> flavors)
            throws InputProblemException {
        Set<String> servers = new java.util.HashSet<>();
        Set<String> hosts = names(model.hosts().stream().map(h -> h.hostname()).toList());
        for (int i = 0; i < w.actions().size(); i++) {
            Workload.Action a = w.actions().get(i);
            String p = "actions[" + i + "]";
            if (a.action() == null || !Workload.ACTION_TYPES.contains(a.action())) {
                problem(file, text, p + (a.action() == null ? "" : ".action"),
                        "action must be one of " + String.join(", ", Workload.ACTION_TYPES));
            }
            notNegative(file, text, p + ".at_ms", a.atMs());
            switch (a.action()) {
                case "boot" -> {
                    if (a.name() == null || a.name().isBlank()) {
                        problem(file, text, p, "a boot needs a name");
                    }
                    if (a.flavor() == null || !flavors.contains(a.flavor())) {
                        problem(file, text, a.flavor() == null ? p : p + ".flavor", a.flavor() == null ? "a boot needs a flavor"
                                : "no flavor '" + a.flavor() + "' in the model (it has " + flavors + ")");
                    }
                    if (a.count() != null && a.count() < 1) {
                        problem(file, text, p + ".count", "count must be 1 or more");
                    }
                    if (a.image() != null && model.images().stream().noneMatch(x -> x.name().equals(a.image()))) {
                        problem(file, text, p + ".image", "no image '" + a.image() + "' in the model");
                    }
                    if (a.serverGroup() != null && model.serverGroups().stream().noneMatch(g -> g.name().equals(a.serverGroup()))) {
                        problem(file, text, p + ".server_group", "no server group '" + a.serverGroup() + "' in the model");
                    }
                    int n = a.count() == null ? 1 : a.count();
                    for (int k = 1; k <= n; k++) {
                        String name = n == 1 ? a.name() : a.name() + "-" + k;
                        if (!servers.add(name)) {
                            problem(file, text, p + ".name", "a server named '" + name + "' is booted earlier");
                        }
                    }
                }
                case "delete" -> {
                    if (a.server() == null || !servers.contains(a.server())) {
                        problem(file, text, a.server() == null ? p : p + ".server", a.server() == null ? "a delete names its server"
                                : "no server '" + a.server() + "' is booted before this action");
                    }
                }
                default -> {
                    if (a.host() == null || !hosts.contains(a.host())) {
                        problem(file, text, a.host() == null ? p : p + ".host", a.host() == null ? "a " + a.action() + " names a host"
                                : "no host '" + a.host() + "' in the model");
                    }
                    if (a.builds() != null && a.builds() < 1) {
                        problem(file, text, p + ".builds", "builds must be 1 or more");
                    }
                }
            }
        }
    }

    private static void notNegative(String file, String text, String path, Number v) throws InputProblemException {
        if (v != null && v.doubleValue() < 0) {
            problem(file, text, path, path.substring(path.lastIndexOf('.') + 1) + " must be 0 or more");
        }
    }

    private static void probability(String file, String text, String path, Double p) throws InputProblemException {
        if (p != null && !(p >= 0 && p <= 1)) {
            problem(file, text, path, "a probability is between 0 and 1");
        }
    }

    /** A fault map names hosts of the model, each with a value: a probability, or a count of 0 or more. */
    private static void perHost(String file, String text, Set<String> hosts, String path, java.util.Map<String, ? extends Number> m)
            throws InputProblemException {
        if (m == null) {
            return;
        }
        for (var e : m.entrySet()) {
            String p = path + "." + e.getKey();
            if (!hosts.contains(e.getKey())) {
                problem(file, text, p, "no host '" + e.getKey() + "' in the model");
            }
            if (e.getValue() == null) {
                problem(file, text, p, "needs a number, not null");
            }
            if (e.getValue() instanceof Double d) {
                probability(file, text, p, d);
            } else {
                notNegative(file, text, p, e.getValue());
            }
        }
    }

    /** A CSV time in ms: a whole number, within a long. */
    private static long csvTime(String file, int line, int column, String field, String raw) throws InputProblemException {
        String t = raw.strip();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            if (t.matches("[+-]?[0-9]+")) {
                throw new InputProblemException(file, line, column, field, "'" + raw + "' is "
                        + (t.startsWith("-") ? "too small: times must not be negative" : "too large: at most "
                        + Long.MAX_VALUE + " ms"));
            }
            throw new InputProblemException(file, line, column, field, "not a whole number of ms: '" + raw + "'");
        }
    }

    private static Set<String> names(List<String> l) {
        return new java.util.TreeSet<>(l);
    }

    static Workload parseCsv(String file, String text, CloudModel model) throws InputProblemException {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).strip().equals("submit_ms,flavor,duration_ms")) {
            throw new InputProblemException(file, 1, 1, "", "a trace starts with the header submit_ms,flavor,duration_ms");
        }
        Set<String> flavors = names(model.flavors().stream().map(f -> f.name()).toList());
        List<Workload.Arrival> arrivals = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(",", -1);
            if (parts.length != 3) {
                throw new InputProblemException(file, i + 1, 1, "", "expected submit_ms,flavor,duration_ms, got " + parts.length + " fields");
            }
            long submit = csvTime(file, i + 1, 1, "submit_ms", parts[0]);
            long duration = csvTime(file, i + 1, parts[0].length() + parts[1].length() + 3, "duration_ms", parts[2]);
            String flavor = parts[1].strip();
            if (!flavors.contains(flavor)) {
                throw new InputProblemException(file, i + 1, parts[0].length() + 2, "flavor", "no flavor '" + flavor
                        + "' in the model");
            }
            if (submit < 0 || duration < 0) {
                throw new InputProblemException(file, i + 1, 1, "", "times must not be negative");
            }
            arrivals.add(new Workload.Arrival(flavor, 1, null, submit, duration, null, null, null, List.of(), null, null));
        }
        return new Workload(arrivals, List.of(), List.of(), null, null);
    }
}
