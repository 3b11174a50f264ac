package dev.placementstudio.io;

import dev.placementstudio.model.CloudFacts;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.PlacementInverse;
import dev.placementstudio.model.PlacementState;

/**
 * Turns Placement state (a dump, or a live service's answers) into a model through the inverse of the
 * projection ({@link PlacementInverse}): compute nodes become hosts with their NUMA nodes and devices,
 * consumers become instances and migrations; what fits no shape stays raw Placement state. Every uuid
 * and name is kept, so the same query gives the same candidates on the model as on the source.
 */
public final class PlacementImport {
    private PlacementImport() {
    }

    public static CloudModel toModel(PlacementState state, String sourceName) {
        return toModelWithReport(state, CloudFacts.NONE, sourceName).model();
    }

    public static PlacementInverse.Result toModelWithReport(PlacementState state, CloudFacts facts, String sourceName) {
        String name = sourceName.replaceFirst("\\.json$", "");
        return PlacementInverse.toModel(state, facts, name, "Imported from " + sourceName + " ("
                + state.resourceProviders().size() + " providers, " + state.allocations().size() + " consumers)");
    }
}
