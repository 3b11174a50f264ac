package dev.placementstudio.cli;

import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.CloudGenerator;
import dev.placementstudio.model.CloudModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a synthetic cloud. The same arguments give a byte-identical file.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--hosts", required = true, description = "number of compute hosts")
    int hosts;
    @Option(names = "--cells", defaultValue = "2", description = "number of cells (default ${DEFAULT-VALUE})")
    int cells;
    @Option(names = "--numa-fraction", defaultValue = "0.0", description = "share of hosts with NUMA in Placement")
    double numa;
    @Option(names = "--sriov-fraction", defaultValue = "0.0", description = "share of hosts with SR-IOV PFs")
    double sriov;
    @Option(names = "--gpu-fraction", defaultValue = "0.0", description = "share of hosts with a vGPU")
    double gpu;
    @Option(names = "--ironic", defaultValue = "0", description = "number of Ironic bare-metal nodes")
    int ironic;
    @Option(names = "--shared-storage", description = "a shared DISK_GB pool per cell for a third of the hosts")
    boolean shared;
    @Option(names = "--fill", defaultValue = "0.0", description = "share of memory taken by instances (0..1)")
    double fill;
    @Option(names = "--seed", required = true, description = "random seed")
    long seed;
    @Option(names = "--out", required = true, description = "output model file (.json or .db)")
    Path out;
    @Option(names = "--name", description = "model name (default: generated-HOSTS)")
    String name;
    @Option(names = "--description", description = "one-line description shown in the Open dialog")
    String description;
    @Option(names = "--compact", description = "write JSON on one line")
    boolean compact;

    @Override
    public Integer call() throws InputProblemException, IOException {
        for (double f : new double[]{numa, sriov, gpu, fill}) {
            if (f < 0 || f > 1) {
                throw new InputProblemException(null, "fractions and --fill must be between 0 and 1, got " + f);
            }
        }
        if (hosts < 0 || cells < 1 || ironic < 0) {
            throw new InputProblemException(null, "--hosts and --ironic must be >= 0 and --cells >= 1");
        }
        CloudModel m = CloudGenerator.generate(new CloudGenerator.Options(hosts, cells, numa, sriov, gpu, ironic,
                shared, fill, seed));
        if (name != null || description != null) {
            m = m.withName(name != null ? name : m.name(), description != null ? description : m.description());
        }
        ModelFiles.save(m, out, !compact);
        System.out.printf("wrote %s (%d hosts, %d instances)%n", out, m.hosts().size(), m.instances().size());
        return 0;
    }
}
