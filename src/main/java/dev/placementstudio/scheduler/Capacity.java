package dev.placementstudio.scheduler;

import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.ComputeHost;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.placement.AllocationCandidates;
import dev.placementstudio.placement.AllocationWrite;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.placement.PlacementException;
import dev.placementstudio.placement.ProviderView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The capacity questions an architect asks of a cloud: how much of each resource class each cell has and
 * uses, and how many more of a flavor fit. The count is not an estimate: it claims one more server at a time
 * on a copy of Placement until Placement finds no candidate (Placement's answer only: Nova's filters, such
 * as server-group policies, are not consulted).
 */
public final class Capacity {
    private Capacity() {
    }

    /** A cell's capacity (total minus reserved, times the ratio) and usage of one resource class. */
    public record CellUsage(String cell, String resourceClass, long capacity, long used) {
        public long free() {
            return Math.max(0, capacity - used);
        }
    }

    /** How many more of a flavor fit; {@code atLeast} when the count stopped at its bound. */
    public record Fit(String flavor, int more, boolean atLeast) {
    }

    /** Told how a count goes, and asked whether to stop. */
    public interface Progress {
        Progress NONE = n -> false;

        /** Called before each claim with the number counted so far; true stops the count. */
        boolean cancelled(int countedSoFar);
    }

    /**
     * Capacity and usage per cell and resource class, each host's whole provider tree counted, cells in the
     * model's order and classes in the order they are first met.
     */
    public static List<CellUsage> byCell(CloudModel model, PlacementEngine engine) {
        Map<String, String> cellOfHost = new HashMap<>();
        for (ComputeHost h : model.hosts()) {
            cellOfHost.put(h.hostname(), h.cell());
        }
        Map<String, String> rootName = new HashMap<>();
        List<ProviderView> providers = engine.providers();
        for (ProviderView p : providers) {
            if (p.parentUuid() == null) {
                rootName.put(p.uuid(), p.name());
            }
        }
        Map<String, Map<String, long[]>> sums = new LinkedHashMap<>();
        model.cells().forEach(c -> sums.put(c.name(), new LinkedHashMap<>()));
        for (ProviderView p : providers) {
            String cell = cellOfHost.get(rootName.get(p.rootUuid()));
            if (cell == null) {
                continue; // a sharing pool or a raw provider: in no cell
            }
            Map<String, long[]> byClass = sums.computeIfAbsent(cell, k -> new LinkedHashMap<>());
            p.inventories().forEach((rc, inv) -> {
                long[] cu = byClass.computeIfAbsent(rc, k -> new long[2]);
                cu[0] += inv.capacity();
                cu[1] += p.usages().getOrDefault(rc, 0L);
            });
        }
        List<CellUsage> out = new ArrayList<>();
        sums.forEach((cell, byClass) -> byClass.forEach((rc, cu) -> out.add(new CellUsage(cell, rc, cu[0], cu[1]))));
        return out;
    }

    /**
     * How many more of {@code flavor} (with its device profile, if it names one) fit, at most {@code max}: each one claimed on a copy of {@code base} (the
     * first allocation candidate, as the scheduler takes it) before the next is asked for. {@code base} is
     * not changed.
     */
    public static Fit moreThatFit(CloudModel model, PlacementEngine base, Flavor flavor, int max, Progress progress) {
        PlacementEngine copy = base.copy();
        String query = ResourceRequest.toQuery(RequestSpec.of("count", "count", flavor, model), null, 1);
        int n = 0;
        while (n < max && !progress.cancelled(n)) {
            AllocationCandidates c;
            try {
                c = copy.schedulerCandidates(query);
            } catch (PlacementException e) {
                break; // a flavor Placement cannot be asked for (an unknown class): none fit
            }
            if (c.isEmpty()) {
                break;
            }
            copy.putAllocations("fit-" + n, AllocationWrite.of(c.allocationsAt(0), "p", "u"));
            n++;
        }
        return new Fit(flavor.name(), n, n >= max);
    }
}
