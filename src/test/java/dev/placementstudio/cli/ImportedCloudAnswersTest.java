package dev.placementstudio.cli;

import dev.placementstudio.TestFiles;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.io.PlacementDump;
import dev.placementstudio.io.PlacementImport;
import dev.placementstudio.model.CloudFacts;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.Projection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An imported cloud is a cloud the studio works on: issue 22's reproduction (export, import, explain),
 * and explain and simulate answering on the imported cloud exactly as on the original.
 */
class ImportedCloudAnswersTest {
    @TempDir
    Path dir;

    @Test
    void exportImportExplainSucceeds_theIssuesReproduction() throws Exception {
        Path dump = dir.resolve("dump.json");
        Path model = dir.resolve("imported.json");
        Path report = dir.resolve("report.txt");
        assertThat(CliRunner.run("export-placement", TestFiles.sample("teaching-small").toString(), "--out",
                dump.toString()).exitCode()).isZero();
        CliRunner.Result imp = CliRunner.run("import-placement", dump.toString(), "--out", model.toString(),
                "--report", report.toString());
        assertThat(imp.exitCode()).as(imp.err()).isZero();
        assertThat(Files.readString(report)).contains("imported: 8 hosts", "1 Ironic nodes", "1 sharing pools",
                "kept raw: 1", "a migration consumer");
        CliRunner.Result explain = CliRunner.run("explain", model.toString(), "--flavor", "m1.small");
        assertThat(explain.exitCode()).as(explain.err() + explain.out()).isZero();
        assertThat(explain.out()).contains("Selection: cn-").doesNotContain("No valid host");
    }

    private Path imported(String sample, boolean facts) throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.sample(sample));
        CloudModel back = PlacementImport.toModelWithReport(Projection.project(m),
                facts ? CloudFacts.fromModel(m) : CloudFacts.NONE, sample).model();
        Path out = dir.resolve(sample + (facts ? "-facts" : "-dump") + ".json");
        ModelFiles.save(back, out, true);
        return out;
    }

    private static String explain(Path model, String flavor) {
        CliRunner.Result r = CliRunner.run("explain", model.toString(), "--flavor", flavor);
        return r.exitCode() + "\n" + r.out();
    }

    @Test
    void explainOnAnImportedSampleCloudGivesTheOriginalsAnswers() throws Exception {
        // with Nova's facts (cells, flavors, servers, moves) every answer is the original's
        for (String sample : new String[]{"teaching-small", "nfv-sriov-numa", "shared-storage", "accelerators-cyborg",
                "baremetal-ironic"}) {
            Path orig = TestFiles.sample(sample);
            Path imp = imported(sample, true);
            for (var f : ModelFiles.open(orig).flavors()) {
                assertThat(explain(imp, f.name())).as(sample + " " + f.name()).isEqualTo(explain(orig, f.name()));
            }
        }
        // from a dump alone, a one-cell cloud without moves answers the same for the flavors both know
        for (String sample : new String[]{"nfv-sriov-numa", "shared-storage"}) {
            Path orig = TestFiles.sample(sample);
            Path imp = imported(sample, false);
            for (String f : new String[]{"m1.tiny", "m1.small", "m1.medium", "m1.large"}) {
                assertThat(explain(imp, f)).as(sample + " " + f).isEqualTo(explain(orig, f));
            }
        }
    }

    @Test
    void simulateOnAnImportedSampleCloudGivesTheOriginalsRun() throws Exception {
        Path orig = TestFiles.sample("teaching-small");
        Path imp = imported("teaching-small", true);
        Path workload = TestFiles.root().resolve("sample-clouds/workloads/teaching-busy-day.json");
        for (String era : new String[]{"queens", "pike"}) {
            Path e1 = dir.resolve("orig-" + era + ".jsonl");
            Path e2 = dir.resolve("imp-" + era + ".jsonl");
            Path s1 = dir.resolve("orig-" + era + ".dump.json");
            Path s2 = dir.resolve("imp-" + era + ".dump.json");
            CliRunner.Result a = CliRunner.run("simulate", orig.toString(), "--workload", workload.toString(), "--era", era,
                    "--seed", "7", "--events", e1.toString(), "--state-out", s1.toString());
            CliRunner.Result b = CliRunner.run("simulate", imp.toString(), "--workload", workload.toString(), "--era", era,
                    "--seed", "7", "--events", e2.toString(), "--state-out", s2.toString());
            assertThat(a.exitCode()).as(a.err()).isZero();
            assertThat(b.exitCode()).as(b.err()).isZero();
            assertThat(b.out().replaceAll("\"wall_ms\": \\d+", "")).isEqualTo(a.out().replaceAll("\"wall_ms\": \\d+", ""));
            assertThat(Files.readString(e2)).isEqualTo(Files.readString(e1));
            assertThat(PlacementDump.read(s2)).isEqualTo(PlacementDump.read(s1));
        }
    }
}
