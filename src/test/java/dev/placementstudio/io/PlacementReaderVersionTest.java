package dev.placementstudio.io;

import dev.placementstudio.cli.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code import-placement --from URL} reads the endpoint's version document first. Its {@code max_version} is
 * whatever the far end says: a number too big for an int once ended the import with exit 70 and
 * "internal error: java.lang.NumberFormatException"; text that is no version did the same.
 */
class PlacementReaderVersionTest {
    /** A fake endpoint: the version document with {@code maxVersion}, and an empty cloud. */
    private static com.sun.net.httpserver.HttpServer endpoint(String maxVersion) throws Exception {
        com.sun.net.httpserver.HttpServer s = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            String body = path.equals("/") ? "{\"versions\": [{\"id\": \"v1.0\", \"max_version\": \"" + maxVersion
                    + "\", \"min_version\": \"1.0\", \"status\": \"CURRENT\"}]}"
                    : path.equals("/resource_providers") ? "{\"resource_providers\": []}" : "{}";
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        s.start();
        return s;
    }

    private static CliRunner.Result importFrom(String maxVersion, Path out) throws Exception {
        com.sun.net.httpserver.HttpServer s = endpoint(maxVersion);
        try {
            return CliRunner.run("import-placement", "--from", "http://127.0.0.1:" + s.getAddress().getPort(), "--out",
                    out.toString());
        } finally {
            s.stop(0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.99999999999", "1.2147483648", "1.40"})
    void aNewerPlacementThanOursIsReadAtOurNewestVersion(String max, @TempDir Path dir) throws Exception {
        CliRunner.Result r = importFrom(max, dir.resolve("m.json"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("Exception");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.x", "garbage", "", "1.", "99999999999.1", "2.0", "1.-3"})
    void aVersionThatIsNoPlacementVersionIsExit2NamingIt(String max, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("m.json");
        CliRunner.Result r = importFrom(max, out);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("Exception").contains("max_version").contains("'" + max + "'");
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(out.toFile()).doesNotExist();
    }

    @Test
    void anOlderPlacementStillGetsItsOwnMessage(@TempDir Path dir) throws Exception {
        CliRunner.Result r = importFrom("1.10", dir.resolve("m.json"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Placement offers up to 1.10; reading trees needs 1.14");
    }
}
