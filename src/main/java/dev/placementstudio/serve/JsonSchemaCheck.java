package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placementstudio.placement.CandidateQuery;
import dev.placementstudio.placement.PythonRepr;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The part of JSON Schema (draft 4) that Placement's request schemas use, with the messages Python's
 * {@code jsonschema} gives: clients and Placement's own tests match on them ("'name' is a required
 * property", "Failed validating 'minLength' in schema"). Like {@code jsonschema.validate}, of all the
 * errors found it reports the shallowest, the first of those in schema order.
 */
final class JsonSchemaCheck {
    /** One failure: the message, the keyword that failed, where in the instance, and the schema that failed. */
    record Failure(String message, String keyword, List<Object> path, List<Object> schemaPath, JsonNode schema,
                   JsonNode instance) {
        /**
         * The text of Python's {@code str(ValidationError)}, which Placement puts in its 400 body: the schema and
         * the instance as {@code pprint.pformat(width=72)} gives them (keys sorted, long ones a line an item),
         * indented by four.
         */
        String describe() {
            return message + "\n\nFailed validating '" + keyword + "' in schema" + index(schemaPath) + ":\n    "
                    + indented(schema) + "\n\nOn instance" + index(path) + ":\n    " + indented(instance);
        }

        private static String indented(JsonNode value) {
            return PyRepr.pformat(value, 72).replace("\n", "\n    ");
        }

        private static String index(List<Object> path) {
            StringBuilder sb = new StringBuilder();
            for (Object p : path) {
                sb.append('[').append(p instanceof String s ? PythonRepr.string(s) : p.toString()).append(']');
            }
            return sb.toString();
        }
    }

    private JsonSchemaCheck() {
    }

    /** The best failure of {@code instance} against {@code schema}, or null when it validates. */
    static Failure check(JsonNode instance, JsonNode schema) {
        List<Failure> all = new ArrayList<>();
        validate(instance, schema, new ArrayList<>(), new ArrayList<>(), all);
        Failure best = null;
        for (Failure f : all) {
            if (best == null || f.path().size() < best.path().size()
                    || f.path().size() == best.path().size() && isWeak(best) && !isWeak(f)) {
                best = f;
            }
        }
        return best;
    }

    private static boolean isWeak(Failure f) {
        return f.keyword().equals("anyOf") || f.keyword().equals("oneOf");
    }

    private static void validate(JsonNode in, JsonNode schema, List<Object> path, List<Object> spath, List<Failure> out) {
        Iterator<Map.Entry<String, JsonNode>> it = schema.fields();
        while (it.hasNext()) {
            var e = it.next();
            String kw = e.getKey();
            JsonNode v = e.getValue();
            switch (kw) {
                case "type" -> {
                    boolean ok = false;
                    if (v.isArray()) {
                        for (JsonNode t : v) {
                            ok |= isType(in, t.asText());
                        }
                    } else {
                        ok = isType(in, v.asText());
                    }
                    if (!ok) {
                        StringBuilder types = new StringBuilder();
                        if (v.isArray()) {
                            for (JsonNode t : v) {
                                types.append(types.length() == 0 ? "" : ", ").append(PythonRepr.string(t.asText()));
                            }
                        } else {
                            types.append(PythonRepr.string(v.asText()));
                        }
                        fail(out, PyRepr.of(in) + " is not of type " + types, kw, path, spath, schema, in);
                        return; // jsonschema checks nothing else meaningful on a wrongly typed value
                    }
                }
                case "properties" -> {
                    if (in.isObject()) {
                        v.fields().forEachRemaining(p -> {
                            if (in.has(p.getKey())) {
                                validate(in.get(p.getKey()), p.getValue(), child(path, p.getKey()), child(child(spath, kw), p.getKey()), out);
                            }
                        });
                    }
                }
                case "patternProperties" -> {
                    if (in.isObject()) {
                        v.fields().forEachRemaining(p -> {
                            Pattern re = Pattern.compile(p.getKey());
                            in.fields().forEachRemaining(f -> {
                                if (re.matcher(f.getKey()).find()) {
                                    validate(f.getValue(), p.getValue(), child(path, f.getKey()), child(child(spath, kw), p.getKey()), out);
                                }
                            });
                        });
                    }
                }
                case "additionalProperties" -> {
                    if (in.isObject() && v.isBoolean() && !v.asBoolean()) {
                        List<String> extra = new ArrayList<>();
                        in.fieldNames().forEachRemaining(name -> {
                            if (!allowed(name, schema)) {
                                extra.add(name);
                            }
                        });
                        if (!extra.isEmpty()) {
                            StringBuilder names = new StringBuilder();
                            for (String x : extra) {
                                names.append(names.length() == 0 ? "" : ", ").append(PythonRepr.string(x));
                            }
                            if (schema.has("patternProperties")) {
                                List<String> patterns = new ArrayList<>();
                                schema.get("patternProperties").fieldNames().forEachRemaining(p -> patterns.add(PythonRepr.string(p)));
                                fail(out, names + (extra.size() == 1 ? " does not match any of the regexes: "
                                        : " do not match any of the regexes: ") + String.join(", ", patterns), kw, path, spath, schema, in);
                            } else {
                                fail(out, "Additional properties are not allowed (" + names
                                        + (extra.size() == 1 ? " was" : " were") + " unexpected)", kw, path, spath, schema, in);
                            }
                        }
                    }
                }
                case "required" -> {
                    if (in.isObject()) {
                        for (JsonNode r : v) {
                            if (!in.has(r.asText())) {
                                fail(out, PythonRepr.string(r.asText()) + " is a required property", kw, path, spath, schema, in);
                            }
                        }
                    }
                }
                case "minProperties" -> {
                    if (in.isObject() && in.size() < v.asInt()) {
                        fail(out, PyRepr.of(in) + " does not have enough properties", kw, path, spath, schema, in);
                    }
                }
                case "items" -> {
                    if (in.isArray()) {
                        for (int i = 0; i < in.size(); i++) {
                            validate(in.get(i), v, child(path, i), child(spath, kw), out);
                        }
                    }
                }
                case "minItems" -> {
                    if (in.isArray() && in.size() < v.asInt()) {
                        fail(out, PyRepr.of(in) + " is too short", kw, path, spath, schema, in);
                    }
                }
                case "uniqueItems" -> {
                    if (in.isArray() && v.asBoolean()) {
                        Set<JsonNode> seen = new HashSet<>();
                        for (JsonNode x : in) {
                            if (!seen.add(x)) {
                                fail(out, PyRepr.of(in) + " has non-unique elements", kw, path, spath, schema, in);
                                break;
                            }
                        }
                    }
                }
                case "minLength" -> {
                    if (in.isTextual() && in.asText().codePointCount(0, in.asText().length()) < v.asInt()) {
                        fail(out, PyRepr.of(in) + " is too short", kw, path, spath, schema, in);
                    }
                }
                case "maxLength" -> {
                    if (in.isTextual() && in.asText().codePointCount(0, in.asText().length()) > v.asInt()) {
                        fail(out, PyRepr.of(in) + " is too long", kw, path, spath, schema, in);
                    }
                }
                case "pattern" -> {
                    if (in.isTextual() && !Pattern.compile(v.asText()).matcher(in.asText()).find()) {
                        fail(out, PyRepr.of(in) + " does not match " + PythonRepr.string(v.asText()), kw, path, spath, schema, in);
                    }
                }
                case "format" -> {
                    if (in.isTextual() && v.asText().equals("uuid") && !CandidateQuery.isUuidLike(in.asText())) {
                        fail(out, PyRepr.of(in) + " is not a 'uuid'", kw, path, spath, schema, in);
                    }
                }
                case "minimum" -> {
                    if (in.isNumber() && in.asDouble() < v.asDouble()) {
                        fail(out, PyRepr.of(in) + " is less than the minimum of " + PyRepr.of(v), kw, path, spath, schema, in);
                    }
                }
                case "maximum" -> {
                    if (in.isNumber() && in.asDouble() > v.asDouble()) {
                        fail(out, PyRepr.of(in) + " is greater than the maximum of " + PyRepr.of(v), kw, path, spath, schema, in);
                    }
                }
                case "anyOf" -> {
                    boolean any = false;
                    for (JsonNode sub : v) {
                        List<Failure> subOut = new ArrayList<>();
                        validate(in, sub, path, spath, subOut);
                        any |= subOut.isEmpty();
                    }
                    if (!any) {
                        fail(out, PyRepr.of(in) + " is not valid under any of the given schemas", kw, path, spath, schema, in);
                    }
                }
                default -> {
                    // annotations and keywords Placement's schemas do not use
                }
            }
        }
    }

    private static boolean allowed(String name, JsonNode schema) {
        if (schema.has("properties") && schema.get("properties").has(name)) {
            return true;
        }
        if (schema.has("patternProperties")) {
            Iterator<String> it = schema.get("patternProperties").fieldNames();
            while (it.hasNext()) {
                if (Pattern.compile(it.next()).matcher(name).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isType(JsonNode in, String type) {
        return switch (type) {
            case "object" -> in.isObject();
            case "array" -> in.isArray();
            case "string" -> in.isTextual();
            case "null" -> in.isNull();
            case "boolean" -> in.isBoolean();
            // jsonschema counts 1.0 as an integer; booleans are neither
            // (float.is_integer: an infinite float, 1e400 as Python reads it, is none)
            case "integer" -> in.isIntegralNumber() || in.isFloatingPointNumber() && Double.isFinite(in.asDouble())
                    && in.asDouble() == Math.rint(in.asDouble());
            case "number" -> in.isNumber();
            default -> false;
        };
    }

    private static List<Object> child(List<Object> path, Object key) {
        List<Object> p = new ArrayList<>(path);
        p.add(key);
        return p;
    }

    private static void fail(List<Failure> out, String message, String kw, List<Object> path, List<Object> spath,
                             JsonNode schema, JsonNode in) {
        out.add(new Failure(message, kw, List.copyOf(path), List.copyOf(spath), schema, in));
    }
}
