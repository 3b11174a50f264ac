package dev.placementstudio.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placementstudio.TestFiles;
import dev.placementstudio.io.ModelJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad model file gets {@code file:line:col: message} (or the JSON path), exit code 2, no
 * stack trace, and no output file.
 */
class BadInputTest {
    @TempDir
    Path dir;

    private Path teachingSmallWith(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode root = (ObjectNode) ModelJson.mapper().readTree(TestFiles.sample("teaching-small").toFile());
        edit.accept(root);
        Path f = dir.resolve("bad.json");
        Files.writeString(f, ModelJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return f;
    }

    private static ObjectNode host(ObjectNode root, int i) {
        return (ObjectNode) root.get("hosts").get(i);
    }

    /** Runs convert (which validates) and checks the contract; returns stderr. */
    private String rejects(Path bad) {
        Path out = dir.resolve("out.json");
        CliRunner.Result r = CliRunner.run("convert", bad.toString(), out.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith(bad.toString() + ":").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out).doesNotExist();
        CliRunner.Result v = CliRunner.run("validate", bad.toString());
        assertThat(v.exitCode()).isEqualTo(2);
        assertThat(v.err()).isEqualTo(r.err());
        return r.err();
    }

    private static void assertLineCol(String err, String file, int line) {
        assertThat(err).as(err).startsWith(file + ":" + line + ":");
    }

    @Test
    void brokenJson() throws Exception {
        Path f = dir.resolve("broken.json");
        Files.writeString(f, "{\n  \"schemaVersion\": 1,\n  \"name\": \"x\",\n  \"cells\": [ {\"name\": \"c1\" ]\n}\n");
        String err = rejects(f);
        assertLineCol(err, f.toString(), 4);
        assertThat(err).contains("broken JSON");
    }

    @Test
    void emptyFile() throws Exception {
        Path f = dir.resolve("empty.json");
        Files.writeString(f, "");
        assertThat(rejects(f)).contains("empty");
    }

    @Test
    void wrongType() throws Exception {
        Path f = teachingSmallWith(r -> ((ObjectNode) host(r, 2).get("numaNodes").get(1)).put("cpus", "twelve"));
        String err = rejects(f);
        assertThat(err).contains("hosts[2].numaNodes[1].cpus").contains("whole number");
        assertThat(err).matches("(?s)" + java.util.regex.Pattern.quote(f.toString()) + ":\\d+:\\d+: .*");
    }

    @Test
    void unknownField() throws Exception {
        Path f = teachingSmallWith(r -> host(r, 0).put("cpuz", 4));
        String err = rejects(f);
        assertThat(err).contains("hosts[0]").contains("unknown field 'cpuz'");
    }

    @Test
    void danglingCellReference() throws Exception {
        Path f = teachingSmallWith(r -> host(r, 3).put("cell", "cell9"));
        String err = rejects(f);
        assertThat(err).contains("hosts[3].cell").contains("no cell named 'cell9'");
        String text = Files.readString(f);
        int line = text.substring(0, text.indexOf("\"cell9\"")).split("\n", -1).length;
        assertLineCol(err, f.toString(), line);
    }

    @Test
    void negativeCpus() throws Exception {
        Path f = teachingSmallWith(r -> ((ObjectNode) host(r, 0).get("numaNodes").get(0)).put("cpus", -4));
        assertThat(rejects(f)).contains("hosts[0].numaNodes[0].cpus").contains("cannot be negative");
    }

    @Test
    void portNeedsAVfOnAHostWithoutThatNic() throws Exception {
        Path f = teachingSmallWith(r -> ((ArrayNode) ((ObjectNode) r.get("instances").get(0)).putArray("ports")).add("sriov-a"));
        assertThat(rejects(f)).contains("instances[0].ports[0]").contains("no NIC on that physnet");
    }

    @Test
    void unknownTrait() throws Exception {
        Path f = teachingSmallWith(r -> ((ArrayNode) host(r, 1).get("cpuTraits")).add("HW_CPU_X86_AVX9000"));
        assertThat(rejects(f)).contains("hosts[1].cpuTraits[3]").contains("unknown trait 'HW_CPU_X86_AVX9000'");
    }

    @Test
    void unknownFlavor() throws Exception {
        Path f = teachingSmallWith(r -> ((ObjectNode) r.get("instances").get(1)).put("flavor", "m9.huge"));
        assertThat(rejects(f)).contains("instances[1].flavor").contains("no flavor named 'm9.huge'");
    }

    @Test
    void duplicateHostname() throws Exception {
        Path f = teachingSmallWith(r -> host(r, 1).put("hostname", "cn-1"));
        assertThat(rejects(f)).contains("hosts[1].hostname").contains("duplicate host name 'cn-1'");
    }

    @Test
    void newerSchemaVersion() throws Exception {
        Path f = teachingSmallWith(r -> r.put("schemaVersion", 99));
        assertThat(rejects(f)).contains("made by a newer Placement Studio (schema 99, this build reads up to 1)");
    }

    @Test
    void deviceOnAMissingNumaNode() throws Exception {
        Path f = teachingSmallWith(r -> ((ObjectNode) host(r, 3).get("gpus").get(0)).put("numaNode", 7));
        assertThat(rejects(f)).contains("hosts[3].gpus[0].numaNode").contains("no NUMA node 7");
    }

    @Test
    void instanceThatDoesNotFit() throws Exception {
        Path f = teachingSmallWith(r -> ((ObjectNode) r.get("instances").get(0)).put("flavor", "bm.gold")
                .put("host", "cn-7").put("cell", "cell2"));
        assertThat(rejects(f)).contains("does not fit").contains("cn-7");
    }

    @Test
    void impossibleFlavor() throws Exception {
        Path f = teachingSmallWith(r -> ((ObjectNode) r.get("flavors").get(0)).put("ramMb", -512));
        assertThat(rejects(f)).contains("flavors[0].ramMb").contains("cannot be negative");
    }

    @Test
    void unknownEnumValue() throws Exception {
        Path f = teachingSmallWith(r -> ((ObjectNode) r.get("serverGroups").get(0)).put("policy", "anti-afinity"));
        assertThat(rejects(f)).contains("serverGroups[0].policy").contains("anti-affinity");
    }

    @Test
    void sharedStorageOutsideItsAggregate() throws Exception {
        Path f = teachingSmallWith(r -> ((ArrayNode) host(r, 4).get("aggregates")).remove(1));
        assertThat(rejects(f)).contains("hosts[4].sharedStorage").contains("would not share it");
    }

    @Test
    void aDumpGivenAsAModel() throws Exception {
        Path f = dir.resolve("dump.json");
        Files.writeString(f, "{\"resource_providers\": []}");
        assertThat(rejects(f)).contains("Placement dump").contains("import-placement");
    }

    @Test
    void missingFileAndUnknownExtension() throws Exception {
        CliRunner.Result r = CliRunner.run("validate", dir.resolve("nope.json").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no such file");
        Path txt = dir.resolve("model.txt");
        Files.writeString(txt, "{}");
        r = CliRunner.run("validate", txt.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown model file type");
    }

    @Test
    void brokenDumpIsLocated() throws Exception {
        Path f = dir.resolve("dump.json");
        Files.writeString(f, "{\"resource_providers\": [\n {\"uuid\": \"a\", \"name\": \"x\",\n  \"inventories\": {\"VCPU\": {\"total\": 0}}}]}");
        CliRunner.Result r = CliRunner.run("import-placement", f.toString(), "--out", dir.resolve("m.json").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith(f + ":3:").contains("inventories.VCPU.total").contains("at least 1");
        assertThat(dir.resolve("m.json")).doesNotExist();
    }

    @Test
    void badArgumentsExitTwoWithUsageHint() {
        CliRunner.Result r = CliRunner.run("generate", "--hosts", "ten", "--seed", "1", "--out", "x.json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--hosts").contains("--help");
    }
}
