package dev.placementstudio.nova;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole boot sequences as real Nova 26 ran them ({@code nova_box.py}: API, conductor, scheduler, resource
 * tracker, Placement), replayed through our simulation: every golden in
 * {@code src/test/resources/nova-golden/box/} must give each server the same status and the same hosts
 * tried, each scheduler call the same Selection lists, each pass the same weights and ranking (ties as
 * sets). Runs everywhere; {@link #capture} (with {@code -Dnova.box.capture=true}, see
 * {@code src/test/resources/nova-golden/capture-box.sh}) re-captures the goldens where Nova is installed.
 */
class NovaBoxGoldenTest {
    static final Path DIR = Path.of("src/test/resources/nova-golden/box");
    /** Seeds of the captured scenarios: 101 .. 100 + count. */
    static final long FIRST_SEED = 101;

    @Test
    void everyGoldenSequenceIsReplayedAsNovaRanIt() throws Exception {
        List<Path> goldens;
        try (var files = Files.list(DIR)) {
            goldens = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        List<BoxComparison.Result> results = new ArrayList<>();
        for (Path g : goldens) {
            JsonNode golden = BoxScenarios.JSON.readTree(g.toFile());
            results.add(compare(g.getFileName().toString(), golden.get("scenario"), golden.get("nova")));
        }
        report(results);
        List<String> problems = new ArrayList<>();
        results.forEach(r -> r.problems().forEach(x -> problems.add(r.name() + ": " + x)));
        assertThat(problems).isEmpty();
        assertThat(goldens).hasSizeGreaterThanOrEqualTo(Integer.getInteger("nova.box.min", 30));
    }

    /**
     * Without Nova's order of hosts, ties keep Placement's: until the first tie we break otherwise, every
     * chosen host is Nova's, and at that tie ours is one of Nova's equally weighted best.
     */
    @Test
    void withOurOwnTieOrderEveryPickIsNovasOrTiedWithIt() throws Exception {
        List<Path> goldens;
        try (var files = Files.list(DIR)) {
            goldens = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        List<String> problems = new ArrayList<>();
        int parted = 0;
        int steps = 0;
        for (Path g : goldens) {
            JsonNode golden = BoxScenarios.JSON.readTree(g.toFile());
            BoxComparison.Result r = BoxComparison.compareModuloTies(g.getFileName().toString(), golden.get("nova"),
                    BoxReplay.replay(golden.get("scenario"), null));
            r.problems().forEach(x -> problems.add(r.name() + ": " + x));
            parted += r.ties();
            steps += r.steps();
        }
        System.out.printf("nova_box sequences with Placement's tie order: %d, chosen hosts compared: %d, "
                + "sequences parted at a tie broken otherwise: %d%n", goldens.size(), steps, parted);
        assertThat(problems).isEmpty();
    }

    static BoxComparison.Result compare(String name, JsonNode scenario, JsonNode nova) throws Exception {
        ObjectNode ours = BoxReplay.replay(scenario, BoxReplay.novaOrders(nova));
        return BoxComparison.compare(name, nova, ours);
    }

    static void report(List<BoxComparison.Result> results) {
        int steps = 0;
        int ties = 0;
        int weighed = 0;
        int agree = 0;
        for (BoxComparison.Result r : results) {
            steps += r.steps();
            ties += r.ties();
            weighed += r.weighed();
            agree += r.agrees() ? 1 : 0;
        }
        System.out.printf("nova_box sequences: %d, agreeing: %d, placement steps: %d, weighed (2+ hosts): %d, "
                + "ties at the top: %d%n", results.size(), agree, steps, weighed, ties);
    }

    @Test
    @EnabledIfSystemProperty(named = "nova.box.capture", matches = "true")
    void capture() throws Exception {
        captureAll(Integer.getInteger("nova.box.count", 34));
    }

    /** {@code java -cp ... dev.placementstudio.nova.NovaBoxGoldenTest COUNT}: the capture outside Maven. */
    public static void main(String[] args) throws Exception {
        if (args[0].endsWith(".json")) {
            captureHand(Path.of(args[0]));
            return;
        }
        captureAll(Integer.parseInt(args[0]));
    }

    /** Scenarios written by hand (in {@code nova-golden/box-hand/}), for behaviours the generator rarely draws. */
    static final Path HAND = Path.of("src/test/resources/nova-golden/box-hand");

    static void captureHand(Path file) throws Exception {
        JsonNode scenario = BoxScenarios.JSON.readTree(file.toFile());
        ObjectNode golden = BoxScenarios.JSON.createObjectNode();
        golden.set("scenario", scenario);
        golden.set("nova", BoxReplay.trimNova(NovaBox.run(scenario)));
        Files.writeString(DIR.resolve(scenario.get("name").asText() + ".json"), golden.toPrettyString() + "\n");
    }

    static void captureAll(int count) throws Exception {
        assertThat(NovaBox.available()).as("real Nova is installed").isTrue();
        Files.createDirectories(DIR);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (long seed = FIRST_SEED; seed < FIRST_SEED + count; seed++) {
                long s = seed;
                Path file = DIR.resolve(String.format("box-%04d.json", s));
                if (Files.exists(file) && !Boolean.getBoolean("nova.box.recapture")) {
                    continue;
                }
                jobs.add(pool.submit(() -> {
                    ObjectNode scenario = BoxScenarios.generate(s);
                    ObjectNode golden = BoxScenarios.JSON.createObjectNode();
                    golden.set("scenario", scenario);
                    golden.set("nova", BoxReplay.trimNova(NovaBox.run(scenario)));
                    Files.writeString(file, golden.toPrettyString() + "\n");
                    return null;
                }));
            }
            try (var hand = Files.list(HAND)) {
                for (Path h : hand.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    Path file = DIR.resolve(h.getFileName());
                    if (!Files.exists(file) || Boolean.getBoolean("nova.box.recapture")) {
                        jobs.add(pool.submit(() -> {
                            captureHand(h);
                            return null;
                        }));
                    }
                }
            }
            for (Future<?> j : jobs) {
                j.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
