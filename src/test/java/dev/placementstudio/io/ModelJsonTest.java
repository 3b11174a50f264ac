package dev.placementstudio.io;

import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.TestFiles;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.InstanceState;
import dev.placementstudio.model.ServerGroupPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ModelJsonTest {
    static final String[] SAMPLES = {"teaching-small", "nfv-sriov-numa", "accelerators-cyborg", "baremetal-ironic",
            "shared-storage", "multi-cell-large"};

    @Test
    void atLeastSixSamplesShipEachWithADescription() throws Exception {
        try (Stream<Path> files = Files.list(TestFiles.root().resolve("sample-clouds"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".json")).count()).isGreaterThanOrEqualTo(6);
        }
        for (String s : SAMPLES) {
            CloudModel m = ModelJson.read(TestFiles.sample(s));
            assertThat(m.description()).as(s).isNotBlank().doesNotContain("\n");
            assertThat(m.name()).isEqualTo(s);
            assertThat(m.flavors()).extracting(f -> f.name())
                    .contains("m1.tiny", "m1.small", "m1.medium", "m1.large", "m1.xlarge");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"teaching-small", "nfv-sriov-numa", "accelerators-cyborg", "baremetal-ironic",
            "shared-storage", "multi-cell-large"})
    void samplesRoundTripThroughJson(String sample) throws Exception {
        CloudModel m = ModelJson.read(TestFiles.sample(sample));
        byte[] once = ModelJson.toBytes(m, true);
        CloudModel again = ModelJson.parse("again", new String(once, StandardCharsets.UTF_8));
        assertThat(again).isEqualTo(m);
        assertThat(ModelJson.toBytes(again, true)).isEqualTo(once);
        CloudModel compact = ModelJson.parse("compact", new String(ModelJson.toBytes(m, false), StandardCharsets.UTF_8));
        assertThat(compact).isEqualTo(m);
    }

    @Test
    void teachingSmallHasTwoCellsAndOneOfEachKindOfDevice() throws Exception {
        CloudModel m = ModelJson.read(TestFiles.sample("teaching-small"));
        assertThat(m.cells()).hasSize(2);
        assertThat(m.hosts().size()).isBetween(6, 10);
        assertThat(m.hosts()).anyMatch(h -> !h.pfs().isEmpty());
        assertThat(m.hosts()).anyMatch(h -> !h.gpus().isEmpty());
        assertThat(m.hosts()).anyMatch(h -> !h.accelerators().isEmpty());
        assertThat(m.hosts()).anyMatch(h -> h.numaInPlacement());
        assertThat(m.hosts()).anyMatch(h -> h.usesSharedStorage());
        assertThat(m.baremetalNodes()).isNotEmpty();
        assertThat(m.serverGroups()).extracting(g -> g.policy()).contains(ServerGroupPolicy.ANTI_AFFINITY);
        assertThat(m.instances()).allMatch(i -> i.state() == InstanceState.ACTIVE);
        assertThat(m.migrations()).isNotEmpty();
    }

    @Test
    void enumsAreWrittenInLowerCaseWithHyphens() throws Exception {
        CloudModel m = ModelJson.read(TestFiles.sample("teaching-small"));
        String json = new String(ModelJson.toBytes(m, true), StandardCharsets.UTF_8);
        assertThat(json).contains("\"anti-affinity\"").contains("\"vgpu\"").doesNotContain("ANTI_AFFINITY");
    }

    @Test
    void multiCellLargeIsLarge() throws Exception {
        CloudModel m = ModelJson.read(TestFiles.sample("multi-cell-large"));
        assertThat(m.hosts().size()).isGreaterThanOrEqualTo(3000);
        assertThat(m.cells().size()).isGreaterThanOrEqualTo(4);
        assertThat(m.instances()).isNotEmpty();
    }

    @Test
    void saveIsAtomicAndKeepsNoTemporaryFiles(@TempDir Path dir) throws Exception {
        CloudModel m = ModelJson.read(TestFiles.sample("teaching-small"));
        Path out = dir.resolve("m.json");
        ModelFiles.save(m, out, true);
        ModelFiles.save(m.withName("renamed", "d"), out, true);
        assertThat(ModelFiles.open(out).name()).isEqualTo("renamed");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("m.json");
        }
    }

    /** Found by DbFuzzTest (a NULL flavor_extra_spec.value); JSON's null crashed validation the same way (exit 70). */
    @Test
    void aNullExtraSpecIsNamedNotCrashed(@TempDir Path dir) throws Exception {
        String text = Files.readString(dev.placementstudio.TestFiles.sample("teaching-small"))
                .replace("\"hw:cpu_policy\": \"dedicated\"", "\"hw:cpu_policy\": null");
        assertThat(text).contains("\"hw:cpu_policy\": null");
        Path f = Files.writeString(dir.resolve("m.json"), text);
        InputProblemException e = org.assertj.core.api.Assertions.catchThrowableOfType(() -> ModelFiles.open(f),
                InputProblemException.class);
        assertThat(e).isNotNull();
        assertThat(e.path()).endsWith(".extraSpecs.hw:cpu_policy");
        assertThat(e.getMessage()).startsWith(f + ":").contains("not null");
    }
}
