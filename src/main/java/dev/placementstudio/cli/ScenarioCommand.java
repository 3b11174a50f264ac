package dev.placementstudio.cli;

import dev.placementstudio.io.EventLogJson;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.ScenarioFiles;
import dev.placementstudio.model.InvalidModelException;
import dev.placementstudio.sim.Scenario;
import dev.placementstudio.sim.ScenarioRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code scenario list} and {@code scenario run NAME}: the guided scheduling stories. Other tools read
 * their output: {@code list} prints one scenario per line (its name, spaces, its one-line summary);
 * {@code run} ends with the main run's summary JSON as its last line.
 */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = "Guided scheduling stories: a small model, a workload, a seed, an era and a narrative.",
        subcommands = {ScenarioCommand.ListCommand.class, ScenarioCommand.RunCommand.class})
final class ScenarioCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "One line per built-in scenario: its name and a one-line summary.")
    static final class ListCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InputProblemException {
            PrintWriter out = spec.commandLine().getOut();
            int width = ScenarioFiles.builtInNames().stream().mapToInt(String::length).max().orElse(0) + 2;
            for (String name : ScenarioFiles.builtInNames()) {
                Scenario s = ScenarioFiles.builtIn(name);
                out.println(name + " ".repeat(width - name.length()) + s.summary());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run a scenario and print its narrative, each step with the event(s) that illustrate it.",
                    "The last line is the main run's summary JSON, as simulate prints it."})
    static final class RunCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "a name from `scenario list`, or a scenario .json file")
        String name;

        @Option(names = "--events", paramLabel = "OUT.jsonl", description = "write the main run's event log, one JSON object per line")
        Path eventsFile;

        @Override
        public Integer call() throws InputProblemException, IOException {
            Scenario s = ScenarioFiles.open(name);
            ScenarioRun played;
            PrintWriter err = spec.commandLine().getErr();
            try {
                played = ScenarioRun.play(s);
            } catch (InvalidModelException e) {
                err.println("scenario " + s.name() + ": the model is not valid: " + e.getMessage());
                err.flush();
                return PlacementStudioCli.EXIT_BAD_INPUT;
            } catch (IllegalStateException e) {
                err.println("broken scenario: " + e.getMessage());
                err.flush();
                return PlacementStudioCli.EXIT_BAD_INPUT;
            }
            if (eventsFile != null) {
                EventLogJson.writeLines(eventsFile, played.main().events());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("Scenario " + s.name() + ": " + s.title());
            out.println(s.summary());
            out.println("era " + s.era().label() + ", seed " + s.seed() + ", " + s.schedulers() + " scheduler"
                    + (s.schedulers() == 1 ? "" : "s") + ", max_attempts " + s.maxAttempts()
                    + (s.compareEra() == null ? "" : "; compared with era " + s.compareEra().label()));
            int total = played.steps().size();
            for (ScenarioRun.Told t : played.steps()) {
                out.println();
                out.println("Step " + t.number() + "/" + total + ": " + t.step().title()
                        + (t.compare() ? " [" + s.compareEra().label() + " run]" : ""));
                for (String line : wrap(t.text(), 96)) {
                    out.println("  " + line);
                }
                if (t.step().query() != null) {
                    out.println("  query: GET /allocation_candidates?" + t.step().query() + " -> " + t.queryCount()
                            + " allocation request" + (t.queryCount() == 1 ? "" : "s"));
                }
                if (t.event() != null) {
                    out.println("    " + EventLogJson.line(t.event()));
                }
            }
            out.println();
            out.println(EventLogJson.summaryLine(played.main().summary()));
            out.flush();
            return 0;
        }

        private static java.util.List<String> wrap(String text, int width) {
            java.util.List<String> lines = new java.util.ArrayList<>();
            for (String para : text.split("\n")) {
                StringBuilder line = new StringBuilder();
                for (String word : para.split(" ")) {
                    if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                        lines.add(line.toString());
                        line.setLength(0);
                    }
                    if (line.length() > 0) {
                        line.append(' ');
                    }
                    line.append(word);
                }
                lines.add(line.toString());
            }
            return lines;
        }
    }
}
