package dev.placementstudio.nova;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs real Nova 26's filters through {@code src/test/oracle/nova_filters.py} (which drives the shared
 * oracle's {@code host_states.py}): many cases per Python process, since importing Nova takes seconds.
 * Each answer says, per filter, which hosts Nova kept when that filter alone ran on all of the case's hosts.
 */
final class FilterOracle {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path DRIVER = Path.of("src/test/oracle/nova_filters.py");
    private static Boolean available;

    private FilterOracle() {
    }

    /** True when Debian's interpreter can import Nova (the oracle's packages are installed). */
    static synchronized boolean available() {
        if (available == null) {
            available = false;
            if (Files.isExecutable(PYTHON) && Files.exists(DRIVER) && Files.exists(hostStates())) {
                try {
                    Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import nova")
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    available = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
                } catch (IOException e) {
                    available = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return available;
    }

    static Path oracleDir() {
        String env = System.getenv("NOVA_ORACLE_DIR");
        return env != null ? Path.of(env) : Path.of("..", "shared", "nova-oracle").toAbsolutePath().normalize();
    }

    private static Path hostStates() {
        return oracleDir().resolve("host_states.py");
    }

    /** Nova's answers, one per case, in order. */
    static List<JsonNode> run(List<? extends JsonNode> cases) {
        try {
            Path in = Files.createTempFile("nova-filter-cases", ".json");
            Path out = Files.createTempFile("nova-filter-answers", ".json");
            Path err = Files.createTempFile("nova-filter-log", ".txt");
            try {
                ObjectNode doc = JSON.createObjectNode();
                ArrayNode arr = doc.putArray("cases");
                cases.forEach(arr::add);
                JSON.writeValue(in.toFile(), doc);
                ProcessBuilder pb = new ProcessBuilder(PYTHON.toString(), DRIVER.toString(), in.toString())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                pb.environment().put("NOVA_ORACLE_DIR", oracleDir().toString());
                Process p = pb.start();
                if (!p.waitFor(600, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("nova_filters.py took more than 10 minutes");
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("nova_filters.py failed: " + Files.readString(err));
                }
                JsonNode answers = JSON.readTree(out.toFile()).get("answers");
                List<JsonNode> list = new ArrayList<>();
                answers.forEach(list::add);
                if (list.size() != cases.size()) {
                    throw new IllegalStateException(list.size() + " answers for " + cases.size() + " cases");
                }
                return list;
            } finally {
                Files.deleteIfExists(in);
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
