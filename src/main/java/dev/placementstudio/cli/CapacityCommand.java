package dev.placementstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.InvalidModelException;
import dev.placementstudio.model.Projection;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.scheduler.Capacity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code capacity}: the Capacity view's two answers on the command line (tables, or one JSON object). */
@Command(name = "capacity", mixinStandardHelpOptions = true,
        description = {"Capacity and usage per cell and resource class, and how many more of each flavor fit,",
                "counted by claiming on a copy of Placement until it finds no candidate (not estimated)."})
final class CapacityCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "model file (.json or .db)")
    Path modelFile;

    @Option(names = "--flavor", paramLabel = "NAME", description = "count only these flavors (repeatable; default: all)")
    List<String> flavors = new ArrayList<>();

    @Option(names = "--max", paramLabel = "N", defaultValue = "20000",
            description = "stop counting a flavor at N (then shown as >=N; default ${DEFAULT-VALUE})")
    int max;

    @Option(names = "--json", description = "one JSON object: {\"usage\": [...], \"fits\": [...]}")
    boolean json;

    @Override
    public Integer call() throws InputProblemException {
        if (max < 1) {
            throw new InputProblemException("--max", 0, 0, "", "--max must be at least 1, not " + max);
        }
        CloudModel model = ModelFiles.open(modelFile);
        List<Flavor> chosen = new ArrayList<>();
        for (String name : flavors) {
            chosen.add(model.flavors().stream().filter(f -> f.name().equals(name)).findFirst()
                    .orElseThrow(() -> new InputProblemException("--flavor", 0, 0, "", "no flavor '" + name + "' in "
                            + modelFile + " (it has " + model.flavors().stream().map(Flavor::name).toList() + ")")));
        }
        if (flavors.isEmpty()) {
            chosen.addAll(model.flavors());
        }
        PlacementEngine engine;
        try {
            engine = PlacementEngine.fromState(Projection.project(model));
        } catch (InvalidModelException e) {
            throw new InputProblemException(modelFile.toString(), 0, 0, e.problems().get(0).path(),
                    e.problems().get(0).message());
        }
        List<Capacity.CellUsage> usage = Capacity.byCell(model, engine);
        List<Capacity.Fit> fits = new ArrayList<>();
        for (Flavor f : chosen) {
            fits.add(Capacity.moreThatFit(model, engine, f, max, Capacity.Progress.NONE));
        }
        System.out.println(json ? toJson(usage, fits) : toText(usage, fits));
        return 0;
    }

    static String toText(List<Capacity.CellUsage> usage, List<Capacity.Fit> fits) {
        StringBuilder sb = new StringBuilder(String.format("%-12s %-28s %12s %12s %12s%n", "cell", "resource_class",
                "capacity", "used", "free"));
        for (Capacity.CellUsage u : usage) {
            sb.append(String.format("%-12s %-28s %12d %12d %12d%n", u.cell(), u.resourceClass(), u.capacity(), u.used(),
                    u.free()));
        }
        sb.append(String.format("%n%-28s %s%n", "flavor", "more_that_fit"));
        for (Capacity.Fit f : fits) {
            sb.append(String.format("%-28s %s%n", f.flavor(), (f.atLeast() ? ">=" : "") + f.more()));
        }
        return sb.toString().stripTrailing();
    }

    static String toJson(List<Capacity.CellUsage> usage, List<Capacity.Fit> fits) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode u = root.putArray("usage");
        for (Capacity.CellUsage c : usage) {
            u.addObject().put("cell", c.cell()).put("resource_class", c.resourceClass()).put("capacity", c.capacity())
                    .put("used", c.used()).put("free", c.free());
        }
        ArrayNode f = root.putArray("fits");
        for (Capacity.Fit fit : fits) {
            f.addObject().put("flavor", fit.flavor()).put("more", fit.more()).put("at_least", fit.atLeast());
        }
        return root.toString();
    }
}
