package dev.placementstudio.bench;

import dev.placementstudio.io.store.ModelStore;
import dev.placementstudio.model.CloudGenerator;
import dev.placementstudio.model.CloudModel;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Save and load of a 10,000-host model with about 115,000 instances in the SQLite store.
 * {@code mvn -Pbench verify -Djmh.include=StoreBench}; the file size is printed at tear-down.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@State(Scope.Benchmark)
public class StoreBench {
    CloudModel model;
    Path dir;
    Path saved;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        model = CloudGenerator.generate(new CloudGenerator.Options(10_000, 4, 0.2, 0.1, 0.05, 50, true, 0.13, 3));
        dir = Files.createTempDirectory("storebench");
        saved = dir.resolve("big.db");
        ModelStore.save(model, saved);
    }

    @TearDown(Level.Trial)
    public void report() throws Exception {
        System.out.printf("%n%d hosts, %d instances, file %.1f MB%n", model.hosts().size(), model.instances().size(),
                Files.size(saved) / 1e6);
    }

    @Benchmark
    public void save() throws Exception {
        ModelStore.save(model, dir.resolve("save.db"));
    }

    @Benchmark
    public CloudModel load() throws Exception {
        return ModelStore.load(saved);
    }
}
