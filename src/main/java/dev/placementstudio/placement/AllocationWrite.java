package dev.placementstudio.placement;

import java.util.Map;

/**
 * The new allocations of one consumer, replacing all it had (Placement's {@code PUT /allocations/{c}} or one
 * entry of {@code POST /allocations}). An empty map removes the consumer's allocations.
 *
 * @param allocations provider uuid to (resource class to amount)
 * @param consumerGeneration the generation the writer last saw; null means "a new consumer"
 * @param checkGeneration false for writes from before microversion 1.28, which carry no generation
 */
public record AllocationWrite(Map<String, Map<String, Long>> allocations, String projectId, String userId,
                              String consumerType, Long consumerGeneration, boolean checkGeneration) {
    /** A write that does not check the consumer generation. */
    public static AllocationWrite of(Map<String, Map<String, Long>> allocations, String projectId, String userId) {
        return new AllocationWrite(allocations, projectId, userId, "INSTANCE", null, false);
    }
}
