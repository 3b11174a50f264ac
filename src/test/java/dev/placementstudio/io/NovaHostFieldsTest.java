package dev.placementstudio.io;

import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.TestFiles;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.ComputeHost;
import dev.placementstudio.model.FilterOptions;
import dev.placementstudio.model.ModelProblem;
import dev.placementstudio.model.ModelValidator;
import dev.placementstudio.model.ServerGroup;
import dev.placementstudio.model.ServerGroupPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model fields Nova's filters read (issue 21): a host's architecture and hypervisor version, the
 * anti-affinity rule max_server_per_host, the filters' options. They survive JSON and SQLite, are
 * validated with paths, and files without them load as before with Nova's defaults.
 */
class NovaHostFieldsTest {
    @TempDir
    Path dir;

    private static CloudModel withNovaFields(CloudModel m) {
        List<ComputeHost> hosts = new ArrayList<>(m.hosts());
        hosts.set(0, hosts.get(0).withHypervisor("aarch64", "8.1.2"));
        List<ServerGroup> groups = new ArrayList<>(m.serverGroups());
        groups.add(new ServerGroup("spread-2", null, ServerGroupPolicy.ANTI_AFFINITY, 2));
        FilterOptions o = new FilterOptions(4, 20, List.of("img-a"), List.of(hosts.get(0).hostname()), false, "os", "_",
                "x86_64", List.of("cpu.frequency=1.0"), "az1",
                List.of(new FilterOptions.PciAlias("a100", "10de", "20b0", "type-PCI", "required")))
                .withRequestFilters(true, true, false, true, true, true)
                .withMetrics(List.of("cpu.frequency=1.0"), false, -5.0);
        return new CloudModel(m.schemaVersion(), m.name(), m.description(), m.cells(), m.aggregates(), hosts,
                m.baremetalNodes(), m.sharedStorage(), m.flavors(), m.images(), m.ports(), m.deviceProfiles(), groups,
                m.instances(), m.migrations(), m.scheduler().withFilterOptions(o), m.rawPlacement());
    }

    private static String canonical(CloudModel m) {
        return new String(ModelJson.toBytes(m, true), StandardCharsets.UTF_8);
    }

    @Test
    void theFieldsSurviveJsonAndSqlite() throws Exception {
        CloudModel m = withNovaFields(ModelFiles.open(TestFiles.sample("teaching-small")));
        assertThat(ModelValidator.validate(m)).isEmpty();
        Path json = dir.resolve("m.json");
        ModelFiles.save(m, json, true);
        CloudModel back = ModelFiles.open(json);
        assertThat(back.hosts().get(0).architecture()).isEqualTo("aarch64");
        assertThat(back.hosts().get(0).hypervisorVersion()).isEqualTo("8.1.2");
        assertThat(back.serverGroups().get(back.serverGroups().size() - 1).maxServerPerHost()).isEqualTo(2);
        assertThat(back.scheduler().filterOptions()).isEqualTo(m.scheduler().filterOptions());
        // the request filters' and the MetricsWeigher's options, none at Nova's default
        FilterOptions o = back.scheduler().filterOptions();
        assertThat(List.of(o.limitTenantsToPlacementAggregate(), o.placementAggregateRequiredForTenants(),
                o.queryPlacementForAvailabilityZone(), o.queryPlacementForImageTypeSupport(),
                o.enableIsolatedAggregateFiltering(), o.imageMetadataPrefilter(), o.metricsRequired()))
                .containsExactly(true, true, false, true, true, true, false);
        assertThat(o.metricsWeightOfUnavailable()).isEqualTo(-5.0);
        Path db = dir.resolve("m.db");
        ModelFiles.save(back, db, true);
        assertThat(canonical(ModelFiles.open(db))).isEqualTo(canonical(m));
    }

    @Test
    void aModelWithoutThemHasNovasDefaultsAndWritesNothingNew() throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.sample("teaching-small"));
        ComputeHost h = m.hosts().get(0);
        assertThat(h.effectiveArchitecture()).isEqualTo("x86_64");
        assertThat(h.effectiveHypervisorVersion()).isEqualTo("7.2.0");
        assertThat(m.scheduler().effectiveFilterOptions().maxIoOpsPerHost()).isEqualTo(8);
        assertThat(m.scheduler().effectiveFilterOptions().maxInstancesPerHost()).isEqualTo(50);
        String text = canonical(m);
        assertThat(text).doesNotContain("architecture").doesNotContain("hypervisorVersion")
                .doesNotContain("filterOptions").doesNotContain("maxServerPerHost");
    }

    @Test
    void badValuesAreProblemsWithPaths() throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.sample("teaching-small"));
        List<ComputeHost> hosts = new ArrayList<>(m.hosts());
        hosts.set(1, hosts.get(1).withHypervisor("amd64", "7.2.0.1"));
        List<ServerGroup> groups = List.of(new ServerGroup("g", null, ServerGroupPolicy.AFFINITY, 2),
                new ServerGroup("h", null, ServerGroupPolicy.ANTI_AFFINITY, 0));
        FilterOptions o = new FilterOptions(-1, 0, null, null, null, null, null, "x86", List.of("cpu.frequency"), null,
                List.of(new FilterOptions.PciAlias("a", null, null, "type-GPU", "strict")));
        CloudModel bad = new CloudModel(m.schemaVersion(), m.name(), m.description(), m.cells(), m.aggregates(), hosts,
                m.baremetalNodes(), m.sharedStorage(), m.flavors(), m.images(), m.ports(), m.deviceProfiles(), groups,
                List.of(), List.of(), m.scheduler().withFilterOptions(o), null);
        List<String> paths = ModelValidator.validate(bad).stream().map(ModelProblem::path).toList();
        assertThat(paths).contains("hosts[1].architecture", "hosts[1].hypervisorVersion",
                "serverGroups[0].maxServerPerHost", "serverGroups[1].maxServerPerHost",
                "scheduler.filterOptions.maxIoOpsPerHost", "scheduler.filterOptions.maxInstancesPerHost",
                "scheduler.filterOptions.imagePropertiesDefaultArchitecture",
                "scheduler.filterOptions.metricsWeightSetting[0]", "scheduler.filterOptions.pciAliases[0].deviceType",
                "scheduler.filterOptions.pciAliases[0].numaPolicy");
    }

    @Test
    void anUnknownFieldInTheNewObjectsIsAnErrorWithItsPath() {
        String text = new String(ModelJson.toBytes(withNovaFieldsUnchecked(), true), StandardCharsets.UTF_8)
                .replace("\"maxIoOpsPerHost\"", "\"maxIoOps\"");
        try {
            ModelJson.parse("m.json", text);
            throw new AssertionError("accepted an unknown field");
        } catch (InputProblemException e) {
            assertThat(e.getMessage()).contains("maxIoOps");
        }
    }

    private static CloudModel withNovaFieldsUnchecked() {
        try {
            return withNovaFields(ModelFiles.open(TestFiles.sample("teaching-small")));
        } catch (InputProblemException e) {
            throw new IllegalStateException(e);
        }
    }
}
