package dev.placementstudio.scheduler;

import dev.placementstudio.placement.PythonRepr;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two filters that match flavor extra specs with {@link ExtraSpecsOps}: ComputeCapabilitiesFilter
 * against the host state's attributes, AggregateInstanceExtraSpecsFilter against its aggregates' metadata.
 */
final class ExtraSpecFilters {
    private ExtraSpecFilters() {
    }

    static final String CAPABILITIES = "capabilities";
    static final String AGGREGATE_SCOPE = "aggregate_instance_extra_specs";

    /**
     * ComputeCapabilitiesFilter: a key {@code capabilities:a:b} is looked up along a, b from the host
     * state; an unscoped key counts only when the host state has such an attribute or stat; other scopes
     * are for other filters. The capability's Python text must match the requirement.
     */
    static String capabilities(HostState h, RequestSpec s) {
        for (Map.Entry<String, String> e : s.flavor().extraSpecs().entrySet()) {
            List<String> scope = Arrays.asList(e.getKey().split(":", -1));
            if (scope.size() == 1) {
                if (!HostAttributes.has(h, e.getKey())) {
                    continue;
                }
            } else if (!scope.get(0).equals(CAPABILITIES)) {
                continue;
            } else {
                scope = scope.subList(1, scope.size());
            }
            Object cap = HostAttributes.capability(h, scope);
            if (cap == null) {
                return "host has no capability " + String.join(":", scope) + " (extra spec " + e.getKey() + ")";
            }
            String have = PythonRepr.str(cap);
            ExtraSpecsOps.Outcome o = ExtraSpecsOps.check(have, e.getValue());
            if (!o.met()) {
                return "capability " + String.join(":", scope) + " is " + have + ", flavor wants " + e.getValue()
                        + (o.novaWouldRaise() == null ? "" : " (Nova raises " + o.novaWouldRaise() + ")");
            }
        }
        return null;
    }

    /** True when no extra spec could concern the ComputeCapabilitiesFilter (no scope or capabilities:). */
    static boolean capabilitiesInert(RequestSpec s) {
        for (String k : s.flavor().extraSpecs().keySet()) {
            if (k.indexOf(':') < 0 || k.startsWith(CAPABILITIES + ":")) {
                return false;
            }
        }
        return true;
    }

    /**
     * AggregateInstanceExtraSpecsFilter: every extra spec that is unscoped or scoped
     * {@code aggregate_instance_extra_specs:} needs the key in the metadata of one of the host's
     * aggregates (values split on commas, as Nova collects them) and one value that matches.
     */
    static String aggregateExtraSpecs(HostState h, RequestSpec s) {
        for (Map.Entry<String, String> e : s.flavor().extraSpecs().entrySet()) {
            String key = e.getKey();
            int colon = key.indexOf(':');
            if (colon >= 0) {
                if (!key.substring(0, colon).equals(AGGREGATE_SCOPE)) {
                    continue;
                }
                key = key.substring(colon + 1);
            }
            Set<String> values = AggregateMetadata.splitValues(h.info().aggregateMetadata(), key);
            if (values.isEmpty()) {
                return "no aggregate of the host sets " + key;
            }
            boolean met = false;
            for (String v : values) {
                if (ExtraSpecsOps.match(v, e.getValue())) {
                    met = true;
                    break;
                }
            }
            if (!met) {
                return "aggregate metadata " + key + "=" + String.join(",", values) + " does not match " + e.getValue();
            }
        }
        return null;
    }

    /** True when the flavor has no extra spec this filter reads. */
    static boolean aggregateExtraSpecsInert(RequestSpec s) {
        for (String k : s.flavor().extraSpecs().keySet()) {
            if (k.indexOf(':') < 0 || k.startsWith(AGGREGATE_SCOPE + ":")) {
                return false;
            }
        }
        return true;
    }
}
