package dev.placementstudio.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An {@code Accept} header's media ranges with their q values: which offered types a client takes. */
record MediaRanges(List<String> ranges, List<Double> qualities) {
    /** Null when there is no header (the client takes anything). */
    static MediaRanges parse(String accept) {
        if (accept == null) {
            return null;
        }
        List<String> r = new ArrayList<>();
        List<Double> q = new ArrayList<>();
        for (String part : accept.split(",")) {
            String[] bits = part.split(";");
            String range = bits[0].strip().toLowerCase(Locale.ROOT);
            if (range.isEmpty()) {
                continue;
            }
            double quality = 1.0;
            for (int i = 1; i < bits.length; i++) {
                String p = bits[i].strip();
                if (p.startsWith("q=")) {
                    try {
                        quality = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        quality = 0;
                    }
                }
            }
            r.add(range);
            q.add(quality);
        }
        return new MediaRanges(r, q);
    }

    /**
     * The q the client gives {@code type}: that of the most specific range matching it (the type itself, then
     * {@code major/*}, then {@code *&#47;*}), as webob's {@code acceptable_offers} reads it; -1 when none matches.
     */
    double quality(String type) {
        String major = type.substring(0, type.indexOf('/'));
        int best = 0;
        double q = -1;
        for (int i = 0; i < ranges.size(); i++) {
            String range = ranges.get(i);
            int specificity = range.equals(type) ? 3 : range.equals(major + "/*") ? 2 : range.equals("*/*") ? 1 : 0;
            if (specificity > best) {
                best = specificity;
                q = qualities.get(i);
            }
        }
        return q;
    }

    boolean accepts(String type) {
        String major = type.substring(0, type.indexOf('/'));
        for (int i = 0; i < ranges.size(); i++) {
            String range = ranges.get(i);
            if (qualities.get(i) > 0 && (range.equals("*/*") || range.equals(type) || range.equals(major + "/*"))) {
                return true;
            }
        }
        return false;
    }
}
