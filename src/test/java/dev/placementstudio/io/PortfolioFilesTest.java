package dev.placementstudio.io;

import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.TestFiles;
import dev.placementstudio.cli.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Portfolio files: what they hold, and every mistake placed at its line, column and path. */
class PortfolioFilesTest {
    @TempDir
    Path dir;

    private Path write(String json) throws Exception {
        Path p = dir.resolve("p.json");
        Files.copy(TestFiles.sample("teaching-small"), dir.resolve("teaching-small.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(TestFiles.root().resolve("sample-clouds/workloads/teaching-busy-day.json"), dir.resolve("busy.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(p, json);
        return p;
    }

    private static String minimal(String designs, String seeds) {
        return "{\"schemaVersion\": 1, \"name\": \"t\", \"base\": \"teaching-small.json\",\n"
                + " \"designs\": " + designs + ",\n \"workloads\": [\"busy.json\"],\n \"eras\": [\"queens\", \"pike\"],\n"
                + " \"seeds\": " + seeds + "}";
    }

    @Test
    void theMinimalPortfolioOfTheIssueReads() throws Exception {
        PortfolioFiles.Portfolio p = PortfolioFiles.read(write(minimal("[{\"name\": \"base\", \"edits\": []}]", "[1, 2, 3]")), ModelFiles::open);
        assertThat(p.name()).isEqualTo("t");
        assertThat(p.designs()).extracting(PortfolioFiles.Design::name).containsExactly("base");
        assertThat(p.eras()).containsExactly("queens", "pike");
        assertThat(p.seeds()).containsExactly(1L, 2L, 3L);
        assertThat(p.workloads()).extracting(PortfolioFiles.WorkloadFile::name).containsExactly("busy.json");
        assertThat(p.cells()).isEqualTo(6);
        assertThat(PortfolioFiles.read(write(minimal("[{\"name\": \"base\", \"edits\": []}]", "4")), ModelFiles::open).seeds())
                .containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void editsMakeTheDesignsAndAModelFileIsADesignToo() throws Exception {
        Files.writeString(dir.resolve("other.json"), Files.readString(TestFiles.sample("teaching-small")));
        PortfolioFiles.Portfolio p = PortfolioFiles.read(write(minimal("[{\"name\": \"base\", \"edits\": []},"
                + "{\"name\": \"more\", \"edits\": [{\"op\": \"add_hosts\", \"like\": \"cn-4\", \"count\": 3}]},"
                + "{\"name\": \"file\", \"model\": \"other.json\"}]", "1")), ModelFiles::open);
        assertThat(p.designs().get(1).model().hosts()).hasSize(p.designs().get(0).model().hosts().size() + 3);
        assertThat(p.designs().get(2).model().hosts()).hasSize(p.designs().get(0).model().hosts().size());
    }

    @Test
    void theSamplePortfolioHasThreeDesignsTwoErasAndTwentySeeds() throws Exception {
        PortfolioFiles.Portfolio p = PortfolioFiles.read(TestFiles.root().resolve(
                "sample-clouds/portfolios/teaching-designs.json"), ModelFiles::open);
        assertThat(p.designs()).hasSize(3);
        assertThat(p.eras()).hasSize(2);
        assertThat(p.seeds()).hasSize(20);
        assertThat(p.costs()).isNotEmpty();
    }

    private final java.util.List<String> wrong = new java.util.ArrayList<>();

    private void refused(String json, String expected) throws Exception {
        Path p = write(json);
        try {
            PortfolioFiles.read(p, ModelFiles::open);
            wrong.add("accepted: " + expected);
        } catch (InputProblemException e) {
            if (!e.getMessage().equals(p + ":" + expected)) {
                wrong.add(e.getMessage().substring(p.toString().length() + 1));
            }
        }
    }

    @Test
    void mistakesArePlaced() throws Exception {
        String base = "[{\"name\": \"base\", \"edits\": []}]";
        refused(minimal(base, "1").replace("\"name\": \"t\"", "\"nmae\": \"t\""),
                "1:30: nmae: unknown field 'nmae' (known: [base, cost, description, designs, eras, name, schemaVersion,"
                        + " seeds, workloads])");
        refused(minimal(base, "1").replace("\"pike\"", "\"kilo\""), "4:21: eras[1]: era must be pre-pike, pike or queens, not 'kilo'");
        refused(minimal(base, "0"), "5:11: seeds: a count of seeds is between 1 and 1000000");
        refused(minimal("[{\"name\": \"a\", \"edits\": [{\"op\": \"remove_hosts\", \"hosts\": [\"cn-99\"]}]}]", "1"),
                "2:38: designs[0].edits[0]: no host matches 'cn-99'");
        refused(minimal("[{\"name\": \"a\", \"edits\": [{\"op\": \"grow\"}]}]", "1"),
                "2:45: designs[0].edits[0].op: unknown edit 'grow' (known: " + PortfolioEdits.OPS + ")");
        refused(minimal("[{\"name\": \"a\", \"edits\": []}, {\"name\": \"a\", \"edits\": []}]", "1"),
                "2:51: designs[1].name: design 'a' is named twice");
        refused(minimal(base, "1").replace("busy.json", "none.json"), "3:16: workloads[0]: no workload file "
                + dir.resolve("none.json"));
        refused(minimal(base, "1").replace("\"schemaVersion\": 1", "\"schemaVersion\": 2"),
                "1:19: schemaVersion: made by a newer Placement Studio (schema 2, this build reads up to 1)");
        assertThat(wrong).isEmpty();
    }

    @Test
    void theCliPrintsTheProblemAndExitsTwo() throws Exception {
        Path p = write(minimal("[{\"name\": \"base\", \"edits\": []}]", "\"many\""));
        CliRunner.Result r = CliRunner.run("sweep", p.toString(), "--out", dir.resolve("r.db").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(p + ":5:11: seeds: seeds are a count (20) or a non-empty list of"
                + " integers ([1, 2, 3])");
        assertThat(dir.resolve("r.db")).doesNotExist();
    }
}
