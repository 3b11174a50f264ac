package dev.placementstudio.serve;

import dev.placementstudio.placement.CandidateQuery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    static Aggregates memberOf(List<String> values, int mv, String suffix) {
        if (mv < 24 && values.size() > 1) {
            throw ApiError.badRequest("Multiple member_of" + suffix + " parameters are not supported");
        }
        List<Set<String>> required = new ArrayList<>();
        Set<String> forbidden = new LinkedHashSet<>();
        for (String value : values) {
            if (value.contains(",") && !(value.startsWith("in:") || value.startsWith("!in:"))) {
                throw ApiError.badRequest("Multiple values for 'member_of' must be prefixed with the 'in:' or '!in:' "
                        + "keyword using the valid microversion. Got: " + value);
            }
            Set<String> req = new LinkedHashSet<>();
            Set<String> forb = new LinkedHashSet<>();
            if (value.startsWith("!in:")) {
                forb.addAll(List.of(value.substring(4).split(",", -1)));
            } else if (value.startsWith("!")) {
                forb.add(value.substring(1));
            } else if (value.startsWith("in:")) {
                req.addAll(List.of(value.substring(3).split(",", -1)));
            } else {
                req.add(value);
            }
            for (String agg : union(req, forb)) {
                if (!CandidateQuery.isUuidLike(agg)) {
                    throw ApiError.badRequest("Invalid query string parameters: Expected 'member_of' parameter to "
                            + "contain valid UUID(s). Got: " + agg);
                }
            }
            if (!req.isEmpty()) {
                required.add(req);
            }
            if (!forb.isEmpty()) {
                if (mv < 32) {
                    throw ApiError.badRequest("Forbidden member_of" + suffix
                            + " parameters are not supported in the specified microversion");
                }
                forbidden.addAll(forb);
            }
        }
        return new Aggregates(required, forbidden);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new LinkedHashSet<>(a);
        u.addAll(b);
        return u;
    }

    static Traits required(List<String> values, int mv, String suffix) {
        boolean allowForbidden = mv >= 22;
        boolean allowAny = mv >= 39;
        List<String> used = allowAny ? values : values.subList(values.size() - 1, values.size());
        List<Set<String>> required = new ArrayList<>();
        Set<String> forbidden = new LinkedHashSet<>();
        for (String val : used) {
            if (val.startsWith("in:")) {
                if (!allowAny) {
                    throw ApiError.badRequest("Invalid query string parameters: The format 'in:HW_CPU_X86_VMX,CUSTOM_MAGIC' "
                            + "only supported since microversion 1.39. Got: " + val);
                }
                Set<String> any = new LinkedHashSet<>();
                for (String s : val.substring(3).split(",", -1)) {
                    any.add(s.strip());
                }
                if (any.contains("")) {
                    throw ApiError.badRequest("Invalid query string parameters: Expected 'required' parameter value of the "
                            + "form: in:HW_CPU_X86_VMX,CUSTOM_MAGIC. Got an empty trait in: " + val);
                }
                if (any.stream().anyMatch(t -> t.startsWith("!"))) {
                    throw ApiError.badRequest("Invalid query string parameters: The format 'in:HW_CPU_X86_VMX,CUSTOM_MAGIC' "
                            + "does not support forbidden traits. Got: " + val);
                }
                required.add(any);
                continue;
            }
            List<String> all = new ArrayList<>();
            for (String s : val.split(",", -1)) {
                all.add(s.strip());
            }
            Set<String> forb = new LinkedHashSet<>();
            for (String t : all) {
                if (t.startsWith("!")) {
                    forb.add(t.replaceFirst("^!+", ""));
                }
            }
            if (all.contains("") || forb.contains("")) {
                throw ApiError.badRequest("Invalid query string parameters: Expected 'required' parameter value of the form: "
                        + (allowForbidden ? "HW_CPU_X86_VMX,!CUSTOM_MAGIC" : "HW_CPU_X86_VMX,CUSTOM_MAGIC")
                        + ". Got an empty trait in: " + val);
            }
            if (!forb.isEmpty() && !allowForbidden) {
                throw ApiError.badRequest("Invalid query string parameters: Expected 'required' parameter value of the form: "
                        + "HW_CPU_X86_VMX,CUSTOM_MAGIC. Got: " + val);
            }
            for (String t : all) {
                if (!t.startsWith("!")) {
                    required.add(Set.of(t));
                }
            }
            forbidden.addAll(forb);
        }
        return new Traits(required, forbidden);
    }

    static Map<String, Long> resources(String qs) {
        String expected = "Badly formed resources parameter. Expected resources query string parameter in form: "
                + "?resources=VCPU:2,MEMORY_MB:1024. Got: ";
        if (qs.strip().isEmpty()) {
            throw ApiError.badRequest(expected + "empty string.");
        }
        Map<String, Long> m = new LinkedHashMap<>();
        for (String part : qs.split(",", -1)) {
            String[] kv = part.split(":", -1);
            if (kv.length != 2) {
                throw ApiError.badRequest(expected + part + ".");
            }
            long amount;
            try {
                amount = Long.parseLong(kv[1].strip());
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("Requested resource " + kv[0] + " expected positive integer amount. Got: " + kv[1] + ".");
            }
            if (amount < 1) {
                throw ApiError.badRequest("Requested resource " + kv[0] + " requires amount >= 1. Got: " + amount + ".");
            }
            m.put(kv[0], amount);
        }
        return m;
    }
}
