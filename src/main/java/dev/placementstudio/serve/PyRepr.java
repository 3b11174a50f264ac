package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/** Python's {@code repr} of a parsed JSON value, as Placement's messages quote values ({@code 'abc'}, {@code None}). */
final class PyRepr {
    private PyRepr() {
    }

    static String of(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "None";
        }
        if (n.isTextual()) {
            return string(n.asText());
        }
        if (n.isBoolean()) {
            return n.asBoolean() ? "True" : "False";
        }
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue().toString();
        }
        if (n.isNumber()) {
            double d = n.asDouble();
            return d == Math.rint(d) && !Double.isInfinite(d) ? String.valueOf(d) : Double.toString(d);
        }
        StringBuilder sb = new StringBuilder();
        if (n.isArray()) {
            sb.append('[');
            for (int i = 0; i < n.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(of(n.get(i)));
            }
            return sb.append(']').toString();
        }
        sb.append('{');
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        boolean first = true;
        while (it.hasNext()) {
            var e = it.next();
            sb.append(first ? "" : ", ").append(string(e.getKey())).append(": ").append(of(e.getValue()));
            first = false;
        }
        return sb.append('}').toString();
    }

    /** A str's repr: single quotes unless the text has a single quote and no double quote. */
    static String string(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(q);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c == q) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            }
        }
        return sb.append(q).toString();
    }
}
