package dev.placementstudio.cli;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the file fuzzers (issue 19) share: text mutations of a sound file, checksums, and the one verdict every
 * case must meet: exit 0 or 2, on 2 a message that starts with the place, no stack trace, no output left, and the
 * input as it was.
 */
final class FuzzSupport {
    /** Values that break parsers: huge and odd numbers, wrong types, stray punctuation, deep nesting. */
    static final String[] ODD_JSON_TOKENS = {"1e400", "99999999999999999999", "-1", "null", "\"x\"", "[]", "{}",
            "true", "\"unknownField\": 1,", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", ",", "\"", "}", "]", ":", "\\u0000"};

    private FuzzSupport() {
    }

    /** A truncation, deletion, duplication or replacement (by one of {@code tokens}) of part of {@code base}. */
    static Arbitrary<String> mutationsOf(String base, String... tokens) {
        Arbitrary<Integer> pos = Arbitraries.integers().between(0, base.length());
        Arbitrary<Integer> len = Arbitraries.integers().between(1, 40);
        Arbitrary<String> token = Arbitraries.of(tokens);
        return Combinators.combine(Arbitraries.integers().between(0, 3), pos, len, token).as((kind, p, n, t) -> {
            int end = Math.min(base.length(), p + n);
            return switch (kind) {
                case 0 -> base.substring(0, p); // truncation
                case 1 -> base.substring(0, p) + base.substring(end); // deletion
                case 2 -> base.substring(0, end) + base.substring(p); // duplication
                default -> base.substring(0, p) + t + base.substring(end); // replacement by an odd token
            };
        });
    }

    static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    /** {@code file:line:col: } at the start of a message. */
    static Pattern lineAndColumn(Path file) {
        return Pattern.compile(Pattern.quote(file.toString()) + ":\\d+:\\d+: \\S");
    }

    /** {@code file: } at the start of a message (a file without lines, such as a {@code .db}). */
    static Pattern fileOnly(Path file) {
        return Pattern.compile(Pattern.quote(file.toString()) + ": \\S");
    }

    /**
     * The verdict on one case: exit 0 or 2; on 2, stderr starts with {@code place} and no output file is left;
     * never a stack trace; the input byte-identical (and no SQLite side file beside it).
     */
    static void assertCleanOutcome(CliRunner.Result r, Path input, String inputSha, Pattern place, Path... outputs)
            throws Exception {
        String all = r.out() + r.err();
        assertThat(r.exitCode()).as(all).isIn(0, 2);
        assertThat(all).doesNotContain("Exception").doesNotContain("\tat ");
        if (r.exitCode() == 2) {
            assertThat(r.err()).as("the message names the place").containsPattern("^" + place.pattern());
            for (Path out : outputs) {
                assertThat(out).as("no output on refusal").doesNotExist();
            }
        }
        assertThat(sha256(input)).as("the input is unchanged").isEqualTo(inputSha);
        for (String side : new String[] {"-wal", "-shm", "-journal"}) {
            assertThat(input.resolveSibling(input.getFileName() + side)).doesNotExist();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** How many cases a fuzzer ran and how they ended, printed for the README. */
    static final class Tally {
        private final String name;
        private final AtomicInteger accepted = new AtomicInteger();
        private final AtomicInteger refused = new AtomicInteger();

        Tally(String name) {
            this.name = name;
        }

        void count(CliRunner.Result r) {
            (r.exitCode() == 0 ? accepted : refused).incrementAndGet();
        }

        String line() {
            return "fuzz: " + name + " tries=" + (accepted.get() + refused.get()) + " accepted=" + accepted.get()
                    + " refused=" + refused.get();
        }
    }
}
