package dev.placementstudio.cli;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in-process and captures what it prints. */
public final class CliRunner {
    public record Result(int exitCode, String out, String err) {
    }

    private CliRunner() {
    }

    public static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        StringWriter cliOut = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine cl = PlacementStudioCli.commandLine();
            cl.setErr(new PrintWriter(err, true));
            cl.setOut(new PrintWriter(cliOut, true));
            int code = cl.execute(args);
            System.out.flush();
            return new Result(code, out.toString(StandardCharsets.UTF_8) + cliOut, err.toString());
        } finally {
            System.setOut(oldOut);
        }
    }
}
