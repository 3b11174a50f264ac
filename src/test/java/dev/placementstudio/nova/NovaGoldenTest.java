package dev.placementstudio.nova;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placementstudio.TestFiles;
import dev.placementstudio.conductor.Cloud;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.Projection;
import dev.placementstudio.model.SchedulerSettings;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.scheduler.HostState;
import dev.placementstudio.scheduler.RequestSpec;
import dev.placementstudio.scheduler.Scheduler;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Nova 26's answers, captured into src/test/resources/nova-golden/ by its regenerate.sh, checked
 * against ours on every build (no Nova needed). Two kinds of case: generated host states (a NovaCases
 * seed; the stored case JSON must still be what the seed makes) and the sample clouds' own host states,
 * derived by our resource tracker, for each of their flavors, with no filters and Nova's ten weighers.
 */
class NovaGoldenTest {
    static final Path DIR = TestFiles.root().resolve("src/test/resources/nova-golden");
    static final List<String> SAMPLES = List.of("teaching-small", "nfv-sriov-numa", "accelerators-cyborg",
            "shared-storage", "baremetal-ironic");
    static final int SEEDED = 160;

    /** Nova's ten weighers, in host_states.py's (sorted) order, at their defaults. */
    static Map<String, Double> allWeighers() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String w : new java.util.TreeSet<>(List.of(NovaCases.WEIGHERS))) {
            m.put(w, dev.placementstudio.scheduler.Weigher.named(w).defaultMultiplier());
        }
        return m;
    }

    record Sample(CloudModel model, Flavor flavor, Scheduler scheduler, Scheduler.Decision decision,
                  List<HostState> hosts) {
    }

    static Sample sample(String name, Flavor f) throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.sample(name));
        PlacementEngine engine = PlacementEngine.fromState(Projection.project(m));
        Cloud cloud = new Cloud(m);
        SchedulerSettings s = new SchedulerSettings(List.of(), allWeighers(), 1, false, 3, 1000);
        Scheduler sched = new Scheduler(engine, cloud, s, new SplittableRandom(0)).detailEveryHost();
        Scheduler.Decision d = sched.decide(RequestSpec.of("11111111-0000-4000-8000-00000000000f", "vm", f));
        // the hosts in the order they entered the weighers (Nova's sort is stable)
        Map<String, HostState> byName = new LinkedHashMap<>();
        d.ordered().forEach(h -> byName.put(h.name(), h));
        List<HostState> hosts = d.hostsFromPlacement().stream().map(byName::get).toList();
        return new Sample(m, f, sched, d, hosts);
    }

    static ObjectNode sampleJson(Sample s) {
        Map<String, Map<String, String>> meta = new LinkedHashMap<>();
        s.model().aggregates().forEach(a -> meta.put(a.name(), a.metadata()));
        List<ObjectNode> hosts = new ArrayList<>();
        s.hosts().forEach(h -> hosts.add(HostStatesOracle.host(h, meta)));
        return HostStatesOracle.testCase(hosts, HostStatesOracle.request(s.decision().spec()),
                HostStatesOracle.config(List.of(), allWeighers(), 3, Map.of()));
    }

    /** Writes cases.json and Nova's expected.json (run by regenerate.sh with -Dnova.golden.capture=true). */
    @Test
    void capture() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("nova.golden.capture"), "capture only from regenerate.sh");
        HostStatesOracle.assumeAvailable();
        ArrayNode cases = HostStatesOracle.JSON.createArrayNode();
        SplittableRandom seeds = new SplittableRandom(21);
        for (int i = 0; i < SEEDED; i++) {
            long seed = seeds.nextLong();
            ObjectNode c = cases.addObject().put("kind", "seed").put("seed", seed);
            c.set("case", NovaCases.generate(seed).json());
        }
        for (String name : SAMPLES) {
            CloudModel m = ModelFiles.open(TestFiles.sample(name));
            for (Flavor f : m.flavors()) {
                ObjectNode c = cases.addObject().put("kind", "sample").put("model", name).put("flavor", f.name());
                c.set("case", sampleJson(sample(name, f)));
            }
        }
        List<JsonNode> inputs = new ArrayList<>();
        cases.forEach(c -> inputs.add(c.get("case")));
        List<JsonNode> answers = HostStatesOracle.run(inputs);
        ArrayNode expected = HostStatesOracle.JSON.createArrayNode();
        answers.forEach(expected::add);
        Files.writeString(DIR.resolve("cases.json"), oneALine(cases));
        Files.writeString(DIR.resolve("expected.json"), oneALine(expected));
    }

    /** Text, not nodes: 1 read back is an IntNode, a long written is a LongNode; the same JSON either way. */
    static String compact(JsonNode n) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(n);
    }

    /** A JSON array with one compact element a line: small files, readable diffs. */
    static String oneALine(ArrayNode a) throws Exception {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < a.size(); i++) {
            sb.append(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(a.get(i)))
                    .append(i + 1 < a.size() ? ",\n" : "\n");
        }
        return sb.append("]\n").toString();
    }

    @Test
    void oursEqualsNovasCapturedAnswers() throws Exception {
        JsonNode cases = HostStatesOracle.JSON.readTree(DIR.resolve("cases.json").toFile());
        JsonNode expected = HostStatesOracle.JSON.readTree(DIR.resolve("expected.json").toFile());
        assertThat(cases.size()).isEqualTo(expected.size()).isGreaterThanOrEqualTo(150);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = cases.get(i);
            List<String> diffs;
            String label;
            if (c.get("kind").asText().equals("seed")) {
                NovaCases.Case nc = NovaCases.generate(c.get("seed").asLong());
                label = "seed " + nc.seed();
                assertThat(compact(nc.json())).as(label + ": the generator changed; run regenerate.sh").isEqualTo(compact(c.get("case")));
                NovaCases.Ours ours = nc.ours();
                diffs = HostStatesOracle.compare(expected.get(i), ours.decision(), ours.selections());
            } else {
                String model = c.get("model").asText();
                CloudModel m = ModelFiles.open(TestFiles.sample(model));
                Flavor f = m.flavor(c.get("flavor").asText()).orElseThrow();
                Sample s = sample(model, f);
                label = model + " " + f.name();
                // our resource tracker must still derive the host states Nova was given
                assertThat(compact(sampleJson(s))).as(label + ": our host states changed; run regenerate.sh")
                        .isEqualTo(compact(c.get("case")));
                diffs = HostStatesOracle.compare(expected.get(i), s.decision(), s.scheduler().claim(s.decision(), false).selections());
            }
            if (!diffs.isEmpty()) {
                failures.add(label + ": " + String.join("; ", diffs.subList(0, Math.min(4, diffs.size()))));
            }
        }
        assertThat(failures).isEmpty();
    }
}
