package dev.placementstudio.cli;

import dev.placementstudio.TestFiles;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Issue 19: malformed workloads through {@code simulate}, a JSON workload (every field, mutated) and a CSV trace
 * (built from odd fields): exit 0 or 2, on 2 {@code file:line:col: message} and no events or state file, never a
 * stack trace, and the workload unchanged. The base workload is small, so that the cases simulate in milliseconds.
 */
class WorkloadFuzzTest {
    private static final int JSON_TRIES = 80;
    private static final int CSV_TRIES = 60;
    private static final FuzzSupport.Tally JSON = new FuzzSupport.Tally("WorkloadFuzzTest.workloadJson");
    private static final FuzzSupport.Tally CSV = new FuzzSupport.Tally("WorkloadFuzzTest.workloadCsv");

    /** Every field a workload has, with small counts (teaching-small's names). */
    static final String BASE = """
            {
              "arrivals": [
                {"flavor": "m1.small", "count": 3, "rate_per_s": 20, "start_ms": 0, "lifetime_mean_ms": 4000},
                {"flavor": "m1.medium", "count": 2, "start_ms": 200, "server_group": "web", "image": "cirros",
                 "ports": ["ovs-port"], "availability_zone": "az1", "lifetime_ms": 6000},
                {"flavor": "f1.fpga", "count": 1, "start_ms": 300, "device_profile": "fpga-gzip"}
              ],
              "migrations": [{"type": "resize", "count": 1, "rate_per_s": 1, "start_ms": 1200,
                              "new_flavor": "m1.large", "revert_probability": 0.34}],
              "events": [{"at_ms": 600, "type": "cell-down", "cell": "cell2"}, {"at_ms": 1500, "type": "cell-up", "cell": "cell2"},
                         {"at_ms": 100, "type": "host-disable", "host": "cn-3"}, {"at_ms": 900, "type": "host-enable", "host": "cn-3"}],
              "faults": {"build_failure_probability": 0.1, "host_failure_probability": {"cn-2": 0.5},
                         "fail_next_builds": {"cn-1": 1}, "arq_bind_failure_probability": 0.2, "fail_next_binds": {"cn-4": 1}},
              "timing": {"schedule_ms": 40, "dispatch_ms": 5, "build_ms": 300, "arq_bind_ms": 80, "migration_ms": 500,
                         "confirm_ms": 200}
            }
            """;

    private static final String[] CSV_FIELDS = {"0", "150", "-1", "", " ", "99999999999999999999", "9223372036854775807",
            "1.5", "1e3", "0x10", "m1.small", "m1.tiny", "no.such", "\"m1.small\"", "M1.SMALL", "\t", "\u00e9", "\uFEFF0",
            "30000", ",", "\"", "\\", "\u0000"};

    @Provide
    Arbitrary<String> mutatedJson() {
        return FuzzSupport.mutationsOf(BASE, FuzzSupport.ODD_JSON_TOKENS);
    }

    /** A header (usually the right one) and up to 8 rows of 1 to 4 fields from {@link #CSV_FIELDS}. */
    @Provide
    Arbitrary<String> oddCsv() {
        Arbitrary<String> header = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just("submit_ms,flavor,duration_ms")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("", "submit_ms,flavor", "\uFEFFsubmit_ms,flavor,duration_ms",
                        "SUBMIT_MS,FLAVOR,DURATION_MS", "submit_ms;flavor;duration_ms")));
        Arbitrary<String> row = Arbitraries.of(CSV_FIELDS).list().ofMinSize(1).ofMaxSize(4)
                .map(fields -> String.join(",", fields));
        Arbitrary<String> goodRow = Arbitraries.of("0,m1.small,30000", "150,m1.tiny,45000", "300,m1.medium,0");
        Arbitrary<String> anyRow = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, goodRow), net.jqwik.api.Tuple.of(3, row));
        Arbitrary<String> newline = Arbitraries.of("\n", "\r\n", "\r");
        return net.jqwik.api.Combinators.combine(header, anyRow.list().ofMaxSize(8), newline)
                .as((h, rows, nl) -> h + nl + String.join(nl, rows) + (rows.isEmpty() ? "" : nl));
    }

    private static CliRunner.Result simulate(Path dir, Path workload) {
        return CliRunner.run("simulate", TestFiles.sample("teaching-small").toString(), "--workload", workload.toString(),
                "--seed", "1", "--era", "queens", "--events", dir.resolve("ev.jsonl").toString(),
                "--state-out", dir.resolve("state.json").toString());
    }

    private static void check(String text, String name, FuzzSupport.Tally tally) throws Exception {
        Path dir = Files.createTempDirectory("workloadfuzz");
        try {
            Path in = dir.resolve(name);
            Files.writeString(in, text);
            String before = FuzzSupport.sha256(in);
            CliRunner.Result r = simulate(dir, in);
            tally.count(r);
            FuzzSupport.assertCleanOutcome(r, in, before, FuzzSupport.lineAndColumn(in), dir.resolve("ev.jsonl"),
                    dir.resolve("state.json"));
        } finally {
            FuzzSupport.deleteTree(dir);
        }
    }

    @Property(tries = JSON_TRIES)
    void workloadJson(@ForAll("mutatedJson") String text) throws Exception {
        check(text, "w.json", JSON);
    }

    @Property(tries = CSV_TRIES)
    void workloadCsv(@ForAll("oddCsv") String text) throws Exception {
        check(text, "w.csv", CSV);
    }

    @AfterContainer
    static void summary() {
        System.out.println(JSON.line());
        System.out.println(CSV.line());
    }
}
