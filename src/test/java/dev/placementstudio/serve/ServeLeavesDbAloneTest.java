package dev.placementstudio.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.TestFiles;
import dev.placementstudio.cli.CliRunner;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.io.store.ModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: {@code serve MODEL.db} reads the file and changes nothing in it (no byte, no -wal/-shm/-journal)
 * until a request writes; the first write then goes in, in one transaction, and the file stays a sound model
 * on its own.
 */
class ServeLeavesDbAloneTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SIDECARS = {"-wal", "-shm", "-journal"};

    @TempDir
    Path dir;

    private Path validDb() throws Exception {
        Path db = dir.resolve("cloud.db");
        ModelStore.save(ModelFiles.open(TestFiles.sample("teaching-small")), db);
        return db;
    }

    private static String sha(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    private void assertNoSidecars(Path db, String when) {
        for (String side : SIDECARS) {
            assertThat(db.resolveSibling(db.getFileName() + side)).as(when + ": " + side).doesNotExist();
        }
    }

    @Test
    void readsAloneLeaveTheFileByteIdentical() throws Exception {
        Path db = validDb();
        String before = sha(db);
        try (ServedProcess s = ServedProcess.start(db)) {
            assertThat(s.call("GET", "/", null).statusCode()).isEqualTo(200);
            assertThat(s.call("GET", "/resource_providers", null).statusCode()).isEqualTo(200);
            assertThat(s.call("GET", "/allocation_candidates?resources=VCPU:1", null).statusCode()).isEqualTo(200);
            assertThat(s.call("GET", "/traits", null).statusCode()).isEqualTo(200);
            assertThat(s.call("GET", "/resource_providers/" + UUID.randomUUID(), null).statusCode()).isEqualTo(404);
            // a refused write changes nothing either
            assertThat(s.call("POST", "/resource_providers", "{\"nme\": 1}").statusCode()).isEqualTo(400);
            assertThat(sha(db)).as("while serving").isEqualTo(before);
            assertNoSidecars(db, "while serving");
            s.stop();
        }
        assertThat(sha(db)).as("after serve stopped").isEqualTo(before);
        assertNoSidecars(db, "after serve stopped");
    }

    @Test
    void theFirstWriteGoesInAndTheFileStaysSound() throws Exception {
        Path db = validDb();
        String rp = UUID.randomUUID().toString();
        try (ServedProcess s = ServedProcess.start(db)) {
            assertThat(s.call("GET", "/resource_providers", null).statusCode()).isEqualTo(200);
            assertThat(s.call("POST", "/resource_providers", "{\"name\": \"late-host\", \"uuid\": \"" + rp + "\"}")
                    .statusCode()).isEqualTo(200);
            s.stop();
        }
        assertNoSidecars(db, "after serve stopped");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db.toAbsolutePath() + "?mode=ro");
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                assertThat(rs.next() ? rs.getString(1) : "").isEqualTo("ok");
            }
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.next() ? rs.getString(1) : "").as("the file stands alone").isEqualTo("delete");
            }
        }
        assertNoSidecars(db, "after reading it");
        CliRunner.Result v = CliRunner.run("validate", db.toString());
        assertThat(v.exitCode()).as(v.err()).isZero();
        // the model's hosts and the new provider, both served again from the file
        try (ServedProcess s = ServedProcess.start(db)) {
            assertThat(JSON.readTree(s.call("GET", "/resource_providers/" + rp, null).body()).get("name").asText())
                    .isEqualTo("late-host");
            assertThat(JSON.readTree(s.call("GET", "/resource_providers?name=cn-1", null).body())
                    .get("resource_providers")).hasSize(1);
            s.stop();
        }
        assertNoSidecars(db, "after the second serve");
    }
}
