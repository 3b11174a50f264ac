package dev.placementstudio.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placementstudio.model.DesignEdit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A design's edits as the portfolio file writes them: {@code {"op": "add_hosts", "like": "cn-4", "count": 2}}
 * and so on (docs/sweep.md, "Edits"), read into {@link DesignEdit} records with the place of any problem.
 */
final class PortfolioEdits {
    static final List<String> OPS = List.of("add_hosts", "remove_hosts", "add_pfs", "add_gpus", "add_accelerators",
            "set_allocation_ratios", "set_reserved", "set_filters", "set_weighers");

    private PortfolioEdits() {
    }

    static DesignEdit edit(PortfolioFiles.Reader r, JsonNode e, String at) throws InputProblemException {
        r.object(e, at);
        if (!e.has("op")) {
            throw r.problem(at, "missing 'op' (one of " + OPS + ")");
        }
        String op = r.string(e.get("op"), at + ".op");
        return switch (op) {
            case "add_hosts" -> {
                r.fields(e, at, Set.of("op", "like", "count", "cell", "rack"), Set.of("like"));
                yield new DesignEdit.AddHosts(r.string(e.get("like"), at + ".like"), r.count(e.get("count"), at + ".count"),
                        opt(r, e, "cell", at), opt(r, e, "rack", at));
            }
            case "remove_hosts" -> {
                r.fields(e, at, Set.of("op", "hosts"), Set.of("hosts"));
                yield new DesignEdit.RemoveHosts(r.strings(e.get("hosts"), at + ".hosts"));
            }
            case "add_pfs", "add_gpus", "add_accelerators" -> {
                r.fields(e, at, Set.of("op", "hosts", "like", "count"), Set.of("hosts", "like"));
                String like = r.string(e.get("like"), at + ".like");
                int slash = like.indexOf('/');
                if (slash <= 0 || slash == like.length() - 1) {
                    throw r.problem(at + ".like", "names a device as HOST/DEVICE (cn-2/ens1f0)");
                }
                DesignEdit.DeviceKind kind = switch (op) {
                    case "add_pfs" -> DesignEdit.DeviceKind.PF;
                    case "add_gpus" -> DesignEdit.DeviceKind.GPU;
                    default -> DesignEdit.DeviceKind.ACCELERATOR;
                };
                yield new DesignEdit.AddDevices(kind, r.strings(e.get("hosts"), at + ".hosts"), like.substring(0, slash),
                        like.substring(slash + 1), r.count(e.get("count"), at + ".count"));
            }
            case "set_allocation_ratios" -> {
                r.fields(e, at, Set.of("op", "hosts", "cpu", "ram", "disk"), Set.of());
                yield new DesignEdit.SetAllocationRatios(r.strings(e.get("hosts"), at + ".hosts"),
                        ratio(r, e, "cpu", at), ratio(r, e, "ram", at), ratio(r, e, "disk", at));
            }
            case "set_reserved" -> {
                r.fields(e, at, Set.of("op", "hosts", "vcpus", "memory_mb", "disk_gb"), Set.of());
                Double v = amount(r, e, "vcpus", at);
                Double mem = amount(r, e, "memory_mb", at);
                Double disk = amount(r, e, "disk_gb", at);
                yield new DesignEdit.SetReserved(r.strings(e.get("hosts"), at + ".hosts"),
                        v == null ? null : v.intValue(), mem == null ? null : mem.longValue(),
                        disk == null ? null : disk.longValue());
            }
            case "set_filters" -> {
                r.fields(e, at, Set.of("op", "filters"), Set.of("filters"));
                JsonNode f = r.array(e.get("filters"), at + ".filters");
                List<String> filters = new ArrayList<>();
                for (int i = 0; i < f.size(); i++) {
                    filters.add(r.string(f.get(i), at + ".filters[" + i + "]"));
                }
                yield new DesignEdit.SetFilters(filters);
            }
            case "set_weighers" -> {
                r.fields(e, at, Set.of("op", "multipliers", "only"), Set.of("multipliers"));
                JsonNode only = e.get("only");
                if (only != null && !only.isBoolean()) {
                    throw r.problem(at + ".only", "must be true or false");
                }
                yield new DesignEdit.SetWeighers(r.multipliers(e.get("multipliers"), at + ".multipliers"),
                        only != null && only.asBoolean());
            }
            default -> throw r.problem(at + ".op", "unknown edit '" + op + "' (known: " + OPS + ")");
        };
    }

    private static String opt(PortfolioFiles.Reader r, JsonNode e, String field, String at) throws InputProblemException {
        return e.has(field) ? r.string(e.get(field), at + "." + field) : null;
    }

    private static Double ratio(PortfolioFiles.Reader r, JsonNode e, String field, String at)
            throws InputProblemException {
        if (!e.has(field)) {
            return null;
        }
        double v = r.number(e.get(field), at + "." + field);
        if (v <= 0) {
            throw r.problem(at + "." + field, "an allocation ratio is more than 0");
        }
        return v;
    }

    private static Double amount(PortfolioFiles.Reader r, JsonNode e, String field, String at)
            throws InputProblemException {
        if (!e.has(field)) {
            return null;
        }
        JsonNode n = e.get(field);
        if (!n.isIntegralNumber() || n.asLong() < 0) {
            throw r.problem(at + "." + field, "must be an integer, 0 or more");
        }
        return n.asDouble();
    }
}
