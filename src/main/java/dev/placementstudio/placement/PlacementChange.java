package dev.placementstudio.placement;

import java.util.Set;

/** What a write changed, for observers (the GUI, the serve request log). Sent after the write is applied. */
public sealed interface PlacementChange {
    /** Allocations of these consumers changed, touching these providers. */
    record AllocationsChanged(Set<String> consumers, Set<String> providers) implements PlacementChange {
    }

    /** A provider was created, updated (inventory, traits, aggregates, parent) or deleted. */
    record ProviderChanged(String providerUuid) implements PlacementChange {
    }

    /** A trait or resource class was created or deleted. */
    record NamesChanged(String name) implements PlacementChange {
    }
}
