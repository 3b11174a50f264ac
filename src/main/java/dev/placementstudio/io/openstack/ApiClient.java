package dev.placementstudio.io.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.io.InputProblemException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;

/**
 * JSON over HTTP(S) for the OpenStack APIs (java.net.http): a CA file for TLS, retries with exponential
 * backoff on 5xx answers and timeouts, and failures as one-line {@link InputProblemException}s that name
 * the endpoint, the path and the status.
 */
public final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final int retries;
    private final long backoffMs;
    private final Duration timeout;

    public ApiClient(Path caFile, int retries, long backoffMs, Duration timeout) throws InputProblemException {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (caFile != null) {
            b.sslContext(trusting(caFile));
        }
        this.http = b.build();
        this.retries = retries;
        this.backoffMs = backoffMs;
        this.timeout = timeout;
    }

    public HttpClient http() {
        return http;
    }

    private static SSLContext trusting(Path caFile) throws InputProblemException {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca" + i++, c);
            }
            if (i == 0) {
                throw new InputProblemException(caFile, "no certificate in the CA file");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new InputProblemException(caFile, "cannot read the CA file: " + e.getMessage());
        }
    }

    /** The answer of one request. */
    public record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    public JsonNode get(String url, Map<String, String> headers) throws InputProblemException {
        return send("GET", url, headers, null).body();
    }

    /** Sends a request; 2xx is returned, anything else after the retries is an error. */
    public Answer send(String method, String url, Map<String, String> headers, String body) throws InputProblemException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new InputProblemException(url, 0, 0, "", "not a valid URL: " + e.getMessage());
        }
        String where = uri.getScheme() + "://" + uri.getAuthority();
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
            headers.forEach(rb::header);
            rb.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                rb.header("Content-Type", "application/json");
            }
            HttpResponse<String> r;
            try {
                r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                if (attempt < retries) {
                    pause(attempt);
                    continue;
                }
                throw new InputProblemException(where, 0, 0, path, "timed out after " + (retries + 1) + " tries");
            } catch (java.net.ConnectException e) {
                throw new InputProblemException(where, 0, 0, path, "cannot reach it (connection refused or no route)");
            } catch (javax.net.ssl.SSLException e) {
                throw new InputProblemException(where, 0, 0, path, "TLS failed: " + e.getMessage()
                        + " (is --os-cacert the CA that signed it?)");
            } catch (IOException e) {
                if (attempt < retries) {
                    pause(attempt);
                    continue;
                }
                throw new InputProblemException(where, 0, 0, path, "cannot reach it: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InputProblemException(where, 0, 0, path, "interrupted");
            }
            int s = r.statusCode();
            if (s >= 500 && attempt < retries) {
                pause(attempt);
                continue;
            }
            if (s == 401 || s == 403) {
                throw new InputProblemException(where, 0, 0, path, "HTTP " + s + ": the credentials or token were refused");
            }
            if (s < 200 || s > 299) {
                throw new InputProblemException(where, 0, 0, path, "HTTP " + s + (s >= 500 ? " after " + (attempt + 1)
                        + " tries" : "") + brief(r.body()));
            }
            JsonNode json;
            try {
                json = r.body() == null || r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
            } catch (IOException e) {
                throw new InputProblemException(where, 0, 0, path, "HTTP " + s + " but the answer is not JSON: is this the right endpoint?");
            }
            return new Answer(s, json, r);
        }
    }

    private static String brief(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String one = body.replaceAll("\\s+", " ").strip();
        return ": " + (one.length() > 160 ? one.substring(0, 160) + "…" : one);
    }

    private void pause(int attempt) throws InputProblemException {
        try {
            Thread.sleep(Math.min(30_000, backoffMs << Math.min(attempt, 10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputProblemException("import-openstack", 0, 0, "", "interrupted");
        }
    }
}
