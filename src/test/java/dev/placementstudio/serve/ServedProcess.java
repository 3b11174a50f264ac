package dev.placementstudio.serve;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code serve FILE --port 0} in a child JVM, as a user runs it, with the URL it prints and an admin client:
 * for tests that must see what the process leaves on disk when it stops (SIGTERM) or is killed (SIGKILL).
 */
final class ServedProcess implements AutoCloseable {
    private final Process process;
    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServedProcess(Process process, String base) {
        this.process = process;
        this.base = base;
    }

    static ServedProcess start(Path model) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.placementstudio.Launcher",
                "serve", model.toString(), "--port", "0").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null) {
            p.destroyForcibly();
            throw new AssertionError("serve " + model + " ended without printing its URL (exit " + p.waitFor() + ")");
        }
        Matcher m = Pattern.compile("(http://[^ ]+)").matcher(line);
        if (!m.find()) {
            p.destroyForcibly();
            throw new AssertionError("no URL in serve's first line: " + line);
        }
        return new ServedProcess(p, m.group(1));
    }

    HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("x-auth-token", "admin")
                .header("OpenStack-API-Version", "placement 1.39").header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stops the server as Ctrl-C or a service manager does (SIGTERM) and waits for the process to end. */
    void stop() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("serve did not stop within 30 s of SIGTERM");
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
