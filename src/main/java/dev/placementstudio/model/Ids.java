package dev.placementstudio.model;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Stable uuids for model entities that have none: a name-based (version 3) uuid of the entity's kind and
 * name, so the same model always projects to the same provider and consumer uuids.
 */
public final class Ids {
    private Ids() {
    }

    public static String uuidFor(String kind, String name) {
        return nameUuid(("placement-studio/" + kind + "/" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** One MD5 per thread: {@link UUID#nameUUIDFromBytes} looks the algorithm up again on every call. */
    private static final ThreadLocal<java.security.MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return java.security.MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    });

    /** The same uuid as {@link UUID#nameUUIDFromBytes} (version 3, IETF variant). */
    static UUID nameUuid(byte[] name) {
        byte[] md5 = MD5.get().digest(name);
        md5[6] &= 0x0f;
        md5[6] |= 0x30;
        md5[8] &= 0x3f;
        md5[8] |= (byte) 0x80;
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (md5[i] & 0xff);
        }
        for (int i = 8; i < 16; i++) {
            lsb = (lsb << 8) | (md5[i] & 0xff);
        }
        return new UUID(msb, lsb);
    }
}
