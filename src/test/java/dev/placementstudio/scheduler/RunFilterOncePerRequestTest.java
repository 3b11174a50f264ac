package dev.placementstudio.scheduler;

import dev.placementstudio.TestFiles;
import dev.placementstudio.conductor.Cloud;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.FilterOptions;
import dev.placementstudio.model.Projection;
import dev.placementstudio.model.SchedulerSettings;
import dev.placementstudio.nova.HostStatesOracle;
import dev.placementstudio.placement.PlacementEngine;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code BaseFilter.run_filter_for_index} (nova/filters.py): a filter whose {@code run_filter_once_per_request}
 * is True runs for the first instance of a multi-create only; the others run for every instance, after the
 * chosen hosts consumed the request, and once more for the alternates.
 */
class RunFilterOncePerRequestTest {
    /** The Zed filter classes that set run_filter_once_per_request = True (nova/scheduler/filters/). */
    private static final Set<String> NOVA_26 = Set.of("AggregateImagePropertiesIsolation",
            "AggregateInstanceExtraSpecsFilter", "AggregateMultiTenancyIsolation", "AggregateTypeAffinityFilter",
            "AllHostsFilter", "AvailabilityZoneFilter", "ComputeCapabilitiesFilter", "ComputeFilter",
            "DifferentHostFilter", "ImagePropertiesFilter", "IsolatedHostsFilter", "SameHostFilter",
            "SimpleCIDRAffinityFilter");

    @Test
    void theOncePerRequestFiltersAreNovasOwn() throws Exception {
        assertThat(Scheduler.ONCE_PER_REQUEST).isEqualTo(NOVA_26);
        if (!HostStatesOracle.available()) {
            return;
        }
        // and Nova itself says so, filter class by filter class
        Process p = new ProcessBuilder(HostStatesOracle.PYTHON.toString(), "-c",
                "from nova.scheduler import filters\n"
                        + "print(' '.join(sorted(c.__name__ for c in filters.all_filters()"
                        + " if c.run_filter_once_per_request)))").redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(new TreeSet<>(Arrays.asList(out.split(" ")))).isEqualTo(new TreeSet<>(NOVA_26));
    }

    @Test
    void laterInstancesRunOnlyTheFiltersThatRunForEveryIndex() throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.sample("teaching-small"));
        // every host runs at most one instance: one more reaches max_instances_per_host = 2
        FilterOptions o = new FilterOptions(null, 2, null, null, null, null, null, null, null, null, null);
        SchedulerSettings s = new SchedulerSettings(List.of("ComputeFilter", "NumInstancesFilter", "AllHostsFilter"),
                Map.of("RAMWeigher", 1.0), 1, false, 3, 1000, o);
        PlacementEngine engine = PlacementEngine.fromState(Projection.project(m));
        Scheduler sched = new Scheduler(engine, new Cloud(m), s, new SplittableRandom(0));
        var flavor = m.flavor("m1.small").orElseThrow();
        Scheduler.MultiSelection r = sched.selectDestinations(RequestSpec.of("x", "vm", flavor),
                SelectDestinationsTest.uuids(2), true);
        assertThat(r.noValidHost()).isNull();
        List<Scheduler.Decision> passes = r.passes();
        assertThat(passes).hasSize(3); // two instances, then the alternates
        assertThat(passes.get(0).filters().stream().map(SchedulingReport.FilterStep::filter))
                .containsExactly("ComputeFilter", "NumInstancesFilter", "AllHostsFilter");
        for (Scheduler.Decision later : passes.subList(1, 3)) {
            assertThat(later.filters().stream().map(SchedulingReport.FilterStep::filter))
                    .containsExactly("NumInstancesFilter");
        }
        // NumInstancesFilter runs again after the first instance consumed its host: that host is full now
        String first = r.selections().get(0).get(0).serviceHost();
        assertThat(passes.get(1).filters().get(0).dropped()).containsKey(first);
        assertThat(r.selections().get(1).get(0).serviceHost()).isNotEqualTo(first);
        // the alternates pass (index 1) starts from the hosts the last pass kept and runs NumInstancesFilter
        // again: the second chosen host is full now too; neither is anyone's alternate
        String second = r.selections().get(1).get(0).serviceHost();
        assertThat(passes.get(2).hostsFromPlacement()).doesNotContain(first);
        assertThat(passes.get(2).filters().get(0).dropped()).containsOnlyKeys(second);
        for (List<Selection> l : r.selections()) {
            assertThat(l.subList(1, l.size()).stream().map(Selection::serviceHost)).doesNotContain(first, second);
        }
    }
}
