package dev.placementstudio.serve;

/**
 * Whether a request body parses as Placement parses it, and if not, the error Python gives: oslo's
 * {@code jsonutils.loads} decodes the bytes as strict UTF-8, then CPython 3.11's json scanner reads the text
 * (NaN and Infinity allowed, control characters in strings refused, nothing after the document). Placement answers
 * {@code Malformed JSON: <that error>}. Jackson's own messages named its configuration
 * ({@code enable JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS}) and it took what Python refuses (a BOM, a second
 * document) and refused what Python takes (NaN); so the body is checked here first, then Jackson builds the tree.
 */
final class PythonJson {
    /** Python's int() refuses longer decimal strings (sys.get_int_max_str_digits()). */
    private static final int MAX_INT_DIGITS = 4300;
    /**
     * Python's recursion limit: deeper documents raise RecursionError there, a 500 (somewhere below 1000, by how
     * deep the stack already is). A 400 here, at the same depth as Jackson's limit.
     */
    static final int MAX_DEPTH = 1000;

    private final int[] s;
    private int depth;
    /** The first \\u escape of a lone surrogate, if any: Python reads it, Placement's database cannot store it. */
    private int unpairedAt = -1;
    private int unpaired;

    private PythonJson(int[] codePoints) {
        this.s = codePoints;
    }

    /** A problem at a character offset: Python's JSONDecodeError, which says where. */
    private static final class Stop extends RuntimeException {
        final int pos;

        Stop(String message, int pos) {
            super(message, null, false, false);
            this.pos = pos;
        }
    }

    /** Null when {@code body} is a document Placement reads, else the text of Python's error. */
    static String problem(byte[] body) {
        int[] text;
        try {
            text = utf8(body);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        PythonJson p = new PythonJson(text);
        try {
            if (text.length > 0 && text[0] == 0xFEFF) {
                throw new Stop("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
            }
            int end = p.ws(p.value(p.ws(0)));
            if (end != text.length) {
                throw new Stop("Extra data", end);
            }
            if (p.unpairedAt >= 0) {
                // a 500 in Placement, when the database fails to encode it; a 400 here
                throw new Stop(String.format("an unpaired surrogate (\\u%04x) is no text Placement can store", p.unpaired),
                        p.unpairedAt);
            }
            return null;
        } catch (Stop e) {
            if (e.pos < 0) {
                return e.getMessage(); // a ValueError without a place (int digits)
            }
            return e.getMessage() + ": " + p.where(e.pos);
        }
    }

    /** Python's JSONDecodeError suffix: line and column (1-based) and the character offset. */
    private String where(int pos) {
        int line = 1;
        int lastNewline = -1;
        for (int i = 0; i < pos && i < s.length; i++) {
            if (s[i] == '\n') {
                line++;
                lastNewline = i;
            }
        }
        return "line " + line + " column " + (pos - lastNewline) + " (char " + pos + ")";
    }

    private int ws(int i) {
        while (i < s.length && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) {
            i++;
        }
        return i;
    }

    private boolean at(int i, String word) {
        if (i + word.length() > s.length) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (s[i + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** scan_once: one value at {@code i}; the offset after it. "Expecting value" where none starts. */
    private int value(int i) {
        if (i >= s.length) {
            throw new Stop("Expecting value", i);
        }
        int c = s[i];
        switch (c) {
            case '"':
                return string(i + 1);
            case '{':
                return nested(() -> object(i + 1), i);
            case '[':
                return nested(() -> array(i + 1), i);
            case 'n':
                if (at(i, "null")) {
                    return i + 4;
                }
                break;
            case 't':
                if (at(i, "true")) {
                    return i + 4;
                }
                break;
            case 'f':
                if (at(i, "false")) {
                    return i + 5;
                }
                break;
            case 'N':
                if (at(i, "NaN")) {
                    return i + 3;
                }
                break;
            case 'I':
                if (at(i, "Infinity")) {
                    return i + 8;
                }
                break;
            case '-':
                if (at(i, "-Infinity")) {
                    return i + 9;
                }
                break;
            default:
                break;
        }
        int end = number(i);
        if (end < 0) {
            throw new Stop("Expecting value", i);
        }
        return end;
    }

    private int nested(java.util.function.IntSupplier inner, int i) {
        if (++depth > MAX_DEPTH) {
            throw new Stop("nested deeper than " + MAX_DEPTH + " arrays and objects", i);
        }
        int end = inner.getAsInt();
        depth--;
        return end;
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?}: the offset after it, or -1. */
    private int number(int i) {
        int p = i;
        if (p < s.length && s[p] == '-') {
            p++;
        }
        int intStart = p;
        if (p < s.length && s[p] == '0') {
            p++;
        } else if (p < s.length && s[p] >= '1' && s[p] <= '9') {
            while (p < s.length && digit(s[p])) {
                p++;
            }
        } else {
            return -1;
        }
        int intDigits = p - intStart;
        boolean isFloat = false;
        if (p + 1 < s.length && s[p] == '.' && digit(s[p + 1])) {
            p += 2;
            while (p < s.length && digit(s[p])) {
                p++;
            }
            isFloat = true;
        }
        if (p < s.length && (s[p] == 'e' || s[p] == 'E')) {
            int e = p + 1;
            if (e < s.length && (s[e] == '+' || s[e] == '-')) {
                e++;
            }
            if (e < s.length && digit(s[e])) {
                while (e < s.length && digit(s[e])) {
                    e++;
                }
                p = e;
                isFloat = true;
            }
        }
        if (!isFloat && intDigits > MAX_INT_DIGITS) {
            throw new Stop("Exceeds the limit (" + MAX_INT_DIGITS + " digits) for integer string conversion: value has "
                    + intDigits + " digits; use sys.set_int_max_str_digits() to increase the limit", -1);
        }
        return p;
    }

    private static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }

    /** scanstring (strict): from just after the opening quote; the offset after the closing one. */
    private int string(int end) {
        int begin = end - 1;
        int i = end;
        while (true) {
            while (i < s.length && s[i] != '"' && s[i] != '\\') {
                if (s[i] <= 0x1f) {
                    throw new Stop("Invalid control character at", i);
                }
                i++;
            }
            if (i >= s.length) {
                throw new Stop("Unterminated string starting at", begin);
            }
            if (s[i] == '"') {
                return i + 1;
            }
            int next = i + 1; // the character after the backslash
            if (next >= s.length) {
                throw new Stop("Unterminated string starting at", begin);
            }
            int c = s[next];
            if (c != 'u') {
                if ("\"\\/bfnrt".indexOf(c) < 0) {
                    throw new Stop("Invalid \\escape", next - 1);
                }
                i = next + 1;
                continue;
            }
            int hexEnd = next + 5; // \\uXXXX: the four digits after the u
            if (hexEnd >= s.length) {
                throw new Stop("Invalid \\uXXXX escape", next);
            }
            int unit = hex(next + 1, next);
            int escape = next - 1;
            i = hexEnd;
            boolean paired = false;
            // a high surrogate followed by \\u: the second escape must be four hex digits too
            if (unit >= 0xD800 && unit <= 0xDBFF && i + 6 < s.length && s[i] == '\\' && s[i + 1] == 'u') {
                int low = hex(i + 2, i + 1);
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    i += 6;
                    paired = true;
                }
            }
            if (!paired && unit >= 0xD800 && unit <= 0xDFFF && unpairedAt < 0) {
                unpairedAt = escape;
                unpaired = unit;
            }
        }
    }

    /** Four hex digits from {@code from}; "Invalid \\uXXXX escape" at {@code uAt} otherwise. */
    private int hex(int from, int uAt) {
        int v = 0;
        for (int k = from; k < from + 4; k++) {
            int c = s[k];
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                throw new Stop("Invalid \\uXXXX escape", uAt);
            }
            v = v * 16 + d;
        }
        return v;
    }

    private int object(int i) {
        i = ws(i);
        if (i < s.length && s[i] == '}') {
            return i + 1;
        }
        while (true) {
            if (i >= s.length || s[i] != '"') {
                throw new Stop("Expecting property name enclosed in double quotes", i);
            }
            i = ws(string(i + 1));
            if (i >= s.length || s[i] != ':') {
                throw new Stop("Expecting ':' delimiter", i);
            }
            i = ws(value(ws(i + 1)));
            if (i < s.length && s[i] == '}') {
                return i + 1;
            }
            if (i >= s.length || s[i] != ',') {
                throw new Stop("Expecting ',' delimiter", i);
            }
            i = ws(i + 1);
        }
    }

    private int array(int i) {
        i = ws(i);
        if (i < s.length && s[i] == ']') {
            return i + 1;
        }
        while (true) {
            i = ws(value(i));
            if (i < s.length && s[i] == ']') {
                return i + 1;
            }
            if (i >= s.length || s[i] != ',') {
                throw new Stop("Expecting ',' delimiter", i);
            }
            i = ws(i + 1);
        }
    }

    /**
     * Strict UTF-8 to code points, refusing what CPython's decoder refuses (overlongs, surrogates, beyond U+10FFFF)
     * with its message: the byte or bytes (the valid prefix of a sequence) and why.
     */
    static int[] utf8(byte[] b) {
        int[] out = new int[b.length];
        int n = 0;
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                out[n++] = c;
                i++;
                continue;
            }
            int need;
            int min2;
            int max2 = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                min2 = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                min2 = c == 0xE0 ? 0xA0 : 0x80;
                max2 = c == 0xED ? 0x9F : 0xBF;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                min2 = c == 0xF0 ? 0x90 : 0x80;
                max2 = c == 0xF4 ? 0x8F : 0xBF;
            } else {
                throw decodeError(b, i, i + 1, "invalid start byte");
            }
            int cp = c & (0x3F >> need);
            for (int k = 1; k <= need; k++) {
                if (i + k >= b.length) {
                    // CPython reports the whole valid prefix as "unexpected end of data"
                    throw decodeError(b, i, b.length, "unexpected end of data");
                }
                int x = b[i + k] & 0xff;
                boolean ok = k == 1 ? x >= min2 && x <= max2 : x >= 0x80 && x <= 0xBF;
                if (!ok) {
                    throw decodeError(b, i, i + k, "invalid continuation byte");
                }
                cp = (cp << 6) | (x & 0x3F);
            }
            out[n++] = cp;
            i += need + 1;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static IllegalArgumentException decodeError(byte[] b, int start, int end, String reason) {
        String what = end - start == 1 ? String.format("byte 0x%02x in position %d", b[start] & 0xff, start)
                : "bytes in position " + start + "-" + (end - 1);
        return new IllegalArgumentException("'utf-8' codec can't decode " + what + ": " + reason);
    }
}
