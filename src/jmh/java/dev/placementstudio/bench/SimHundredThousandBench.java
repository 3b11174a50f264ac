package dev.placementstudio.bench;

import dev.placementstudio.conductor.Era;
import dev.placementstudio.model.CloudGenerator;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.sim.Simulation;
import dev.placementstudio.sim.Summary;
import dev.placementstudio.sim.Workload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Issue 5's figure: 100,000 boots (Poisson arrivals at 500/s, exponential lifetimes of 120 s mean, 2%
 * build failures, queens, two scheduler workers) on the 10,000-host cloud of {@code generate --hosts
 * 10000 --cells 4 --numa-fraction 0.2 --sriov-fraction 0.1 --gpu-fraction 0.05 --seed 5}, one whole run
 * per iteration after one warm-up run, in a JVM that sees one processor. Run it on one core:
 * {@code taskset -c 0 mvn -Pbench verify -Djmh.include=SimHundredThousandBench}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "-XX:ActiveProcessorCount=1"})
@State(Scope.Benchmark)
public class SimHundredThousandBench {
    CloudModel model;
    Workload workload;

    @Setup(Level.Trial)
    public void setup() {
        model = CloudGenerator.generate(new CloudGenerator.Options(10_000, 4, 0.2, 0.1, 0.05, 0, false, 0, 5));
        workload = new Workload(List.of(new Workload.Arrival("m1.small", 100_000, 500.0, 0L, null, 120_000L, null, null,
                List.of(), null, null)), List.of(), List.of(), new Workload.FaultSpec(0.02, null, null, null), null);
    }

    @Benchmark
    public Summary hundredThousandBoots() throws Exception {
        Summary s = new Simulation(model, workload, new Simulation.Settings(1, Era.QUEENS, 2, 3), false).run();
        if (s.requested() != 100_000) {
            throw new IllegalStateException("ran " + s.requested() + " boots");
        }
        return s;
    }
}
