package dev.placementstudio.serve;

import dev.placementstudio.TestFiles;
import dev.placementstudio.cli.CliRunner;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.PlacementState;
import dev.placementstudio.model.Projection;
import dev.placementstudio.placement.PlacementEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** import-placement --from URL, against our own server: the same queries give the same candidates. */
class ImportFromUrlTest {
    @Test
    void aLivePlacementBecomesAModelWithTheSameCandidates(@TempDir Path dir) throws Exception {
        PlacementState original = Projection.project(ModelFiles.open(TestFiles.sample("nfv-sriov-numa")));
        PlacementEngine live = PlacementEngine.fromState(original);
        PlacementServer server = new PlacementServer(live, null).start("127.0.0.1", 0);
        try {
            Path out = dir.resolve("imported.json");
            CliRunner.Result r = CliRunner.run("import-placement", "--from", "http://127.0.0.1:" + server.port(), "--out",
                    out.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            PlacementEngine imported = PlacementEngine.fromState(Projection.project(ModelFiles.open(out)));
            assertThat(imported.providers()).hasSameSizeAs(live.providers());
            assertThat(imported.consumers()).hasSameSizeAs(live.consumers());
            for (String q : List.of("resources=VCPU:1,MEMORY_MB:512", "resources=PCPU:2&resources1=SRIOV_NET_VF:1&required1=CUSTOM_VNIC_TYPE_DIRECT",
                    "resources=DISK_GB:10&required=!HW_CPU_X86_AVX2")) {
                String a = live.allocationCandidates(q).toJsonString();
                String b = imported.allocationCandidates(q).toJsonString();
                assertThat(b).as(q).isEqualTo(a);
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void unreachableRefusedAndForeignEndpointsAreClearErrors(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("m.json");
        CliRunner.Result unreachable = CliRunner.run("import-placement", "--from", "http://127.0.0.1:1", "--out", out.toString());
        assertThat(unreachable.exitCode()).isEqualTo(2);
        assertThat(unreachable.err()).contains("cannot reach");
        PlacementServer guarded = new PlacementServer(PlacementEngine.empty(), "s3cret").start("127.0.0.1", 0);
        try {
            CliRunner.Result refused = CliRunner.run("import-placement", "--from", "http://127.0.0.1:" + guarded.port(),
                    "--token", "wrong", "--out", out.toString());
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.err()).contains("token was refused");
        } finally {
            guarded.stop();
        }
        com.sun.net.httpserver.HttpServer other = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", ex -> {
            byte[] html = "<html>hello</html>".getBytes();
            ex.sendResponseHeaders(200, html.length);
            ex.getResponseBody().write(html);
            ex.close();
        });
        other.start();
        try {
            CliRunner.Result foreign = CliRunner.run("import-placement", "--from", "http://127.0.0.1:" + other.getAddress().getPort(),
                    "--out", out.toString());
            assertThat(foreign.exitCode()).isEqualTo(2);
            assertThat(foreign.err()).contains("Placement endpoint");
        } finally {
            other.stop(0);
        }
        assertThat(out.toFile()).doesNotExist();
    }
}
