package dev.placementstudio.nova;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs a scenario through the shared oracle's {@code nova_box.py} (a whole real Nova 26 in one process). */
final class NovaBox {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private NovaBox() {
    }

    /** True when the oracle can run here: Debian's interpreter imports Nova and nova_box.py is there. */
    static boolean available() {
        return FilterOracle.available() && Files.exists(FilterOracle.oracleDir().resolve("nova_box.py"));
    }

    /** nova_box's RESULT.json for this scenario (about 20 s to build the cloud, then ~1 s a boot). */
    static JsonNode run(JsonNode scenario) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("nova-box");
        try {
            Path in = dir.resolve("scenario.json");
            Path out = dir.resolve("result.json");
            Path log = dir.resolve("stderr.txt");
            Files.writeString(in, scenario.toPrettyString());
            Process p = new ProcessBuilder(PYTHON.toString(), FilterOracle.oracleDir().resolve("nova_box.py").toString(),
                    "run", in.toString(), "--out", out.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("nova_box.py took more than 10 minutes on " + scenario.path("name"));
            }
            if (p.exitValue() != 0 || !Files.exists(out)) {
                throw new IllegalStateException("nova_box.py failed on " + scenario.path("name") + ": " + Files.readString(log));
            }
            return BoxScenarios.JSON.readTree(out.toFile());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
