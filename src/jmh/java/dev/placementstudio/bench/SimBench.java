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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * 10,000 boots (queens, 2% build failures, exponential lifetimes) on clouds of 1,000 and 10,000 hosts:
 * the cost per boot should not grow with the cloud. {@code mvn -Pbench verify -Djmh.include=SimBench}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@State(Scope.Benchmark)
public class SimBench {
    @Param({"1000", "10000"})
    int hosts;

    CloudModel model;
    Workload workload;

    @Setup(Level.Trial)
    public void setup() {
        model = CloudGenerator.generate(new CloudGenerator.Options(hosts, 4, 0.2, 0.1, 0.05, 0, false, 0, 5));
        workload = new Workload(List.of(new Workload.Arrival("m1.small", 10_000, 500.0, 0L, null, 120_000L, null, null,
                List.of(), null, null)), List.of(), List.of(), new Workload.FaultSpec(0.02, null, null, null), null);
    }

    @Benchmark
    public Summary tenThousandBoots() throws Exception {
        return new Simulation(model, workload, new Simulation.Settings(1, Era.QUEENS, 2, 3), false).run();
    }
}
