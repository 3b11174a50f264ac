package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placementstudio.placement.PythonRepr;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code repr} of a parsed JSON value, as Placement's messages quote values ({@code 'abc'}, {@code None}),
 * and {@code pprint.pformat}, as jsonschema quotes a failed schema and instance: the walk over Jackson's tree;
 * the spellings of strings and numbers are {@link PythonRepr}'s.
 */
final class PyRepr {
    private static final Pattern WORD_AND_SPACE = Pattern.compile("\\S*\\s*", Pattern.UNICODE_CHARACTER_CLASS);

    private PyRepr() {
    }

    /** {@code repr(value)}: dict keys in the order the JSON had them. */
    static String of(JsonNode n) {
        return repr(n, false);
    }

    private static String repr(JsonNode n, boolean sortKeys) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "None";
        }
        if (n.isTextual()) {
            return PythonRepr.string(n.asText());
        }
        if (n.isBoolean()) {
            return n.asBoolean() ? "True" : "False";
        }
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue().toString();
        }
        if (n.isNumber()) {
            return PythonRepr.floatRepr(n.asDouble());
        }
        StringBuilder sb = new StringBuilder();
        if (n.isArray()) {
            sb.append('[');
            for (int i = 0; i < n.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(repr(n.get(i), sortKeys));
            }
            return sb.append(']').toString();
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> e : entries(n, sortKeys)) {
            sb.append(first ? "" : ", ").append(PythonRepr.string(e.getKey())).append(": ").append(repr(e.getValue(), sortKeys));
            first = false;
        }
        return sb.append('}').toString();
    }

    private static List<Map.Entry<String, JsonNode>> entries(JsonNode n, boolean sortKeys) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        it.forEachRemaining(entries::add);
        if (sortKeys) {
            entries.sort(Map.Entry.comparingByKey());
        }
        return entries;
    }

    /**
     * {@code pprint.pformat(value, width=width)}: dict keys sorted; a value whose repr does not fit what is
     * left of the line is broken one item a line, each under the first; a string too long for its line
     * is split after spaces into adjacent literals.
     */
    static String pformat(JsonNode n, int width) {
        StringBuilder out = new StringBuilder();
        new PrettyPrinter(width, out).format(n, 0, 0, 0);
        return out.toString();
    }

    /** Python's {@code pprint.PrettyPrinter._format} and the dict, list and str cases it dispatches to. */
    private record PrettyPrinter(int width, StringBuilder out) {
        void format(JsonNode n, int indent, int allowance, int level) {
            String rep = repr(n, true);
            if (length(rep) > width - indent - allowance) {
                if (n.isObject()) {
                    dict(n, indent, allowance, level + 1);
                    return;
                }
                if (n.isArray()) {
                    list(n, indent, allowance, level + 1);
                    return;
                }
                if (n.isTextual()) {
                    str(n.asText(), indent, allowance, level + 1);
                    return;
                }
            }
            out.append(rep);
        }

        private void dict(JsonNode n, int indent, int allowance, int level) {
            out.append('{');
            List<Map.Entry<String, JsonNode>> items = entries(n, true);
            int inner = indent + 1;
            for (int i = 0; i < items.size(); i++) {
                boolean last = i == items.size() - 1;
                String key = PythonRepr.string(items.get(i).getKey());
                out.append(key).append(": ");
                format(items.get(i).getValue(), inner + length(key) + 2, last ? allowance + 1 : 1, level);
                if (!last) {
                    out.append(",\n").append(" ".repeat(inner));
                }
            }
            out.append('}');
        }

        private void list(JsonNode n, int indent, int allowance, int level) {
            out.append('[');
            int inner = indent + 1;
            for (int i = 0; i < n.size(); i++) {
                boolean last = i == n.size() - 1;
                if (i > 0) {
                    out.append(",\n").append(" ".repeat(inner));
                }
                format(n.get(i), inner, last ? allowance + 1 : 1, level);
            }
            out.append(']');
        }

        private void str(String s, int indent, int allowance, int level) {
            if (s.isEmpty()) {
                out.append("''");
                return;
            }
            List<String> lines = splitLinesKeepEnds(s);
            if (level == 1) {
                indent += 1;
                allowance += 1;
            }
            int maxWidth = width - indent;
            int maxWidth1 = maxWidth;
            List<String> chunks = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                boolean lastLine = i == lines.size() - 1;
                if (lastLine) {
                    maxWidth1 -= allowance;
                }
                if (length(PythonRepr.string(line)) <= maxWidth1) {
                    chunks.add(PythonRepr.string(line));
                    continue;
                }
                List<String> parts = new ArrayList<>();
                Matcher m = WORD_AND_SPACE.matcher(line);
                while (m.find()) {
                    parts.add(m.group());
                }
                parts.remove(parts.size() - 1); // the empty match at the end
                int maxWidth2 = maxWidth;
                String current = "";
                for (int j = 0; j < parts.size(); j++) {
                    String candidate = current + parts.get(j);
                    if (j == parts.size() - 1 && lastLine) {
                        maxWidth2 -= allowance;
                    }
                    if (length(PythonRepr.string(candidate)) > maxWidth2) {
                        if (!current.isEmpty()) {
                            chunks.add(PythonRepr.string(current));
                        }
                        current = parts.get(j);
                    } else {
                        current = candidate;
                    }
                }
                if (!current.isEmpty()) {
                    chunks.add(PythonRepr.string(current));
                }
            }
            if (chunks.size() == 1) {
                out.append(PythonRepr.string(lines.get(lines.size() - 1)));
                return;
            }
            out.append(level == 1 ? "(" : "");
            for (int i = 0; i < chunks.size(); i++) {
                out.append(i > 0 ? "\n" + " ".repeat(indent) : "").append(chunks.get(i));
            }
            out.append(level == 1 ? ")" : "");
        }

        private static int length(String s) {
            return s.codePointCount(0, s.length());
        }
    }

    /** Python's {@code str.splitlines(keepends=True)}. */
    private static List<String> splitLinesKeepEnds(String s) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean crlf = c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n';
            if (c == '\n' || c == '\r' || c == '\u000b' || c == '\u000c' || c == '\u001c' || c == '\u001d'
                    || c == '\u001e' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                int end = crlf ? i + 2 : i + 1;
                lines.add(s.substring(start, end));
                start = end;
                i = end - 1;
            }
        }
        if (start < s.length()) {
            lines.add(s.substring(start));
        }
        return lines;
    }
}
