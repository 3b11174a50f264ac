package dev.placementstudio.cli;

import dev.placementstudio.TestFiles;
import dev.placementstudio.io.ModelJson;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.io.PlacementDump;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FileCommandsTest {
    @TempDir
    Path dir;

    @Test
    void versionAndHelp() {
        CliRunner.Result v = CliRunner.run("--version");
        assertThat(v.exitCode()).isZero();
        assertThat(v.out()).contains("Placement Studio");
        CliRunner.Result h = CliRunner.run("--help");
        assertThat(h.exitCode()).isZero();
        assertThat(h.out()).contains("validate", "convert", "generate", "import-placement", "export-placement");
    }

    @Test
    void validateAcceptsEverySample() throws Exception {
        try (var files = Files.list(TestFiles.root().resolve("sample-clouds"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                CliRunner.Result r = CliRunner.run("validate", f.toString());
                assertThat(r.exitCode()).as(r.err()).isZero();
                assertThat(r.out()).contains("valid");
            }
        }
    }

    @Test
    void convertPrettyAndCompact() throws Exception {
        Path compact = dir.resolve("c.json");
        Path pretty = dir.resolve("p.json");
        assertThat(CliRunner.run("convert", TestFiles.sample("teaching-small").toString(), compact.toString(), "--compact").exitCode()).isZero();
        assertThat(CliRunner.run("convert", compact.toString(), pretty.toString()).exitCode()).isZero();
        assertThat(Files.readAllLines(compact)).hasSize(1);
        assertThat(Files.readAllLines(pretty).size()).isGreaterThan(100);
        assertThat(ModelJson.read(pretty)).isEqualTo(ModelJson.read(TestFiles.sample("teaching-small")));
    }

    @Test
    void generateIsByteIdenticalForTheSameArguments() throws Exception {
        String[] args = {"generate", "--hosts", "300", "--cells", "3", "--numa-fraction", "0.3", "--sriov-fraction", "0.2",
                "--gpu-fraction", "0.1", "--ironic", "5", "--shared-storage", "--fill", "0.5", "--seed", "99", "--out"};
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        assertThat(CliRunner.run(concat(args, a.toString())).exitCode()).isZero();
        assertThat(CliRunner.run(concat(args, b.toString())).exitCode()).isZero();
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(ModelJson.read(a).hosts()).hasSize(300);
        assertThat(ModelJson.read(a).instances()).isNotEmpty();
    }

    /** The export of each sample is kept as a golden file; each golden loaded into real Placement 8.0.0. */
    @ParameterizedTest
    @ValueSource(strings = {"teaching-small", "nfv-sriov-numa", "accelerators-cyborg", "baremetal-ironic", "shared-storage"})
    void exportMatchesTheGoldenDumpThatRealPlacementLoaded(String sample) throws Exception {
        Path out = dir.resolve(sample + ".dump.json");
        CliRunner.Result r = CliRunner.run("export-placement", TestFiles.sample(sample).toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path golden = TestFiles.root().resolve("src/test/resources/placement-export/" + sample + ".dump.json");
        assertThat(Files.readString(out)).isEqualTo(Files.readString(golden));
    }

    @Test
    void importThenExportGivesTheSameDump() throws Exception {
        Path golden = TestFiles.root().resolve("src/test/resources/placement-export/teaching-small.dump.json");
        Path model = dir.resolve("imported.json");
        CliRunner.Result r = CliRunner.run("import-placement", golden.toString(), "--out", model.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        // the dump's compute nodes, Ironic node and pool come back as the model's, nothing raw but the
        // migration consumer (a dump does not say which instance it moves)
        CloudModel imported = ModelJson.read(model);
        assertThat(imported.hosts()).hasSize(8);
        assertThat(imported.baremetalNodes()).hasSize(1);
        assertThat(imported.rawPlacement().resourceProviders()).isEmpty();
        assertThat(imported.rawPlacement().allocations()).hasSize(1);
        Path back = dir.resolve("back.json");
        assertThat(CliRunner.run("export-placement", model.toString(), "--out", back.toString()).exitCode()).isZero();
        assertThat(PlacementDump.read(back)).isEqualTo(PlacementDump.read(golden));
    }

    @Test
    void exportToStdout() {
        CliRunner.Result r = CliRunner.run("export-placement", TestFiles.sample("baremetal-ironic").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("\"resource_providers\"").contains("CUSTOM_BAREMETAL_GOLD");
    }

    private static String[] concat(String[] a, String b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
