package dev.placementstudio.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.placementstudio.model.PlacementState;
import dev.placementstudio.model.PlacementState.ConsumerRecord;
import dev.placementstudio.model.PlacementState.InventoryRecord;
import dev.placementstudio.model.PlacementState.ResourceProviderRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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

/**
 * The Placement dump format of the oracle README: {@code resource_providers} (parents first, each with
 * inventories, traits, aggregates), {@code allocations} per consumer and {@code aggregate_names}.
 */
public final class PlacementDump {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PlacementDump() {
    }

    /** True when a JSON document looks like a dump rather than our model. */
    public static boolean looksLikeDump(JsonNode root) {
        return root != null && root.isObject() && root.has("resource_providers");
    }

    public static PlacementState read(Path file) throws InputProblemException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputProblemException(file, "cannot read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw ModelJson.brokenJson(file.toString(), e);
        }
        return fromTree(file.toString(), text, root);
    }

    static PlacementState fromTree(String file, String text, JsonNode root) throws InputProblemException {
        Reader r = new Reader(file, text, false);
        return r.state(root, "");
    }

    /**
     * The raw Placement state inside a model: its providers may hang below the model's own (an imported
     * host's unrecognised child) and its consumers may hold resources there; the projection checks those.
     */
    static PlacementState embeddedFromTree(JsonNode root) throws InputProblemException {
        return new Reader("", null, true).state(root, "");
    }

    public static byte[] toBytes(PlacementState state, boolean pretty) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            write(g, state);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (pretty) {
            out.write('\n');
        }
        return out.toByteArray();
    }

    public static void write(PlacementState state, OutputStream out) throws IOException {
        out.write(toBytes(state, true));
    }

    static void write(JsonGenerator g, PlacementState state) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("resource_providers");
        for (ResourceProviderRecord rp : state.resourceProviders()) {
            g.writeStartObject();
            g.writeStringField("uuid", rp.uuid());
            g.writeStringField("name", rp.name());
            g.writeStringField("parent_provider_uuid", rp.parentProviderUuid());
            g.writeObjectFieldStart("inventories");
            for (var e : rp.inventories().entrySet()) {
                InventoryRecord inv = e.getValue();
                g.writeObjectFieldStart(e.getKey());
                g.writeNumberField("total", inv.total());
                g.writeNumberField("reserved", inv.reserved());
                g.writeNumberField("min_unit", inv.minUnit());
                g.writeNumberField("max_unit", inv.maxUnit());
                g.writeNumberField("step_size", inv.stepSize());
                g.writeNumberField("allocation_ratio", inv.allocationRatio());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeArrayFieldStart("traits");
            for (String t : rp.traits()) {
                g.writeString(t);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("aggregates");
            for (String a : rp.aggregates()) {
                g.writeString(a);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("allocations");
        for (var c : state.allocations().entrySet()) {
            ConsumerRecord cr = c.getValue();
            g.writeObjectFieldStart(c.getKey());
            g.writeObjectFieldStart("allocations");
            for (var a : cr.allocations().entrySet()) {
                g.writeObjectFieldStart(a.getKey());
                g.writeObjectFieldStart("resources");
                for (var r : a.getValue().entrySet()) {
                    g.writeNumberField(r.getKey(), r.getValue());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeStringField("project_id", cr.projectId());
            g.writeStringField("user_id", cr.userId());
            if (cr.consumerType() != null) {
                g.writeStringField("consumer_type", cr.consumerType());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeObjectFieldStart("aggregate_names");
        for (var e : state.aggregateNames().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Reads a dump tree, reporting the first problem with its path and place in the text. */
    private static final class Reader {
        private static final Set<String> TOP = Set.of("resource_providers", "allocations", "aggregate_names");
        private static final Set<String> RP = Set.of("uuid", "name", "parent_provider_uuid", "inventories", "traits",
                "aggregates", "generation", "root_provider_uuid", "links");
        private static final Set<String> INV = Set.of("total", "reserved", "min_unit", "max_unit", "step_size",
                "allocation_ratio", "resource_provider_generation");
        private static final Set<String> CONSUMER = Set.of("allocations", "project_id", "user_id", "consumer_type",
                "consumer_generation", "mappings");
        private final String file;
        private final String text;
        private final boolean embedded;

        Reader(String file, String text, boolean embedded) {
            this.file = file;
            this.text = text;
            this.embedded = embedded;
        }

        InputProblemException problem(String path, String message) {
            int[] lc = text == null ? new int[]{0, 0} : JsonLocator.locate(text, path);
            return new InputProblemException(file, lc[0], lc[1], path, message);
        }

        PlacementState state(JsonNode root, String base) throws InputProblemException {
            if (root == null || !root.isObject()) {
                throw problem(base, "a Placement dump is a JSON object with resource_providers");
            }
            unknown(root, TOP, base);
            JsonNode rps = root.get("resource_providers");
            if (rps == null || !rps.isArray()) {
                throw problem(join(base, "resource_providers"), "must be a list of providers");
            }
            List<ResourceProviderRecord> providers = new ArrayList<>();
            Set<String> uuids = new HashSet<>();
            for (int i = 0; i < rps.size(); i++) {
                String p = join(base, "resource_providers") + "[" + i + "]";
                JsonNode n = rps.get(i);
                if (!n.isObject()) {
                    throw problem(p, "a provider must be an object");
                }
                unknown(n, RP, p);
                String uuid = text(n, "uuid", p, true);
                String name = text(n, "name", p, true);
                String parent = text(n, "parent_provider_uuid", p, false);
                if (!uuids.add(uuid)) {
                    throw problem(p + ".uuid", "duplicate provider uuid " + uuid);
                }
                if (parent != null && !uuids.contains(parent) && !embedded) {
                    throw problem(p + ".parent_provider_uuid", "parent " + parent
                            + " is not listed before this provider");
                }
                Map<String, InventoryRecord> inventories = new LinkedHashMap<>();
                JsonNode invs = n.get("inventories");
                if (invs != null && !invs.isNull()) {
                    if (!invs.isObject()) {
                        throw problem(p + ".inventories", "must be an object of resource class to inventory");
                    }
                    for (Iterator<Map.Entry<String, JsonNode>> it = invs.fields(); it.hasNext(); ) {
                        var e = it.next();
                        String ip = p + ".inventories." + e.getKey();
                        JsonNode inv = e.getValue();
                        if (!inv.isObject()) {
                            throw problem(ip, "an inventory must be an object");
                        }
                        unknown(inv, INV, ip);
                        long total = number(inv, "total", ip, -1);
                        if (total < 1) {
                            throw problem(ip + ".total", "total must be at least 1");
                        }
                        long reserved = number(inv, "reserved", ip, 0);
                        long min = number(inv, "min_unit", ip, 1);
                        long max = number(inv, "max_unit", ip, total);
                        long step = number(inv, "step_size", ip, 1);
                        JsonNode ratio = inv.get("allocation_ratio");
                        double r = ratio == null ? 1.0 : ratio.asDouble();
                        if (ratio != null && !ratio.isNumber()) {
                            throw problem(ip + ".allocation_ratio", "must be a number");
                        }
                        if (reserved < 0 || reserved > total) {
                            throw problem(ip + ".reserved", "reserved must be between 0 and total");
                        }
                        if (min < 1 || max < min || step < 1) {
                            throw problem(ip, "min_unit, max_unit and step_size must satisfy 1 <= min_unit <= max_unit, step_size >= 1");
                        }
                        if (r <= 0) {
                            throw problem(ip + ".allocation_ratio", "must be positive");
                        }
                        inventories.put(e.getKey(), new InventoryRecord(total, reserved, min, max, step, r));
                    }
                }
                providers.add(new ResourceProviderRecord(uuid, name, parent, inventories, strings(n, "traits", p),
                        strings(n, "aggregates", p)));
            }
            Map<String, ConsumerRecord> allocations = new LinkedHashMap<>();
            JsonNode allocs = root.get("allocations");
            if (allocs != null && !allocs.isNull()) {
                if (!allocs.isObject()) {
                    throw problem(join(base, "allocations"), "must be an object of consumer uuid to allocations");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = allocs.fields(); it.hasNext(); ) {
                    var e = it.next();
                    String cp = join(base, "allocations") + "." + e.getKey();
                    JsonNode c = e.getValue();
                    if (!c.isObject()) {
                        throw problem(cp, "a consumer must be an object");
                    }
                    unknown(c, CONSUMER, cp);
                    JsonNode a = c.get("allocations");
                    if (a == null || !a.isObject()) {
                        throw problem(cp + ".allocations", "must be an object of provider uuid to resources");
                    }
                    Map<String, Map<String, Long>> byRp = new LinkedHashMap<>();
                    for (Iterator<Map.Entry<String, JsonNode>> ai = a.fields(); ai.hasNext(); ) {
                        var ae = ai.next();
                        String ap = cp + ".allocations." + ae.getKey();
                        if (!uuids.contains(ae.getKey()) && !embedded) {
                            throw problem(ap, "no provider with uuid " + ae.getKey());
                        }
                        JsonNode res = ae.getValue().get("resources");
                        if (res == null || !res.isObject()) {
                            throw problem(ap, "needs a resources object");
                        }
                        Map<String, Long> amounts = new LinkedHashMap<>();
                        for (Iterator<Map.Entry<String, JsonNode>> ri = res.fields(); ri.hasNext(); ) {
                            var re = ri.next();
                            if (!re.getValue().canConvertToLong() || re.getValue().asLong() < 1) {
                                throw problem(ap + ".resources." + re.getKey(), "must be a positive whole number");
                            }
                            amounts.put(re.getKey(), re.getValue().asLong());
                        }
                        byRp.put(ae.getKey(), amounts);
                    }
                    allocations.put(e.getKey(), new ConsumerRecord(byRp, text(c, "project_id", cp, false),
                            text(c, "user_id", cp, false), text(c, "consumer_type", cp, false)));
                }
            }
            Map<String, String> names = new LinkedHashMap<>();
            JsonNode an = root.get("aggregate_names");
            if (an != null && an.isObject()) {
                an.fields().forEachRemaining(e -> names.put(e.getKey(), e.getValue().asText()));
            }
            return new PlacementState(providers, allocations, names);
        }

        private void unknown(JsonNode n, Set<String> known, String path) throws InputProblemException {
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!known.contains(f)) {
                    throw problem(join(path, f), "unknown field '" + f + "' (expected one of " + new java.util.TreeSet<>(known) + ")");
                }
            }
        }

        private String text(JsonNode n, String field, String path, boolean required) throws InputProblemException {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    throw problem(join(path, field), "is required");
                }
                return null;
            }
            if (!v.isTextual()) {
                throw problem(join(path, field), "must be a string");
            }
            return v.asText();
        }

        private long number(JsonNode n, String field, String path, long dflt) throws InputProblemException {
            JsonNode v = n.get(field);
            if (v == null) {
                if (dflt < 0) {
                    throw problem(join(path, field), "is required");
                }
                return dflt;
            }
            if (!v.canConvertToLong() || !v.isIntegralNumber()) {
                throw problem(join(path, field), "must be a whole number");
            }
            return v.asLong();
        }

        private List<String> strings(JsonNode n, String field, String path) throws InputProblemException {
            JsonNode v = n.get(field);
            List<String> out = new ArrayList<>();
            if (v == null || v.isNull()) {
                return out;
            }
            if (!v.isArray()) {
                throw problem(join(path, field), "must be a list of strings");
            }
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isTextual()) {
                    throw problem(join(path, field) + "[" + i + "]", "must be a string");
                }
                out.add(v.get(i).asText());
            }
            return out;
        }

        private static String join(String base, String field) {
            return base.isEmpty() ? field : base + "." + field;
        }
    }
}
