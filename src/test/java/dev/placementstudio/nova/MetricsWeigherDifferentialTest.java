package dev.placementstudio.nova;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placementstudio.model.FilterOptions;
import dev.placementstudio.model.SchedulerSettings;
import dev.placementstudio.scheduler.ComputeNode;
import dev.placementstudio.scheduler.HostState;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nova 26's MetricsWeigher ({@code nova/scheduler/weights/metrics.py}) against ours, through the host_states
 * oracle: NovaCases' host states given monitor metrics, with {@code [metrics] weight_setting} (valid and
 * invalid entries), {@code required}, {@code weight_of_unavailable} and {@code weight_multiplier}. With
 * {@code required = True} every host reports the metrics (Nova raises ComputeHostMetricNotFound otherwise,
 * which the studio does not copy); with False some hosts miss some and weigh {@code weight_of_unavailable}
 * unless the ratio times the multiplier is 0.
 */
class MetricsWeigherDifferentialTest {
    static final int CASES_PER_TRY = 100;
    private static final String[] METRICS = {"cpu.frequency", "cpu.user.percent", "cpu.percent"};
    private static final String[] SETTINGS = {"cpu.frequency=1.0", "cpu.user.percent=-2.5", "cpu.percent=0",
            "cpu.percent=0.5", "cpu.frequency=x", "=1.0", "cpu.user.percent=1e2"};
    private static final double[] MULTIPLIERS = {0.0, 1.0, -1.0, 2.0};
    private static final double[] UNAVAILABLE = {-10000.0, 0.0, 5.0};

    record Metrics(NovaCases.Case c, SchedulerSettings settings) {
    }

    static Metrics withMetrics(NovaCases.Case c, long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x6d657472L);
        List<String> setting = new ArrayList<>();
        for (String s : SETTINGS) {
            if (r.nextInt(3) == 0) {
                setting.add(s);
            }
        }
        boolean required = r.nextBoolean();
        double unavailable = UNAVAILABLE[r.nextInt(UNAVAILABLE.length)];
        double multiplier = MULTIPLIERS[r.nextInt(MULTIPLIERS.length)];
        ObjectNode json = c.json().deepCopy();
        ArrayNode hostsJson = (ArrayNode) json.get("hosts");
        List<HostState> hosts = new ArrayList<>();
        for (int i = 0; i < c.hosts().size(); i++) {
            HostState h = c.hosts().get(i);
            Map<String, Double> m = new LinkedHashMap<>();
            for (String name : METRICS) {
                if (required || r.nextInt(4) != 0) {
                    m.put(name, (double) r.nextInt(4) == 0 ? 1000.0 : r.nextInt(3000) / 4.0);
                }
            }
            ComputeNode cn = h.computeNode();
            ComputeNode withM = new ComputeNode(cn.hypervisorType(), cn.hypervisorVersion(), cn.hypervisorHostname(),
                    cn.hostIp(), cn.supportedInstances(), cn.cpuInfo(), cn.vcpus(), cn.vcpusUsed(), cn.memoryMb(),
                    cn.memoryMbUsed(), cn.localGb(), cn.localGbUsed(), cn.diskAvailableLeast(),
                    cn.cpuAllocationRatio(), cn.ramAllocationRatio(), cn.diskAllocationRatio(), cn.stats(), m,
                    cn.numaTopology(), cn.pciPools());
            hosts.add(new HostState(h.info(), null, Map::of, withM));
            ArrayNode mj = ((ObjectNode) hostsJson.get(i)).putArray("metrics");
            m.forEach((k, v) -> mj.addObject().put("name", k).put("value", v).put("source", "libvirt.LibvirtDriver")
                    .put("timestamp", "2026-01-01T00:00:00Z"));
        }
        Map<String, Double> weighers = new LinkedHashMap<>(c.settings().weighers());
        weighers.put("MetricsWeigher", multiplier);
        ObjectNode cfg = (ObjectNode) json.get("config");
        ((ObjectNode) cfg.get("weighers")).put("MetricsWeigher", multiplier);
        ObjectNode metricsConf = ((ObjectNode) cfg.get("conf")).putObject("metrics");
        ArrayNode ws = metricsConf.putArray("weight_setting");
        setting.forEach(ws::add);
        metricsConf.put("required", required).put("weight_of_unavailable", unavailable);
        SchedulerSettings s = new SchedulerSettings(c.settings().enabledFilters(), weighers, 1, false,
                c.settings().maxAttempts(), 1000, FilterOptions.NOVA_DEFAULTS.withMetrics(setting, required, unavailable));
        return new Metrics(new NovaCases.Case(c.seed(), hosts, c.spec(), s, json), s);
    }

    @Property(tries = 3, shrinking = ShrinkingMode.OFF)
    void nova26sMetricsWeigherWeighsAsOurs(@ForAll long batch) {
        HostStatesOracle.assumeAvailable();
        List<NovaCases.Case> cases = new ArrayList<>();
        SplittableRandom seeds = new SplittableRandom(batch);
        for (int i = 0; i < CASES_PER_TRY; i++) {
            long seed = seeds.nextLong();
            cases.add(withMetrics(NovaCases.generate(seed), seed).c());
        }
        List<JsonNode> answers = HostStatesOracle.run(cases.stream().map(NovaCases.Case::json).toList());
        List<String> failures = new ArrayList<>();
        int weighed = 0;
        for (int i = 0; i < cases.size(); i++) {
            NovaCases.Case c = cases.get(i);
            NovaCases.Ours ours = c.ours();
            List<String> diffs = HostStatesOracle.compare(answers.get(i), ours.decision(), ours.selections());
            if (!diffs.isEmpty()) {
                failures.add("seed " + c.seed() + ": " + String.join("; ", diffs.subList(0, Math.min(4, diffs.size()))));
            }
            weighed += answers.get(i).toString().contains("MetricsWeigher") ? 1 : 0;
        }
        assertThat(failures).as("cases where Nova's MetricsWeigher weighs otherwise").isEmpty();
        assertThat(weighed).as("cases whose answer has MetricsWeigher values").isGreaterThan(CASES_PER_TRY / 2);
    }
}
