package dev.placementstudio.cli;

import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.CloudModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a model between formats, chosen by extension (.json, .db). "
                + "JSON output is pretty-printed unless --compact.")
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT")
    Path out;

    @Option(names = "--compact", description = "write JSON on one line")
    boolean compact;

    @Override
    public Integer call() throws InputProblemException, IOException {
        CloudModel m = ModelFiles.open(in);
        ModelFiles.save(m, out, !compact);
        System.out.println("wrote " + out);
        return 0;
    }
}
