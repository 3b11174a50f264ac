package dev.placementstudio.cli;

import dev.placementstudio.conductor.Era;
import dev.placementstudio.io.AtomicFiles;
import dev.placementstudio.io.EventLogJson;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.io.PlacementDump;
import dev.placementstudio.io.WorkloadFiles;
import dev.placementstudio.io.store.RunStore;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.InvalidModelException;
import dev.placementstudio.sim.SimEvent;
import dev.placementstudio.sim.Simulation;
import dev.placementstudio.sim.Summary;
import dev.placementstudio.sim.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code simulate}: a deterministic run of a workload; other tools read its summary line and event log. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate a workload on a model under one era of Nova; the last stdout line is a JSON summary.",
                "The same model, workload, seed and era give a byte-identical event log."})
final class SimulateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL")
    Path modelFile;

    @Option(names = "--workload", required = true, paramLabel = "W", description = "a workload .json or a .csv trace")
    Path workloadFile;

    @Option(names = "--seed", required = true, paramLabel = "S")
    long seed;

    @Option(names = "--era", required = true, paramLabel = "ERA", description = "pre-pike, pike or queens")
    String era;

    @Option(names = "--schedulers", paramLabel = "K", defaultValue = "2", description = "scheduler workers (default 2)")
    int schedulers;

    @Option(names = "--max-attempts", paramLabel = "A", description = "default: the model's scheduler settings (3)")
    Integer maxAttempts;

    @Option(names = "--events", paramLabel = "OUT.jsonl", description = "write the event log, one JSON object per line")
    Path eventsFile;

    @Option(names = "--state-out", paramLabel = "DUMP.json", description = "write the final Placement state as a dump")
    Path stateOut;

    @Option(names = "--save-run", paramLabel = "NAME", description = "keep the run and its event log in the .db model")
    String saveRun;

    @Override
    public Integer call() throws InputProblemException, IOException {
        Era e;
        try {
            e = Era.parse(era);
        } catch (IllegalArgumentException ex) {
            throw new InputProblemException("--era", 0, 0, "", ex.getMessage());
        }
        if (schedulers < 1) {
            throw new InputProblemException("--schedulers", 0, 0, "", "needs at least 1 scheduler worker");
        }
        if (saveRun != null && !modelFile.toString().endsWith(".db")) {
            throw new InputProblemException(modelFile, "--save-run keeps runs in .db model files only");
        }
        CloudModel model = ModelFiles.open(modelFile);
        if (saveRun != null) {
            RunStore.requireKeepable(modelFile);
        }
        Workload workload = WorkloadFiles.read(workloadFile, model);
        int attempts = maxAttempts != null ? maxAttempts : model.scheduler().maxAttempts();
        if (attempts < 1) {
            throw new InputProblemException("--max-attempts", 0, 0, "", "needs at least 1 attempt");
        }
        Simulation sim;
        try {
            sim = new Simulation(model, workload, new Simulation.Settings(seed, e, schedulers, attempts), false);
        } catch (InvalidModelException ex) {
            throw new InputProblemException(modelFile.toString(), 0, 0, ex.problems().get(0).path(),
                    ex.problems().get(0).message());
        }
        Path tmpEvents = null;
        BufferedWriter events = null;
        List<String> kept = saveRun != null ? new ArrayList<>() : null;
        if (eventsFile != null) {
            Path dir = eventsFile.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmpEvents = AtomicFiles.newTemp(eventsFile); // swept at the next write if we are killed
            events = Files.newBufferedWriter(tmpEvents, StandardCharsets.UTF_8);
        }
        BufferedWriter out = events;
        if (out != null || kept != null) { // nothing to write: no event is turned into JSON
            sim.trace().addListener((SimEvent ev) -> {
                String line = EventLogJson.line(ev);
                if (out != null) {
                    try {
                        out.write(line);
                        out.write('\n');
                    } catch (IOException io) {
                        throw new java.io.UncheckedIOException(io);
                    }
                }
                if (kept != null) {
                    kept.add(line);
                }
            });
        }
        long wall0 = System.currentTimeMillis();
        long[] lastPrint = {wall0};
        sim.onProgress(t -> {
            long now = System.currentTimeMillis();
            if (now - lastPrint[0] >= 2000) {
                lastPrint[0] = now;
                System.err.printf("simulate: t=%d ms, %d events, %d instances requested%n", t, sim.trace().count(),
                        sim.conductor().counters().requested);
            }
        });
        Summary summary;
        try {
            summary = sim.run();
            if (events != null) {
                events.close();
                AtomicFiles.moveIntoPlace(tmpEvents, eventsFile);
            }
        } finally {
            if (tmpEvents != null) {
                AtomicFiles.release(tmpEvents);
            }
        }
        if (stateOut != null) {
            AtomicFiles.write(stateOut, PlacementDump.toBytes(sim.placement().snapshot(), true));
        }
        if (saveRun != null) {
            RunStore.save(modelFile, new RunStore.Run(saveRun, e.label(), seed,
                    Files.readString(workloadFile, StandardCharsets.UTF_8), EventLogJson.summaryLine(summary), kept));
        }
        System.err.printf("simulate: done, %d events%n", sim.trace().count());
        System.out.println(EventLogJson.summaryLine(summary));
        System.out.flush();
        return 0;
    }
}
