package dev.placementstudio.cli;

import dev.placementstudio.TestFiles;
import dev.placementstudio.io.store.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The file commands on .db model files. */
class StoreCommandsTest {
    @TempDir
    Path dir;

    @Test
    void convertBothWaysGivesBackTheSameJson() throws Exception {
        Path db = dir.resolve("m.db");
        Path back = dir.resolve("back.json");
        Path canon = dir.resolve("canon.json");
        String sample = TestFiles.sample("accelerators-cyborg").toString();
        assertThat(CliRunner.run("convert", sample, db.toString()).exitCode()).isZero();
        assertThat(CliRunner.run("convert", db.toString(), back.toString()).exitCode()).isZero();
        assertThat(CliRunner.run("convert", sample, canon.toString()).exitCode()).isZero();
        assertThat(Files.readString(back)).isEqualTo(Files.readString(canon));
        assertThat(CliRunner.run("validate", db.toString()).exitCode()).isZero();
    }

    @Test
    void candidatesReadADbModel() throws Exception {
        Path db = dir.resolve("m.db");
        CliRunner.run("convert", TestFiles.sample("nfv-sriov-numa").toString(), db.toString());
        CliRunner.Result fromDb = CliRunner.run("candidates", "--model", db.toString(), "resources=VCPU:1,MEMORY_MB:512");
        CliRunner.Result fromJson = CliRunner.run("candidates", "--model", TestFiles.sample("nfv-sriov-numa").toString(),
                "resources=VCPU:1,MEMORY_MB:512");
        assertThat(fromDb.exitCode()).isZero();
        assertThat(fromDb.out()).isEqualTo(fromJson.out());
    }

    @Test
    void aBrokenDbIsExitTwoWithAClearMessageAndNoStackTrace() throws Exception {
        Path bad = dir.resolve("bad.db");
        Files.writeString(bad, "this is not a database at all, just text that is long enough");
        for (String cmd : List.of("validate", "runs")) {
            CliRunner.Result r = CliRunner.run(cmd, bad.toString());
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).startsWith(bad + ": not a Placement Studio model");
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        CliRunner.Result c = CliRunner.run("convert", bad.toString(), dir.resolve("out.json").toString());
        assertThat(c.exitCode()).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("out.json"))).isFalse();
    }

    @Test
    void runsListsWhatIsKept() throws Exception {
        Path db = dir.resolve("m.db");
        CliRunner.run("convert", TestFiles.sample("teaching-small").toString(), db.toString());
        assertThat(CliRunner.run("runs", db.toString()).out()).contains("no runs kept");
        RunStore.save(db, new RunStore.Run("baseline", "queens", 42, "{}", "{\"requested\": 10}", List.of("{}", "{}")));
        CliRunner.Result r = CliRunner.run("runs", db.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("baseline").contains("queens").contains("42").contains("{\"requested\": 10}");
    }
}
