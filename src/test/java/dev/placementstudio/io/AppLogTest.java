package dev.placementstudio.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AppLogTest {
    @Test
    void theLogLivesInEachDesktopsAppDataFolder() {
        assertThat(AppLog.defaultFile("Linux", Map.of(), "/home/ann"))
                .isEqualTo(Path.of("/home/ann/.local/state/placement-studio/placement-studio.log"));
        assertThat(AppLog.defaultFile("Linux", Map.of("XDG_STATE_HOME", "/var/ann"), "/home/ann"))
                .isEqualTo(Path.of("/var/ann/placement-studio/placement-studio.log"));
        // a relative XDG_STATE_HOME is invalid by the XDG spec: ignored
        assertThat(AppLog.defaultFile("Linux", Map.of("XDG_STATE_HOME", "rel"), "/home/ann"))
                .isEqualTo(Path.of("/home/ann/.local/state/placement-studio/placement-studio.log"));
        assertThat(AppLog.defaultFile("Mac OS X", Map.of(), "/Users/ann"))
                .isEqualTo(Path.of("/Users/ann/Library/Logs/Placement Studio/placement-studio.log"));
        assertThat(AppLog.defaultFile("Windows 11", Map.of("LOCALAPPDATA", "/c/Users/ann/AppData/Local"), "/c/Users/ann"))
                .isEqualTo(Path.of("/c/Users/ann/AppData/Local/Placement Studio/logs/placement-studio.log"));
    }

    @Test
    void aPropertyGivenOnTheCommandLineWins() {
        String before = System.getProperty(AppLog.PROPERTY);
        try {
            System.setProperty(AppLog.PROPERTY, "/tmp/given.log");
            assertThat(AppLog.configure()).isEqualTo(Path.of("/tmp/given.log"));
            assertThat(AppLog.file()).isEqualTo(Path.of("/tmp/given.log"));
        } finally {
            if (before == null) {
                System.clearProperty(AppLog.PROPERTY);
            } else {
                System.setProperty(AppLog.PROPERTY, before);
            }
        }
    }

    @Test
    void theTailStartsAtALineAndAMissingLogIsEmpty(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("a.log");
        assertThat(AppLog.tail(log, 100)).isEmpty();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            sb.append("line ").append(i).append('\n');
        }
        Files.writeString(log, sb, StandardCharsets.UTF_8);
        String tail = AppLog.tail(log, 40);
        assertThat(tail).startsWith("line ").endsWith("line 99\n");
        assertThat(tail.length()).isLessThanOrEqualTo(40);
        assertThat(AppLog.tail(log, 1 << 20)).isEqualTo(sb.toString());
    }

    @Test
    void javaUtilLoggingGoesToTheLogFileNotTheConsole() throws Exception {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        String token = "jul-check-" + System.nanoTime();
        try {
            System.setErr(new java.io.PrintStream(console, true, java.nio.charset.StandardCharsets.UTF_8));
            AppLog.captureJavaUtilLogging();
            java.util.logging.Logger.getLogger("javafx").warning("Unsupported JavaFX configuration " + token);
        } finally {
            System.setErr(err);
        }
        assertThat(console.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(token);
        assertThat(java.nio.file.Files.readString(AppLog.file())).contains("WARN").contains(token);
    }
}
