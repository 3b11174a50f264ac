package dev.placementstudio.model;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratorTest {
    private static CloudGenerator.Options opts(int hosts, long seed, double fill) {
        return new CloudGenerator.Options(hosts, 3, 0.3, 0.2, 0.1, 6, true, fill, seed);
    }

    @Test
    void sameOptionsSameModelDifferentSeedDifferentModel() {
        CloudModel a = CloudGenerator.generate(opts(200, 7, 0.4));
        CloudModel b = CloudGenerator.generate(opts(200, 7, 0.4));
        CloudModel c = CloudGenerator.generate(opts(200, 8, 0.4));
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Property(tries = 15)
    void generatedModelsAreValid(@ForAll @IntRange(min = 0, max = 120) int hosts,
                                 @ForAll @DoubleRange(min = 0, max = 0.9) double fill, @ForAll long seed) {
        CloudModel m = CloudGenerator.generate(opts(hosts, seed, fill));
        assertThat(ModelValidator.validate(m)).isEmpty();
        assertThat(m.hosts()).hasSize(hosts);
        assertThat(m.flavors()).extracting(Flavor::name).contains("m1.tiny", "m1.xlarge");
    }

    @Test
    void aBigModelIsCheckedLikeASmallOne_structureFirstThenTheProjection() {
        // 600 hosts: the projection check runs beside the structural checks
        CloudModel m = CloudGenerator.generate(new CloudGenerator.Options(600, 2, 0, 0, 0, 0, false, 0, 3));
        assertThat(ModelValidator.validate(m)).isEmpty();
        String host = m.hosts().get(0).hostname();
        String cell = m.hosts().get(0).cell();
        var crowd = new java.util.ArrayList<>(m.instances());
        for (int i = 0; i < 400; i++) {
            crowd.add(new Instance("crowd-" + i, null, "m1.xlarge", null, host, cell, InstanceState.ACTIVE, null, null,
                    null, null, null));
        }
        CloudModel over = m.withInstances(crowd);
        var problems = ModelValidator.validate(over);
        assertThat(problems).isNotEmpty().isEqualTo(Projection.check(over));
        assertThat(problems.toString()).contains(host);
        // a structural problem is reported alone, whatever the projection would say
        var broken = new java.util.ArrayList<>(crowd);
        broken.add(new Instance("lost", null, "m1.tiny", null, "no-such-host", cell, InstanceState.ACTIVE, null, null,
                null, null, null));
        var structural = ModelValidator.validate(over.withInstances(broken));
        assertThat(structural).isNotEmpty();
        assertThat(structural.toString()).contains("no-such-host");
    }

    @Test
    void fillIsRoughlyHonoured() throws Exception {
        CloudModel m = CloudGenerator.generate(new CloudGenerator.Options(100, 2, 0, 0, 0, 0, false, 0.5, 3));
        PlacementState s = Projection.project(m);
        long cap = 0;
        long used = 0;
        for (var rp : s.resourceProviders()) {
            var inv = rp.inventories().get("MEMORY_MB");
            if (inv != null) {
                cap += inv.capacity();
            }
        }
        for (var c : s.allocations().values()) {
            for (var r : c.allocations().values()) {
                used += r.getOrDefault("MEMORY_MB", 0L);
            }
        }
        assertThat((double) used / cap).isBetween(0.4, 0.6);
    }

    @Test
    void hostsAreRackedAndDealtToCells() {
        CloudModel m = CloudGenerator.generate(opts(100, 1, 0));
        assertThat(m.hosts()).extracting(ComputeHost::cell).containsOnly("cell1", "cell2", "cell3");
        assertThat(m.hosts().get(0).rack()).isEqualTo("r01");
        assertThat(m.hosts().get(20).rack()).isEqualTo("r02");
        assertThat(m.baremetalNodes()).hasSize(6);
        assertThat(m.sharedStorage()).hasSize(3);
    }
}
