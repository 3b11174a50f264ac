package dev.placementstudio.app;

import dev.placementstudio.conductor.Era;
import dev.placementstudio.io.WorkloadFiles;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.sim.SimEvent;
import dev.placementstudio.sim.Simulation;
import dev.placementstudio.sim.Summary;
import dev.placementstudio.sim.Workload;
import javafx.animation.AnimationTimer;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a simulation on the open model (off the FX thread) and plays its event log back: a timeline with
 * step, play and speed, the event list in sync, and the diagram lighting the host of the current event
 * (dropped hosts outlined on a filter event). An ERROR event offers "Why no valid host?".
 */
public final class SimulationPanel extends VBox {
    private final Workbench wb;
    final ComboBox<String> workload = new ComboBox<>();
    final ComboBox<String> era = new ComboBox<>(FXCollections.observableArrayList("queens", "pike", "pre-pike"));
    final TextField seed = new TextField("1");
    final Button run = new Button("Run simulation");
    final Label summary = new Label("Pick a workload and run it.");
    final Slider timeline = new Slider(0, 0, 0);
    final Button back = new Button("◀ step");
    final Button forward = new Button("step ▶");
    final Button play = new Button("Play");
    final ComboBox<String> speed = new ComboBox<>(FXCollections.observableArrayList("1 event/s", "10 events/s",
            "100 events/s", "1000 events/s"));
    final Label current = new Label();
    final Button whyNoHost = new Button("Why no valid host?");
    final ListView<String> events = new ListView<>();
    List<SimEvent> log = List.of();
    /** What the loaded log is (a scenario's run, say), or null for a run made here. */
    Object source;
    /** The event shown, as the playback moves (for whoever follows it: the scenario card). */
    final javafx.beans.property.IntegerProperty position = new javafx.beans.property.SimpleIntegerProperty(-1);
    private int cursor = -1;
    /** The model's own usage, and the usage shown as of the playback's event (null: no replay). */
    private Workbench.Usage base;
    private Workbench.Usage shown;
    private final Map<String, String> rootOf = new java.util.HashMap<>();
    /** The log's cell_down / cell_up events: index, cell, down. */
    private final List<Object[]> cellChanges = new ArrayList<>();
    private boolean syncing;
    private AnimationTimer player;
    private Consumer<String> onWhy = f -> { };

    public SimulationPanel(Workbench wb) {
        this.wb = wb;
        setSpacing(6);
        setPadding(new Insets(8));
        era.setValue("queens");
        seed.setPrefColumnCount(5);
        speed.setValue("10 events/s");
        try (var files = Files.list(Path.of("sample-clouds", "workloads"))) {
            files.map(Path::toString).filter(f -> f.endsWith(".json") || f.endsWith(".csv")).sorted().forEach(workload.getItems()::add);
        } catch (Exception noSamples) {
            // no sample workloads next to the app: the field stays editable
        }
        workload.setEditable(true);
        if (!workload.getItems().isEmpty()) {
            workload.setValue(workload.getItems().get(0));
        }
        workload.setPrefWidth(300);
        workload.setMinWidth(160);
        HBox top = new HBox(6, label("Workload"), workload, label("era"), era, label("seed"), seed, run);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(timeline, Priority.ALWAYS);
        whyNoHost.setVisible(false);
        HBox controls = new HBox(6, back, play, forward, speed, timeline);
        controls.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        summary.getStyleClass().add("sim-summary");
        HBox now = new HBox(8, current, whyNoHost);
        now.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        current.getStyleClass().add("mono");
        events.getStyleClass().add("mono");
        VBox.setVgrow(events, Priority.ALWAYS);
        getChildren().addAll(top, summary, controls, now, events);
        run.disableProperty().bind(wb.model.isNull());
        wb.model.addListener((o, a, m) -> {
            // another model: the loaded run no longer describes it
            base = null;
            shown = null;
            rootOf.clear();
            cellChanges.clear();
            wb.downCells.clear();
        });
        run.setOnAction(e -> run());
        back.setOnAction(e -> show(Math.max(0, cursor - 1)));
        forward.setOnAction(e -> show(Math.min(log.size() - 1, cursor + 1)));
        timeline.valueProperty().addListener((o, a, v) -> {
            if (!syncing) {
                show((int) Math.round(v.doubleValue()));
            }
        });
        events.getSelectionModel().selectedIndexProperty().addListener((o, a, v) -> {
            if (!syncing && v.intValue() >= 0) {
                show(v.intValue());
            }
        });
        play.setOnAction(e -> togglePlay());
        whyNoHost.setOnAction(e -> {
            String flavor = flavorOf(current.getUserData() == null ? null : current.getUserData().toString());
            if (flavor != null) {
                onWhy.accept(flavor);
            }
        });
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    /** What "Why no valid host?" does with the failed instance's flavor. */
    public void setOnWhy(Consumer<String> onWhy) {
        this.onWhy = onWhy;
    }

    void run() {
        CloudModel m = wb.model.get();
        String w = workload.getValue();
        long s;
        try {
            s = Long.parseLong(seed.getText().strip());
        } catch (NumberFormatException e) {
            summary.setText("The seed is a whole number.");
            return;
        }
        Era e = Era.parse(era.getValue());
        summary.setText("Running…");
        wb.inBackground(() -> {
            Workload wl = WorkloadFiles.read(Path.of(w), m);
            Simulation sim = new Simulation(m, wl, new Simulation.Settings(s, e, 2, m.scheduler().maxAttempts()), true);
            sim.conductor().recordSelections(true); // claims carry their allocations: the diagram replays usage
            Summary sum = sim.run();
            return new Object[]{sim.trace().events(), sum};
        }, r -> {
            @SuppressWarnings("unchecked")
            List<SimEvent> ev = (List<SimEvent>) r[0];
            load(ev, (Summary) r[1], null, null);
        }, err -> summary.setText("Could not run: " + err));
    }

    /** Loads an event log for playback; {@code label} (or null) prefixes the summary. */
    void load(List<SimEvent> ev, Summary s, Object source, String label) {
        if (player != null) {
            togglePlay();
        }
        this.source = source;
        log = ev;
        if (wb.usage.get() != shown) {
            base = wb.usage.get();
        }
        cellChanges.clear();
        for (int k = 0; k < ev.size(); k++) {
            SimEvent e = ev.get(k);
            if (e.type() == dev.placementstudio.sim.EventType.CELL_DOWN || e.type() == dev.placementstudio.sim.EventType.CELL_UP) {
                cellChanges.add(new Object[]{k, String.valueOf(e.get("cell")), e.type() == dev.placementstudio.sim.EventType.CELL_DOWN});
            }
        }
        rootOf.clear();
        if (base != null && dev.placementstudio.sim.AllocationReplay.possible(ev)) {
            Map<String, String> names = new java.util.HashMap<>();
            base.engine().providers().forEach(p -> names.put(p.uuid(), p.name()));
            base.engine().providers().forEach(p -> rootOf.put(p.name(), names.get(p.rootUuid())));
        }
        List<String> lines = new ArrayList<>(ev.size());
        for (SimEvent e : ev) {
            lines.add(String.format("%8d ms  %-18s %s", e.t(), e.type().label(), brief(e)));
        }
        events.getItems().setAll(lines);
        timeline.setMax(Math.max(0, ev.size() - 1));
        summary.setText((label == null ? "" : label + ": ") + s.requested() + " requested: " + s.active() + " active, " + s.error() + " error, " + s.deleted()
                + " deleted; " + s.claimConflicts() + " conflicts, " + s.reschedules() + " retries");
        show(0);
    }

    private static String brief(SimEvent e) {
        StringBuilder sb = new StringBuilder();
        for (String k : List.of("instance", "host", "cell", "by", "filter", "reason")) {
            Object v = e.get(k);
            if (v != null) {
                String s = v.toString();
                if (k.equals("instance") && s.length() > 8) {
                    s = s.substring(0, 8);
                }
                sb.append(k).append('=').append(s).append("  ");
            }
        }
        return sb.toString();
    }

    private String flavorOf(String instance) {
        for (SimEvent e : log) {
            if (e.type() == dev.placementstudio.sim.EventType.BOOT_REQUESTED && instance != null && instance.equals(e.instance())) {
                return (String) e.get("flavor");
            }
        }
        return null;
    }

    /** Moves the playback to event {@code i}: the timeline, the list and the diagram follow. */
    void show(int i) {
        if (log.isEmpty() || i < 0 || i >= log.size()) {
            return;
        }
        cursor = i;
        syncing = true;
        timeline.setValue(i);
        events.getSelectionModel().select(i);
        events.scrollTo(Math.max(0, i - 3));
        syncing = false;
        SimEvent e = log.get(i);
        current.setText("#" + (i + 1) + "/" + log.size() + "  t=" + e.t() + " ms  " + e.type().label() + "  " + brief(e));
        current.setUserData(e.instance());
        wb.highlighted.clear();
        wb.dropped.clear();
        Object host = e.get("host");
        if (host != null) {
            wb.highlighted.add(host.toString());
        }
        if (e.type() == dev.placementstudio.sim.EventType.FILTERED && e.get("dropped") instanceof Map<?, ?> d) {
            d.forEach((h, why) -> wb.dropped.put(h.toString(), e.get("filter") + ": " + why));
        }
        whyNoHost.setVisible(e.type() == dev.placementstudio.sim.EventType.ERRORED
                && String.valueOf(e.get("reason")).startsWith("NoValidHost"));
        replayUsage(i);
        java.util.Set<String> down = new java.util.HashSet<>();
        for (Object[] c : cellChanges) {
            if ((int) c[0] <= i) {
                if ((boolean) c[2]) {
                    down.add((String) c[1]);
                } else {
                    down.remove((String) c[1]);
                }
            }
        }
        if (!down.equals(wb.downCells)) {
            wb.downCells.retainAll(down);
            wb.downCells.addAll(down);
        }
        position.set(i);
    }

    /** The diagram and tree show usage as it was at event {@code i}: the model's own plus what the run holds. */
    private void replayUsage(int i) {
        if (base == null || rootOf.isEmpty()) {
            return;
        }
        Map<String, Map<String, long[]>> byHost = new java.util.LinkedHashMap<>();
        base.byHost().forEach((h, m) -> {
            Map<String, long[]> copy = new java.util.LinkedHashMap<>();
            m.forEach((rc, cu) -> copy.put(rc, cu.clone()));
            byHost.put(h, copy);
        });
        dev.placementstudio.sim.AllocationReplay.at(log, i).forEach((provider, res) -> {
            Map<String, long[]> host = byHost.get(rootOf.get(provider));
            if (host != null) {
                res.forEach((rc, n) -> {
                    long[] cu = host.get(rc);
                    if (cu != null) {
                        cu[1] += n;
                    }
                });
            }
        });
        shown = new Workbench.Usage(base.engine(), byHost, base.computedFor());
        wb.usage.set(shown);
    }

    int cursor() {
        return cursor;
    }

    private void togglePlay() {
        if (player != null) {
            player.stop();
            player = null;
            play.setText("Play");
            return;
        }
        play.setText("Pause");
        double perSecond = switch (speed.getValue()) {
            case "1 event/s" -> 1;
            case "100 events/s" -> 100;
            case "1000 events/s" -> 1000;
            default -> 10;
        };
        long start = System.nanoTime();
        int from = Math.max(0, cursor);
        player = new AnimationTimer() {
            @Override
            public void handle(long now) {
                // one jump per frame, however many events that is: playback keeps up at any speed
                int target = from + (int) ((now - start) / 1e9 * perSecond);
                if (target >= log.size() - 1) {
                    show(log.size() - 1);
                    togglePlay();
                } else if (target != cursor) {
                    show(target);
                }
            }
        };
        player.start();
    }
}
