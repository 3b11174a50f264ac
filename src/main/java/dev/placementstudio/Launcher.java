package dev.placementstudio;

import dev.placementstudio.cli.PlacementStudioCli;

/**
 * The jar's entry point. It is not a JavaFX {@code Application}, so a plain (shaded) jar can start the GUI
 * with JavaFX on the class path. No arguments, or only GUI options such as {@code --open FILE}, open the
 * GUI; anything else is the command line.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        dev.placementstudio.io.AppLog.configure(); // before the first logger: the log file's place
        dev.placementstudio.io.AppLog.captureJavaUtilLogging();
        if (args.length == 0 || args[0].equals("--open")) {
            dev.placementstudio.app.StudioApp.main(args);
            return;
        }
        // render draws with the GUI's painter: it is added here so that cli stays free of JavaFX
        int code = PlacementStudioCli.commandLine()
                .addSubcommand("render", new dev.placementstudio.app.RenderCommand())
                .execute(args);
        System.out.flush();
        System.exit(code);
    }
}
