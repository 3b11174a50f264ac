package dev.placementstudio.cli;

import dev.placementstudio.io.InputProblemException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code placement-studio} command and its subcommands. */
@Command(name = "placement-studio", mixinStandardHelpOptions = true, versionProvider = PlacementStudioCli.Version.class,
        description = "Model an OpenStack-style cloud and run a faithful Nova/Placement scheduling engine on it.%n"
                + "With no subcommand, java -jar placement-studio.jar opens the GUI.",
        subcommands = {ValidateCommand.class, ConvertCommand.class, GenerateCommand.class,
                ImportPlacementCommand.class, ImportOpenStackCommand.class, ExportPlacementCommand.class,
                CandidatesCommand.class, RunsCommand.class, SimulateCommand.class,
                ExplainCommand.class, ScenarioCommand.class, ServeCommand.class, CapacityCommand.class,
                SweepCommand.class})
public final class PlacementStudioCli implements Runnable {
    /** Exit code for bad input (a broken file, an impossible value). */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PlacementStudioCli());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof InputProblemException ipe) {
                err.println(ipe.getMessage());
                err.flush();
                return EXIT_BAD_INPUT;
            }
            if (ex instanceof java.io.IOException io) {
                err.println("error: " + io.getMessage());
                err.flush();
                return EXIT_BAD_INPUT;
            }
            err.println("internal error: " + ex);
            err.flush();
            return 70;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return EXIT_BAD_INPUT;
        });
        return cl;
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The version from the jar manifest, or the build's default when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PlacementStudioCli.class.getPackage().getImplementationVersion();
            return new String[]{"Placement Studio " + (v == null ? "0.1.0-dev" : v),
                    "Placement microversions 1.0-1.39 (as OpenStack Placement 8.0.0), Nova 26 (Zed) scheduler"};
        }
    }
}
