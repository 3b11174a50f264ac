package dev.placementstudio.cli;

import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code runs MODEL.db}: the simulation runs kept in a model file. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List the simulation runs kept in a .db model file (name, era, seed, events, summary).")
final class RunsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL.db")
    Path file;

    @Override
    public Integer call() throws InputProblemException {
        if (!file.toString().endsWith(".db")) {
            throw new InputProblemException(file, "runs are kept only in .db model files");
        }
        List<RunStore.RunInfo> runs = RunStore.list(file);
        if (runs.isEmpty()) {
            System.out.println("no runs kept in " + file);
            return 0;
        }
        System.out.printf("%-24s %-10s %12s %10s  %s%n", "NAME", "ERA", "SEED", "EVENTS", "SUMMARY");
        for (RunStore.RunInfo r : runs) {
            System.out.printf("%-24s %-10s %12d %10d  %s%n", r.name(), r.era(), r.seed(), r.events(),
                    r.summary() == null ? "" : r.summary());
        }
        return 0;
    }
}
