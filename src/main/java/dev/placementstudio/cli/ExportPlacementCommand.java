package dev.placementstudio.cli;

import dev.placementstudio.io.AtomicFiles;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.io.PlacementDump;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.InvalidModelException;
import dev.placementstudio.model.PlacementState;
import dev.placementstudio.model.Projection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "export-placement", mixinStandardHelpOptions = true,
        description = "Write the model's Placement projection as a dump that real Placement can load "
                + "(stdout unless --out).")
final class ExportPlacementCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL")
    Path model;

    @Option(names = "--out", description = "dump file to write (default: stdout)")
    Path out;

    @Override
    public Integer call() throws InputProblemException, IOException {
        CloudModel m = ModelFiles.open(model);
        PlacementState state;
        try {
            state = Projection.project(m);
        } catch (InvalidModelException e) {
            throw new InputProblemException(model.toString(), 0, 0, e.problems().get(0).path(), e.problems().get(0).message());
        }
        byte[] bytes = PlacementDump.toBytes(state, true);
        if (out == null) {
            System.out.write(bytes);
            System.out.flush();
        } else {
            AtomicFiles.write(out, bytes);
            System.err.printf("wrote %s (%d providers, %d consumers)%n", out, state.resourceProviders().size(),
                    state.allocations().size());
        }
        return 0;
    }
}
