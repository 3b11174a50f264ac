package dev.placementstudio.serve;

import dev.placementstudio.io.AppLog;
import dev.placementstudio.placement.PlacementEngine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A served 5xx reaches the log file (issue 24: the server's errors used to vanish, slf4j had no provider). */
class ServerLogTest {
    @Test
    void aServed5xxIsLoggedWithItsCause() throws Exception {
        String marker = "disk full " + UUID.randomUUID();
        PlacementServer server = new PlacementServer(PlacementEngine.empty(), null)
                .withDurability(() -> {
                    throw new IOException(marker);
                }).start("127.0.0.1", 0);
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/traits/CUSTOM_LOGGED"))
                    .header("X-Auth-Token", "admin").header("OpenStack-API-Version", "placement 1.39")
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(500);
        } finally {
            server.stop();
        }
        String log = AppLog.tail(AppLog.file(), 1 << 20);
        assertThat(log).contains("PUT /traits/CUSTOM_LOGGED: the change could not be saved").contains(marker)
                .contains("PUT /traits/CUSTOM_LOGGED answered 500");
    }
}
