package dev.placementstudio.model;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StandardNamesTest {
    @Test
    void aWordBecomesTheTailOfACustomName() {
        assertThat(StandardNames.customSuffix("physnet-1.a")).isEqualTo("PHYSNET_1_A");
        assertThat(StandardNames.customSuffix("Tesla T4")).isEqualTo("TESLA_T4");
        assertThat(StandardNames.customSuffix("straße")).isEqualTo("STRASSE");
        assertThat(StandardNames.customSuffix("gpu\uD83D\uDE00x")).isEqualTo("GPU_X");
    }

    /** The same as the regular expression it replaced: every code point outside A-Z and 0-9 becomes one '_'. */
    @Property(tries = 500)
    void theSameAsTheRegularExpression(@ForAll String word) {
        assertThat(StandardNames.customSuffix(word))
                .isEqualTo(word.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
    }
}
