package dev.placementstudio.placement;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small, fast JSON writer into a byte buffer, in Python's {@code json.dumps} layout (", " and ": "
 * separators) so our bodies read like Placement's. The engine may not use Jackson (see DESIGN.md), and
 * writing the body is part of the work a Placement request does, so it has to be quick.
 */
public final class JsonOut {
    private static final int CHUNK = 64 * 1024;
    /** Full chunks before the current one; chunks stay below the size at which G1 treats arrays as humongous. */
    private final java.util.List<byte[]> done = new java.util.ArrayList<>();
    private final java.util.List<Integer> doneLen = new java.util.ArrayList<>();
    private int doneBytes;
    private byte[] buf;
    private int len;
    /** Per nesting level: does the next element need a comma first? */
    private boolean[] needComma = new boolean[32];
    private int depth;
    private boolean afterName;

    public JsonOut(int capacity) {
        buf = new byte[Math.max(16, Math.min(capacity, CHUNK))];
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            if (buf.length < CHUNK && len + extra <= CHUNK) {
                buf = Arrays.copyOf(buf, Math.min(CHUNK, Math.max(buf.length * 2, len + extra)));
                return;
            }
            done.add(buf);
            doneLen.add(len);
            doneBytes += len;
            buf = new byte[Math.max(CHUNK, extra)];
            len = 0;
        }
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void putAscii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            if (needComma[depth]) {
                put((byte) ',');
                put((byte) ' ');
            }
            needComma[depth] = true;
        }
    }

    private void push() {
        depth++;
        if (depth >= needComma.length) {
            needComma = Arrays.copyOf(needComma, needComma.length * 2);
        }
        needComma[depth] = false;
    }

    public JsonOut beginObject() {
        beforeValue();
        put((byte) '{');
        push();
        return this;
    }

    public JsonOut endObject() {
        depth--;
        put((byte) '}');
        return this;
    }

    public JsonOut beginArray() {
        beforeValue();
        put((byte) '[');
        push();
        return this;
    }

    public JsonOut endArray() {
        depth--;
        put((byte) ']');
        return this;
    }

    public JsonOut name(String name) {
        beforeValue();
        string(name);
        put((byte) ':');
        put((byte) ' ');
        afterName = true;
        return this;
    }

    /** A name known to need no escaping, given as pre-quoted bytes ({@code "name"}). */
    public JsonOut rawName(byte[] quoted) {
        beforeValue();
        ensure(quoted.length + 2);
        System.arraycopy(quoted, 0, buf, len, quoted.length);
        len += quoted.length;
        buf[len++] = ':';
        buf[len++] = ' ';
        afterName = true;
        return this;
    }

    /** A string value known to need no escaping, given as pre-quoted bytes. */
    public JsonOut rawValue(byte[] quoted) {
        beforeValue();
        ensure(quoted.length);
        System.arraycopy(quoted, 0, buf, len, quoted.length);
        len += quoted.length;
        return this;
    }

    public JsonOut value(String s) {
        beforeValue();
        if (s == null) {
            putAscii("null");
        } else {
            string(s);
        }
        return this;
    }

    public JsonOut value(long v) {
        beforeValue();
        if (v >= 0 && v < 1_000_000_000_000_000L) {
            ensure(20);
            int digits = 1;
            for (long x = v; x >= 10; x /= 10) {
                digits++;
            }
            int end = len + digits;
            long x = v;
            for (int i = end - 1; i >= len; i--) {
                buf[i] = (byte) ('0' + (x % 10));
                x /= 10;
            }
            len = end;
        } else {
            putAscii(Long.toString(v));
        }
        return this;
    }

    /** Appends bytes as they are, inside the current object (the caller keeps the JSON well formed). */
    public JsonOut raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
        return this;
    }

    public JsonOut value(double v) {
        beforeValue();
        putAscii(pythonFloat(v));
        return this;
    }

    public JsonOut value(boolean v) {
        beforeValue();
        putAscii(v ? "true" : "false");
        return this;
    }

    public JsonOut nullValue() {
        beforeValue();
        putAscii("null");
        return this;
    }

    /** Python's repr of a float (what json.dumps writes): 1.0, 16.0, 1.5, 1e-05. */
    public static String pythonFloat(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e16) {
            return ((long) v) + ".0";
        }
        return Double.toString(v);
    }

    /** Quotes a string that needs no escaping (uuids, class and trait names) into bytes. */
    public static byte[] quoted(String s) {
        JsonOut o = new JsonOut(s.length() + 2);
        o.string(s);
        return o.toBytes();
    }

    private void string(String s) {
        int n = s.length();
        ensure(n + 2);
        // the common case, printable ASCII with nothing to escape: straight into the buffer
        int start = len;
        buf[len++] = '"';
        int i = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                break;
            }
            buf[len++] = (byte) c;
        }
        if (i == n) {
            put((byte) '"');
            return;
        }
        len = start;
        ensure(6 * n + 2);
        buf[len++] = '"';
        for (i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                put((byte) '\\');
                put((byte) c);
            } else if (c < 0x20 || c >= 0x7f) {
                // Python's json.dumps escapes non-ASCII by default (ensure_ascii)
                putAscii(switch (c) {
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    case '\b' -> "\\b";
                    case '\f' -> "\\f";
                    default -> String.format("\\u%04x", (int) c);
                });
            } else {
                put((byte) c);
            }
        }
        put((byte) '"');
    }

    /** Bytes written so far. */
    public int length() {
        return doneBytes + len;
    }

    public byte[] toBytes() {
        byte[] out = new byte[length()];
        int at = 0;
        for (int i = 0; i < done.size(); i++) {
            System.arraycopy(done.get(i), 0, out, at, doneLen.get(i));
            at += doneLen.get(i);
        }
        System.arraycopy(buf, 0, out, at, len);
        return out;
    }

    /** Writes the bytes out chunk by chunk (no copy of the whole body). */
    public void writeTo(java.io.OutputStream out) throws java.io.IOException {
        for (int i = 0; i < done.size(); i++) {
            out.write(done.get(i), 0, doneLen.get(i));
        }
        out.write(buf, 0, len);
    }

    @Override
    public String toString() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }
}
