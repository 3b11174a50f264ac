package dev.placementstudio.scheduler;

import dev.placementstudio.placement.CandidateQuery;

import java.util.ArrayList;
import java.util.List;

/**
 * Nova's extra-spec operators ({@code nova/scheduler/filters/extra_specs_ops.py}), shared by the
 * ComputeCapabilitiesFilter (against a host's capabilities) and the AggregateInstanceExtraSpecsFilter
 * (against aggregate metadata). A requirement is split on white space; its first word picks the operator:
 * <ul>
 * <li>{@code =}, {@code ==}, {@code !=}, {@code >=}, {@code <=}: numbers (Python's {@code float}); note that
 *     {@code =} means <em>at least</em>, as in Nova</li>
 * <li>{@code s==}, {@code s!=}, {@code s<}, {@code s<=}, {@code s>}, {@code s>=}: strings, by code point</li>
 * <li>{@code <in>}: the word is a substring of the value; {@code <all-in>}: every word is</li>
 * <li>{@code <or>}: {@code <or> a <or> b}: the value equals one of the words</li>
 * <li>anything else: the whole requirement equals the value</li>
 * </ul>
 * Where Nova would raise (a number operator on a value that is not a number, a bare {@code <or>}), the
 * requirement is not met: {@link #check} says why.
 */
public final class ExtraSpecsOps {
    private ExtraSpecsOps() {
    }

    /** The outcome of one comparison: met or not, and whether Nova itself would have raised instead. */
    public record Outcome(boolean met, String novaWouldRaise) {
        static final Outcome MET = new Outcome(true, null);
        static final Outcome NOT_MET = new Outcome(false, null);

        static Outcome of(boolean met) {
            return met ? MET : NOT_MET;
        }
    }

    /** Does {@code value} meet {@code req}? A null value (a capability the host lacks) meets nothing. */
    public static boolean match(String value, String req) {
        return check(value, req).met();
    }

    public static Outcome check(String value, String req) {
        List<String> words = split(req);
        String op = words.isEmpty() ? null : words.remove(0);
        boolean known = op != null && (op.equals("<or>") || isOperator(op));
        if (!known) {
            return Outcome.of(value != null && value.equals(req));
        }
        if (value == null) {
            return Outcome.NOT_MET;
        }
        if (op.equals("<or>")) {
            // <or> v1 <or> v2: every other word is a candidate, the words between are skipped unread
            if (words.isEmpty()) {
                return new Outcome(false, "IndexError: a bare <or> has no value to compare");
            }
            for (int i = 0; i < words.size(); i += 2) {
                if (words.get(i).equals(value)) {
                    return Outcome.MET;
                }
            }
            return Outcome.NOT_MET;
        }
        if (words.isEmpty()) {
            return Outcome.NOT_MET;
        }
        String arg = words.get(0);
        switch (op) {
            case "<in>":
                return Outcome.of(value.contains(arg));
            case "<all-in>":
                for (String w : words) {
                    if (!value.contains(w)) {
                        return Outcome.NOT_MET;
                    }
                }
                return Outcome.MET;
            case "s==":
                return Outcome.of(value.equals(arg));
            case "s!=":
                return Outcome.of(!value.equals(arg));
            case "s<":
                return Outcome.of(compareCodePoints(value, arg) < 0);
            case "s<=":
                return Outcome.of(compareCodePoints(value, arg) <= 0);
            case "s>":
                return Outcome.of(compareCodePoints(value, arg) > 0);
            case "s>=":
                return Outcome.of(compareCodePoints(value, arg) >= 0);
            default:
                break;
        }
        Double x = pythonFloat(value);
        Double y = pythonFloat(arg);
        if (x == null || y == null) {
            return new Outcome(false, "ValueError: could not convert string to float: '"
                    + (x == null ? value : arg) + "'");
        }
        double a = x;
        double b = y;
        return Outcome.of(switch (op) {
            case "=", ">=" -> a >= b;
            case "==" -> a == b;
            case "!=" -> a != b;
            case "<=" -> a <= b;
            default -> throw new IllegalStateException(op);
        });
    }

    private static boolean isOperator(String op) {
        return switch (op) {
            case "=", "<in>", "<all-in>", "==", "!=", ">=", "<=", "s==", "s!=", "s<", "s<=", "s>", "s>=" -> true;
            default -> false;
        };
    }

    /** Python's {@code str.split()}: runs of white space separate words; none at either end. */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && CandidateQuery.isPythonSpace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !CandidateQuery.isPythonSpace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(s.substring(start, i));
            }
        }
        return out;
    }

    /** Python compares strings by code point (Java's compareTo by UTF-16 unit differs past U+FFFF). */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static final java.util.regex.Pattern FLOAT = java.util.regex.Pattern.compile(
            "[+-]?(?:(?:\\d(?:_?\\d)*)(?:\\.(?:\\d(?:_?\\d)*)?)?|\\.\\d(?:_?\\d)*)(?:[eE][+-]?\\d(?:_?\\d)*)?");

    /** Python's {@code float(s)}, or null where Python raises ValueError. */
    static Double pythonFloat(String s) {
        String t = CandidateQuery.pythonStrip(s);
        String bare = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
        double sign = t.startsWith("-") ? -1.0 : 1.0;
        String lower = bare.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("inf") || lower.equals("infinity")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        if (!FLOAT.matcher(t).matches()) {
            return null;
        }
        return Double.parseDouble(t.replace("_", ""));
    }
}
