package dev.placementstudio.app;

import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.Projection;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.serve.PlacementServer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/**
 * Serve this model: the open model's Placement projection as a live Placement REST API on loopback (as
 * {@code serve} does), so that OpenStack's own clients can drive it. Writes go to the served copy only;
 * each request is logged here.
 */
final class ServePanel extends VBox {
    private final Workbench wb;
    final TextField port = new TextField("8778");
    final TextField token = new TextField();
    final Button start = new Button("Serve this model");
    final Button stop = new Button("Stop");
    final Label url = new Label("Not serving.");
    final ListView<String> requests = new ListView<>();
    private PlacementServer server;
    private final List<String> pending = new ArrayList<>();
    private final Runnable flush = Workbench.coalesced(this::flush, 100);
    /** The served engine, and the model's own usage to put back when serving stops. */
    private PlacementEngine served;
    private Workbench.Usage modelUsage;
    private Workbench.Usage shown;
    private final Runnable follow = Workbench.coalesced(this::showServedUsage, 150);

    /** The diagram and tree show the served engine's usage, as clients change it. */
    private void showServedUsage() {
        PlacementEngine e = served;
        if (e == null || modelUsage == null || wb.usage.get() != (shown == null ? modelUsage : shown)) {
            return; // not serving, or the model changed meanwhile: its own usage stands
        }
        Workbench.Usage before = wb.usage.get();
        shown = Workbench.usageOf(e, modelUsage.computedFor());
        wb.flow.set(UsageFlow.between(before, shown, System.nanoTime())); // a claim flows in, a delete drains
        wb.usage.set(shown);
    }

    ServePanel(Workbench wb) {
        this.wb = wb;
        setSpacing(6);
        setPadding(new Insets(8));
        port.setPrefColumnCount(6);
        token.setPromptText("empty: noauth2 (admin)");
        token.setTooltip(new javafx.scene.control.Tooltip("Empty: tokens read as Placement's noauth2 reads them (the token admin may do"
                + " everything, others get 403). Otherwise only requests carrying this token are served."));
        token.setPrefColumnCount(14);
        url.getStyleClass().add("mono");
        requests.getStyleClass().add("mono");
        VBox.setVgrow(requests, Priority.ALWAYS);
        HBox row = new HBox(6, new Label("Port"), port, new Label("Token"), token, start, stop, url);
        row.setAlignment(Pos.CENTER_LEFT);
        Label note = new Label("Serves the model's Placement projection on 127.0.0.1 (microversions 1.0–1.39), as "
                + "`serve` does: point openstack --os-placement-api-version 1.39 … at it. Writes change the served "
                + "copy only, not the model.");
        note.setWrapText(true);
        getChildren().addAll(row, note, requests);
        stop.setDisable(true);
        start.disableProperty().bind(wb.model.isNull());
        start.setOnAction(e -> start());
        stop.setOnAction(e -> stop());
    }

    /** The tags this panel pinned on hosts (a 409), each taken off again after a moment. */
    private final java.util.Map<String, dev.placementstudio.sim.EventWords.Tag> pinned = new java.util.HashMap<>();

    /** The hosts (root providers' names) of the providers a request named, in the served engine. */
    private List<String> hostsOf(List<String> providers) {
        PlacementEngine e = served;
        List<String> hosts = new ArrayList<>();
        if (e == null) {
            return hosts;
        }
        for (String uuid : providers) {
            e.provider(uuid).flatMap(p -> e.provider(p.rootUuid())).ifPresent(root -> {
                if (!hosts.contains(root.name())) {
                    hosts.add(root.name());
                }
            });
        }
        return hosts;
    }

    /** A claim that lost (409): its hosts flash red and carry "409" for a moment, as a race does in the theatre. */
    private void flashConflict(List<String> providers) {
        pin(hostsOf(providers), new dev.placementstudio.sim.EventWords.Tag("409 conflict",
                dev.placementstudio.sim.EventWords.Tone.BAD));
    }

    /** A claim that landed: its hosts are lit and tagged for a moment while the usage flows in. */
    private void claimed(List<String> providers) {
        pin(hostsOf(providers), new dev.placementstudio.sim.EventWords.Tag("claimed",
                dev.placementstudio.sim.EventWords.Tone.GOOD));
    }

    private void pin(List<String> hosts, dev.placementstudio.sim.EventWords.Tag tag) {
        for (String h : hosts) {
            wb.marks.remove(h); // a tag again on the same host flashes again
            wb.marks.put(h, tag);
            pinned.put(h, tag);
        }
        if (hosts.isEmpty()) {
            return;
        }
        javafx.animation.PauseTransition later = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(2.5));
        later.setOnFinished(ev -> {
            for (String h : hosts) {
                if (pinned.get(h) == tag && wb.marks.get(h) == tag) {
                    wb.marks.remove(h);
                    pinned.remove(h);
                }
            }
        });
        later.play();
    }

    /** What this panel pinned on a host now (for tests), or null. */
    dev.placementstudio.sim.EventWords.Tag pinnedOn(String host) {
        return pinned.get(host);
    }

    /** Starts serving the open model (its projection, as of now); the reason when it cannot, else null. */
    String start() {
        CloudModel m = wb.model.get();
        if (m == null || server != null) {
            return "nothing to serve";
        }
        int p;
        try {
            p = Integer.parseInt(port.getText().strip());
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            url.setText("The port is a number from 0 (any free port) to 65535.");
            return url.getText();
        }
        try {
            PlacementEngine engine = PlacementEngine.fromState(Projection.project(m));
            String t = token.getText() == null || token.getText().isBlank() ? null : token.getText().strip();
            PlacementServer s = new PlacementServer(engine, t);
            s.addListener(r -> {
                synchronized (pending) {
                    pending.add(String.format("%-6s %-60s %d  %.1f ms", r.method(), r.path(), r.status(), r.millis()));
                }
                boolean write = !r.method().equals("GET") && !r.method().equals("HEAD");
                Platform.runLater(() -> {
                    flush.run();
                    if (write) {
                        follow.run(); // a claim fills its host's bars on the diagram
                    }
                    if (r.status() == 409) {
                        wb.status.set("409 from the served API: " + r.method() + " " + r.path()
                                + " (a generation conflict or no room)");
                        flashConflict(r.providers());
                    } else if (write && r.status() < 300) {
                        claimed(r.providers());
                    }
                });
            });
            served = engine;
            modelUsage = wb.usage.get();
            server = s.start("127.0.0.1", p);
        } catch (Exception e) {
            server = null;
            url.setText("Could not serve: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return url.getText();
        }
        url.setText("Serving on http://127.0.0.1:" + server.port() + "/");
        wb.status.set(url.getText());
        start.disableProperty().unbind();
        start.setDisable(true);
        stop.setDisable(false);
        port.setDisable(true);
        token.setDisable(true);
        return null;
    }

    void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (shown != null && wb.usage.get() == shown && modelUsage != null) {
            wb.flow.set(null);
            wb.usage.set(modelUsage); // back to the model's own usage
        }
        pinned.forEach((h, tag) -> wb.marks.remove(h, tag));
        pinned.clear();
        served = null;
        shown = null;
        modelUsage = null;
        url.setText("Not serving.");
        stop.setDisable(true);
        port.setDisable(false);
        token.setDisable(false);
        start.disableProperty().bind(wb.model.isNull());
    }

    /** The port served on, or -1. */
    int servedPort() {
        return server == null ? -1 : server.port();
    }

    private void flush() {
        List<String> lines;
        synchronized (pending) {
            lines = new ArrayList<>(pending);
            pending.clear();
        }
        requests.getItems().addAll(lines);
        if (requests.getItems().size() > 5000) {
            requests.getItems().remove(0, requests.getItems().size() - 5000);
        }
        requests.scrollTo(requests.getItems().size() - 1);
    }
}
