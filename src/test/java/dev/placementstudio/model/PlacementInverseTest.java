package dev.placementstudio.model;

import dev.placementstudio.TestFiles;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.PlacementState.ConsumerRecord;
import dev.placementstudio.model.PlacementState.InventoryRecord;
import dev.placementstudio.model.PlacementState.ResourceProviderRecord;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inverse of the projection: project(import(project(model))) is project(model), on every sample
 * cloud and on generated ones, from a dump alone and with Nova's facts beside it.
 */
class PlacementInverseTest {
    /** Placement's view of a state, compared here independently of the code under test. */
    static Map<String, String> canonical(PlacementState s) {
        Map<String, String> out = new TreeMap<>();
        for (ResourceProviderRecord rp : s.resourceProviders()) {
            out.put("rp " + rp.uuid(), rp.name() + " parent=" + rp.parentProviderUuid() + " inv="
                    + new TreeMap<>(rp.inventories()) + " traits=" + new TreeSet<>(rp.traits()) + " aggs="
                    + new TreeSet<>(rp.aggregates()));
        }
        s.allocations().forEach((uuid, c) -> {
            Map<String, Map<String, Long>> a = new TreeMap<>();
            c.allocations().forEach((rp, res) -> a.put(rp, new TreeMap<>(res)));
            out.put("consumer " + uuid, a + " " + c.projectId() + " " + c.userId() + " " + c.consumerType());
        });
        return out;
    }

    private static PlacementInverse.Result roundTrip(CloudModel m, CloudFacts facts) throws InvalidModelException {
        PlacementState original = Projection.project(m);
        PlacementInverse.Result r = PlacementInverse.toModel(original, facts, "imported", "");
        assertThat(ModelValidator.validate(r.model())).isEmpty();
        assertThat(canonical(Projection.project(r.model()))).isEqualTo(canonical(original));
        return r;
    }

    @ParameterizedTest
    @ValueSource(strings = {"teaching-small", "nfv-sriov-numa", "accelerators-cyborg", "baremetal-ironic",
            "shared-storage", "multi-cell-large"})
    void everySampleCloudComesBackTheSame(String sample) throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.sample(sample));
        PlacementInverse.Result fromDump = roundTrip(m, CloudFacts.NONE);
        // every provider of a sample is one the model knows: nothing stays raw
        assertThat(fromDump.report().counts().get("raw providers")).isZero();
        assertThat(fromDump.model().hosts()).hasSameSizeAs(m.hosts());
        assertThat(fromDump.model().baremetalNodes()).hasSameSizeAs(m.baremetalNodes());
        assertThat(fromDump.model().sharedStorage()).hasSameSizeAs(m.sharedStorage());

        PlacementInverse.Result withFacts = roundTrip(m, CloudFacts.fromModel(m));
        assertThat(withFacts.report().raw()).isEmpty();
        CloudModel back = withFacts.model();
        assertThat(back.instances()).extracting(Instance::name)
                .containsExactlyInAnyOrderElementsOf(m.instances().stream().map(Instance::name).toList());
        Map<String, Instance> byName = CloudModel.byName(back.instances(), Instance::name);
        for (Instance i : m.instances()) {
            Instance j = byName.get(i.name());
            assertThat(j.host()).as(i.name()).isEqualTo(i.host());
            assertThat(j.flavor()).as(i.name()).isEqualTo(i.flavor());
            assertThat(j.serverGroup()).as(i.name()).isEqualTo(i.serverGroup());
        }
        assertThat(back.migrations()).hasSize((int) m.migrations().stream().filter(Migration::holdsSource).count());
        for (ComputeHost h : m.hosts()) {
            ComputeHost g = back.host(h.hostname()).orElseThrow();
            assertThat(g.cell()).isEqualTo(h.cell());
            assertThat(g.totalCpus()).isEqualTo(h.totalCpus());
            assertThat(g.totalMemoryMb()).isEqualTo(h.totalMemoryMb());
            assertThat(g.pfs()).hasSameSizeAs(h.pfs());
            assertThat(g.gpus()).hasSameSizeAs(h.gpus());
            assertThat(g.accelerators()).hasSameSizeAs(h.accelerators());
            assertThat(g.numaInPlacement()).isEqualTo(h.numaInPlacement());
        }
    }

    @Provide
    Arbitrary<CloudGenerator.Options> clouds() {
        return Combinators.combine(Arbitraries.integers().between(0, 30), Arbitraries.integers().between(1, 3),
                Arbitraries.doubles().between(0, 1), Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(0, 5), Arbitraries.of(true, false),
                Arbitraries.doubles().between(0, 0.95)).as((h, c, numa, sriov, gpu, ironic, shared, fill) ->
                new CloudGenerator.Options(h, c, numa, sriov, gpu, ironic, shared, fill, h * 31L + c + ironic));
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.MIXIN)
    void generatedCloudsComeBackTheSame(@ForAll("clouds") CloudGenerator.Options o, @ForAll long seed) throws Exception {
        CloudGenerator.Options seeded = new CloudGenerator.Options(o.hosts(), o.cells(), o.numaFraction(),
                o.sriovFraction(), o.gpuFraction(), o.ironic(), o.sharedStorage(), o.fill(), seed);
        CloudModel m = CloudGenerator.generate(seeded);
        PlacementInverse.Result r = roundTrip(m, CloudFacts.NONE);
        assertThat(r.report().raw()).isEmpty();
        assertThat(r.model().hosts()).hasSameSizeAs(m.hosts());
        long placed = m.instances().stream().filter(i -> i.host() != null).count();
        assertThat(r.model().instances()).hasSize((int) placed);
        roundTrip(m, CloudFacts.fromModel(m));
    }

    // -- what stays raw, and why --

    private static ResourceProviderRecord rp(String name, String parent, Map<String, InventoryRecord> inv, List<String> traits) {
        return new ResourceProviderRecord(Ids.uuidFor("provider", name), name, parent == null ? null
                : Ids.uuidFor("provider", parent), inv, traits, List.of());
    }

    @Test
    void whatFitsNoShapeStaysRawWithItsReasonAndComesBackTheSame() throws Exception {
        ResourceProviderRecord host = rp("cn-x", null, Map.of("VCPU", new InventoryRecord(8, 0, 1, 8, 1, 4.0),
                "MEMORY_MB", new InventoryRecord(16384, 512, 1, 16384, 1, 1.0)), List.of("COMPUTE_NODE"));
        // a Neutron-style child the model does not name this way
        ResourceProviderRecord nic = new ResourceProviderRecord("11111111-2222-4333-8444-555555555555",
                "cn-x:NIC Switch agent", host.uuid(), Map.of("NET_BW_EGR_KILOBIT_PER_SEC", InventoryRecord.of(1000)),
                List.of("CUSTOM_PHYSNET_PHYSNET0"), List.of());
        ResourceProviderRecord odd = rp("odd-root", null, Map.of("CUSTOM_MAGIC", InventoryRecord.of(5)), List.of());
        // one instance on the host and the odd child, one on the odd root only
        Map<String, ConsumerRecord> consumers = new TreeMap<>();
        consumers.put("aaaaaaaa-0000-4000-8000-000000000001", new ConsumerRecord(Map.of(host.uuid(),
                Map.of("VCPU", 2L, "MEMORY_MB", 1024L), nic.uuid(), Map.of("NET_BW_EGR_KILOBIT_PER_SEC", 100L)),
                "p", "u", "INSTANCE"));
        consumers.put("aaaaaaaa-0000-4000-8000-000000000002", new ConsumerRecord(Map.of(odd.uuid(),
                Map.of("CUSTOM_MAGIC", 1L)), "p", "u", "INSTANCE"));
        PlacementState s = new PlacementState(List.of(host, nic, odd), consumers, Map.of());
        PlacementInverse.Result r = PlacementInverse.toModel(s, "t", "");
        CloudModel m = r.model();
        assertThat(m.hosts()).extracting(ComputeHost::hostname).containsExactly("cn-x");
        assertThat(m.hosts().get(0).allocationRatios().cpu()).isEqualTo(4.0);
        assertThat(m.hosts().get(0).reserved().memoryMb()).isEqualTo(512L);
        assertThat(r.report().raw()).extracting(ImportReport.Entry::name).contains("cn-x:NIC Switch agent", "odd-root");
        assertThat(r.report().raw()).filteredOn(e -> "odd-root".equals(e.name())).first()
                .extracting(ImportReport.Entry::reason).asString().contains("neither a compute node");
        assertThat(m.instances()).extracting(Instance::uuid).containsExactly("aaaaaaaa-0000-4000-8000-000000000001");
        assertThat(m.instances().get(0).flavor()).isEqualTo("auto-2vcpu-1024mb");
        assertThat(m.rawPlacement().allocations()).containsOnlyKeys("aaaaaaaa-0000-4000-8000-000000000002");
        assertThat(ModelValidator.validate(m)).isEmpty();
        assertThat(canonical(Projection.project(m))).isEqualTo(canonical(s));
        assertThat(String.join("\n", r.report().lines())).contains("kept raw: 3", "auto-2vcpu-1024mb");
    }

    @Test
    void aConsumerOverCapacityStaysRawInsteadOfMakingAnInvalidModel() {
        ResourceProviderRecord host = rp("cn-y", null, Map.of("VCPU", new InventoryRecord(2, 0, 1, 2, 1, 1.0),
                "MEMORY_MB", new InventoryRecord(4096, 0, 1, 4096, 1, 1.0)), List.of("COMPUTE_NODE"));
        Map<String, ConsumerRecord> consumers = new TreeMap<>();
        for (int i = 1; i <= 3; i++) {
            consumers.put("bbbbbbbb-0000-4000-8000-00000000000" + i,
                    new ConsumerRecord(Map.of(host.uuid(), Map.of("VCPU", 1L, "MEMORY_MB", 1024L)), "p", "u", "INSTANCE"));
        }
        PlacementInverse.Result r = PlacementInverse.toModel(new PlacementState(List.of(host), consumers, Map.of()), "t", "");
        assertThat(r.model().instances()).hasSize(2);
        assertThat(r.report().raw()).singleElement().extracting(ImportReport.Entry::reason).asString()
                .contains("over the inventory's capacity");
        assertThat(ModelValidator.validate(r.model())).isEmpty();
    }

    @Test
    void aMigrationIsLinkedFromNovasFactsAndAnInstanceKeepsItsOldFlavorOnTheSource() throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.sample("teaching-small"));
        PlacementInverse.Result r = roundTrip(m, CloudFacts.fromModel(m));
        Migration mig = r.model().migrations().get(0);
        Migration orig = m.migrations().get(0);
        assertThat(List.of(mig.instance(), mig.source(), mig.destination(), String.valueOf(mig.newFlavor())))
                .containsExactly(orig.instance(), orig.source(), orig.destination(), orig.newFlavor());
    }

    @Test
    void aNovaFlavorTheModelCannotHoldIsLeftOutWithANoteAndTheRestComesIn() throws Exception {
        CloudModel m = ModelFiles.open(TestFiles.sample("nfv-sriov-numa"));
        CloudFacts f = CloudFacts.fromModel(m);
        List<Flavor> flavors = new java.util.ArrayList<>(f.flavors());
        flavors.add(new Flavor("weird", 1, 512, 1, Map.of("trait:lower_case_trait", "required")));
        CloudFacts withWeird = new CloudFacts(f.cells(), f.hosts(), f.aggregates(), flavors, f.serverGroups(),
                f.servers(), f.migrations(), f.images(), f.deviceProfiles());
        PlacementInverse.Result r = roundTrip(m, withWeird);
        assertThat(r.model().flavors()).extracting(Flavor::name).doesNotContain("weird")
                .containsAll(m.flavors().stream().map(Flavor::name).toList());
        assertThat(r.model().hosts()).hasSameSizeAs(m.hosts());
        assertThat(r.report().notes()).anyMatch(n -> n.startsWith("flavor weird left out") && n.contains("unknown trait"));
    }
}
