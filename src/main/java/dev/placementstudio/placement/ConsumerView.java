package dev.placementstudio.placement;

import java.util.Map;

/**
 * A consumer and its allocations.
 *
 * @param allocations provider uuid to (resource class to amount)
 * @param generation the consumer generation, bumped by every write of its allocations
 */
public record ConsumerView(String uuid, Map<String, Map<String, Long>> allocations, String projectId, String userId,
                           String consumerType, long generation) {
}
