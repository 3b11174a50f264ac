package dev.placementstudio.app;

import com.sun.net.httpserver.HttpServer;
import dev.placementstudio.TestFiles;
import dev.placementstudio.app.importer.ConnectionForm;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.Projection;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.serve.PlacementServer;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * File → Import from a running cloud… against a fake cloud on loopback: our own {@code serve} as Placement
 * (holding a sample's projection) and a tiny Nova that lists nothing, reached with a token (noauth). The
 * dialog's Import starts a job, the model opens (tree, diagram) and the report dialog appears; Refresh
 * after an edit shows the host the cloud still has, and Keep is an undoable edit. Bad endpoint: one line.
 */
@ExtendWith(ApplicationExtension.class)
class CloudImportUiTest {
    private static final int PLACEMENT = 19451;
    private static final int NOVA = 19452;
    private static final int CLOSED = 19459;
    private StudioApp app;
    private PlacementServer placement;
    private HttpServer nova;
    private final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean hold;

    @Start
    void start(Stage stage) {
        System.setProperty("user.home", System.getProperty("java.io.tmpdir") + "/ps-import-home");
        app = new StudioApp();
        app.start(stage);
    }

    @AfterEach
    void stop() {
        app.stop();
        if (placement != null) {
            placement.stop();
        }
        release.countDown();
        if (nova != null) {
            nova.stop(0);
        }
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private CloudModel startCloud() throws Exception {
        CloudModel sample = ModelFiles.open(TestFiles.sample("teaching-small"));
        placement = new PlacementServer(PlacementEngine.fromState(Projection.project(sample)), null).start("127.0.0.1", PLACEMENT);
        nova = HttpServer.create(new InetSocketAddress("127.0.0.1", NOVA), 0);
        nova.createContext("/v2.1", ex -> {
            if (hold) { // a slow cloud: answers only when the test lets it
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String p = ex.getRequestURI().getPath();
            String key = p.endsWith("os-services") ? "services" : p.endsWith("os-hypervisors/detail") ? "hypervisors"
                    : p.endsWith("os-aggregates") ? "aggregates" : p.endsWith("flavors/detail") ? "flavors"
                    : p.endsWith("os-server-groups") ? "server_groups" : p.endsWith("servers/detail") ? "servers"
                    : p.endsWith("os-migrations") ? "migrations" : null;
            reply(ex, key == null ? 404 : 200, key == null ? "{}" : "{\"" + key + "\": []}");
        });
        nova.start();
        return sample;
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private void fillAndImport(FxRobot robot, int computePort) throws Exception {
        robot.interact(() -> app.cloudImport().showDialog());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> app.cloudImport().dialog.isShowing()));
        robot.interact(() -> app.cloudImport().dialog.fill(new ConnectionForm(ConnectionForm.Auth.TOKEN, "", "", "", "",
                "", "Default", "Default", "", "", "admin", "http://127.0.0.1:" + computePort + "/v2.1",
                "http://127.0.0.1:" + PLACEMENT, "", "", "")));
        Button ok = onFx(() -> (Button) app.cloudImport().dialog.getDialogPane()
                .lookupButton(dev.placementstudio.app.importer.ImportDialog.IMPORT));
        robot.clickOn(ok);
    }

    @Test
    void importOpensTheModelShowsTheReportAndRefreshOffersWhatChanged(FxRobot robot) throws Exception {
        CloudModel sample = startCloud();
        fillAndImport(robot, NOVA);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> app.cloudImport().report != null
                && app.cloudImport().report.isShowing()));
        CloudModel m = onFx(() -> app.wb.model.get());
        assertThat(m.hosts()).hasSameSizeAs(sample.hosts());
        assertThat(m.instances()).hasSameSizeAs(sample.instances());
        assertThat(m.name()).isEqualTo("127.0.0.1");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> app.diagram.hostCount() == sample.hosts().size()));
        String text = onFx(() -> ((TextArea) app.cloudImport().report.getDialogPane().getContent()).getText());
        assertThat(text).isNotBlank();
        assertThat(onFx(() -> app.cloudImport().report.getHeaderText()))
                .contains(sample.hosts().size() + " hosts", "http://127.0.0.1:" + NOVA + "/v2.1");
        robot.interact(() -> app.cloudImport().report.close());

        // an edit the cloud does not know of: one host fewer; Refresh brings it back as "host added"
        String gone = m.hosts().get(0).hostname();
        robot.interact(() -> app.wb.apply("Remove " + gone, x -> x.withHosts(x.hosts().subList(1, x.hosts().size()))
                .withInstances(x.instances().stream().filter(i -> !gone.equals(i.host())).toList())));
        assertThat(onFx(() -> app.wb.model.get().hosts())).hasSize(sample.hosts().size() - 1);
        assertThat(onFx(() -> app.cloudImport().canRefresh())).isTrue();
        robot.interact(() -> app.cloudImport().refresh());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> app.cloudImport().diff != null
                && app.cloudImport().diff.isShowing()));
        @SuppressWarnings("unchecked")
        var items = onFx(() -> java.util.List.copyOf(((ListView<String>) app.cloudImport().diff.getDialogPane()
                .lookup("#refresh-changes")).getItems()));
        assertThat(items).contains("host " + gone + " added (cell " + m.hosts().get(0).cell() + ")");
        Button keep = onFx(() -> (Button) app.cloudImport().diff.getDialogPane().lookupButton(CloudImport.KEEP));
        robot.clickOn(keep);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> app.wb.model.get().hosts().size() == sample.hosts().size()));
        assertThat(onFx(() -> app.wb.undoLabel.get())).startsWith("Refresh from");
        robot.interact(() -> app.wb.undo());
        assertThat(onFx(() -> app.wb.model.get().hosts())).hasSize(sample.hosts().size() - 1);
    }

    @Test
    void anUnreachableComputeEndpointIsAOneLineErrorAndTheModelStays(FxRobot robot) throws Exception {
        startCloud();
        CloudModel before = onFx(() -> app.wb.model.get());
        fillAndImport(robot, CLOSED);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> robot.listWindows().stream()
                .anyMatch(w -> w.getScene() != null && w.getScene().getRoot() instanceof javafx.scene.control.DialogPane d
                        && "The cloud could not be imported".equals(d.getHeaderText()))));
        String msg = onFx(() -> robot.listWindows().stream().map(w -> w.getScene().getRoot())
                .filter(r -> r instanceof javafx.scene.control.DialogPane d && "The cloud could not be imported".equals(d.getHeaderText()))
                .map(r -> ((TextArea) ((javafx.scene.control.DialogPane) r).getContent()).getText()).findFirst().orElseThrow());
        assertThat(msg).contains("127.0.0.1:" + CLOSED).doesNotContain("Exception", "\n");
        assertThat(onFx(() -> app.wb.model.get())).isSameAs(before);
        assertThat(onFx(() -> app.cloudImport().canRefresh())).isFalse();
    }

    @Test
    void cancellingTheJobLeavesTheModelAsItWasAndShowsNoReport(FxRobot robot) throws Exception {
        startCloud();
        hold = true;
        CloudModel before = onFx(() -> app.wb.model.get());
        fillAndImport(robot, NOVA);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> app.wb.jobs.stream()
                .anyMatch(t -> t.getTitle().startsWith("Import from"))));
        assertThat(onFx(() -> app.wb.jobs.get(0).getMessage())).isNotBlank();
        robot.interact(() -> app.wb.jobs.get(0).cancel());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> app.wb.jobs.isEmpty()));
        release.countDown();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> app.wb.status.get())).startsWith("Cancelled");
        assertThat(onFx(() -> app.wb.model.get())).isSameAs(before);
        assertThat(onFx(() -> app.cloudImport().report)).isNull();
        assertThat(onFx(() -> app.cloudImport().canRefresh())).isFalse();
    }
}
