package dev.placementstudio.io.store;

import dev.placementstudio.TestFiles;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.io.ModelJson;
import dev.placementstudio.model.CloudGenerator;
import dev.placementstudio.model.CloudModel;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelStoreTest {
    @TempDir
    Path dir;

    private static String canonical(CloudModel m) {
        return new String(ModelJson.toBytes(m, true), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"teaching-small", "nfv-sriov-numa", "accelerators-cyborg", "baremetal-ironic", "shared-storage"})
    void everySampleSurvivesJsonToDbToJson(String sample) throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.sample(sample));
        Path db = dir.resolve(sample + ".db");
        ModelFiles.save(m, db, true);
        assertThat(canonical(ModelFiles.open(db))).isEqualTo(canonical(m));
    }

    @Property(tries = 25)
    void randomModelsSurviveJsonToDbToJson(@ForAll @IntRange(min = 1, max = 60) int hosts,
                                           @ForAll @IntRange(min = 1, max = 4) int cells,
                                           @ForAll @DoubleRange(min = 0, max = 1) double numa,
                                           @ForAll @DoubleRange(min = 0, max = 1) double sriov,
                                           @ForAll @DoubleRange(min = 0, max = 0.5) double gpu,
                                           @ForAll @IntRange(min = 0, max = 5) int ironic,
                                           @ForAll boolean shared, @ForAll @DoubleRange(min = 0, max = 0.8) double fill,
                                           @ForAll long seed) throws Exception {
        CloudModel m = CloudGenerator.generate(new CloudGenerator.Options(hosts, cells, numa, sriov, gpu, ironic, shared, fill, seed));
        Path tmp = Files.createTempDirectory("store-property"); // jqwik has no @TempDir
        Path json = tmp.resolve("m.json");
        ModelFiles.save(m, json, true);
        CloudModel fromJson = ModelFiles.open(json);
        Path db = tmp.resolve("m.db");
        ModelFiles.save(fromJson, db, true);
        assertThat(canonical(ModelFiles.open(db))).isEqualTo(canonical(fromJson));
        for (Path p : List.of(json, db, tmp)) {
            Files.deleteIfExists(p);
        }
    }

    @Test
    void aModelWithRawPlacementStateKeepsIt() throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.sample("teaching-small"));
        var state = dev.placementstudio.model.Projection.project(m);
        CloudModel withRaw = m.withRawPlacement(state);
        Path db = dir.resolve("raw.db");
        ModelFiles.save(withRaw, db, true);
        assertThat(ModelFiles.open(db).rawPlacement()).isEqualTo(state);
    }

    @Test
    void savingOverAFileKeepsItsRunsAndItsPermissions() throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.sample("teaching-small"));
        Path db = dir.resolve("runs.db");
        ModelFiles.save(m, db, true);
        RunStore.save(db, new RunStore.Run("first", "queens", 42, "{}", "{\"requested\": 1}", List.of("{\"t\": 0}", "{\"t\": 1}")));
        Files.setPosixFilePermissions(db, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
        ModelFiles.save(m.withName("renamed", m.description()), db, true);
        assertThat(ModelFiles.open(db).name()).isEqualTo("renamed");
        assertThat(RunStore.list(db)).extracting(RunStore.RunInfo::name).containsExactly("first");
        assertThat(RunStore.load(db, "first").orElseThrow().events()).containsExactly("{\"t\": 0}", "{\"t\": 1}");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rw-rw----");
        assertThatThrownBy(() -> RunStore.save(db, new RunStore.Run("first", "pike", 1, "", "", List.of())))
                .hasMessageContaining("already kept");
    }

    // ---------------------------------------------------------------- bad files are refused, untouched

    private void assertRefusedUntouched(Path file, String expected) throws Exception {
        byte[] before = Files.readAllBytes(file);
        long mtime = Files.getLastModifiedTime(file).toMillis();
        assertThatThrownBy(() -> ModelFiles.open(file)).isInstanceOf(InputProblemException.class)
                .hasMessageStartingWith(file.toString() + ": ").hasMessageContaining(expected);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(mtime);
        try (var s = Files.list(file.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith(file.getFileName() + "-journal") || n.endsWith("-wal"));
        }
    }

    @Test
    void randomBytesAreNotAModel() throws Exception {
        Path f = dir.resolve("random.db");
        byte[] junk = new byte[4096];
        new Random(1).nextBytes(junk);
        Files.write(f, junk);
        assertRefusedUntouched(f, "not a Placement Studio model: not a SQLite database");
    }

    @Test
    void anEmptyFileIsNotAModel() throws Exception {
        Path f = dir.resolve("empty.db");
        Files.write(f, new byte[0]);
        assertRefusedUntouched(f, "the file is empty");
    }

    @Test
    void aTruncatedFileIsNotAModel() throws Exception {
        Path good = dir.resolve("good.db");
        ModelFiles.save(ModelFiles.open(TestFiles.sample("nfv-sriov-numa")), good, true);
        byte[] all = Files.readAllBytes(good);
        Path f = dir.resolve("truncated.db");
        Files.write(f, java.util.Arrays.copyOf(all, all.length / 3));
        assertRefusedUntouched(f, "not a Placement Studio model");
    }

    @Test
    void aCorruptPageIsNotAModel() throws Exception {
        Path f = dir.resolve("corrupt.db");
        ModelFiles.save(ModelFiles.open(TestFiles.sample("nfv-sriov-numa")), f, true);
        byte[] all = Files.readAllBytes(f);
        for (int i = 100; i < all.length; i += 7) {
            all[i] ^= 0x5A;
        }
        Files.write(f, all);
        assertRefusedUntouched(f, "not a Placement Studio model");
    }

    @Test
    void aSqliteFileWithOtherTablesIsNotAModel() throws Exception {
        Path f = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE recipes (name TEXT)");
            s.execute("PRAGMA user_version = 1");
        }
        assertRefusedUntouched(f, "not a Placement Studio model: a SQLite database with none of Placement Studio's tables (it has recipes)");
    }

    @Test
    void aNewerFileIsRefusedWithBothVersions() throws Exception {
        Path f = dir.resolve("newer.db");
        ModelFiles.save(ModelFiles.open(TestFiles.sample("teaching-small")), f, true);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        assertRefusedUntouched(f, "made by a newer Placement Studio (schema 99, this build reads up to "
                + StoreSchema.CURRENT + ")");
        assertThatThrownBy(() -> RunStore.save(f, new RunStore.Run("r", "queens", 1, "", "", List.of())))
                .hasMessageContaining("newer");
    }

    // ---------------------------------------------------------------- migrations

    @Test
    void aSchemaOneFileOpensAndIsMigratedWhenARunIsAdded() throws Exception {
        Path f = dir.resolve("v1.db");
        String script = Files.readString(TestFiles.root().resolve("src/test/resources/store/schema-v1-teaching-small.sql"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f); Statement s = c.createStatement()) {
            for (String stmt : script.split(";\n")) {
                if (!stmt.isBlank()) {
                    s.execute(stmt);
                }
            }
        }
        assertThat(ModelStore.schemaVersion(f)).isEqualTo(1);
        CloudModel m = ModelFiles.open(f);
        assertThat(canonical(m)).isEqualTo(canonical(ModelFiles.open(TestFiles.sample("teaching-small"))));
        assertThat(RunStore.list(f)).isEmpty();
        assertThat(ModelStore.schemaVersion(f)).as("reading does not migrate").isEqualTo(1);
        RunStore.save(f, new RunStore.Run("after-migration", "queens", 7, "{}", "{}", List.of("{}")));
        assertThat(ModelStore.schemaVersion(f)).isEqualTo(StoreSchema.CURRENT);
        assertThat(RunStore.list(f)).extracting(RunStore.RunInfo::name).containsExactly("after-migration");
        assertThat(canonical(ModelFiles.open(f))).isEqualTo(canonical(m));
    }
}
