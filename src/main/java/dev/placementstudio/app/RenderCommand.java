package dev.placementstudio.app;

import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.CloudModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code render}: the topology diagram as a PNG, headless, the same picture as the GUI's export. It lives
 * with the GUI (it draws with the GUI's painter) and the launcher adds it to the command line, so that
 * {@code cli} stays free of JavaFX.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Draw the model's topology diagram into a PNG (no display needed).")
public final class RenderCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "diagram.png")
    Path out;

    @Option(names = "--width", defaultValue = "1600")
    int width;

    @Option(names = "--height", defaultValue = "1000")
    int height;

    @Option(names = "--theme", defaultValue = "light", description = "light or dark")
    String theme;

    @Override
    public Integer call() throws InputProblemException, IOException {
        if (!theme.equals("light") && !theme.equals("dark")) {
            throw new InputProblemException("--theme", 0, 0, "", "theme must be light or dark, not '" + theme + "'");
        }
        if (width < 100 || height < 100 || width > 8000 || height > 8000) {
            throw new InputProblemException("--width/--height", 0, 0, "", "the picture must be 100 to 8000 pixels a side");
        }
        CloudModel m = ModelFiles.open(model);
        HeadlessRender.render(m, out, width, height, theme.equals("dark"));
        System.out.println("wrote " + out + " (" + width + "x" + height + ")");
        System.exit(0); // the JavaFX toolkit keeps non-daemon threads
        return 0;
    }
}
