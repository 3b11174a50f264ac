package dev.placementstudio.app.importer;

import dev.placementstudio.app.importer.ModelDiff.Kind;
import dev.placementstudio.model.CloudGenerator;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.ComputeHost;
import dev.placementstudio.model.Instance;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The refresh diff on generated clouds: nothing for the same cloud, and each kind of change where it happened. */
class ModelDiffTest {
    private static CloudModel cloud(int hosts, long seed) {
        return CloudGenerator.generate(new CloudGenerator.Options(hosts, 2, 0.2, 0.1, 0.1, 0, false, 0.5, seed));
    }

    @Property(tries = 30)
    void aCloudAgainstItselfHasNoChanges(@ForAll @IntRange(min = 1, max = 40) int hosts, @ForAll @LongRange(max = 1000) long seed) {
        CloudModel a = cloud(hosts, seed);
        ModelDiff.Diff d = ModelDiff.diff(a, cloud(hosts, seed)); // equal, not the same object
        assertThat(d.changes()).isEmpty();
        assertThat(d.summary()).isEqualTo("no changes");
    }

    @Property(tries = 30)
    void keepGivesTheNewModelAndDropTheOldOne(@ForAll @IntRange(min = 1, max = 30) int hosts,
                                              @ForAll @LongRange(max = 1000) long seed) {
        CloudModel a = cloud(hosts, seed);
        CloudModel b = cloud(hosts + 1, seed + 1);
        ModelDiff.Diff d = ModelDiff.diff(a, b);
        assertThat(d.keep()).isEqualTo(b);
        assertThat(d.drop()).isEqualTo(a);
        assertThat(ModelDiff.diff(d.keep(), b).changes()).isEmpty();
    }

    @Property(tries = 30)
    void aHostRemovedAndItsInstancesAreReported(@ForAll @IntRange(min = 2, max = 40) int hosts,
                                                @ForAll @LongRange(max = 1000) long seed, @ForAll @IntRange(max = 1000) int pick) {
        CloudModel a = cloud(hosts, seed);
        ComputeHost gone = a.hosts().get(pick % a.hosts().size());
        List<Instance> left = a.instances().stream().filter(i -> !gone.hostname().equals(i.host())).toList();
        CloudModel b = a.withHosts(a.hosts().stream().filter(h -> h != gone).toList()).withInstances(left);
        ModelDiff.Diff d = ModelDiff.diff(a, b);
        assertThat(d.changes()).filteredOn(c -> c.kind() == Kind.HOST_REMOVED).extracting(ModelDiff.Change::subject)
                .containsExactly(gone.hostname());
        assertThat(d.count(Kind.INSTANCE_REMOVED)).isEqualTo(a.instances().size() - left.size());
        assertThat(d.count(Kind.HOST_ADDED) + d.count(Kind.INSTANCE_ADDED) + d.count(Kind.INSTANCE_MOVED)
                + d.count(Kind.USAGE_CHANGED)).isZero();
        // and the other way round: the host comes back with its instances
        ModelDiff.Diff back = ModelDiff.diff(b, a);
        assertThat(back.count(Kind.HOST_ADDED)).isEqualTo(1);
        assertThat(back.count(Kind.INSTANCE_ADDED)).isEqualTo(a.instances().size() - left.size());
    }

    @Property(tries = 30)
    void anInstanceMovedChangesTheUsageOfBothHosts(@ForAll @IntRange(min = 2, max = 40) int hosts,
                                                   @ForAll @LongRange(max = 1000) long seed, @ForAll @IntRange(max = 1000) int pick) {
        CloudModel a = cloud(hosts, seed);
        List<Instance> placed = a.instances().stream().filter(i -> i.host() != null).toList();
        if (placed.isEmpty()) {
            return;
        }
        Instance moving = placed.get(pick % placed.size());
        ComputeHost to = a.hosts().stream().filter(h -> !h.hostname().equals(moving.host())).findFirst().orElseThrow();
        List<Instance> now = new ArrayList<>(a.instances());
        now.replaceAll(i -> i == moving ? i.withHost(to.hostname(), to.cell()) : i);
        ModelDiff.Diff d = ModelDiff.diff(a, a.withInstances(now));
        assertThat(d.changes()).filteredOn(c -> c.kind() == Kind.INSTANCE_MOVED).singleElement()
                .satisfies(c -> assertThat(c.text()).contains(moving.name(), moving.host(), to.hostname()));
        assertThat(d.changes()).filteredOn(c -> c.kind() == Kind.USAGE_CHANGED).extracting(ModelDiff.Change::subject)
                .containsExactlyInAnyOrder(moving.host(), to.hostname());
        assertThat(d.count(Kind.INSTANCE_ADDED) + d.count(Kind.INSTANCE_REMOVED)).isZero();
        assertThat(d.summary()).contains("1 instance moved", "2 hosts with changed usage");
    }

    @Property(tries = 20)
    void aBiggerCloudReportsExactlyItsNewHosts(@ForAll @IntRange(min = 1, max = 30) int hosts, @ForAll @IntRange(min = 1, max = 5) int more,
                                               @ForAll @LongRange(max = 1000) long seed) {
        CloudModel a = CloudGenerator.generate(new CloudGenerator.Options(hosts, 1, 0, 0, 0, 0, false, 0, seed));
        CloudModel b = CloudGenerator.generate(new CloudGenerator.Options(hosts + more, 1, 0, 0, 0, 0, false, 0, seed));
        var newNames = new java.util.TreeSet<>(b.hosts().stream().map(ComputeHost::hostname).toList());
        a.hosts().forEach(h -> newNames.remove(h.hostname()));
        ModelDiff.Diff d = ModelDiff.diff(a, b);
        assertThat(d.changes()).filteredOn(c -> c.kind() == Kind.HOST_ADDED).extracting(ModelDiff.Change::subject)
                .containsExactlyElementsOf(newNames);
    }
}
