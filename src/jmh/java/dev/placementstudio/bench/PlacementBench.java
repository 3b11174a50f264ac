package dev.placementstudio.bench;

import dev.placementstudio.placement.AllocationCandidates;
import dev.placementstudio.placement.AllocationWrite;
import dev.placementstudio.placement.PlacementEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * allocation_candidates end to end (parse, compute, JSON body), on the oracle README's models.
 * {@code mvn -Pbench verify -Djmh.include=PlacementBench}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class PlacementBench {
    @State(Scope.Benchmark)
    public static class Numa1000 {
        PlacementEngine engine;

        @Setup(Level.Trial)
        public void setup() {
            engine = PlacementEngine.fromState(PerfModels.numa(1000));
        }
    }

    @State(Scope.Benchmark)
    public static class Nested1000 {
        PlacementEngine engine;

        @Setup(Level.Trial)
        public void setup() {
            engine = PlacementEngine.fromState(PerfModels.nestedPerfload(1000));
        }
    }

    @State(Scope.Benchmark)
    public static class Flat100k {
        PlacementEngine engine;

        @Setup(Level.Trial)
        public void setup() {
            engine = PlacementEngine.fromState(PerfModels.flat(100_000));
        }
    }

    @Benchmark
    public byte[] simpleNuma1000(Numa1000 s) {
        return s.engine.allocationCandidates(PerfModels.SIMPLE).toJson();
    }

    @Benchmark
    public byte[] granularNuma1000(Numa1000 s) {
        return s.engine.allocationCandidates(PerfModels.GRANULAR_NUMA).toJson();
    }

    @Benchmark
    public byte[] nestedPerfload1000(Nested1000 s) {
        return s.engine.allocationCandidates(PerfModels.NESTED_PERFLOAD).toJson();
    }

    @Benchmark
    public byte[] limit10Flat100k(Flat100k s) {
        return s.engine.allocationCandidates(PerfModels.SIMPLE + "&limit=10").toJson();
    }

    /** A scheduler's claim: the first candidate of a limited query, written and freed again. */
    @Benchmark
    public int claimAndFreeNuma1000(Numa1000 s) {
        AllocationCandidates c = s.engine.allocationCandidates(PerfModels.SIMPLE + "&limit=1");
        Map<String, Map<String, Long>> allocs = c.requests().get(0).allocations();
        s.engine.putAllocations("bench", AllocationWrite.of(allocs, "p", "u"));
        s.engine.deleteAllocations("bench");
        return allocs.size();
    }
}
