package dev.placementstudio.nova;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placementstudio.TestFiles;
import dev.placementstudio.model.FilterOptions;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.Image;
import dev.placementstudio.scheduler.RequestFilters;
import dev.placementstudio.scheduler.RequestSpec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nova 26's own request filters (require_image_type_support, compute_status_filter,
 * transform_image_metadata, accelerators_filter, run by src/test/resources/nova-oracle/request_filters_batch.py)
 * against {@link RequestFilters} on 400 generated images, disk formats and options: the same root traits.
 * Skipped where Nova is not installed.
 */
class RequestFilterDifferentialTest {
    private static final Map<String, List<String>> VALUES = Map.of(
            "hw_disk_bus", List.of("virtio", "scsi", "ide", "sata", "usb", "fdc", "xen", "lxc", "uml"),
            "hw_cdrom_bus", List.of("ide", "sata", "scsi", "usb"),
            "hw_video_model", List.of("virtio", "qxl", "vga", "cirrus", "bochs", "gop", "none", "xen"),
            "hw_vif_model", List.of("virtio", "e1000", "e1000e", "rtl8139", "ne2k_pci", "pcnet", "vmxnet3", "lan9118"),
            "hw_architecture", List.of("x86_64", "aarch64", "i686", "ppc64le", "s390x", "armv7l", "mips"),
            "hw_emulation_architecture", List.of("aarch64", "x86_64", "ppc64le", "s390x"),
            "hw_viommu_model", List.of("intel", "virtio", "smmuv3", "auto"));
    private static final List<String> FORMATS = List.of("qcow2", "raw", "iso", "vmdk", "ami", "ploop", "vhdx", "vdi",
            "aki", "bogus");

    @Test
    void nova26sRequestFiltersAddTheRootTraitsWeAdd() throws Exception {
        HostStatesOracle.assumeAvailable();
        SplittableRandom r = new SplittableRandom(21);
        ArrayNode cases = HostStatesOracle.JSON.createArrayNode();
        for (int i = 0; i < 400; i++) {
            ObjectNode c = cases.addObject().put("imageType", r.nextBoolean()).put("imageMeta", r.nextInt(4) != 0)
                    .put("disk_format", FORMATS.get(r.nextInt(FORMATS.size())));
            ObjectNode extra = c.putObject("extra");
            if (r.nextInt(4) == 0) {
                extra.put("accel:device_profile", "fpga");
            }
            ObjectNode props = c.putObject("props");
            for (var e : new TreeMap<>(VALUES).entrySet()) {
                if (r.nextInt(3) == 0) {
                    props.put(e.getKey(), e.getValue().get(r.nextInt(e.getValue().size())));
                }
            }
        }
        Path in = Files.createTempFile("request-filters", ".json");
        try {
            HostStatesOracle.JSON.writeValue(in.toFile(), cases);
            Path script = TestFiles.root().resolve("src/test/resources/nova-oracle/request_filters_batch.py");
            Process p = new ProcessBuilder(HostStatesOracle.PYTHON.toString(), script.toString(), in.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
            JsonNode answers = HostStatesOracle.JSON.readTree(new String(out, StandardCharsets.UTF_8));
            assertThat(answers.size()).isEqualTo(cases.size());
            List<String> diffs = new ArrayList<>();
            int withTraits = 0;
            for (int i = 0; i < cases.size(); i++) {
                JsonNode c = cases.get(i);
                JsonNode a = answers.get(i);
                Map<String, String> props = new TreeMap<>();
                a.get("props").fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
                props.put("disk_format", c.get("disk_format").asText());
                Map<String, String> extra = new TreeMap<>();
                c.get("extra").fields().forEachRemaining(e -> extra.put(e.getKey(), e.getValue().asText()));
                RequestSpec spec = new RequestSpec("u", "vm", new Flavor("f", 1, 512, 1, extra), new Image("i", props),
                        List.of(), null, null, null, null, Map.of(), "p", "u", null, null);
                FilterOptions o = FilterOptions.NOVA_DEFAULTS.withRequestFilters(false, false, true,
                        c.get("imageType").asBoolean(), false, c.get("imageMeta").asBoolean());
                RequestFilters.Result ours = RequestFilters.apply(spec, o, List.of(), null);
                TreeSet<String> novaReq = new TreeSet<>();
                a.get("required").forEach(t -> novaReq.add(t.asText()));
                TreeSet<String> novaForb = new TreeSet<>();
                a.get("forbidden").forEach(t -> novaForb.add(t.asText()));
                if (!novaReq.equals(new TreeSet<>(ours.rootRequired()))
                        || !novaForb.equals(new TreeSet<>(ours.rootForbidden()))) {
                    diffs.add(c + ": Nova " + novaReq + " !" + novaForb + ", ours " + ours.rootRequired() + " !"
                            + ours.rootForbidden());
                }
                withTraits += novaReq.size() > 1 ? 1 : 0;
            }
            assertThat(diffs).as("cases where Nova's request filters add other root traits").isEmpty();
            assertThat(withTraits).as("cases with several root traits").isGreaterThan(50);
        } finally {
            Files.deleteIfExists(in);
        }
    }
}
