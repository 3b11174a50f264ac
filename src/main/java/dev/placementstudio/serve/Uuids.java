package dev.placementstudio.serve;

import java.util.Locale;

/** UUIDs as Placement accepts them: with or without dashes, any case, optionally in braces or as a URN. */
final class Uuids {
    private Uuids() {
    }

    /** oslo's {@code is_uuid_like}: 32 hex digits once the decorations are gone. */
    static boolean isUuidLike(String s) {
        return canonical(s) != null;
    }

    /** The dashed lower-case form Placement stores, or null when {@code s} is no UUID. */
    static String canonical(String s) {
        String h = s.toLowerCase(Locale.ROOT).strip();
        if (h.startsWith("urn:")) {
            h = h.substring(4);
        }
        if (h.startsWith("uuid:")) {
            h = h.substring(5);
        }
        if (h.startsWith("{") && h.endsWith("}")) {
            h = h.substring(1, h.length() - 1);
        }
        h = h.replace("-", "");
        if (h.length() != 32 || !h.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
            return null;
        }
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-"
                + h.substring(20);
    }
}
