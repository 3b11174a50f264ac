package dev.placementstudio.io.store;

import dev.placementstudio.TestFiles;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.store.ModelFiles;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A sound SQLite file whose values were changed (by hand, or by damage that kept pages valid): refused with the
 * table and column, never with a Java exception's name, and never by running out of memory. Found by DbFuzzTest.
 */
class DamagedValuesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "UPDATE instance SET state = 'ACTIVF'              | instance.state holds 'ACTIVF', which is none of [",
            "UPDATE host SET status = 'upp'                    | host.status holds 'upp'",
            "UPDATE server_group SET policy = 'x'              | server_group.policy holds 'x'",
            "INSERT INTO migration (ord, type) VALUES (9, 'b') | migration.type holds 'b'",
            "UPDATE device_profile_group SET grp = 100000000   | device_profile_group.grp jumps to 100000000",
            "UPDATE device_profile_group SET grp = -1          | device_profile_group.grp jumps to -1",
    })
    @Timeout(30)
    void aValueNoModelHoldsIsNamedWithItsColumn(String damage, String message) throws Exception {
        Path db = dir.resolve("m.db");
        ModelStore.save(ModelFiles.open(TestFiles.sample("teaching-small")), db);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute(damage);
        }
        assertThatThrownBy(() -> ModelFiles.open(db)).isInstanceOf(InputProblemException.class)
                .hasMessageStartingWith(db + ": not a Placement Studio model: " + message)
                .hasMessageNotContaining("Exception").hasMessageNotContaining("java.");
    }

    @org.junit.jupiter.api.Test
    void aNullExtraSpecIsNamedWithItsPath() throws Exception {
        Path db = dir.resolve("m.db");
        ModelStore.save(ModelFiles.open(TestFiles.sample("teaching-small")), db);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("UPDATE flavor_extra_spec SET value = NULL WHERE key = 'hw:cpu_policy'");
        }
        assertThatThrownBy(() -> ModelFiles.open(db)).isInstanceOf(InputProblemException.class)
                .hasMessageStartingWith(db + ": flavors[").hasMessageContaining(".extraSpecs.hw:cpu_policy: needs a value");
    }
}
