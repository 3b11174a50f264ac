package dev.placementstudio.scheduler;

import dev.placementstudio.placement.PythonRepr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JsonFilter ({@code nova/scheduler/filters/json_filter.py}): the {@code query} scheduler hint is a JSON
 * expression such as {@code ["and", [">=", "$free_ram_mb", 1024], ["=", "$hypervisor_type", "QEMU"]]}.
 * {@code $name} and {@code $name.key} read the host state's attributes; comparisons follow Python's
 * rules (ints and floats compare, {@code True == 1}, a string never equals a number, ordering a string
 * against a number is a TypeError, which Nova raises and we report as a rejection).
 */
final class JsonQuery {
    private JsonQuery() {
    }

    /** Nova would have raised: the request fails there. */
    static final class NovaRaises extends RuntimeException {
        NovaRaises(String message) {
            super(message, null, false, false);
        }
    }

    static String reject(HostState h, String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        try {
            Object q = new Parser(query).document();
            Object result = process(q, h);
            if (result instanceof List<?> l) {
                result = l.stream().anyMatch(JsonQuery::truthy);
            }
            return truthy(result) ? null : "the JsonFilter query " + query + " is false for this host";
        } catch (NovaRaises e) {
            return "Nova raises on the JsonFilter query: " + e.getMessage();
        }
    }

    private static Object process(Object query, HostState h) {
        if (!truthy(query)) {
            return true;
        }
        if (!(query instanceof List<?> q)) {
            throw new NovaRaises("TypeError: the query is not a list");
        }
        Object cmd = q.get(0);
        if (!(cmd instanceof String c) || !List.of("=", "<", ">", "in", "<=", ">=", "not", "or", "and").contains(c)) {
            throw new NovaRaises("KeyError: " + PythonRepr.repr(cmd));
        }
        List<Object> args = new ArrayList<>();
        for (Object arg : q.subList(1, q.size())) {
            if (arg instanceof List<?>) {
                arg = process(arg, h);
            } else if (arg instanceof String s) {
                arg = variable(s, h);
            }
            if (arg != null) {
                args.add(arg);
            }
        }
        switch (c) {
            case "not": {
                List<Object> out = new ArrayList<>();
                args.forEach(a -> out.add(!truthy(a)));
                return out;
            }
            case "or":
                return args.stream().anyMatch(JsonQuery::truthy);
            case "and":
                return args.stream().allMatch(JsonQuery::truthy);
            default:
                break;
        }
        if (args.size() < 2) {
            return false;
        }
        Object first = args.get(0);
        List<Object> rest = args.subList(1, args.size());
        if (c.equals("in")) {
            return rest.stream().anyMatch(a -> pyEquals(first, a));
        }
        for (Object a : rest) {
            boolean ok = switch (c) {
                case "=" -> pyEquals(first, a);
                default -> order(c, first, a);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code $attr.key}: the host state's attribute, then dictionary lookups; plain strings stay strings. */
    private static Object variable(String s, HostState h) {
        if (s.isEmpty()) {
            return null;
        }
        if (!s.startsWith("$")) {
            return s;
        }
        String[] path = s.substring(1).split("\\.", -1);
        Object obj = HostAttributes.get(h, path[0]);
        if (obj == null || obj == HostAttributes.ABSENT) {
            return null;
        }
        for (int i = 1; i < path.length; i++) {
            if (!(obj instanceof Map<?, ?> m)) {
                throw new NovaRaises("AttributeError: " + path[i - 1] + " has no get()");
            }
            obj = m.get(path[i]);
            if (obj == null) {
                return null;
            }
        }
        return obj instanceof HostAttributes.JsonText j ? j.text() : obj;
    }

    static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Long n) {
            return n != 0;
        }
        if (v instanceof Double d) {
            return d != 0.0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    private static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof Double || v instanceof Boolean;
    }

    private static double number(Object v) {
        return v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).doubleValue();
    }

    static boolean pyEquals(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Long x && b instanceof Long y) {
                return x.longValue() == y.longValue();
            }
            return number(a) == number(b);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!pyEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof String || a instanceof Map<?, ?> || a instanceof HostAttributes.IpAddress) {
            return a.equals(b);
        }
        return a == b;
    }

    static int compare(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Long x && b instanceof Long y) {
                return Long.compare(x, y);
            }
            return Double.compare(number(a), number(b));
        }
        if (a instanceof String x && b instanceof String y) {
            return ExtraSpecsOps.compareCodePoints(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                if (!pyEquals(x.get(i), y.get(i))) {
                    return compare(x.get(i), y.get(i));
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        throw new NovaRaises("TypeError: cannot order " + PythonRepr.repr(a) + " and " + PythonRepr.repr(b));
    }

    /** Python's {@code <}, {@code >}, {@code <=}, {@code >=}: with floats every comparison with NaN is false. */
    static boolean order(String op, Object a, Object b) {
        if (isNumber(a) && isNumber(b) && !(a instanceof Long && b instanceof Long)) {
            double x = number(a);
            double y = number(b);
            return switch (op) {
                case "<" -> x < y;
                case ">" -> x > y;
                case "<=" -> x <= y;
                default -> x >= y;
            };
        }
        int c = compare(a, b);
        return switch (op) {
            case "<" -> c < 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            default -> c >= 0;
        };
    }

    /** A small JSON reader (the engine has no JSON library): objects, arrays, strings, numbers, literals. */
    static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Object document() {
            Object v = value();
            space();
            if (i != s.length()) {
                throw new NovaRaises("JSONDecodeError: extra data at " + i);
            }
            return v;
        }

        private void space() {
            while (i < s.length() && " \t\n\r".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        private Object value() {
            space();
            if (i >= s.length()) {
                throw new NovaRaises("JSONDecodeError: expecting a value at " + i);
            }
            char c = s.charAt(i);
            if (c == '[') {
                i++;
                List<Object> out = new ArrayList<>();
                space();
                if (i < s.length() && s.charAt(i) == ']') {
                    i++;
                    return out;
                }
                while (true) {
                    out.add(value());
                    space();
                    if (i < s.length() && s.charAt(i) == ',') {
                        i++;
                    } else if (i < s.length() && s.charAt(i) == ']') {
                        i++;
                        return out;
                    } else {
                        throw new NovaRaises("JSONDecodeError: expecting , or ] at " + i);
                    }
                }
            }
            if (c == '{') {
                i++;
                Map<String, Object> out = new java.util.LinkedHashMap<>();
                space();
                if (i < s.length() && s.charAt(i) == '}') {
                    i++;
                    return out;
                }
                while (true) {
                    space();
                    Object k = value();
                    if (!(k instanceof String key)) {
                        throw new NovaRaises("JSONDecodeError: a key must be a string at " + i);
                    }
                    space();
                    if (i >= s.length() || s.charAt(i) != ':') {
                        throw new NovaRaises("JSONDecodeError: expecting : at " + i);
                    }
                    i++;
                    out.put(key, value());
                    space();
                    if (i < s.length() && s.charAt(i) == ',') {
                        i++;
                    } else if (i < s.length() && s.charAt(i) == '}') {
                        i++;
                        return out;
                    } else {
                        throw new NovaRaises("JSONDecodeError: expecting , or } at " + i);
                    }
                }
            }
            if (c == '"') {
                return string();
            }
            for (String lit : List.of("true", "false", "null", "NaN", "Infinity", "-Infinity")) {
                if (s.startsWith(lit, i)) {
                    i += lit.length();
                    return switch (lit) {
                        case "true" -> Boolean.TRUE;
                        case "false" -> Boolean.FALSE;
                        case "null" -> null;
                        case "NaN" -> Double.NaN;
                        case "Infinity" -> Double.POSITIVE_INFINITY;
                        default -> Double.NEGATIVE_INFINITY;
                    };
                }
            }
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?").matcher(s).region(i, s.length());
            if (!m.lookingAt()) {
                throw new NovaRaises("JSONDecodeError: expecting a value at " + i);
            }
            i = m.end();
            String num = m.group();
            if (m.group(2) == null && m.group(3) == null) {
                try {
                    return Long.parseLong(num);
                } catch (NumberFormatException big) {
                    return Double.parseDouble(num);
                }
            }
            return Double.parseDouble(num);
        }

        private String string() {
            StringBuilder sb = new StringBuilder();
            i++;
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\' && i < s.length()) {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'u' -> {
                            sb.append((char) Integer.parseInt(s.substring(i, Math.min(i + 4, s.length())), 16));
                            i += 4;
                        }
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
            throw new NovaRaises("JSONDecodeError: unterminated string");
        }
    }
}
