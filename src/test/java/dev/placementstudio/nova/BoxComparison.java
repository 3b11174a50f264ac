package dev.placementstudio.nova;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Nova's trimmed result ({@link BoxReplay#trimNova}) against our replay's: the same servers with the same
 * status and the same hosts tried, in order; the same scheduler calls, each with the same servers, the same
 * NoValidHost, the same Selection lists; and per instance pass the same number of weighed hosts and, over
 * the top five, the same weights (to 1e-5) and hosts, where hosts of equal weight in Nova's list count as
 * the same place (ties as sets).
 */
final class BoxComparison {
    /** What differed, and how many placement steps were compared, how many had a tie at the top. */
    record Result(String name, List<String> problems, int steps, int ties, int weighed) {
        boolean agrees() {
            return problems.isEmpty();
        }
    }

    private BoxComparison() {
    }

    static Result compare(String name, JsonNode nova, JsonNode ours) {
        List<String> p = new ArrayList<>();
        int steps = 0;
        int ties = 0;
        int weighed = 0;
        nova.path("failed_actions").forEach(f -> p.add("a nova_box action raised: " + f.asText()));
        JsonNode ns = nova.get("servers");
        JsonNode os = ours.get("servers");
        ns.fieldNames().forEachRemaining(server -> {
            JsonNode o = os.get(server);
            if (o == null) {
                p.add(server + ": not booted by our replay");
                return;
            }
            JsonNode n = ns.get(server);
            if (!n.get("status").equals(o.get("status"))) {
                p.add(server + ": status " + o.get("status").asText() + ", Nova " + n.get("status").asText());
            }
            if (!n.get("tried").equals(o.get("tried"))) {
                p.add(server + ": built on " + o.get("tried") + ", Nova " + n.get("tried"));
            }
        });
        os.fieldNames().forEachRemaining(server -> {
            if (!ns.has(server)) {
                p.add(server + ": booted by our replay only");
            }
        });
        JsonNode nc = nova.get("scheduling");
        JsonNode oc = ours.get("scheduling");
        if (nc.size() != oc.size()) {
            p.add("scheduler calls: " + oc.size() + ", Nova " + nc.size());
        }
        for (int k = 0; k < Math.min(nc.size(), oc.size()); k++) {
            JsonNode n = nc.get(k);
            JsonNode o = oc.get(k);
            String at = "call " + k + " " + n.get("servers");
            if (!n.get("servers").equals(o.get("servers"))) {
                p.add(at + ": our call placed " + o.get("servers"));
                continue;
            }
            if (n.get("error").asBoolean() != o.get("error").asBoolean()) {
                p.add(at + ": NoValidHost " + o.get("error") + ", Nova " + n.get("error"));
            }
            if (!n.get("selections").equals(o.get("selections"))) {
                p.add(at + ": selections " + o.get("selections") + ", Nova " + n.get("selections"));
            }
            for (JsonNode np : n.get("passes")) {
                steps++;
                JsonNode nw = np.get("weighed");
                JsonNode op = null;
                for (JsonNode x : o.get("passes")) {
                    if (x.get("index").asInt() == np.get("index").asInt()) {
                        op = x;
                    }
                }
                String pass = at + " pass " + np.get("index").asInt();
                if (op == null) {
                    if (nw.size() > 0) {
                        p.add(pass + ": not weighed by us");
                    }
                    continue;
                }
                if (op.get("count").asInt() != nw.size()) {
                    p.add(pass + ": " + op.get("count").asInt() + " hosts weighed, Nova " + nw.size() + " " + nw);
                    continue;
                }
                if (nw.size() < 2) {
                    continue; // Nova does not run the weighers for one host (weight 0.0)
                }
                weighed++;
                if (nw.get(0).get(1).asDouble() == nw.get(1).get(1).asDouble()) {
                    ties++;
                }
                JsonNode ow = op.get("weighed");
                for (int i = 0; i < Math.min(5, nw.size()); i++) {
                    double w = nw.get(i).get(1).asDouble();
                    String ourHost = ow.get(i).get(0).asText();
                    double ourW = ow.get(i).get(1).asDouble();
                    if (Math.abs(w - ourW) > 1e-5 + 1e-9 * Math.abs(w)) {
                        p.add(pass + ": weight at " + i + " " + ourHost + "=" + ourW + ", Nova " + nw.get(i));
                        break;
                    }
                    if (!ourHost.equals(nw.get(i).get(0).asText()) && !sameWeightInNova(nw, ourHost, w)) {
                        p.add(pass + ": host at " + i + " " + ourHost + ", Nova " + nw.get(i) + " (no tie)");
                        break;
                    }
                }
            }
        }
        return new Result(name, p, steps, ties, weighed);
    }

    /**
     * Our replay with its own order for ties (Placement's) against Nova, modulo ties: call by call, each
     * instance's chosen host must be Nova's, or, where it is not, of the same weight as Nova's at the top
     * of Nova's ranking (a tie broken otherwise). The sequences part there, so the comparison stops; the
     * result's {@code ties} is 1 when it stopped at such a tie.
     */
    static Result compareModuloTies(String name, JsonNode nova, JsonNode ours) {
        List<String> p = new ArrayList<>();
        JsonNode nc = nova.get("scheduling");
        JsonNode oc = ours.get("scheduling");
        int steps = 0;
        for (int k = 0; k < Math.min(nc.size(), oc.size()); k++) {
            JsonNode n = nc.get(k);
            JsonNode o = oc.get(k);
            String at = "call " + k + " " + n.get("servers");
            if (n.get("error").asBoolean() != o.get("error").asBoolean() || !n.get("servers").equals(o.get("servers"))) {
                p.add(at + ": NoValidHost " + o.get("error") + " for " + o.get("servers") + ", Nova " + n.get("error"));
                break;
            }
            for (int i = 0; i < n.get("selections").size(); i++) {
                steps++;
                String novaHost = n.get("selections").get(i).get(0).asText();
                String ourHost = o.get("selections").get(i).get(0).asText();
                if (novaHost.equals(ourHost)) {
                    continue;
                }
                JsonNode weighed = null;
                for (JsonNode pass : n.get("passes")) {
                    if (pass.get("index").asInt() == i) {
                        weighed = pass.get("weighed");
                    }
                }
                if (weighed != null && weighed.size() > 1 && sameWeightInNova(weighed, ourHost, weighed.get(0).get(1).asDouble())) {
                    return new Result(name, p, steps, 1, 0);
                }
                p.add(at + " instance " + i + ": we chose " + ourHost + ", Nova " + novaHost + " " + weighed + " (no tie)");
                return new Result(name, p, steps, 0, 0);
            }
        }
        return new Result(name, p, steps, 0, 0);
    }

    private static boolean sameWeightInNova(JsonNode weighed, String host, double w) {
        for (JsonNode e : weighed) {
            if (e.get(0).asText().equals(host)) {
                return e.get(1).asDouble() == w;
            }
        }
        return false;
    }
}
