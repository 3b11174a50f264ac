package dev.placementstudio.placement;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Map;

/**
 * Python 3's {@code repr}, {@code str} and {@code json.dumps} of plain values (strings, ints, floats, booleans,
 * {@code None}, lists, dicts), the one writer of Python's spellings for the whole studio: Placement quotes
 * values this way in its error messages ({@code 'abc'}, {@code None}), and Nova's filters compare a
 * requirement with {@code str()} of a host attribute ({@code "['avx2', 'sse4_2']"}). Plain Java, so the
 * engine can use it; {@code serve} walks Jackson trees with it.
 */
public final class PythonRepr {
    private PythonRepr() {
    }

    /** {@code str(value)}: a string as it is, anything else as its repr. */
    public static String str(Object v) {
        return v instanceof String s ? s : repr(v);
    }

    /** {@code repr(value)}; maps keep their iteration order, as a dict keeps its insertion order. */
    public static String repr(Object v) {
        StringBuilder sb = new StringBuilder();
        repr(v, sb);
        return sb.toString();
    }

    private static void repr(Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("None");
        } else if (v instanceof String s) {
            string(s, sb);
        } else if (v instanceof Boolean b) {
            sb.append(b ? "True" : "False");
        } else if (v instanceof Double || v instanceof Float) {
            sb.append(floatRepr(((Number) v).doubleValue()));
        } else if (v instanceof Number n) {
            sb.append(n);
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(sep);
                repr(e.getKey(), sb);
                sb.append(": ");
                repr(e.getValue(), sb);
                sep = ", ";
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            String sep = "";
            for (Object o : c) {
                sb.append(sep);
                repr(o, sb);
                sep = ", ";
            }
            sb.append(']');
        } else {
            sb.append(v);
        }
    }

    /** A str's repr. */
    public static String string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        string(s, sb);
        return sb.toString();
    }

    /**
     * A str's repr as CPython's {@code unicode_repr} writes it: single quotes unless the text has a single
     * quote and no double quote; backslash, the quote, {@code \t \n \r} escaped; every other character that
     * {@code str.isprintable()} refuses written as {@code \xhh}, {@code \\uhhhh} or {@code \Uhhhhhhhh}.
     */
    private static void string(String s, StringBuilder sb) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        sb.append(q);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == q || c == '\\') {
                sb.append('\\').appendCodePoint(c);
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (printable(c)) {
                sb.appendCodePoint(c);
            } else if (c < 0x100) {
                sb.append(String.format("\\x%02x", c));
            } else if (c < 0x10000) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.append(String.format("\\U%08x", c));
            }
        }
        sb.append(q);
    }

    /** Python's {@code str.isprintable()} for one character: not a control, format, surrogate, private,
     * unassigned or separator character, the space excepted. */
    private static boolean printable(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /**
     * {@code repr(float)}: the shortest digits that read back as the same double, positional unless the decimal
     * exponent is below -4 or 16 and up ({@code 1000000000000000.0}, {@code 1e+16}, {@code 1e-05}).
     */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestDigits(Math.abs(d));
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = shortest.toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    /**
     * The fewest significant digits that read back as {@code d} (positive), the nearer of the two candidates
     * when both do, as CPython's {@code repr} (David Gay's shortest mode) picks them. Java 17's
     * {@code Double.toString} is not always shortest ({@code 6.4741495545901752E16}).
     */
    private static BigDecimal shortestDigits(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int p = 1; p < 17; p++) {
            BigDecimal down = exact.round(new MathContext(p, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(p, RoundingMode.CEILING));
            boolean downOk = down.doubleValue() == d;
            boolean upOk = up.doubleValue() == d;
            if (downOk && upOk) {
                return (exact.subtract(down).compareTo(up.subtract(exact)) <= 0 ? down : up).stripTrailingZeros();
            }
            if (downOk || upOk) {
                return (downOk ? down : up).stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /** {@code json.dumps(value)} with its default separators and ASCII escapes. */
    public static String jsonDumps(Object v) {
        StringBuilder sb = new StringBuilder();
        json(v, sb);
        return sb.toString();
    }

    private static void json(Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            jsonString(s, sb);
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            sb.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : floatRepr(d));
        } else if (v instanceof Number n) {
            sb.append(n);
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(sep);
                jsonString(String.valueOf(e.getKey()), sb);
                sb.append(": ");
                json(e.getValue(), sb);
                sep = ", ";
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            String sep = "";
            for (Object o : c) {
                sb.append(sep);
                json(o, sb);
                sep = ", ";
            }
            sb.append(']');
        } else {
            jsonString(String.valueOf(v), sb);
        }
    }

    private static void jsonString(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
