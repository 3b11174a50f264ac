package dev.placementstudio.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a Placement service holds: resource providers and consumers' allocations. It is the shape of a
 * Placement dump (see the oracle README) and the output of the model's projection.
 *
 * @param resourceProviders providers, parents before children
 * @param allocations consumer uuid to its allocations, in a stable (sorted) order
 * @param aggregateNames optional human names of aggregate uuids
 */
public record PlacementState(
        List<ResourceProviderRecord> resourceProviders,
        Map<String, ConsumerRecord> allocations,
        Map<String, String> aggregateNames) {

    public PlacementState {
        resourceProviders = List.copyOf(resourceProviders == null ? List.of() : resourceProviders);
        allocations = allocations == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(allocations));
        aggregateNames = aggregateNames == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(aggregateNames));
    }

    public static PlacementState empty() {
        return new PlacementState(List.of(), Map.of(), Map.of());
    }

    /** One resource provider as Placement reports it. */
    public record ResourceProviderRecord(
            String uuid,
            String name,
            String parentProviderUuid,
            Map<String, InventoryRecord> inventories,
            List<String> traits,
            List<String> aggregates) {
        public ResourceProviderRecord {
            inventories = inventories == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inventories));
            traits = List.copyOf(traits == null ? List.of() : traits);
            aggregates = List.copyOf(aggregates == null ? List.of() : aggregates);
        }
    }

    /** An inventory of one resource class on one provider; capacity is (total - reserved) * ratio. */
    public record InventoryRecord(long total, long reserved, long minUnit, long maxUnit, long stepSize,
                                  double allocationRatio) {
        public static InventoryRecord of(long total) {
            return new InventoryRecord(total, 0, 1, total, 1, 1.0);
        }

        public long capacity() {
            return (long) ((total - reserved) * allocationRatio);
        }
    }

    /**
     * One consumer's allocations.
     *
     * @param allocations provider uuid to (resource class to amount)
     */
    public record ConsumerRecord(Map<String, Map<String, Long>> allocations, String projectId, String userId,
                                 String consumerType) {
        public ConsumerRecord {
            Map<String, Map<String, Long>> copy = new java.util.LinkedHashMap<>();
            if (allocations != null) {
                allocations.forEach((rp, res) -> copy.put(rp, java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(res))));
            }
            allocations = java.util.Collections.unmodifiableMap(copy);
        }
    }
}
