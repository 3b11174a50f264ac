package dev.placementstudio.cli;

import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.io.PlacementDump;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.InvalidModelException;
import dev.placementstudio.model.PlacementState;
import dev.placementstudio.model.Projection;
import dev.placementstudio.placement.AllocationCandidates;
import dev.placementstudio.placement.CandidateOptions;
import dev.placementstudio.placement.CandidateQuery;
import dev.placementstudio.placement.JsonOut;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.placement.PlacementException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code candidates}: what {@code GET /allocation_candidates?QUERY} returns at microversion 1.39, from a
 * Placement dump or a model's projection. Other tools read this output: keep it exact.
 */
@Command(name = "candidates", mixinStandardHelpOptions = true,
        description = {"Answer GET /allocation_candidates?QUERY (microversion 1.39) as Placement 8.0.0 would.",
                "One QUERY: the response body on stdout; exit 0 for 200, 1 for a 400 (its error body).",
                "--jsonl: one line per query: {\"query\", \"status\", \"body\"}.",
                "--repeat N: time N runs after a warm-up; the last line is {\"median_ms\", \"min_ms\", \"count\"}."})
public final class CandidatesCommand implements Callable<Integer> {
    static final class Source {
        @Option(names = "--dump", paramLabel = "DUMP.json", required = true, description = "a Placement dump")
        Path dump;
        @Option(names = "--model", paramLabel = "MODEL", required = true,
                description = "a Placement Studio model (its projection is queried)")
        Path model;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Parameters(paramLabel = "QUERY", arity = "1..*", description = "query strings, e.g. resources=VCPU:1,MEMORY_MB:512")
    List<String> queries;

    @Option(names = "--jsonl", description = "one JSON line per query: {\"query\", \"status\", \"body\"}")
    boolean jsonl;

    @Option(names = "--repeat", paramLabel = "N", description = "time the (single) query N times after a warm-up")
    int repeat;

    @Option(names = "--max-allocation-candidates", paramLabel = "N", defaultValue = "-1",
            description = "stop generating after N candidates (Placement 2024.1's option; default: no bound)")
    int maxCandidates;

    @Option(names = "--generation-strategy", paramLabel = "S", defaultValue = "depth-first",
            description = "depth-first (default, 8.0.0's order) or breadth-first (one candidate per tree in turn)")
    String strategy;

    @Override
    public Integer call() throws InputProblemException, IOException {
        CandidateOptions options;
        try {
            options = new CandidateOptions(maxCandidates, CandidateOptions.GenerationStrategy.parse(strategy));
        } catch (IllegalArgumentException e) {
            throw new InputProblemException("--generation-strategy", 0, 0, "", e.getMessage());
        }
        if (repeat > 0 && queries.size() != 1) {
            throw new InputProblemException("--repeat", 0, 0, "", "--repeat takes exactly one QUERY");
        }
        PlacementEngine engine = load();
        PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false,
                StandardCharsets.UTF_8);
        try {
            if (jsonl) {
                for (String q : queries) {
                    Answer a = answer(engine, q, options);
                    JsonOut line = new JsonOut(64);
                    line.beginObject().name("query").value(q).name("status").value(a.status).name("body");
                    out.write(line.toBytes());
                    a.body.writeTo(out);
                    out.write('}');
                    out.write('\n');
                }
                out.flush();
                return 0;
            }
            if (queries.size() != 1) {
                throw new InputProblemException("QUERY", 0, 0, "", "several queries need --jsonl");
            }
            String q = queries.get(0);
            Answer a = answer(engine, q, options);
            a.body.writeTo(out);
            out.write('\n');
            if (repeat > 0) {
                // warm-up: let the JIT compile the engine's paths, as a long-running server would have
                long warmEnd = System.nanoTime() + 2_000_000_000L;
                for (int i = 0; i < 20 || (i < 1000 && System.nanoTime() < warmEnd); i++) {
                    answer(engine, q, options);
                }
                double[] ms = new double[repeat];
                for (int i = 0; i < repeat; i++) {
                    long t0 = System.nanoTime();
                    Answer again = answer(engine, q, options);
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                    if (again.body.length() != a.body.length()) {
                        throw new IllegalStateException("answers differ between runs");
                    }
                }
                Arrays.sort(ms);
                double median = repeat % 2 == 1 ? ms[repeat / 2] : (ms[repeat / 2 - 1] + ms[repeat / 2]) / 2;
                JsonOut line = new JsonOut(64);
                line.beginObject().name("median_ms").value(round3(median)).name("min_ms").value(round3(ms[0]))
                        .name("count").value(a.count).endObject();
                out.write(line.toBytes());
                out.write('\n');
            }
            out.flush();
            return a.status == 200 ? 0 : 1;
        } finally {
            out.flush();
        }
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** A response body fully serialized to bytes (in chunks, as a server writes it to its socket). */
    private record Answer(int status, JsonOut body, int count) {
    }

    /** Parse, compute and serialize: the whole work of one Placement request. */
    static Answer answer(PlacementEngine engine, String query, CandidateOptions options) {
        try {
            CandidateQuery q = CandidateQuery.parse(query, CandidateQuery.MAX_MICROVERSION);
            AllocationCandidates c = engine.allocationCandidates(q, options);
            q.requireStorableAmounts(); // where Placement's database refuses the number: a 400 from us
            return new Answer(200, c.toJsonOut(), c.size());
        } catch (PlacementException e) {
            String requestId = "req-" + UUID.nameUUIDFromBytes(query.getBytes(StandardCharsets.UTF_8));
            JsonOut body = new JsonOut(512);
            body.raw(e.toJson(requestId).getBytes(StandardCharsets.UTF_8));
            return new Answer(e.status(), body, 0);
        }
    }

    private PlacementEngine load() throws InputProblemException {
        PlacementState state;
        String file;
        if (source.dump != null) {
            file = source.dump.toString();
            state = PlacementDump.read(source.dump);
        } else {
            file = source.model.toString();
            CloudModel m = ModelFiles.open(source.model);
            try {
                state = Projection.project(m);
            } catch (InvalidModelException e) {
                throw new InputProblemException(file, 0, 0, e.problems().get(0).path(), e.problems().get(0).message());
            }
        }
        try {
            return PlacementEngine.fromState(state);
        } catch (PlacementException e) {
            throw new InputProblemException(file, 0, 0, "", "Placement would refuse this state: " + e.getMessage());
        }
    }

    @SuppressWarnings("unused")
    private static void write(OutputStream o, byte[] b) throws IOException {
        o.write(b);
    }
}
