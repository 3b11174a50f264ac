package dev.placementstudio.serve;

import dev.placementstudio.placement.CandidateQuery;

import java.math.BigInteger;
import java.util.List;

/**
 * The {@code OpenStack-API-Version} header read as microversion_parse 1.0.1 reads it for Placement: the folded header
 * split at commas, the last {@code placement <version>} entry wins, and each side of the version's first dot goes
 * through Python's {@code int()}. Either side may be any size (an int is unbounded in Python), so a huge number is
 * simply a version Placement does not have (406), and text {@code int()} refuses is a 400 quoting Python's reason.
 */
final class MicroversionHeader {
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

    private static BigInteger pythonInt(String s, String whole) {
        try {
            return CandidateQuery.pythonInt(s);
        } catch (NumberFormatException e) {
            throw invalid(whole, e.getMessage());
        }
    }

    private static ApiError invalid(String version, String reason) {
        return ApiError.badRequest("Invalid microversion: invalid version string: " + version + "; " + reason);
    }

    private static String strip(String s) {
        return CandidateQuery.pythonStrip(s);
    }

    private static boolean isSpace(char c) {
        return CandidateQuery.isPythonSpace(c);
    }
}
