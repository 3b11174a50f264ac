package dev.placementstudio.scheduler;

import java.util.Map;

/**
 * Nova's Selection: where an instance may be built. The first of an instance's list is claimed in
 * Placement; the others are alternates from the same cell, not claimed, each with its allocation request.
 */
public record Selection(String computeNodeUuid, String serviceHost, String nodename, String cell,
                        Map<String, Map<String, Long>> allocationRequest, String allocationRequestVersion,
                        String availabilityZone, double weight) {
}
