package dev.placementstudio.cli;

import dev.placementstudio.io.AtomicFiles;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.io.PlacementDump;
import dev.placementstudio.io.PlacementImport;
import dev.placementstudio.model.CloudFacts;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.PlacementInverse;
import dev.placementstudio.model.PlacementState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "import-placement", mixinStandardHelpOptions = true,
        description = "Make a model from a Placement dump (the oracle README's format) or a live Placement (--from URL): "
                + "compute nodes become hosts with their NUMA nodes and devices, consumers instances; what fits no shape "
                + "stays raw Placement state. Uuids and names are kept. The import report goes to stderr (or --report).")
final class ImportPlacementCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DUMP", description = "Placement dump (JSON)")
    Path dump;

    @Option(names = "--from", paramLabel = "URL", description = "read a live Placement instead of a dump")
    String from;

    @Option(names = "--token", paramLabel = "T", description = "token for --from (default: admin, as noauth2 accepts)")
    String token;

    @Option(names = "--out", required = true, description = "model file to write")
    Path out;

    @Option(names = "--report", paramLabel = "FILE", description = "write the import report here instead of stderr")
    Path report;

    @Override
    public Integer call() throws InputProblemException, IOException {
        if ((dump == null) == (from == null)) {
            throw new InputProblemException("import-placement", 0, 0, "", "give a DUMP file or --from URL (one of them)");
        }
        PlacementState state = dump != null ? PlacementDump.read(dump)
                : new dev.placementstudio.io.PlacementReader(from, token).read(line -> System.err.println("import: " + line));
        PlacementInverse.Result r = PlacementImport.toModelWithReport(state, CloudFacts.NONE,
                dump != null ? dump.getFileName().toString() : from);
        CloudModel m = r.model();
        ModelFiles.save(m, out, true);
        String text = String.join("\n", r.report().lines()) + "\n";
        if (report != null) {
            AtomicFiles.write(report, text.getBytes(StandardCharsets.UTF_8));
        } else {
            System.err.print(text);
        }
        System.out.printf("wrote %s (%d providers, %d consumers)%n", out, state.resourceProviders().size(),
                state.allocations().size());
        return 0;
    }
}
