package dev.placementstudio.placement;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PythonRepr} against CPython itself: thousands of random values (strings of control, Latin-1, format,
 * separator, surrogate and astral characters, doubles from random bits, nested lists and dicts) are handed
 * to {@code python3} as our {@code json.dumps}; it answers {@code repr}, {@code str} and {@code json.dumps}
 * of what it read, and all three must equal ours.
 */
class PythonReprTest {
    private static final String SCRIPT = """
            import json, sys
            for line in sys.stdin:
                v = json.loads(line)
                print(json.dumps([repr(v), str(v), json.dumps(v)]))
            """;

    @Test
    void reprStrAndJsonDumpsMatchCPython() throws Exception {
        Random random = new Random(20261204);
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            values.add(value(random, 0));
        }
        List<String> answers = python(values);
        assertThat(answers).hasSize(values.size());
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            List<String> expected = parseTriple(answers.get(i));
            assertThat(PythonRepr.repr(v)).as("repr of %s", PythonRepr.jsonDumps(v)).isEqualTo(expected.get(0));
            assertThat(PythonRepr.str(v)).as("str of %s", PythonRepr.jsonDumps(v)).isEqualTo(expected.get(1));
            assertThat(PythonRepr.jsonDumps(v)).isEqualTo(expected.get(2));
        }
    }

    @Test
    void knownSpellings() {
        assertThat(PythonRepr.repr("it's")).isEqualTo("\"it's\"");
        assertThat(PythonRepr.repr("it's \"x\"")).isEqualTo("'it\\'s \"x\"'");
        assertThat(PythonRepr.repr("\u0001\u00a0\u200b\ud83d\ude00")).isEqualTo("'\\x01\\xa0\\u200b\ud83d\ude00'");
        assertThat(PythonRepr.floatRepr(1e16)).isEqualTo("1e+16");
        assertThat(PythonRepr.floatRepr(1e-5)).isEqualTo("1e-05");
        assertThat(PythonRepr.floatRepr(1e15)).isEqualTo("1000000000000000.0");
        assertThat(PythonRepr.repr(Map.of("ok", true))).isEqualTo("{'ok': True}");
    }

    private static Object value(Random r, int depth) {
        int kind = r.nextInt(depth > 2 ? 5 : 7);
        return switch (kind) {
            case 0 -> null;
            case 1 -> r.nextBoolean();
            case 2 -> r.nextInt(3) == 0 ? (long) r.nextInt() : r.nextLong();
            case 3 -> randomDouble(r);
            case 4 -> string(r);
            case 5 -> {
                List<Object> list = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    list.add(value(r, depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    map.put(string(r), value(r, depth + 1));
                }
                yield map;
            }
        };
    }

    private static double randomDouble(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> Double.longBitsToDouble(r.nextLong());
            case 1 -> r.nextInt(2000) / 8.0;
            case 2 -> Math.pow(10, r.nextInt(40) - 20) * (r.nextBoolean() ? 1 : -1);
            case 3 -> new double[]{0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}[r.nextInt(5)];
            default -> r.nextDouble() * 1e17;
        };
    }

    private static String string(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(8); i > 0; i--) {
            int c = switch (r.nextInt(8)) {
                case 0 -> r.nextInt(0x20) + (r.nextBoolean() ? 0 : 0x7f);
                case 1 -> "'\"\\ \t\n\r".charAt(r.nextInt(7));
                case 2 -> 0x80 + r.nextInt(0x80);
                case 3 -> new int[]{0x200b, 0x200e, 0x2028, 0x2029, 0x3000, 0xfeff, 0xe000, 0x0378, 0xad, 0x1680}[r.nextInt(10)];
                case 4 -> 0xd800 + r.nextInt(0x800);
                case 5 -> 0x1f300 + r.nextInt(0x300);
                case 6 -> 0x100 + r.nextInt(0x2000);
                default -> 0x20 + r.nextInt(0x5f);
            };
            if (Character.getType(c) == Character.UNASSIGNED && c != 0x0378) {
                continue; // Java 17 knows Unicode 13, Python 3.11 Unicode 14: newly assigned ones would differ
            }
            sb.appendCodePoint(c);
        }
        return sb.toString();
    }

    private static List<String> python(List<Object> values) throws IOException, InterruptedException {
        Path input = Files.createTempFile("pyrepr", ".jsonl");
        try {
            StringBuilder lines = new StringBuilder();
            for (Object v : values) {
                lines.append(PythonRepr.jsonDumps(v)).append('\n');
            }
            Files.writeString(input, lines, StandardCharsets.US_ASCII);
            Process p;
            try {
                p = new ProcessBuilder("python3", "-c", SCRIPT).redirectInput(input.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                Assumptions.abort("python3 is not installed");
                throw e;
            }
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            return new String(out, StandardCharsets.US_ASCII).lines().toList();
        } finally {
            Files.deleteIfExists(input);
        }
    }

    /** The three strings of a JSON array line as Python's json.dumps wrote them (ASCII escapes only). */
    private static List<String> parseTriple(String line) {
        List<String> out = new ArrayList<>();
        int i = line.indexOf('"');
        while (i >= 0) {
            StringBuilder sb = new StringBuilder();
            int j = i + 1;
            for (; line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = line.charAt(++j);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(line.substring(j + 1, j + 5), 16));
                        j += 4;
                    }
                    default -> sb.append(e);
                }
            }
            out.add(sb.toString());
            i = line.indexOf('"', j + 1);
        }
        return out;
    }
}
