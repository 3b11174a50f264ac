package dev.placementstudio.cli;

import dev.placementstudio.TestFiles;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Issue 19: byte-level damage to a sound {@code .db} model, fed to {@code validate} and {@code convert}: exit 0 or
 * 2, on 2 {@code file: message} and no output, never a stack trace, and the file byte-identical with no
 * -wal/-shm/-journal beside it. Also damage that keeps the pages sound: one value of one row changed through
 * SQLite (a wrong type, a huge number, an unknown name). DbCorruptionTest has the fixed cases; this one draws
 * where and how to damage it.
 */
class DbFuzzTest {
    private static final int TRIES = 60;
    private static final int VALUE_TRIES = 60;
    private static final FuzzSupport.Tally VALIDATE = new FuzzSupport.Tally("DbFuzzTest.damagedDb(validate)");
    private static final FuzzSupport.Tally CONVERT = new FuzzSupport.Tally("DbFuzzTest.damagedDb(convert)");
    private static final FuzzSupport.Tally VALUE_VALIDATE = new FuzzSupport.Tally("DbFuzzTest.damagedValue(validate)");
    private static final FuzzSupport.Tally VALUE_CONVERT = new FuzzSupport.Tally("DbFuzzTest.damagedValue(convert)");
    private static byte[] sound;
    /** Every (table, column) of the sound file. */
    private static List<String[]> columns;
    /** Values no column of ours should hold, or only some should. */
    private static final Object[] ODD_VALUES = {null, "", "x", "ACTIVF", -1, 0, 1, 2147483648L, Long.MAX_VALUE,
            Long.MIN_VALUE, 1e308, -0.5, 100_000_000, new byte[] {0, (byte) 0xff}, "{\"not\": \"ours\"}", "a".repeat(10_000)};

    /** A sound model file, made once from a sample (with a kept run, so that every table has rows). */
    static synchronized byte[] sound() throws Exception {
        if (sound == null) {
            Path dir = Files.createTempDirectory("dbfuzz-base");
            try {
                Path db = dir.resolve("base.db");
                CliRunner.Result made = CliRunner.run("convert", TestFiles.sample("teaching-small").toString(), db.toString());
                if (made.exitCode() != 0) {
                    throw new IllegalStateException(made.err());
                }
                CliRunner.Result s = CliRunner.run("simulate", db.toString(), "--workload",
                        TestFiles.root().resolve("sample-clouds/workloads/trace-sample.csv").toString(), "--seed", "1",
                        "--era", "queens", "--save-run", "r1");
                if (s.exitCode() != 0) {
                    throw new IllegalStateException(s.err());
                }
                sound = Files.readAllBytes(db);
                columns = new ArrayList<>();
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
                     Statement st = c.createStatement();
                     ResultSet t = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                    List<String> tables = new ArrayList<>();
                    while (t.next()) {
                        tables.add(t.getString(1));
                    }
                    for (String table : tables) {
                        try (Statement ci = c.createStatement();
                             ResultSet col = ci.executeQuery("PRAGMA table_info(\"" + table + "\")")) {
                            while (col.next()) {
                                columns.add(new String[] {table, col.getString("name")});
                            }
                        }
                    }
                }
            } finally {
                FuzzSupport.deleteTree(dir);
            }
        }
        return sound;
    }

    private static int pageSize(byte[] b) {
        int v = ((b[16] & 0xff) << 8) | (b[17] & 0xff);
        return v == 1 ? 65536 : v;
    }

    /** One kind of damage (truncation, flipped bytes, a random run, a zeroed page, a page copied over another, a
     * header field, the schema page), placed by a seed. */
    static byte[] damage(byte[] base, int kind, long seed) {
        Random rnd = new Random(seed);
        byte[] b = base.clone();
        int page = pageSize(base);
        int pages = Math.max(1, b.length / page);
        switch (kind) {
            case 0 -> {
                return Arrays.copyOf(b, 1 + rnd.nextInt(b.length - 1));
            }
            case 1 -> {
                for (int i = 1 + rnd.nextInt(16); i > 0; i--) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 + rnd.nextInt(255));
                }
            }
            case 2 -> {
                int len = 1 + rnd.nextInt(512);
                int at = rnd.nextInt(b.length - len);
                byte[] noise = new byte[len];
                rnd.nextBytes(noise);
                System.arraycopy(noise, 0, b, at, len);
            }
            case 3 -> {
                int at = rnd.nextInt(pages) * page;
                Arrays.fill(b, at, Math.min(b.length, at + page), (byte) 0);
            }
            case 4 -> {
                int from = rnd.nextInt(pages);
                int to = rnd.nextInt(pages);
                System.arraycopy(base, from * page, b, to * page, Math.min(page, b.length - to * page));
            }
            case 5 -> b[16 + rnd.nextInt(84)] = (byte) rnd.nextInt(256);
            default -> {
                for (int i = 1 + rnd.nextInt(4); i > 0; i--) {
                    b[100 + rnd.nextInt(page - 100)] ^= (byte) (1 + rnd.nextInt(255));
                }
            }
        }
        return b;
    }

    @Provide
    Arbitrary<byte[]> damagedDb() throws Exception {
        byte[] base = sound();
        return Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.longs())
                .as((kind, seed) -> damage(base, kind, seed));
    }

    /** The sound file with one value changed (a column of a row, to one of {@link #ODD_VALUES}), through SQLite. */
    record ValueDamage(String table, String column, int row, Object value) {
        @Override
        public String toString() {
            String v = value instanceof byte[] ? "blob" : String.valueOf(value);
            return table + "." + column + "[" + row + "] = " + (v.length() > 40 ? v.substring(0, 40) + "…" : v);
        }
    }

    @Provide
    Arbitrary<ValueDamage> damagedValue() throws Exception {
        sound();
        return Combinators.combine(Arbitraries.of(columns), Arbitraries.integers().between(0, 20),
                Arbitraries.integers().between(0, ODD_VALUES.length - 1))
                .as((tc, row, v) -> new ValueDamage(tc[0], tc[1], row, ODD_VALUES[v]));
    }

    @Property(tries = VALUE_TRIES)
    void damagedValue(@ForAll("damagedValue") ValueDamage damage) throws Exception {
        Path dir = Files.createTempDirectory("dbfuzz");
        try {
            Path in = dir.resolve("model.db");
            Files.write(in, sound());
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + in);
                 PreparedStatement ps = c.prepareStatement("UPDATE \"" + damage.table() + "\" SET \"" + damage.column()
                         + "\" = ? WHERE rowid = (SELECT rowid FROM \"" + damage.table() + "\" ORDER BY rowid LIMIT 1 OFFSET ?)")) {
                ps.setObject(1, damage.value());
                ps.setInt(2, damage.row());
                ps.executeUpdate();
            } catch (SQLException refusedByAConstraint) {
                // NOT NULL, UNIQUE, a key: SQLite kept the value; the case is a sound file then
            }
            String before = FuzzSupport.sha256(in);
            Path out = dir.resolve("out.json");
            for (String[] cmd : new String[][] {{"validate", in.toString()}, {"convert", in.toString(), out.toString()}}) {
                CliRunner.Result r = CliRunner.run(cmd);
                (cmd[0].equals("validate") ? VALUE_VALIDATE : VALUE_CONVERT).count(r);
                FuzzSupport.assertCleanOutcome(r, in, before, FuzzSupport.fileOnly(in), out);
            }
        } finally {
            FuzzSupport.deleteTree(dir);
        }
    }

    @Property(tries = TRIES)
    void damagedDb(@ForAll("damagedDb") byte[] bytes) throws Exception {
        Path dir = Files.createTempDirectory("dbfuzz");
        try {
            Path in = dir.resolve("model.db");
            Files.write(in, bytes);
            String before = FuzzSupport.sha256(in);
            CliRunner.Result v = CliRunner.run("validate", in.toString());
            VALIDATE.count(v);
            FuzzSupport.assertCleanOutcome(v, in, before, FuzzSupport.fileOnly(in));
            Path out = dir.resolve("out.json");
            CliRunner.Result c = CliRunner.run("convert", in.toString(), out.toString());
            CONVERT.count(c);
            FuzzSupport.assertCleanOutcome(c, in, before, FuzzSupport.fileOnly(in), out);
        } finally {
            FuzzSupport.deleteTree(dir);
        }
    }

    @AfterContainer
    static void summary() {
        System.out.println(VALIDATE.line());
        System.out.println(CONVERT.line());
        System.out.println(VALUE_VALIDATE.line());
        System.out.println(VALUE_CONVERT.line());
    }
}
