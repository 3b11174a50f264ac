package dev.placementstudio.scheduler;

import dev.placementstudio.TestFiles;
import dev.placementstudio.conductor.Cloud;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.ComputeHost;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.Image;
import dev.placementstudio.model.Projection;
import dev.placementstudio.model.SchedulerSettings;
import dev.placementstudio.placement.PlacementEngine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ImagePropertiesFilter compares an image with what each modelled host's hypervisor advertises
 * (nova/scheduler/filters/image_props_filter.py), read from the host's architecture and version.
 */
class ImagePropertiesFilterTest {
    private static Scheduler.Decision decide(CloudModel m, Map<String, String> props) throws Exception {
        PlacementEngine engine = PlacementEngine.fromState(Projection.project(m));
        Scheduler s = new Scheduler(engine, new Cloud(m), SchedulerSettings.NOVA_DEFAULTS,
                List.of("ImagePropertiesFilter"), new SplittableRandom(1));
        Flavor small = new Flavor("s", 1, 512, 1, Map.of());
        return s.decide(new RequestSpec("u", "vm", small, new Image("img", props), List.of(), null, null, Set.of(), null,
                Map.of(), "p", "u", Set.of(), null));
    }

    private static CloudModel withFirstHost(String arch, String version) throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.sample("teaching-small"));
        List<ComputeHost> hosts = new ArrayList<>(m.hosts());
        hosts.set(0, hosts.get(0).withHypervisor(arch, version));
        return m.withHosts(hosts);
    }

    private static Set<String> kept(Scheduler.Decision d) {
        Set<String> out = new java.util.TreeSet<>();
        d.ordered().forEach(h -> out.add(h.name()));
        return out;
    }

    @Test
    void anX8664KvmHostAlsoRunsI686Guests() throws Exception {
        CloudModel m = withFirstHost(null, null);
        Scheduler.Decision all = decide(m, Map.of());
        assertThat(kept(decide(m, Map.of("hw_architecture", "i686")))).isEqualTo(kept(all));
        assertThat(kept(decide(m, Map.of("hw_architecture", "i386", "img_hv_type", "kvm")))).isEqualTo(kept(all));
        assertThat(decide(m, Map.of("hw_architecture", "aarch64")).ordered()).isEmpty();
    }

    @Test
    void onlyTheAarch64HostTakesAnAarch64Image() throws Exception {
        CloudModel m = withFirstHost("aarch64", null);
        assertThat(kept(decide(m, Map.of("hw_architecture", "aarch64")))).containsExactly(m.hosts().get(0).hostname());
        assertThat(kept(decide(m, Map.of("hw_architecture", "x86_64")))).doesNotContain(m.hosts().get(0).hostname());
    }

    @Test
    void theRequestedHypervisorVersionIsADistutilsPredicate() throws Exception {
        CloudModel m = withFirstHost(null, "8.1.0");
        String first = m.hosts().get(0).hostname();
        assertThat(kept(decide(m, Map.of("hw_architecture", "x86_64", "img_hv_requested_version", ">= 8.0"))))
                .containsExactly(first);
        assertThat(kept(decide(m, Map.of("img_hv_type", "kvm", "img_hv_requested_version", ">= 7.0, < 8.0"))))
                .doesNotContain(first).isNotEmpty();
        // without an architecture, hypervisor type or VM mode the version is not checked at all
        assertThat(kept(decide(m, Map.of("img_hv_requested_version", "< 1.0")))).contains(first);
    }

    @Test
    void dropReasonsNameWhatTheHostAdvertises() throws Exception {
        CloudModel m = withFirstHost(null, null);
        Scheduler.Decision d = decide(m, Map.of("hw_architecture", "s390x"));
        String why = d.filters().get(0).dropped().values().iterator().next();
        assertThat(why).contains("s390x").contains("x86_64/kvm/hvm").contains("i686/kvm/hvm");
    }
}
