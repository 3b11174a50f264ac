package dev.placementstudio.io;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the studio's log file lives: the user's application-data folder, as each desktop names it
 * ({@code ~/.local/state/placement-studio} or {@code $XDG_STATE_HOME} on Linux, {@code ~/Library/Logs} on
 * macOS, {@code %LOCALAPPDATA%} on Windows). The logging configuration ({@code logback.xml}) reads the file
 * name from the system property {@link #PROPERTY}, which {@link #configure} sets before the first logger is
 * made; a property given on the command line wins.
 */
public final class AppLog {
    public static final String PROPERTY = "placementstudio.logfile";
    public static final String FILE_NAME = "placement-studio.log";

    private AppLog() {
    }

    /** The log file for this OS and environment (nothing is created). */
    public static Path defaultFile(String osName, Map<String, String> env, String userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        Path home = Path.of(userHome);
        Path dir;
        if (os.contains("win")) {
            String local = env.get("LOCALAPPDATA");
            dir = (local != null && !local.isBlank() ? Path.of(local) : home.resolve("AppData").resolve("Local"))
                    .resolve("Placement Studio").resolve("logs");
        } else if (os.contains("mac")) {
            dir = home.resolve("Library").resolve("Logs").resolve("Placement Studio");
        } else {
            String state = env.get("XDG_STATE_HOME");
            dir = (state != null && !state.isBlank() && Path.of(state).isAbsolute() ? Path.of(state)
                    : home.resolve(".local").resolve("state")).resolve("placement-studio");
        }
        return dir.resolve(FILE_NAME);
    }

    /** Sets {@link #PROPERTY} unless it is set already, and returns the file the log goes to. */
    public static Path configure() {
        String given = System.getProperty(PROPERTY);
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        Path file = defaultFile(System.getProperty("os.name", ""), System.getenv(), System.getProperty("user.home", "."));
        System.setProperty(PROPERTY, file.toString());
        return file;
    }

    /**
     * Sends what goes through {@code java.util.logging} (JavaFX's messages, such as its "Unsupported JavaFX
     * configuration" warning when it is loaded from the class path, and the JDK's preferences notes) to the
     * log file with everything else, instead of printing it on the console.
     */
    public static void captureJavaUtilLogging() {
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
    }

    /** The file the log goes to (as {@link #configure} chose it). */
    public static Path file() {
        String given = System.getProperty(PROPERTY);
        return given != null && !given.isBlank() ? Path.of(given) : configure();
    }

    /** The last {@code maxBytes} of the log, from a line start; empty when there is no log yet. */
    public static String tail(Path file, int maxBytes) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            long from = Math.max(0, len - maxBytes);
            byte[] b = new byte[(int) (len - from)];
            f.seek(from);
            f.readFully(b);
            String s = new String(b, StandardCharsets.UTF_8);
            if (from > 0) {
                int nl = s.indexOf('\n');
                s = nl < 0 ? s : s.substring(nl + 1);
            }
            return s;
        }
    }
}
