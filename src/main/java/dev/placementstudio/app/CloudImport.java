package dev.placementstudio.app;

import dev.placementstudio.app.importer.ConnectionForm;
import dev.placementstudio.app.importer.ImportDialog;
import dev.placementstudio.app.importer.ModelDiff;
import dev.placementstudio.io.openstack.OpenStackImport;
import dev.placementstudio.io.openstack.OpenStackOptions;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.PlacementInverse;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;

/**
 * File → Import from a running cloud… and File → Refresh from the cloud: the import runs as a cancellable
 * job of the workbench; the imported model opens like any other and the report shows in a dialog. The
 * connection (secrets included) is kept in memory for Refresh, for this session only, for the model it made.
 */
final class CloudImport {
    static final ButtonType KEEP = new ButtonType("Keep", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType DROP = new ButtonType("Drop", ButtonBar.ButtonData.CANCEL_CLOSE);

    private final Workbench wb;
    private final Window owner;
    private final java.util.prefs.Preferences prefs;
    private final BiConsumer<String, String> error;
    private final Runnable opened;
    /** The connection of the model it imported (by the model's name); never written anywhere. */
    private ConnectionForm source;
    private String sourceModel;
    ImportDialog dialog;
    Alert report;
    Alert diff;

    CloudImport(Workbench wb, Window owner, java.util.prefs.Preferences prefs, BiConsumer<String, String> error,
                Runnable opened) {
        this.wb = wb;
        this.owner = owner;
        this.prefs = prefs;
        this.error = error;
        this.opened = opened;
    }

    /** Opens the dialog (not modal-blocking: the FX thread goes on); Import starts the job. */
    void showDialog() {
        dialog = new ImportDialog(owner, source, prefs);
        dialog.setOnHidden(e -> {
            ConnectionForm f = dialog.getResult();
            if (f != null) {
                importFrom(f);
            }
        });
        dialog.show();
    }

    /** Whether the open model came from a cloud this session, so Refresh knows where to go. */
    boolean canRefresh() {
        CloudModel m = wb.model.get();
        return source != null && m != null && m.name().equals(sourceModel);
    }

    void importFrom(ConnectionForm f) {
        wb.status.set("Importing from " + f.describe() + "…");
        wb.startJob("Import from " + f.describe(), progress -> read(f, progress), r -> {
            source = f;
            sourceModel = r.model().name();
            wb.show(r.model(), "Imported from " + f.describe() + ": " + r.model().hosts().size() + " hosts, "
                    + r.model().instances().size() + " instances");
            Platform.runLater(opened);
            showReport(f, r);
        }, e -> error.accept("The cloud could not be imported", oneLine(e)),
                () -> wb.status.set("Cancelled the import from " + f.describe()));
    }

    /** Re-imports the open model's cloud and shows what changed; Keep is one undoable edit. */
    void refresh() {
        if (!canRefresh()) {
            error.accept("Nothing to refresh", "The open model was not imported from a cloud in this session: "
                    + "use File → Import from a running cloud… first.");
            return;
        }
        ConnectionForm f = source;
        CloudModel before = wb.model.get();
        wb.startJob("Refresh from " + f.describe(), progress -> {
            PlacementInverse.Result r = read(f, progress);
            progress.update("Comparing with the open model…", 0, 0);
            return ModelDiff.diff(before, r.model());
        }, d -> showDiff(f, d), e -> error.accept("The cloud could not be refreshed", oneLine(e)),
                () -> wb.status.set("Cancelled the refresh: the model is as it was"));
    }

    /** Off the FX thread: clouds.yaml is read here too. Cancelling stops it at its next request. */
    private static PlacementInverse.Result read(ConnectionForm f, Workbench.Progress progress) throws Exception {
        progress.update("Connecting to " + f.describe() + "…", 0, 0);
        OpenStackOptions o = f.options(System.getenv());
        return OpenStackImport.read(o, Map.of(), 3, line -> {
            if (progress.cancelled()) {
                throw new CancellationException("cancelled");
            }
            progress.update(line, 0, 0);
        });
    }

    private void showReport(ConnectionForm f, PlacementInverse.Result r) {
        report = new Alert(Alert.AlertType.INFORMATION);
        report.initOwner(owner);
        report.setTitle("Import report");
        report.setHeaderText("Imported " + r.model().hosts().size() + " hosts and " + r.model().instances().size()
                + " instances from " + f.describe());
        TextArea t = new TextArea(String.join("\n", r.report().lines()));
        t.setId("import-report");
        t.setEditable(false);
        t.setPrefRowCount(14);
        t.setPrefColumnCount(70);
        report.getDialogPane().setContent(t);
        report.show();
    }

    private void showDiff(ConnectionForm f, ModelDiff.Diff d) {
        diff = new Alert(Alert.AlertType.CONFIRMATION, null, KEEP, DROP);
        diff.initOwner(owner);
        diff.setTitle("Refresh from the cloud");
        diff.setHeaderText(d.isEmpty() ? "The cloud is as the model says: no changes"
                : "What changed at " + f.describe() + ": " + d.summary());
        ListView<String> list = new ListView<>();
        list.setId("refresh-changes");
        d.changes().forEach(c -> list.getItems().add(c.text()));
        list.setPrefSize(640, 320);
        diff.getDialogPane().setContent(new VBox(8, list));
        if (d.isEmpty()) {
            diff.getDialogPane().lookupButton(KEEP).setDisable(true);
        }
        diff.setOnHidden(e -> {
            if (diff.getResult() == KEEP && !d.isEmpty()) {
                CloudModel now = d.keep();
                String refused = wb.apply("Refresh from " + f.describe() + " (" + d.summary() + ")", m -> now);
                if (refused != null) {
                    error.accept("The refreshed model was not applied", refused);
                } else {
                    sourceModel = now.name();
                }
            } else {
                wb.status.set(d.isEmpty() ? "Refreshed: no changes" : "Dropped the refresh: the model is as it was");
            }
        });
        diff.show();
    }

    /** The error's first line, without the exception's class: what the CLI would print. */
    static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
