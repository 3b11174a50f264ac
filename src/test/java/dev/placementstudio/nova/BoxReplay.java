package dev.placementstudio.nova;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placementstudio.conductor.Era;
import dev.placementstudio.io.ModelJson;
import dev.placementstudio.io.WorkloadFiles;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.scheduler.HostState;
import dev.placementstudio.sim.SimEvent;
import dev.placementstudio.sim.Simulation;
import dev.placementstudio.sim.Workload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays a {@code nova_box.py} scenario through our engine as {@code simulate} does (model and workload
 * parsed from their JSON texts, {@link Simulation} in the Queens era with one scheduler worker) and
 * writes down, from the event log, what {@link #trimNova} keeps of Nova's result: each server's final
 * status and the hosts its builds went to, and per scheduler call its servers, the weighed hosts of each
 * instance's pass (the log's top five) and each instance's Selection list (chosen host, then alternates).
 * <p>
 * Ties: Nova's hosts enter the filters in the order of a Python set (nova_box README, "Determinism"),
 * which equal weights keep. With {@code novaOrders} the replay's k-th scheduler call takes the hosts in
 * Nova's k-th order ({@code input_hosts}), so that it follows Nova through a tie and the sequence stays
 * comparable; without, ties keep Placement's order.
 */
final class BoxReplay {
    private BoxReplay() {
    }

    static ObjectNode replay(JsonNode scenario, List<List<String>> novaOrders) throws Exception {
        CloudModel model = ModelJson.parse("box-model.json", BoxModel.modelJson(scenario));
        Workload workload = WorkloadFiles.parse("box-workload.json", BoxModel.workloadJson(scenario), model);
        Simulation sim = new Simulation(model, workload,
                new Simulation.Settings(0, Era.QUEENS, 1, BoxModel.maxAttempts(scenario)), true);
        if (novaOrders != null) {
            int[] call = {0};
            sim.conductor().scheduler().hostOrder(hosts -> {
                int k = call[0]++;
                if (k >= novaOrders.size()) {
                    return hosts;
                }
                List<String> order = novaOrders.get(k);
                List<HostState> sorted = new ArrayList<>(hosts);
                sorted.sort(java.util.Comparator.comparingInt(h -> {
                    int i = order.indexOf(h.name());
                    return i < 0 ? Integer.MAX_VALUE : i;
                }));
                return sorted;
            });
        }
        sim.run();
        return fromEvents(sim.trace().events());
    }

    private static ObjectNode fromEvents(List<SimEvent> events) {
        ObjectNode out = BoxScenarios.JSON.createObjectNode();
        ObjectNode servers = out.putObject("servers");
        ArrayNode scheduling = out.putArray("scheduling");
        Map<String, String> names = new HashMap<>();
        List<String> pending = new ArrayList<>();
        Map<String, ObjectNode> callOf = new HashMap<>();
        for (SimEvent e : events) {
            if (e instanceof SimEvent.BootRequested b) {
                names.put(b.instance(), b.name());
                pending.add(b.name());
                ObjectNode srv = servers.putObject(b.name());
                srv.put("status", "BUILD");
                srv.putArray("tried");
            } else if (e instanceof SimEvent.SchedulerCalled c && c.migration() == null) {
                ObjectNode call = scheduling.addObject();
                ArrayNode list = call.putArray("servers");
                pending.forEach(list::add);
                call.put("error", false);
                call.putArray("passes");
                ArrayNode sel = call.putArray("selections");
                for (String n : pending) {
                    callOf.put(n, call);
                    sel.addNull();
                }
                pending.clear();
            } else if (e instanceof SimEvent.Weighed w) {
                String n = names.get(w.instance());
                ObjectNode call = callOf.get(n);
                ObjectNode pass = ((ArrayNode) call.get("passes")).addObject();
                pass.put("index", indexIn(call, n));
                pass.put("count", w.hosts());
                ArrayNode top = pass.putArray("weighed");
                w.top().forEach(r -> top.addArray().add(r.host()).add(r.weight().doubleValue()));
            } else if (e instanceof SimEvent.Selected s) {
                String n = names.get(s.instance());
                ObjectNode call = callOf.get(n);
                ArrayNode list = BoxScenarios.JSON.createArrayNode().add(s.host());
                s.alternates().forEach(list::add);
                ((ArrayNode) call.get("selections")).set(indexIn(call, n), list);
            } else if (e instanceof SimEvent.BuildStarted b) {
                ((ArrayNode) servers.get(names.get(b.instance())).get("tried")).add(b.host());
            } else if (e instanceof SimEvent.Active a) {
                ((ObjectNode) servers.get(names.get(a.instance()))).put("status", "ACTIVE");
            } else if (e instanceof SimEvent.Errored x) {
                String n = names.get(x.instance());
                ((ObjectNode) servers.get(n)).put("status", "ERROR");
                if (x.reason().startsWith("NoValidHost")) {
                    callOf.get(n).put("error", true);
                }
            }
        }
        for (JsonNode call : scheduling) {
            if (call.get("error").asBoolean()) {
                ((ObjectNode) call).putArray("selections");
            }
        }
        return out;
    }

    private static int indexIn(JsonNode call, String name) {
        int i = 0;
        for (JsonNode n : call.get("servers")) {
            if (n.asText().equals(name)) {
                return i;
            }
            i++;
        }
        throw new IllegalStateException(name + " is not in its call");
    }

    /**
     * What the comparison needs of a {@code nova_box.py} result: per server its status at the end of its
     * boot action and the hosts that received its builds ({@code build_on_compute}, in order); per
     * {@code select_destinations} call its servers, whether it failed, Nova's order of the hosts entering the
     * filters, each instance's select pass (weighed hosts and weights) and Selection lists; the actions
     * that raised.
     */
    static ObjectNode trimNova(JsonNode result) {
        ObjectNode out = BoxScenarios.JSON.createObjectNode();
        out.put("nova_version", result.path("nova_version").asText());
        ObjectNode servers = out.putObject("servers");
        ArrayNode failed = out.putArray("failed_actions");
        for (JsonNode a : result.path("actions")) {
            if (!a.path("ok").asBoolean(true)) {
                failed.add(a.path("index").asInt() + ": " + a.path("error").asText());
            }
            if (!"boot".equals(a.path("action").path("action").asText())) {
                continue;
            }
            for (JsonNode n : a.path("servers")) {
                ObjectNode srv = servers.putObject(n.asText());
                srv.put("status", a.path("status").path(n.asText()).asText());
                ArrayNode tried = srv.putArray("tried");
                for (JsonNode ev : result.path("events")) {
                    if ("build_on_compute".equals(ev.path("kind").asText()) && n.asText().equals(ev.path("server").asText())) {
                        tried.add(ev.path("host").asText());
                    }
                }
            }
        }
        ArrayNode scheduling = out.putArray("scheduling");
        for (JsonNode s : result.path("scheduling")) {
            ObjectNode call = scheduling.addObject();
            call.set("servers", s.path("servers").deepCopy());
            call.put("error", s.hasNonNull("error"));
            ArrayNode input = call.putArray("input_hosts");
            JsonNode passes = s.path("passes");
            if (passes.size() > 0) {
                passes.get(0).path("input_hosts").forEach(input::add);
            }
            ArrayNode ps = call.putArray("passes");
            for (JsonNode p : passes) {
                if ("select".equals(p.path("purpose").asText())) {
                    ObjectNode pass = ps.addObject();
                    pass.put("index", p.path("index").asInt());
                    pass.set("weighed", p.path("weighed").deepCopy());
                }
            }
            ArrayNode sel = call.putArray("selections");
            if (!s.hasNonNull("error")) {
                for (JsonNode list : s.path("selections")) {
                    ArrayNode hosts = sel.addArray();
                    list.forEach(x -> hosts.add(x.path("host").asText()));
                }
            }
        }
        return out;
    }

    /** Nova's order of the hosts entering the filters, per scheduler call (for {@link #replay}). */
    static List<List<String>> novaOrders(JsonNode trimmed) {
        List<List<String>> out = new ArrayList<>();
        for (JsonNode s : trimmed.path("scheduling")) {
            List<String> order = new ArrayList<>();
            s.path("input_hosts").forEach(h -> order.add(h.asText()));
            out.add(order);
        }
        return out;
    }
}
