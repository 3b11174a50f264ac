package dev.placementstudio.cli;

import dev.placementstudio.TestFiles;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A damaged {@code .db} is refused by every command that opens one (exit 2, one line naming the file,
 * no trace) and left byte-identical, with no -wal/-shm/-journal beside it. serve is included: it refuses
 * before it starts listening, so it returns in-process.
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
}
