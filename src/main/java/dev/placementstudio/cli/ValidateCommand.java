package dev.placementstudio.cli;

import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.CloudModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a model file; exit 0 when valid, 2 with file:line:col: message when not.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "model file (.json or .db)")
    Path file;

    @Override
    public Integer call() throws InputProblemException {
        CloudModel m = ModelFiles.open(file);
        System.out.printf("%s: valid (%d cells, %d hosts, %d bare-metal nodes, %d instances)%n", file,
                m.cells().size(), m.hosts().size(), m.baremetalNodes().size(), m.instances().size());
        return 0;
    }
}
