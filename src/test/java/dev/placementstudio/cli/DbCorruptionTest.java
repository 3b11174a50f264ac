package dev.placementstudio.cli;

import dev.placementstudio.TestFiles;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.io.store.RunStore;
import dev.placementstudio.model.CloudModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A damaged {@code .db} is refused by every command that opens one (exit 2, one line naming the file,
 * no trace) and left byte-identical, with no -wal/-shm/-journal beside it. serve is included: it refuses
 * before it starts listening, so it returns in-process. So is a sound SQLite file that is not one of our
 * models (a newer schema, someone else's tables, no tables, one of ours missing), and the GUI's open, at
 * its API ({@link ModelFiles#open}). A read-only model is read by every reading command and refused,
 * untouched, by every command that would write into it.
 */
class DbCorruptionTest {
    @TempDir
    Path dir;

    private Path damaged(String how) throws Exception {
        Path db = dir.resolve("m.db");
        assertThat(CliRunner.run("convert", TestFiles.sample("teaching-small").toString(), db.toString()).exitCode()).isZero();
        byte[] b = Files.readAllBytes(db);
        switch (how) {
            case "empty" -> Files.write(db, new byte[0]);
            case "100" -> Files.write(db, java.util.Arrays.copyOf(b, 100));
            case "half" -> Files.write(db, java.util.Arrays.copyOf(b, b.length / 2));
            case "flip" -> {
                byte[] noise = new byte[20480];
                new Random(19).nextBytes(noise);
                System.arraycopy(noise, 0, b, 4096, Math.min(noise.length, b.length - 4096));
                Files.write(db, b);
            }
            default -> throw new IllegalArgumentException(how);
        }
        return db;
    }

    private static String sha(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"empty", "100", "half", "flip"})
    void everyCommandRefusesADamagedDbAndLeavesItAlone(String how) throws Exception {
        Path db = damaged(how);
        String before = sha(db);
        String[][] commands = {
                {"validate", db.toString()},
                {"convert", db.toString(), dir.resolve("out.json").toString()},
                {"runs", db.toString()},
                {"serve", db.toString(), "--port", "0"}};
        for (String[] cmd : commands) {
            CliRunner.Result r = CliRunner.run(cmd);
            if (how.equals("flip") && cmd[0].equals("runs")) {
                // runs reads only the run tables, which the damaged pages may miss: it may list them
                // (exit 0) or refuse (exit 2); either way it must not change the file (checked below)
                assertThat(r.exitCode()).as(cmd[0] + " on " + how).isIn(0, 2);
            } else {
                assertThat(r.exitCode()).as(cmd[0] + " on " + how).isEqualTo(2);
                assertThat(r.err()).as(cmd[0]).contains("m.db");
            }
            assertThat(r.err()).as(cmd[0]).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(r.out()).as(cmd[0]).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(sha(db)).as(cmd[0] + " left the file as it was").isEqualTo(before);
            for (String side : new String[] {"-wal", "-shm", "-journal"}) {
                assertThat(dir.resolve("m.db" + side)).as(cmd[0] + side).doesNotExist();
            }
        }
    }

    // ------------------------------------------------------------------ sound SQLite, but not a model we read

    private Path valid() throws Exception {
        Path db = dir.resolve("m.db");
        assertThat(CliRunner.run("convert", TestFiles.sample("teaching-small").toString(), db.toString()).exitCode()).isZero();
        return db;
    }

    private static void sql(Path db, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        }
    }

    private Path notOurs(String how) throws Exception {
        switch (how) {
            case "newer" -> {
                Path db = valid();
                sql(db, "PRAGMA user_version = 99");
                return db;
            }
            case "foreign" -> {
                Path db = dir.resolve("m.db");
                sql(db, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)", "INSERT INTO notes (text) VALUES ('hi')");
                return db;
            }
            case "no-tables" -> {
                Path db = dir.resolve("m.db");
                sql(db, "CREATE TABLE t (x)", "DROP TABLE t", "VACUUM");
                assertThat(Files.size(db)).as("a SQLite file, not an empty one").isPositive();
                return db;
            }
            case "missing-table" -> {
                Path db = valid();
                sql(db, "DROP TABLE host");
                return db;
            }
            default -> throw new IllegalArgumentException(how);
        }
    }

    /** What the refusal must say, beyond the file's name. */
    private static String problemOf(String how) {
        return switch (how) {
            case "newer" -> "newer Placement Studio";
            case "foreign" -> "none of Placement Studio's tables";
            case "no-tables" -> "no tables";
            case "missing-table" -> "missing tables host";
            default -> throw new IllegalArgumentException(how);
        };
    }

    private Path workload() {
        return TestFiles.root().resolve("sample-clouds/workloads/trace-sample.csv");
    }

    /** Every command that reads a .db model it is given (and writes, if at all, somewhere else). */
    private List<String[]> readers(Path db) {
        return List.of(
                new String[] {"validate", db.toString()},
                new String[] {"convert", db.toString(), dir.resolve("out.json").toString()},
                new String[] {"runs", db.toString()},
                new String[] {"candidates", "--model", db.toString(), "resources=VCPU:1"},
                new String[] {"simulate", db.toString(), "--workload", workload().toString(), "--seed", "1", "--era", "queens"},
                new String[] {"explain", db.toString(), "--flavor", "m1.small"},
                new String[] {"export-placement", db.toString(), "--out", dir.resolve("dump.json").toString()});
    }

    /** Every command that writes into the .db it is given. */
    private List<String[]> writers(Path db) {
        return List.of(
                new String[] {"serve", db.toString(), "--port", "0"},
                new String[] {"simulate", db.toString(), "--workload", workload().toString(), "--seed", "1", "--era", "queens",
                        "--save-run", "r1"});
    }

    /** Every command that saves a model over the .db it is given. */
    private List<String[]> savers(Path db) {
        return List.of(
                new String[] {"convert", TestFiles.sample("teaching-small").toString(), db.toString()},
                new String[] {"generate", "--hosts", "2", "--seed", "1", "--out", db.toString()});
    }

    private void assertUntouched(Path db, String before, String what) throws Exception {
        assertThat(sha(db)).as(what + " left the file as it was").isEqualTo(before);
        for (String side : new String[] {"-wal", "-shm", "-journal"}) {
            assertThat(dir.resolve(db.getFileName() + side)).as(what + side).doesNotExist();
        }
    }

    private static void assertClean(CliRunner.Result r, String what) {
        assertThat(r.err()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"newer", "foreign", "no-tables", "missing-table"})
    void everyCommandRefusesASoundFileThatIsNotOurs(String how) throws Exception {
        Path db = notOurs(how);
        String before = sha(db);
        List<String[]> commands = new java.util.ArrayList<>(readers(db));
        commands.addAll(writers(db));
        for (String[] cmd : commands) {
            String what = String.join(" ", cmd).replace(dir.toString(), "") + " on " + how;
            CliRunner.Result r = CliRunner.run(cmd);
            assertThat(r.exitCode()).as(what + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(what).startsWith(db + ": ").contains(problemOf(how));
            assertClean(r, what);
            assertUntouched(db, before, what);
            assertThat(dir.resolve("out.json")).as(what).doesNotExist();
            assertThat(dir.resolve("dump.json")).as(what).doesNotExist();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"newer", "foreign", "no-tables", "missing-table"})
    void theGuiOpenRefusesTheSameFiles(String how) throws Exception {
        Path db = notOurs(how);
        String before = sha(db);
        // the GUI's File > Open runs ModelFiles.open in the background and shows the message in a dialog
        assertThatThrownBy(() -> ModelFiles.open(db)).isInstanceOf(InputProblemException.class)
                .hasMessageStartingWith(db + ": ").hasMessageContaining(problemOf(how));
        // and its run list and replay read the file through RunStore
        assertThatThrownBy(() -> RunStore.list(db)).isInstanceOf(InputProblemException.class)
                .hasMessageStartingWith(db + ": ");
        assertUntouched(db, before, "ModelFiles.open on " + how);
    }

    // ------------------------------------------------------------------ a read-only model

    @Test
    void aReadOnlyModelIsReadButNeverWritten() throws Exception {
        Path db = valid();
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--r--r--"));
        try {
            String before = sha(db);
            for (String[] cmd : readers(db)) {
                String what = String.join(" ", cmd).replace(dir.toString(), "") + " (read-only)";
                CliRunner.Result r = CliRunner.run(cmd);
                assertThat(r.exitCode()).as(what + ": " + r.err()).isZero();
                assertClean(r, what);
                assertUntouched(db, before, what);
            }
            List<String[]> writing = new java.util.ArrayList<>(writers(db));
            writing.addAll(savers(db));
            for (String[] cmd : writing) {
                String what = String.join(" ", cmd).replace(dir.toString(), "") + " (read-only)";
                CliRunner.Result r = CliRunner.run(cmd);
                assertThat(r.exitCode()).as(what + ": " + r.err()).isEqualTo(2);
                assertThat(r.err()).as(what).contains(db.toString()).contains("read-only");
                assertClean(r, what);
                assertUntouched(db, before, what);
            }
            // the GUI: it opens the file, and refuses to save a model or keep a run into it
            CloudModel m = ModelFiles.open(db);
            assertThat(m.hosts()).isNotEmpty();
            assertThatThrownBy(() -> ModelFiles.save(m, db, true)).hasMessageContaining(db.toString())
                    .hasMessageContaining("read-only");
            assertThatThrownBy(() -> RunStore.save(db, new RunStore.Run("r2", "queens", 1, "", "{}", List.of())))
                    .isInstanceOf(InputProblemException.class).hasMessageStartingWith(db + ": ")
                    .hasMessageContaining("read-only");
            assertUntouched(db, before, "the GUI's save");
            assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
        } finally {
            Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
