package dev.placementstudio.serve;

import java.math.BigInteger;
import java.util.List;

/**
 * The {@code OpenStack-API-Version} header read as microversion_parse 1.0.1 reads it for Placement: the folded header
 * split at commas, the last {@code placement <version>} entry wins, and each side of the version's first dot goes
 * through Python's {@code int()}. Either side may be any size (an int is unbounded in Python), so a huge number is
 * simply a version Placement does not have (406), and text {@code int()} refuses is a 400 quoting Python's reason.
 */
final class MicroversionHeader {
    /** Python's {@code sys.get_int_max_str_digits()} default: longer decimal strings are a ValueError. */
    private static final int MAX_STR_DIGITS = 4300;
    private static final BigInteger ONE = BigInteger.ONE;

    private MicroversionHeader() {
    }

    /**
     * The minor version asked for: {@code min} when no header names placement, {@code max} for {@code latest}.
     *
     * @param values every {@code OpenStack-API-Version} header of the request, in order
     */
    static int settle(List<String> values, int min, int max) {
        String wanted = wanted(values);
        if (wanted == null) {
            return min;
        }
        if (wanted.equals("latest")) {
            return max;
        }
        int dot = wanted.indexOf('.');
        if (dot < 0) {
            pythonInt(wanted, wanted);
            throw invalid(wanted, "Version.__new__() missing 1 required positional argument: 'minor'");
        }
        BigInteger major = pythonInt(wanted.substring(0, dot), wanted);
        BigInteger minor = pythonInt(wanted.substring(dot + 1), wanted);
        // str(Version) must be one of the versions offered: "1.0" to "1.<max>"
        if (!major.equals(ONE) || minor.signum() < 0 || minor.compareTo(BigInteger.valueOf(max)) > 0
                || minor.intValue() < min) {
            ApiError e = new ApiError(406, "Invalid microversion: Unacceptable version header: " + wanted);
            e.versionRange = true;
            throw e;
        }
        return minor.intValue();
    }

    /** check_standard_header: the last comma-separated entry whose first word is placement (any case), stripped. */
    private static String wanted(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        String[] entries = String.join(",", values).split(",", -1);
        for (int i = entries.length - 1; i >= 0; i--) {
            String entry = strip(entries[i]);
            int gap = 0;
            while (gap < entry.length() && !isSpace(entry.charAt(gap))) {
                gap++;
            }
            if (gap == entry.length()) {
                continue; // one word: Python's unpacking fails and the entry is skipped
            }
            String service = entry.substring(0, gap);
            if (service.equalsIgnoreCase("placement")) {
                return strip(entry.substring(gap));
            }
        }
        return null;
    }

    /** Python's {@code int(s)}: optional whitespace and sign, then digits with single underscores between them. */
    private static BigInteger pythonInt(String s, String whole) {
        String t = strip(s);
        int start = !t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-') ? 1 : 0;
        StringBuilder digits = new StringBuilder(t.length());
        boolean ok = start < t.length();
        for (int i = start; i < t.length() && ok; i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else {
                ok = c == '_' && i > start && i + 1 < t.length() && t.charAt(i - 1) != '_';
            }
        }
        if (!ok || digits.isEmpty() || t.charAt(t.length() - 1) == '_') {
            throw invalid(whole, "invalid literal for int() with base 10: " + PyRepr.string(s));
        }
        if (digits.length() > MAX_STR_DIGITS) {
            throw invalid(whole, "Exceeds the limit (" + MAX_STR_DIGITS + " digits) for integer string conversion: "
                    + "value has " + digits.length() + " digits; use sys.set_int_max_str_digits() to increase the limit");
        }
        BigInteger v = new BigInteger(digits.toString());
        return start == 1 && t.charAt(0) == '-' ? v.negate() : v;
    }

    private static ApiError invalid(String version, String reason) {
        return ApiError.badRequest("Invalid microversion: invalid version string: " + version + "; " + reason);
    }

    /** Python's {@code str.strip()}: whitespace as {@code str.isspace} has it, within Latin-1 (header bytes). */
    static String strip(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isSpace(s.charAt(a))) {
            a++;
        }
        while (b > a && isSpace(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f) || c == 0x85 || c == 0xa0
                || (c > 0xff && Character.isWhitespace(c));
    }
}
