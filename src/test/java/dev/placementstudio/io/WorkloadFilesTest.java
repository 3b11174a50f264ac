package dev.placementstudio.io;

import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.TestFiles;
import dev.placementstudio.model.CloudModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Workload files the fuzzer (WorkloadFuzzTest) found mishandled, each refused with its place, or read. */
class WorkloadFilesTest {
    private static CloudModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        model = ModelFiles.open(TestFiles.sample("teaching-small"));
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    /** The refusal names file:line:col and the JSON path, and no Java exception. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"arrivals\": [null]}                                              | arrivals[0]",
            "{\"arrivals\": [{\"flavor\": \"m1.small\", \"ports\": [null]}]}     | arrivals[0].ports[0]",
            "{\"migrations\": [null], \"events\": []}                            | migrations[0]",
            "{\"faults\": {\"host_failure_probability\": {\"cn-1\": null}}}      | faults.host_failure_probability.cn-1",
            "{\"faults\": {\"host_failure_probability\": {\"cn-1\": 5}}}         | faults.host_failure_probability.cn-1",
            "{\"faults\": {\"host_failure_probability\": {\"nohost\": 0.5}}}     | faults.host_failure_probability.nohost",
            "{\"faults\": {\"fail_next_builds\": {\"cn-1\": -3}}}                | faults.fail_next_builds.cn-1",
            "{\"faults\": {\"fail_next_binds\": {\"cn-1\": null}}}               | faults.fail_next_binds.cn-1",
            "{\"timing\": {\"schedule_ms\": -100}}                               | timing.schedule_ms",
            "{\"arrivals\": [{\"flavor\": \"m1.small\", \"start_ms\": -5}]}      | arrivals[0].start_ms",
            "{\"events\": [{\"at_ms\": -5, \"type\": \"cell-down\", \"cell\": \"cell2\"}]} | events[0].at_ms",
            "{\"migrations\": [{\"type\": \"migration\", \"count\": -1}]}        | migrations[0].count",
            "{\"migrations\": [{\"type\": \"migration\", \"rate_per_s\": -1}]}   | migrations[0].rate_per_s",
            "{\"actions\": [{\"action\": \"reboot\"}]}                         | actions[0].action",
            "{\"actions\": [{\"action\": \"delete\", \"server\": \"vm1\"}]}      | actions[0].server",
            "{\"actions\": [{\"action\": \"boot\", \"name\": \"a\", \"flavor\": \"m1.nope\"}]} | actions[0].flavor",
            "{\"actions\": [{\"action\": \"boot\", \"name\": \"a\", \"flavor\": \"m1.small\", \"count\": 0}]} | actions[0].count",
            "{\"actions\": [{\"action\": \"boot\", \"name\": \"a\", \"flavor\": \"m1.small\"}, {\"action\": \"boot\", \"name\": \"a\", \"flavor\": \"m1.small\"}]} | actions[1].name",
            "{\"actions\": [{\"action\": \"fail-next-builds\", \"host\": \"nohost\"}]} | actions[0].host",
            "{\"actions\": [{\"action\": \"host-disable\", \"host\": \"cn-1\", \"at_ms\": -1}]} | actions[0].at_ms",
    })
    void aBadValueIsRefusedWithItsPlace(String json, String path) throws Exception {
        Path f = file("w.json", json);
        assertThatThrownBy(() -> WorkloadFiles.read(f, model)).isInstanceOf(InputProblemException.class)
                .satisfies(e -> {
                    InputProblemException p = (InputProblemException) e;
                    assertThat(p.line()).as(p.getMessage()).isPositive();
                    assertThat(p.path()).as(p.getMessage()).isEqualTo(path);
                    assertThat(p.getMessage()).startsWith(f + ":1:").doesNotContain("Exception").doesNotContain("java.");
                });
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFile() throws Exception {
        assertThat(WorkloadFiles.read(file("t.csv", "\uFEFFsubmit_ms,flavor,duration_ms\n0,m1.small,1000\n"), model)
                .arrivals()).hasSize(1);
        assertThat(WorkloadFiles.read(file("w.json", "\uFEFF{\"arrivals\": [{\"flavor\": \"m1.small\"}]}"), model)
                .arrivals()).hasSize(1);
    }
}
