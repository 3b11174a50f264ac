package dev.placementstudio.io;

import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.TestFiles;
import dev.placementstudio.model.CloudModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Numbers in workload files that do not fit: a CSV time beyond a long once read "not a whole number of ms" of a
 * whole number; now the message says it is too large and names the bound, at the field's line and column.
 */
class WorkloadNumbersTest {
    private static final String HEADER = "submit_ms,flavor,duration_ms\n";
    private static CloudModel model;

    @BeforeAll
    static void load() throws Exception {
        model = ModelFiles.open(TestFiles.sample("teaching-small"));
    }

    @Test
    void aCsvTimeBeyondALongIsTooLargeNotNoNumber() {
        assertThatThrownBy(() -> WorkloadFiles.parseCsv("t.csv", HEADER + "99999999999999999999,m1.small,10\n", model))
                .isInstanceOf(InputProblemException.class)
                .hasMessage("t.csv:2:1: submit_ms: '99999999999999999999' is too large: at most 9223372036854775807 ms");
        assertThatThrownBy(() -> WorkloadFiles.parseCsv("t.csv", HEADER + "5,m1.small,-99999999999999999999\n", model))
                .hasMessage("t.csv:2:12: duration_ms: '-99999999999999999999' is too small: times must not be negative");
        assertThatThrownBy(() -> WorkloadFiles.parseCsv("t.csv", HEADER + "5,m1.small,1e3\n", model))
                .hasMessage("t.csv:2:12: duration_ms: not a whole number of ms: '1e3'");
    }

    @Test
    void aJsonCountBeyondAnIntNamesTheFieldAndTheRange() {
        String json = "{\"arrivals\": [{\"flavor\": \"m1.small\", \"count\": 99999999999}]}";
        assertThatThrownBy(() -> WorkloadFiles.parse("w.json", json, model))
                .isInstanceOf(InputProblemException.class)
                .hasMessageStartingWith("w.json:1:")
                .hasMessageContaining("arrivals[0].count")
                .hasMessageContaining("99999999999")
                .hasMessageContaining("out of range")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("dev.placementstudio").doesNotContain("Exception"));
    }
}
