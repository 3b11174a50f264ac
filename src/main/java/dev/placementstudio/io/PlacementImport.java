package dev.placementstudio.io;

import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.PlacementState;

import java.util.List;

/**
 * Turns Placement state (a dump, or a live service's answers) into a model. The providers and
 * consumers are kept as raw Placement state with every uuid and name unchanged, so the same query gives
 * the same candidates on the model as on the source.
 */
public final class PlacementImport {
    private PlacementImport() {
    }

    public static CloudModel toModel(PlacementState state, String sourceName) {
        String name = sourceName.replaceFirst("\\.json$", "");
        return new CloudModel(CloudModel.SCHEMA_VERSION, name, "Imported from Placement: " + sourceName
                + " (" + state.resourceProviders().size() + " providers, " + state.allocations().size() + " consumers)",
                List.of(), List.of(), List.of(), List.of(), List.of(), Flavor.classics(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), null, state);
    }
}
