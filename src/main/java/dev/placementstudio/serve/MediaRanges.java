package dev.placementstudio.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An {@code Accept} header as webob 1.8 reads it: its media ranges (type/subtype lowercased, with their media-type
 * parameters) and q values, or, for a header outside RFC 7231's grammar, an "invalid header" that takes every offer
 * at q 1. The grammar is webob's regex, read here by a scanner instead: a regex with repeated groups recurses once
 * per element in Java and overflows the stack on a long header.
 *
 * @param ranges  {@code type/subtype}, lowercased
 * @param withParameters whether the range carries media-type parameters (it then matches no offer of ours)
 * @param invalid the header broke the grammar: every offer is acceptable
 */
record MediaRanges(List<String> ranges, List<Boolean> withParameters, List<Double> qualities, boolean invalid) {
    /**
     * Null when there is no header, or when Placement's request-log middleware replaces it with
     * {@code application/json} (blank or exactly {@code *&#47;*}): JSON then, as with no header.
     */
    static MediaRanges parse(String accept) {
        if (accept == null || accept.isEmpty() || accept.equals("*/*") || accept.isBlank()) {
            return null;
        }
        MediaRanges read = new Scanner(accept).header();
        return read != null ? read : new MediaRanges(List.of(), List.of(), List.of(), true);
    }

    /**
     * The q the client gives {@code type} (an offer without parameters), as webob's {@code acceptable_offers} finds
     * it: the most specific matching range ({@code type/subtype} without parameters, then {@code type/*}, then
     * {@code *&#47;*}), the first of equally specific ones; -1 when none matches.
     */
    double quality(String type) {
        if (invalid) {
            return 1;
        }
        String major = type.substring(0, type.indexOf('/'));
        int best = 0;
        double q = -1;
        for (int i = 0; i < ranges.size(); i++) {
            String range = ranges.get(i);
            int specificity;
            if (range.equals(type)) {
                if (withParameters.get(i)) {
                    continue; // text/html;level=1 does not match the offer text/html
                }
                specificity = 3;
            } else {
                specificity = range.equals(major + "/*") ? 2 : range.equals("*/*") ? 1 : 0;
            }
            if (specificity > best) {
                best = specificity;
                q = qualities.get(i);
            }
        }
        return q;
    }

    boolean accepts(String type) {
        return quality(type) > 0;
    }

    /** Reads webob's {@code accept_compiled_re} grammar; null where the header breaks it. */
    private static final class Scanner {
        private final String s;
        private final List<String> ranges = new ArrayList<>();
        private final List<Boolean> params = new ArrayList<>();
        private final List<Double> qs = new ArrayList<>();

        Scanner(String s) {
            this.s = s;
        }

        /** {@code (?:,|E)(?:OWS,(?:OWS E)?)*}, the whole header. */
        MediaRanges header() {
            int p = s.startsWith(",") ? 1 : element(0);
            while (p >= 0 && p < s.length()) {
                int c = ows(p);
                if (c >= s.length() || s.charAt(c) != ',') {
                    return null;
                }
                p = c + 1;
                int e = element(ows(p));
                if (e >= 0) {
                    p = e;
                }
            }
            return p < 0 ? null : new MediaRanges(List.copyOf(ranges), List.copyOf(params), List.copyOf(qs), false);
        }

        /** A media range, its parameters, then an optional weight with accept extensions; the end, or -1. */
        private int element(int p) {
            int type = token(p);
            if (type < 0 || type >= s.length() || s.charAt(type) != '/') {
                return -1;
            }
            int sub = token(type + 1);
            if (sub < 0) {
                return -1;
            }
            String range = s.substring(p, sub).toLowerCase(Locale.ROOT);
            p = sub;
            boolean hasParams = false;
            while (true) { // (?:OWS;OWS(?![qQ]=)token=(?:token|quoted-string))*
                int at = semicolon(p);
                if (at < 0 || isWeight(at)) {
                    break;
                }
                int v = parameter(at, true);
                if (v < 0) {
                    break;
                }
                hasParams = true;
                p = v;
            }
            double q = 1;
            int at = semicolon(p);
            if (at >= 0 && isWeight(at)) {
                int end = qvalue(at + 2);
                if (end >= 0) {
                    q = Double.parseDouble(s.substring(at + 2, end));
                    p = end;
                    while (true) { // accept-ext: OWS;OWS token[=(token|quoted-string)]
                        int ext = semicolon(p);
                        int v = ext < 0 ? -1 : parameter(ext, false);
                        if (v < 0) {
                            break;
                        }
                        p = v;
                    }
                }
            }
            ranges.add(range);
            params.add(hasParams);
            qs.add(q);
            return p;
        }

        private boolean isWeight(int p) {
            return p + 1 < s.length() && (s.charAt(p) == 'q' || s.charAt(p) == 'Q') && s.charAt(p + 1) == '=';
        }

        /** {@code OWS;OWS} at p: the position after it, or -1. */
        private int semicolon(int p) {
            int c = ows(p);
            return c < s.length() && s.charAt(c) == ';' ? ows(c + 1) : -1;
        }

        /** {@code token=value}, the value optional unless {@code valueRequired}; the end, or -1. */
        private int parameter(int p, boolean valueRequired) {
            int name = token(p);
            if (name < 0) {
                return -1;
            }
            if (name < s.length() && s.charAt(name) == '=') {
                int v = name + 1 < s.length() && s.charAt(name + 1) == '"' ? quoted(name + 1) : token(name + 1);
                if (v >= 0) {
                    return v;
                }
            }
            return valueRequired ? -1 : name;
        }

        /** {@code 0(\.[0-9]{0,3})?|1(\.0{0,3})?}; the end, or -1. */
        private int qvalue(int p) {
            if (p >= s.length() || (s.charAt(p) != '0' && s.charAt(p) != '1')) {
                return -1;
            }
            boolean one = s.charAt(p) == '1';
            int e = p + 1;
            if (e < s.length() && s.charAt(e) == '.') {
                e++;
                int n = 0;
                while (n < 3 && e < s.length() && (one ? s.charAt(e) == '0' : Character.isDigit(s.charAt(e))
                        && s.charAt(e) < 128)) {
                    e++;
                    n++;
                }
            }
            return e;
        }

        private int token(int p) {
            int e = p;
            while (e < s.length() && tchar(s.charAt(e))) {
                e++;
            }
            return e > p ? e : -1;
        }

        private static boolean tchar(char c) {
            return c < 128 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
        }

        /** A quoted-string (qdtext and quoted pairs, obs-text allowed) from the opening quote; the end, or -1. */
        private int quoted(int p) {
            int e = p + 1;
            while (e < s.length()) {
                char c = s.charAt(e);
                if (c == '"') {
                    return e + 1;
                }
                if (c == '\\') {
                    if (e + 1 >= s.length() || !text(s.charAt(e + 1)) && s.charAt(e + 1) != ' ' && s.charAt(e + 1) != '\t') {
                        return -1;
                    }
                    e += 2;
                } else if (c == '\t' || c == ' ' || text(c)) {
                    e++;
                } else {
                    return -1;
                }
            }
            return -1;
        }

        /** VCHAR or obs-text. */
        private static boolean text(char c) {
            return (c >= 0x21 && c <= 0x7e) || (c >= 0x80 && c <= 0xff);
        }

        private int ows(int p) {
            while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
                p++;
            }
            return p;
        }
    }
}
