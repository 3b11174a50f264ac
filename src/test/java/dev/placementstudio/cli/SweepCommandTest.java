package dev.placementstudio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.TestFiles;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.io.PortfolioFiles;
import dev.placementstudio.sweep.ResultColumns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The sweep command's contract: its cells are simulate's runs, its files agree, a kill loses nothing. */
class SweepCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    /** A small portfolio in the temp folder: 2 designs x 1 workload x 2 eras x {@code seeds} seeds. */
    private Path portfolio(int seeds) throws Exception {
        Files.copy(TestFiles.sample("teaching-small"), dir.resolve("teaching-small.json"));
        Files.copy(TestFiles.root().resolve("sample-clouds/workloads/teaching-busy-day.json"), dir.resolve("busy, day.json"));
        Path p = dir.resolve("p.json");
        Files.writeString(p, "{\"schemaVersion\": 1, \"name\": \"t\", \"base\": \"teaching-small.json\",\n"
                + " \"designs\": [{\"name\": \"base\", \"edits\": []},\n"
                + "   {\"name\": \"more\", \"edits\": [{\"op\": \"add_hosts\", \"like\": \"cn-4\", \"count\": 2},"
                + " {\"op\": \"set_weighers\", \"multipliers\": {\"RAMWeigher\": -1.0}}]}],\n"
                + " \"workloads\": [\"busy, day.json\"], \"eras\": [\"pike\", \"queens\"], \"seeds\": " + seeds + ",\n"
                + " \"cost\": [{\"kind\": \"any\", \"hosts\": \"*\", \"price\": 100, \"watts\": 10}]}");
        return p;
    }

    private static List<String> csv(Path p) throws Exception {
        return Files.readAllLines(p);
    }

    @Test
    void eachCellIsWhatSimulatePrintsForTheSameInputs() throws Exception {
        Path p = portfolio(2);
        Path out = dir.resolve("r.csv");
        CliRunner.Result r = CliRunner.run("sweep", p.toString(), "--out", out.toString(), "--parallel", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("sweep: 8/8 cells").contains("ETA");
        List<String> lines = csv(out);
        List<String> header = List.of(lines.get(0).split(","));
        assertThat(header.subList(0, 13)).containsExactly("design", "workload", "era", "seed", "requested", "active",
                "error", "deleted", "scheduler_calls", "claim_conflicts", "reschedules", "alternate_claims", "sim_ms");
        assertThat(lines).hasSize(9);
        PortfolioFiles.Portfolio pf = PortfolioFiles.read(p, ModelFiles::open);
        for (PortfolioFiles.Design d : pf.designs()) {
            ModelFiles.save(d.model(), dir.resolve(d.name() + ".json"), false);
        }
        for (String line : lines.subList(1, lines.size())) {
            // "busy, day.json" is quoted in the CSV: split the key off by hand
            String design = line.substring(0, line.indexOf(','));
            assertThat(line).startsWith(design + ",\"busy, day.json\",");
            String[] rest = line.substring((design + ",\"busy, day.json\",").length()).split(",", -1);
            String era = rest[0];
            String seed = rest[1];
            CliRunner.Result s = CliRunner.run("simulate", dir.resolve(design + ".json").toString(), "--workload",
                    dir.resolve("busy, day.json").toString(), "--seed", seed, "--era", era);
            assertThat(s.exitCode()).as(s.err()).isZero();
            List<String> out2 = s.out().lines().toList();
            JsonNode summary = JSON.readTree(out2.get(out2.size() - 1));
            for (int i = 0; i < ResultColumns.SUMMARY.size(); i++) {
                assertThat(rest[2 + i]).as(design + "/" + era + "/" + seed + " " + ResultColumns.SUMMARY.get(i))
                        .isEqualTo(summary.get(ResultColumns.SUMMARY.get(i)).asText());
            }
            assertThat(Long.parseLong(rest[2 + 9])).as("placed").isGreaterThan(0)
                    .isLessThanOrEqualTo(summary.get("requested").asLong());
        }
        // another seed is another run: the designs differ where they should
        assertThat(lines.subList(1, 9).stream().map(l -> l.substring(l.indexOf("\",") + 2)).distinct()).hasSize(8);
    }

    @Test
    void aDatabaseExportEqualsTheCsvAndOneThreadEqualsTwo() throws Exception {
        Path p = portfolio(2);
        assertThat(CliRunner.run("sweep", p.toString(), "--out", dir.resolve("a.csv").toString(), "--parallel", "1")
                .exitCode()).isZero();
        CliRunner.Result r = CliRunner.run("sweep", p.toString(), "--out", dir.resolve("b.db").toString(),
                "--parallel", "2", "--export", dir.resolve("b.csv").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(dir.resolve("b.csv"))).isEqualTo(Files.readString(dir.resolve("a.csv")));
        assertThat(CliRunner.run("sweep", "--out", dir.resolve("b.db").toString(), "--export",
                dir.resolve("c.csv").toString()).exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("c.csv"))).isEqualTo(Files.readString(dir.resolve("a.csv")));
        // an existing results file is not overwritten, and another portfolio cannot resume it
        CliRunner.Result again = CliRunner.run("sweep", p.toString(), "--out", dir.resolve("b.db").toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already exists; --resume");
        Files.writeString(p, Files.readString(p).replace("\"seeds\": 2", "\"seeds\": 3"));
        CliRunner.Result other = CliRunner.run("sweep", p.toString(), "--out", dir.resolve("b.db").toString(), "--resume");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains("holds the results of another portfolio");
    }

    @Test
    void resumingACsvRunsOnlyTheMissingCells() throws Exception {
        Path p = portfolio(2);
        Path full = dir.resolve("full.csv");
        assertThat(CliRunner.run("sweep", p.toString(), "--out", full.toString()).exitCode()).isZero();
        List<String> lines = csv(full);
        Path part = dir.resolve("part.csv");
        List<String> kept = new ArrayList<>(lines.subList(0, 4));
        Files.write(part, kept);
        CliRunner.Result r = CliRunner.run("sweep", p.toString(), "--out", part.toString(), "--resume");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("3 of 8 cells already finished").contains("(5 run now, 3 finished before)");
        assertThat(Files.readString(part)).isEqualTo(Files.readString(full));
    }

    @Test
    void aSweepKilledMidWayResumesToTheSameResults() throws Exception {
        // 100 cells: progress is printed at most once a second, so the kill must come well before the end
        Path p = portfolio(25);
        Path clean = dir.resolve("clean.db");
        assertThat(CliRunner.run("sweep", p.toString(), "--out", clean.toString(), "--export",
                dir.resolve("clean.csv").toString()).exitCode()).isZero();
        Path killed = dir.resolve("killed.db");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process proc = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                "dev.placementstudio.Launcher", "sweep", p.toString(), "--out", killed.toString(), "--parallel", "2")
                .redirectErrorStream(true).start();
        int doneAtKill = -1;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(proc.getInputStream()))) {
            String line;
            while ((line = in.readLine()) != null) {
                var m = Pattern.compile("sweep: (\\d+)/100 cells").matcher(line);
                if (m.find() && Integer.parseInt(m.group(1)) >= 3) {
                    doneAtKill = Integer.parseInt(m.group(1));
                    proc.destroyForcibly(); // SIGKILL: no shutdown hook, no last commit
                    break;
                }
            }
        }
        assertThat(proc.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(doneAtKill).as("the child reported progress before it was killed").isBetween(3, 99);
        CliRunner.Result r = CliRunner.run("sweep", p.toString(), "--out", killed.toString(), "--resume",
                "--export", dir.resolve("killed.csv").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        int before = Integer.parseInt(r.err().replaceAll("(?s).*resuming, (\\d+) of 100.*", "$1"));
        assertThat(before).as("every cell reported finished was kept").isGreaterThanOrEqualTo(doneAtKill).isLessThan(100);
        assertThat(Files.readString(dir.resolve("killed.csv"))).isEqualTo(Files.readString(dir.resolve("clean.csv")));
    }

    @Test
    void theSweepStartsWithoutSparkAndSaysSoWhenAskedForIt() throws Exception {
        Path p = portfolio(1);
        List<String> cp = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.contains("/org/apache/spark/") && !e.contains("/org/scala-lang/")) {
                cp.add(e);
            }
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String[] args : new String[][]{{"--out", dir.resolve("x.csv").toString()},
                {"--out", dir.resolve("y.csv").toString(), "--spark", "local[2]"}}) {
            List<String> cmd = new ArrayList<>(List.of(javaBin, "-cp", String.join(File.pathSeparator, cp),
                    "dev.placementstudio.Launcher", "sweep", p.toString()));
            cmd.addAll(List.of(args));
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(proc.getInputStream().readAllBytes());
            assertThat(proc.waitFor(60, TimeUnit.SECONDS)).isTrue();
            if (args.length == 2) {
                assertThat(proc.exitValue()).as(text).isZero();
                assertThat(csv(dir.resolve("x.csv"))).hasSize(5);
            } else {
                assertThat(proc.exitValue()).as(text).isEqualTo(2);
                assertThat(text.strip()).isEqualTo("--spark: Spark is not on the class path: run the jar of the -Pspark"
                        + " build with spark-submit, or with Spark's jars on the class path (docs/sweep.md)");
            }
        }
    }
}
