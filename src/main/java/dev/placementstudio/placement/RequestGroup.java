package dev.placementstudio.placement;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One request group of an allocation-candidates query: the unsuffixed group ({@code suffix} "") may be
 * satisfied by a whole provider tree plus sharing providers; a suffixed (granular) group by one provider.
 *
 * @param suffix "" for the unsuffixed group
 * @param resources resource class to amount, in query order
 * @param requiredTraits AND of ORs: each set needs one of its traits
 * @param forbiddenTraits none of these may be present
 * @param memberOf AND of ORs of aggregate uuids
 * @param forbiddenAggregates none of these aggregates may be present
 * @param inTree a provider uuid whose tree must satisfy the group, or null
 */
public record RequestGroup(String suffix, Map<String, Long> resources, List<Set<String>> requiredTraits,
                           Set<String> forbiddenTraits, List<Set<String>> memberOf, Set<String> forbiddenAggregates,
                           String inTree) {
    public boolean useSameProvider() {
        return !suffix.isEmpty();
    }
}
