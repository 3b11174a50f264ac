package dev.placementstudio.cli;

import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.PortfolioFiles;
import dev.placementstudio.sweep.Backend;
import dev.placementstudio.sweep.LocalExecutor;
import dev.placementstudio.sweep.Results;
import dev.placementstudio.sweep.Sweep;
import dev.placementstudio.sweep.SweepPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sweep}: every cell of a portfolio, on the local cores or on Spark, into a results file. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run every cell (design, workload, era, seed) of a portfolio with the deterministic simulation.",
                "Results go to a .db (one transaction per cell) or a .csv; --resume skips finished cells.",
                "Without PORTFOLIO, --export writes the CSV of an existing --out .db."})
final class SweepCommand implements Callable<Integer> {
    /** The Spark backend's class, in the -Pspark build only; loaded by name so the CLI never needs Spark. */
    static final String SPARK_BACKEND = "dev.placementstudio.sweep.spark.SparkBackend";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PORTFOLIO")
    Path portfolio;

    @Option(names = "--out", required = true, paramLabel = "RESULTS.db|.csv")
    Path out;

    @Option(names = "--parallel", paramLabel = "N", description = "cells in flight at once (default: all cores)")
    Integer parallel;

    @Option(names = "--resume", description = "go on with an existing results file, skipping its finished cells")
    boolean resume;

    @Option(names = "--export", paramLabel = "RESULTS.csv", description = "write the CSV of the .db results")
    Path export;

    @Option(names = "--spark", paramLabel = "MASTER", description = "run the cells on Spark (local[2], spark://host:7077, yarn, k8s://…)")
    String spark;

    @Override
    public Integer call() throws InputProblemException, InterruptedException {
        java.io.PrintWriter err = spec.commandLine().getErr();
        if (export != null && !out.toString().endsWith(".db")) {
            throw new InputProblemException("--export", 0, 0, "", "exports the CSV of a .db results file; --out is "
                    + out);
        }
        if (portfolio == null) {
            if (export == null) {
                throw new InputProblemException("sweep", 0, 0, "", "needs a PORTFOLIO (or --export to export --out)");
            }
            int n = Results.export(out, export);
            err.printf("sweep: %d cells exported to %s%n", n, export);
            return 0;
        }
        int n = parallel != null ? parallel : Runtime.getRuntime().availableProcessors();
        if (n < 1) {
            throw new InputProblemException("--parallel", 0, 0, "", "needs at least 1");
        }
        SweepPlan plan = SweepPlan.of(SweepPlan.bytesOf(PortfolioFiles.read(portfolio, ModelFiles::open)));
        Backend backend = spark == null ? new LocalExecutor(n) : sparkBackend(spark);
        Sweep.Outcome o = Sweep.run(plan, out, resume, backend, err);
        err.printf("sweep: done, %d cells (%d run now, %d finished before) in %s%n", o.total(), o.ran(),
                o.skipped(), out);
        if (export != null) {
            Results.export(out, export);
            err.printf("sweep: exported to %s%n", export);
        }
        return 0;
    }

    private static Backend sparkBackend(String master) throws InputProblemException {
        try {
            Class.forName("org.apache.spark.SparkContext", false, SweepCommand.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new InputProblemException("--spark", 0, 0, "", "Spark is not on the class path: run the jar of the"
                    + " -Pspark build with spark-submit, or with Spark's jars on the class path (docs/sweep.md)");
        }
        try {
            return (Backend) Class.forName(SPARK_BACKEND).getConstructor(String.class).newInstance(master);
        } catch (ReflectiveOperationException e) {
            throw new InputProblemException("--spark", 0, 0, "", "this jar was built without the Spark backend"
                    + " (build it with mvn -Pspark package)");
        }
    }
}
