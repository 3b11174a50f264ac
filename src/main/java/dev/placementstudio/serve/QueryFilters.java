package dev.placementstudio.serve;

import dev.placementstudio.placement.CandidateQuery;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code member_of}, {@code required} and {@code resources} parameters of {@code GET /resource_providers},
 * parsed as Placement parses them, with its messages for each malformed form and microversion.
 */
final class QueryFilters {
    private QueryFilters() {
    }

    /** Each set must share at least one member with the provider's; none of {@code forbidden} may. */
    record Aggregates(List<Set<String>> required, Set<String> forbidden) {
        boolean matches(Set<String> have) {
            for (Set<String> any : required) {
                if (any.stream().noneMatch(have::contains)) {
                    return false;
                }
            }
            return forbidden.stream().noneMatch(have::contains);
        }
    }

    /** Same shape for traits: every set needs one of its traits, no forbidden trait may be present. */
    record Traits(List<Set<String>> required, Set<String> forbidden) {
        boolean matches(Set<String> have) {
            return new Aggregates(required, forbidden).matches(have);
        }

        List<String> names() {
            List<String> all = new ArrayList<>();
            required.forEach(all::addAll);
            all.addAll(forbidden);
            return all;
        }
    }

    /** Placement's member_of rules and messages (the allocation-candidates parser's, shared). */
    static Aggregates memberOf(List<String> values, int mv, String suffix) {
        CandidateQuery.MemberOf m = CandidateQuery.parseMemberOf(values, mv, suffix);
        return new Aggregates(m.required(), m.forbidden());
    }

    /** Placement's required rules: before 1.39 only the last value counts, each value parsed as a trait expression. */
    static Traits required(List<String> values, int mv, String suffix) {
        boolean allowAny = mv >= 39;
        List<String> used = allowAny ? values : values.subList(values.size() - 1, values.size());
        List<Set<String>> required = new ArrayList<>();
        Set<String> forbidden = new LinkedHashSet<>();
        for (String val : used) {
            CandidateQuery.TraitExpr t = CandidateQuery.parseTraits(val, mv >= 22, allowAny);
            required.addAll(t.required());
            forbidden.addAll(t.forbidden());
        }
        return new Traits(required, forbidden);
    }

    /**
     * The amounts the engine compares, and the 400 detail for an amount beyond what Placement stores (null when all
     * fit): Placement only fails on that one when it reaches its database, after the other checks of the request.
     */
    record Resources(Map<String, Long> amounts, String tooLarge) {
    }

    /** util.normalize_resources_qs_param, shared with allocation candidates: Python ints, Placement's messages. */
    static Resources resources(String qs) {
        Map<String, BigInteger> amounts = CandidateQuery.parseResources(qs);
        return new Resources(CandidateQuery.storedAmounts(amounts), CandidateQuery.tooLarge("resources", amounts));
    }
}
