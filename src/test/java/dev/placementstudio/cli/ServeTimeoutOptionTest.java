package dev.placementstudio.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code serve --request-timeout}: a bad value is refused before anything starts, with exit 2 and its name. */
class ServeTimeoutOptionTest {
    @ParameterizedTest
    @ValueSource(strings = {"-1", "NaN", "1e9", "soon"})
    void aBadTimeoutIsRefused(String value) {
        CliRunner.Result r = CliRunner.run("serve", "--empty", "--port", "0", "--request-timeout", value);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--request-timeout").doesNotContain("Exception").doesNotContain("\tat ");
    }
}
