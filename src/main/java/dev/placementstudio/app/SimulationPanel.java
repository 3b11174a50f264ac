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
    final Button build = new Button("Build…");
    final Label summary = new Label("Pick a workload and run it.");
    final Slider timeline = new Slider(0, 0, 0);
    final Button back = new Button("◀ step");
    final Button forward = new Button("step ▶");
    final Button play = new Button("Play");
    final ComboBox<String> speed = new ComboBox<>(FXCollections.observableArrayList("1 event/s", "10 events/s",
            "100 events/s", "1000 events/s", "0.1× sim time", "1× sim time", "10× sim time", "100× sim time",
            "1000× sim time"));
    final Label current = new Label();
    final Button whyNoHost = new Button("Why no valid host?");
    final ListView<String> events = new ListView<>();
    /** Shows only the events whose line contains this text (an instance, a host, a type). */
    final TextField filter = new TextField();
    /** The event index of each row of the list, as filtered. */
    private final List<Integer> rows = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
    /** Ticks under the timeline for failures, conflicts, retries, errors and cell events. */
    final javafx.scene.canvas.Canvas markers = new javafx.scene.canvas.Canvas(10, 10);
    final javafx.scene.control.MenuItem export = new javafx.scene.control.MenuItem("Export log (JSONL or CSV)…");
    final javafx.scene.control.MenuItem keep = new javafx.scene.control.MenuItem("Keep this run in the .db…");
    final javafx.scene.control.MenuItem reopen = new javafx.scene.control.MenuItem("Replay a kept run…");
    final javafx.scene.control.MenuButton runMenu = new javafx.scene.control.MenuButton("Run ▾", null, export, keep, reopen);
    /** The last run made here: what keeping it in the .db needs. */
    private String lastEra;
    private long lastSeed;
    private String lastWorkload;
    private Summary lastSummary;
    final javafx.scene.control.Spinner<Integer> schedulers = new javafx.scene.control.Spinner<>(1, 16, 2);
    final javafx.scene.control.Spinner<Integer> maxAttempts = new javafx.scene.control.Spinner<>(1, 10, 3);
    /** The services a request passes through, the current event's lit; and the attempt's filter funnel. */
    final HBox stages = new HBox(2);
    final Label funnel = new Label();
    /** The story of the current event's instance: its Selection list and its events in words. */
    final Label storyTitle = new Label("Instance story");
    final ListView<String> story = new ListView<>();
    private String storyOf;
    /** Each instance's event indexes, in order. */
    private final Map<String, List<Integer>> byInstance = new java.util.HashMap<>();
    List<SimEvent> log = List.of();
    /** What the loaded log is (a scenario's run, say), or null for a run made here. */
    Object source;
    /** The event shown, as the playback moves (for whoever follows it: the scenario card). */
    final javafx.beans.property.IntegerProperty position = new javafx.beans.property.SimpleIntegerProperty(-1);
    private int cursor = -1;
    /** True while a run is on its way; the Run button then cancels it. */
    final javafx.beans.property.BooleanProperty running = new javafx.beans.property.SimpleBooleanProperty(false);
    private volatile Simulation inFlight;

    /** What the diagram shows at the current event. */
    final Playback playback;
    /** Run the same workload and seed under a second era too, shown beside the first. */
    final ComboBox<String> compareWith = new ComboBox<>(FXCollections.observableArrayList("no comparison",
            "pre-pike", "pike", "queens"));
    /** The comparison run, or null. */
    List<SimEvent> compareLog;
    private CompareListener onCompare = (ev, s, e) -> { };

    /** Told when a run comes with (or without: null) a comparison run. */
    interface CompareListener {
        void compare(List<SimEvent> log, Summary summary, String era);
    }

    void setOnCompare(CompareListener l) {
        onCompare = l;
    }
    private boolean syncing;
    private AnimationTimer player;
    private Consumer<String> onWhy = f -> { };
    /** Told when a log is loaded (for the charts): the log, the model's own usage, its label. */
    private TriConsumer onLoaded = (ev, u, l) -> { };

    interface TriConsumer {
        void accept(List<SimEvent> log, Workbench.Usage base, String label);
    }

    void setOnLoaded(TriConsumer onLoaded) {
        this.onLoaded = onLoaded;
    }

    public SimulationPanel(Workbench wb) {
        this.wb = wb;
        this.playback = new Playback(wb);
        compareWith.setValue("no comparison");
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
        schedulers.setPrefWidth(64);
        maxAttempts.setPrefWidth(64);
        javafx.scene.layout.FlowPane top = new javafx.scene.layout.FlowPane(6, 4, label("Workload"), workload, build,
                pair("era", era), pair("seed", seed), pair("schedulers", schedulers), pair("max attempts", maxAttempts), pair("compare with", compareWith), run);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        seed.setMinWidth(60);
        schedulers.setMinWidth(70);
        maxAttempts.setMinWidth(70);
        era.setMinWidth(100);
        run.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox.setHgrow(timeline, Priority.ALWAYS);
        whyNoHost.setVisible(false);
        VBox scrub = new VBox(0, timeline, markers);
        HBox.setHgrow(scrub, Priority.ALWAYS);
        markers.setHeight(8);
        markers.widthProperty().bind(timeline.widthProperty());
        markers.widthProperty().addListener((o, a, v) -> drawMarkers());
        HBox controls = new HBox(6, back, play, forward, speed, scrub, runMenu);
        runMenu.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        runMenu.setTooltip(new javafx.scene.control.Tooltip("Export the log; keep the run in the open .db model, or replay one kept there"));
        var isDb = javafx.beans.binding.Bindings.createBooleanBinding(() -> wb.file.get() != null
                && wb.file.get().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".db"), wb.file);
        keep.disableProperty().bind(isDb.not());
        reopen.disableProperty().bind(isDb.not());
        keep.setOnAction(e -> askKeep());
        reopen.setOnAction(e -> askReopen());
        controls.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        summary.getStyleClass().add("sim-summary");
        HBox now = new HBox(8, current, whyNoHost);
        now.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        current.getStyleClass().add("mono");
        events.getStyleClass().add("mono");
        filter.setPromptText("filter events: an instance, a host, a type…");
        VBox.setVgrow(events, Priority.ALWAYS);
        VBox list = new VBox(4, filter, events);
        storyTitle.getStyleClass().add("panel-title");
        story.getStyleClass().add("story");
        VBox.setVgrow(story, Priority.ALWAYS);
        VBox storyBox = new VBox(4, storyTitle, story);
        javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(list, storyBox);
        split.setDividerPositions(0.6);
        VBox.setVgrow(split, Priority.ALWAYS);
        summary.setWrapText(true);
        timeline.setMinWidth(80);
        for (String stage : dev.placementstudio.sim.EventWords.STAGES) {
            if (stages.getChildren().size() > 0) {
                Label arrow = new Label("→");
                arrow.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                arrow.getStyleClass().add("stage-arrow");
                stages.getChildren().add(arrow);
            }
            Label l = new Label(stage);
            l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the funnel gives way, not the services
            l.getStyleClass().add("stage");
            l.setUserData(stage);
            stages.getChildren().add(l);
        }
        stages.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        funnel.getStyleClass().addAll("mono", "funnel");
        requestDot.getStyleClass().add("request-dot");
        requestDot.setManaged(false);
        requestDot.setVisible(false);
        requestDot.setMouseTransparent(true);
        javafx.scene.layout.Pane dotLayer = new javafx.scene.layout.Pane(requestDot);
        dotLayer.setMouseTransparent(true);
        javafx.scene.layout.StackPane strip = new javafx.scene.layout.StackPane(stages, dotLayer);
        strip.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        strip.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        funnel.setMinWidth(0);
        javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();
        whole.textProperty().bind(funnel.textProperty());
        funnel.setTooltip(whole); // the whole funnel when the strip cuts it short
        HBox.setHgrow(funnel, Priority.ALWAYS);
        HBox flow = new HBox(12, strip, funnel);
        flow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().addAll(top, summary, controls, now, flow, split);
        filter.textProperty().addListener((o, a, v) -> applyFilter());
        export.setOnAction(e -> chooseExport());
        export.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(events.getItems()).and(filter.textProperty().isEmpty()));
        run.disableProperty().bind(wb.model.isNull());

        build.setTooltip(new javafx.scene.control.Tooltip("Build a workload in a form: flavor mix, faults, cells down and up"));
        build.disableProperty().bind(wb.model.isNull());
        build.setOnAction(e -> askBuild());
        run.setOnAction(e -> {
            if (running.get()) {
                Simulation sim = inFlight;
                if (sim != null) {
                    sim.cancel();
                }
            } else {
                run();
            }
        });
        run.textProperty().bind(javafx.beans.binding.Bindings.when(running).then("Cancel").otherwise("Run simulation"));
        back.setOnAction(e -> show(Math.max(0, cursor - 1)));
        forward.setOnAction(e -> show(Math.min(log.size() - 1, cursor + 1)));
        timeline.valueProperty().addListener((o, a, v) -> {
            if (!syncing) {
                show((int) Math.round(v.doubleValue()));
            }
        });
        events.getSelectionModel().selectedIndexProperty().addListener((o, a, v) -> {
            if (!syncing && v.intValue() >= 0 && v.intValue() < rows.size()) {
                show(rows.get(v.intValue()));
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

    private static HBox pair(String text, javafx.scene.Node control) {
        HBox b = new HBox(4, label(text), control);
        b.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return b;
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
        int workers = schedulers.getValue();
        int attempts = maxAttempts.getValue();
        Era other = compareWith.getValue() == null || compareWith.getValue().equals("no comparison")
                || compareWith.getValue().equals(era.getValue()) ? null : Era.parse(compareWith.getValue());
        summary.setText("Running…");
        running.set(true);
        wb.inBackground(() -> {
            Workload wl = WorkloadFiles.read(Path.of(w), m);
            Simulation sim = new Simulation(m, wl, new Simulation.Settings(s, e, workers, attempts), true);
            inFlight = sim;
            sim.onProgress(t -> {
                long n = sim.trace().count();
                javafx.application.Platform.runLater(() -> summary.setText("Running… t=" + t / 1000
                        + " s of simulated time, " + n + " events (Cancel stops it)"));
            });
            sim.conductor().recordSelections(true); // claims carry their allocations: the diagram replays usage
            Summary sum = sim.run();
            Object[] out = {sim.trace().events(), sum, Files.readString(Path.of(w)), null, null};
            if (other != null) {
                Simulation second = new Simulation(m, wl, new Simulation.Settings(s, other, workers, attempts), true);
                inFlight = second;
                second.conductor().recordSelections(true);
                out[4] = second.run();
                out[3] = second.trace().events();
            }
            return out;
        }, r -> {
            @SuppressWarnings("unchecked")
            List<SimEvent> ev = (List<SimEvent>) r[0];
            running.set(false);
            lastEra = e.label();
            lastSeed = s;
            lastWorkload = (String) r[2];
            lastSummary = (Summary) r[1];
            load(ev, (Summary) r[1], null, null);
            if (r[3] != null) {
                @SuppressWarnings("unchecked")
                List<SimEvent> ev2 = (List<SimEvent>) r[3];
                compare(ev2, (Summary) r[4], other.label());
            }
        }, err -> {
            running.set(false);
            summary.setText(err != null && err.startsWith("cancelled") ? "Cancelled (" + err + ")." : "Could not run: " + err);
        });
    }

    /** Loads an event log for playback; {@code label} (or null) prefixes the summary. */
    void load(List<SimEvent> ev, Summary s, Object source, String label) {
        if (player != null) {
            togglePlay();
        }
        this.source = source;
        log = ev;
        playback.load(ev);
        if (compareLog != null) {
            compareLog = null;
            onCompare.compare(null, null, null);
        }
        lines.clear();
        for (SimEvent e : ev) {
            lines.add(String.format("%8d ms  %-18s %s", e.t(), e.type().label(), brief(e)));
        }
        onLoaded.accept(ev, playback.base(), label == null ? "This run" : label);
        storyOf = null;
        byInstance.clear();
        for (int k = 0; k < ev.size(); k++) {
            String inst = ev.get(k).instance();
            if (inst != null) {
                byInstance.computeIfAbsent(inst, x -> new ArrayList<>()).add(k);
            }
        }
        applyFilter();
        drawMarkers();
        timeline.setMax(Math.max(0, ev.size() - 1));
        summary.setText((label == null ? "" : label + ": ") + s.requested() + " requested: " + s.active() + " active, " + s.error() + " error, " + s.deleted()
                + " deleted; " + s.claimConflicts() + " conflicts, " + s.reschedules() + " retries");
        show(0);
    }

    private static String brief(SimEvent e) {
        StringBuilder sb = new StringBuilder();
        String instance = e.instance();
        brief(sb, "instance", instance != null && instance.length() > 8 ? instance.substring(0, 8) : instance);
        brief(sb, "host", e.host());
        brief(sb, "cell", e.cell());
        brief(sb, "by", by(e));
        brief(sb, "filter", e instanceof SimEvent.Filtered f ? f.filter() : null);
        brief(sb, "reason", e.reason());
        return sb.toString();
    }

    private static void brief(StringBuilder sb, String name, String value) {
        if (value != null) {
            sb.append(name).append('=').append(value).append("  ");
        }
    }

    /** Who claimed, or whose claim was refused: scheduler, conductor or compute; null for other events. */
    private static String by(SimEvent e) {
        return e instanceof SimEvent.Claimed c ? c.by() : e instanceof SimEvent.ClaimConflict conflict ? conflict.by() : null;
    }

    private String flavorOf(String instance) {
        for (SimEvent e : log) {
            if (e instanceof SimEvent.BootRequested b && instance != null && instance.equals(b.instance())) {
                return b.flavor();
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
        syncing = false;
        SimEvent e = log.get(i);
        whyNoHost.setVisible(e instanceof SimEvent.Errored && String.valueOf(e.reason()).startsWith("NoValidHost"));
        playback.show(i);
        if (player == null) {
            showDetails();
        } else {
            details.run(); // playing: the diagram every frame, the lists and words ten times a second
        }
        position.set(i);
    }

    private final Runnable details = Workbench.coalesced(this::showDetails, 100);

    /** The event list, the current line, the story, the service strip and the funnel, at the cursor. */
    private void showDetails() {
        int i = cursor;
        if (log.isEmpty() || i < 0 || i >= log.size()) {
            return;
        }
        syncing = true;
        int row = java.util.Collections.binarySearch(rows, i);
        if (row >= 0) {
            events.getSelectionModel().select(row);
            events.scrollTo(Math.max(0, row - 3));
        } else {
            events.getSelectionModel().clearSelection();
        }
        syncing = false;
        SimEvent e = log.get(i);
        current.setText("#" + (i + 1) + "/" + log.size() + "  t=" + e.t() + " ms  " + e.type().label() + "  " + brief(e));
        current.setUserData(e.instance());
        tellStory(e.instance(), i);
        java.util.Set<String> at = new java.util.HashSet<>(dev.placementstudio.sim.EventWords.stages(e));
        for (javafx.scene.Node n : stages.getChildren()) {
            if (n.getUserData() != null) {
                boolean on = at.contains(n.getUserData());
                if (on != n.getStyleClass().contains("stage-on")) {
                    if (on) {
                        n.getStyleClass().add("stage-on");
                    } else {
                        n.getStyleClass().remove("stage-on");
                    }
                }
            }
        }
        funnel.setText(funnelAt(i));
        moveRequest(dev.placementstudio.sim.EventWords.stages(e));
    }

    /** The request (or the service's answer) travelling along the strip: a dot that hops through the event's services. */
    final javafx.scene.shape.Circle requestDot = new javafx.scene.shape.Circle(5);
    private javafx.animation.Animation dotMotion;

    /** Moves the dot through these services in order (animated when stepping or playing slowly). */
    private void moveRequest(List<String> path) {
        if (dotMotion != null) {
            dotMotion.stop();
        }
        stages.applyCss(); // the lit labels are bold now: lay them out before reading where they are
        stages.layout();
        List<javafx.geometry.Point2D> points = new ArrayList<>();
        for (String stage : path) {
            for (javafx.scene.Node n : stages.getChildren()) {
                if (stage.equals(n.getUserData())) {
                    javafx.geometry.Bounds b = n.getBoundsInParent();
                    points.add(new javafx.geometry.Point2D(b.getMinX() + b.getWidth() / 2, b.getMaxY() - 1));
                }
            }
        }
        if (points.isEmpty()) {
            requestDot.setVisible(false);
            requestDot.setUserData(null);
            return;
        }
        requestDot.setUserData(path.get(path.size() - 1));
        requestDot.setVisible(true);
        boolean fast = player != null && !speed.getValue().startsWith("1 ") && !speed.getValue().startsWith("0.1")
                && !speed.getValue().startsWith("10 events");
        javafx.geometry.Point2D last = points.get(points.size() - 1);
        if (fast || requestDot.getCenterX() == 0 && requestDot.getCenterY() == 0) {
            requestDot.setCenterX(last.getX());
            requestDot.setCenterY(last.getY());
            return;
        }
        javafx.animation.Timeline hops = new javafx.animation.Timeline();
        double ms = 0;
        for (javafx.geometry.Point2D p : points) {
            ms += 220;
            hops.getKeyFrames().add(new javafx.animation.KeyFrame(javafx.util.Duration.millis(ms),
                    new javafx.animation.KeyValue(requestDot.centerXProperty(), p.getX(), javafx.animation.Interpolator.EASE_BOTH),
                    new javafx.animation.KeyValue(requestDot.centerYProperty(), p.getY(), javafx.animation.Interpolator.EASE_BOTH)));
        }
        dotMotion = hops;
        hops.play();
    }

    private void applyFilter() {
        String f = filter.getText() == null ? "" : filter.getText().strip().toLowerCase(java.util.Locale.ROOT);
        rows.clear();
        List<String> shownLines = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            if (f.isEmpty() || lines.get(k).toLowerCase(java.util.Locale.ROOT).contains(f)
                    || f.length() >= 8 && String.valueOf(log.get(k).instance()).startsWith(f)) {
                rows.add(k);
                shownLines.add(lines.get(k));
            }
        }
        syncing = true;
        events.getItems().setAll(shownLines);
        syncing = false;
        if (cursor >= 0 && cursor < log.size()) {
            int row = java.util.Collections.binarySearch(rows, cursor);
            syncing = true;
            if (row >= 0) {
                events.getSelectionModel().select(row);
            }
            syncing = false;
        }
    }

    /** The kind of marker an event gets under the timeline, or null. */
    static javafx.scene.paint.Color markerColor(SimEvent e) {
        return switch (e.type()) {
            case BUILD_FAILED, ERRORED -> javafx.scene.paint.Color.web("#dc2626");
            case CLAIM_CONFLICT -> javafx.scene.paint.Color.web("#ea580c");
            case RESCHEDULED -> javafx.scene.paint.Color.web("#f59e0b");
            case CELL_DOWN, CELL_UP, HOST_DISABLED, HOST_ENABLED -> javafx.scene.paint.Color.web("#7c3aed");
            default -> null;
        };
    }

    /** Number of events with a marker (for tests). */
    int markerCount() {
        int n = 0;
        for (SimEvent e : log) {
            if (markerColor(e) != null) {
                n++;
            }
        }
        return n;
    }

    private void drawMarkers() {
        var g = markers.getGraphicsContext2D();
        double w = markers.getWidth();
        g.clearRect(0, 0, w, markers.getHeight());
        if (log.size() < 2) {
            return;
        }
        // the slider's thumb travels inside about 6 px of padding on each side
        double pad = 6;
        for (int k = 0; k < log.size(); k++) {
            var c = markerColor(log.get(k));
            if (c != null) {
                double x = pad + (w - 2 * pad) * k / (log.size() - 1);
                g.setFill(c);
                g.fillRect(Math.round(x) - 1, 0, 2, markers.getHeight());
            }
        }
    }

    /** The story panel follows the current event's instance: its Selection list, then its events in words. */
    private void tellStory(String instance, int upTo) {
        if (instance == null) {
            return;
        }
        storyOf = instance;
        List<String> out = new ArrayList<>();
        String name = instance.substring(0, Math.min(8, instance.length()));
        SimEvent.Selected selected = null;
        for (int k : byInstance.getOrDefault(instance, List.of())) {
            SimEvent e = log.get(k);
            if (e instanceof SimEvent.BootRequested b) {
                name = String.valueOf(b.name());
            }
            if (k > upTo) {
                break;
            }
            if (e instanceof SimEvent.Selected s) {
                selected = s;
            }
            if (!(e instanceof SimEvent.Filtered)) {
                out.add(String.format("%7d ms  %s", e.t(), dev.placementstudio.sim.EventWords.sentence(e)));
            }
        }
        List<String> head = new ArrayList<>();
        if (selected != null && selected.selections() != null) {
            head.add("Selections (chosen first, then alternates):");
            int n = 0;
            for (dev.placementstudio.conductor.EventLog.Choice c : selected.selections()) {
                head.add("  " + (n++ == 0 ? "chosen   " : "alternate") + "  " + c.host() + " (" + c.cell() + ")"
                        + (c.allocationRequest() == null ? "" : "  " + c.allocationRequest()));
            }
            head.add("");
        } else if (selected != null) {
            head.add("Selected " + selected.host() + ", alternates " + selected.alternates());
            head.add("");
        }
        head.addAll(out);
        storyTitle.setText("The story of " + name);
        story.getItems().setAll(head);
        story.scrollTo(head.size() - 1);
    }

    private void askBuild() {
        WorkloadBuilder form = new WorkloadBuilder(wb.model.get());
        javafx.scene.control.Dialog<String> d = new javafx.scene.control.Dialog<>();
        d.setTitle("Build a workload");
        d.setHeaderText("A workload for " + (wb.model.get().name() == null ? "this model" : wb.model.get().name()));
        d.getDialogPane().setContent(form);
        d.getDialogPane().getButtonTypes().addAll(javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
        javafx.scene.Node ok = d.getDialogPane().lookupButton(javafx.scene.control.ButtonType.OK);
        ok.addEventFilter(javafx.event.ActionEvent.ACTION, ev -> {
            if (!form.check()) {
                ev.consume(); // the form says what is wrong; the dialog stays
            }
        });
        d.setResultConverter(b -> b == javafx.scene.control.ButtonType.OK ? form.toJson() : null);
        d.showAndWait().ifPresent(json -> {
            try {
                useBuilt(json);
            } catch (java.io.IOException ex) {
                wb.status.set("Could not write the workload: " + ex.getMessage());
            }
        });
    }

    /** Folder for workloads built in the form. */
    static Path builtFolder() {
        return Path.of(System.getProperty("user.home"), ".placement-studio", "workloads");
    }

    /** Writes a built workload (atomically) and makes it the one to run; returns its file. */
    Path useBuilt(String json) throws java.io.IOException {
        Path dir = builtFolder();
        Files.createDirectories(dir);
        Path f = dir.resolve("built-" + java.time.LocalDateTime.now().format(
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")) + ".json");
        dev.placementstudio.io.AtomicFiles.write(f, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        workload.getItems().add(f.toString());
        workload.setValue(f.toString());
        wb.status.set("Built " + f.getFileName() + ": Run simulation plays it");
        return f;
    }

    private void askKeep() {
        if (source != null || lastSummary == null) {
            wb.status.set("Run a simulation here first: that run is what gets kept");
            return;
        }
        javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog(lastEra + "-seed-" + lastSeed);
        d.setHeaderText("Keep this run in " + wb.file.get().getFileName());
        d.setContentText("Name");
        d.showAndWait().map(String::strip).filter(n -> !n.isEmpty()).ifPresent(n -> keepRun(n, null));
    }

    /**
     * Keeps the last run made here in the open {@code .db} (in the background); {@code done} (or null) gets
     * null on success, else the reason.
     */
    void keepRun(String name, Consumer<String> done) {
        Consumer<String> after = done == null ? r -> { } : done;
        if (wb.dirty.get()) {
            String why = "Save the model first: a kept run belongs with the model as saved";
            wb.status.set(why);
            after.accept(why);
            return;
        }
        Path file = wb.file.get();
        List<SimEvent> kept = log;
        String keptEra = lastEra;
        long keptSeed = lastSeed;
        String keptWorkload = lastWorkload;
        Summary keptSummary = lastSummary;
        wb.inBackground(() -> { // written as JSON lines off the FX thread: a big log takes a while
            dev.placementstudio.io.store.RunStore.save(file, dev.placementstudio.io.store.RunStore.Run.of(name, keptEra,
                    keptSeed, keptWorkload, keptSummary, kept));
            return name;
        }, n -> {
            wb.status.set("Kept run '" + n + "' in " + file.getFileName() + " (" + kept.size() + " events)");
            after.accept(null);
        }, err -> {
            wb.status.set("Could not keep the run: " + err);
            after.accept(err);
        });
    }

    private void askReopen() {
        Path file = wb.file.get();
        wb.inBackground(() -> dev.placementstudio.io.store.RunStore.list(file), runs -> {
            if (runs.isEmpty()) {
                wb.status.set(file.getFileName() + " keeps no runs yet");
                return;
            }
            List<String> names = runs.stream().map(r -> r.name()).toList();
            javafx.scene.control.ChoiceDialog<String> d = new javafx.scene.control.ChoiceDialog<>(names.get(names.size() - 1), names);
            d.setHeaderText("Replay a run kept in " + file.getFileName());
            d.setContentText("Run");
            d.showAndWait().ifPresent(this::openRun);
        }, err -> wb.status.set("Could not list the runs: " + err));
    }

    /** Loads a run kept in the open {@code .db} for playback, without recomputing it. */
    void openRun(String name) {
        Path file = wb.file.get();
        wb.inBackground(() -> {
            var run = dev.placementstudio.io.store.RunStore.load(file, name).orElseThrow(() ->
                    new IllegalArgumentException("no run '" + name + "' in " + file.getFileName()));
            String where = file.getFileName().toString();
            return new Object[]{run.log(where), run.summaryOf(where), run.era(), run.seed()};
        }, r -> {
            @SuppressWarnings("unchecked")
            List<SimEvent> ev = (List<SimEvent>) r[0];
            era.setValue((String) r[2]);
            seed.setText(String.valueOf(r[3]));
            load(ev, (Summary) r[1], "kept:" + name, "kept run " + name);
        }, err -> wb.status.set("Could not open the run: " + err));
    }

    private void chooseExport() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Export the event log");
        chooser.getExtensionFilters().addAll(new javafx.stage.FileChooser.ExtensionFilter("JSON lines", "*.jsonl"),
                new javafx.stage.FileChooser.ExtensionFilter("CSV", "*.csv"));
        java.io.File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            try {
                exportTo(f.toPath());
                wb.status.set("Exported " + log.size() + " events to " + f.getName());
            } catch (java.io.IOException ex) {
                wb.status.set("Could not export the log: " + ex.getMessage());
            }
        }
    }

    /**
     * Writes the whole log, atomically: one JSON object per line ({@code .jsonl}, as {@code simulate --events}
     * writes it) or CSV ({@code .csv}: t_ms, seq, type, instance, host, cell, by, reason).
     */
    void exportTo(Path file) throws java.io.IOException {
        if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            dev.placementstudio.io.EventLogJson.writeLines(file, log);
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("t_ms,seq,type,instance,host,cell,by,reason\n");
        for (SimEvent e : log) {
            sb.append(e.t()).append(',').append(e.seq()).append(',').append(e.type().label());
            for (String v : java.util.Arrays.asList(e.instance(), e.host(), e.cell(), by(e), e.reason())) {
                sb.append(',').append(v == null ? "" : csv(v));
            }
            sb.append('\n');
        }
        dev.placementstudio.io.AtomicFiles.write(file, sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String csv(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    /**
     * The filter funnel of the scheduling attempt the event at {@code i} belongs to: the hosts Placement
     * returned, then the count after each filter, then the hosts weighed ("" outside an attempt).
     */
    String funnelAt(int i) {
        SimEvent e = log.get(i);
        List<Integer> mine = e.instance() == null ? List.of() : byInstance.getOrDefault(e.instance(), List.of());
        int call = -1;
        for (int k : mine) {
            if (k > i) {
                break;
            }
            if (log.get(k) instanceof SimEvent.SchedulerCalled) {
                call = k;
            }
        }
        if (call < 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder("funnel: ");
        boolean first = true;
        for (int k : mine) {
            if (k <= call) {
                continue;
            }
            SimEvent step = log.get(k);
            if (step instanceof SimEvent.Filtered f) {
                if (first) {
                    sb.append("Placement ").append(f.before());
                    first = false;
                }
                if (f.before() != f.after()) {
                    sb.append(" → ").append(f.filter()).append(' ').append(f.after());
                }
            } else if (step instanceof SimEvent.Weighed w) {
                if (first) {
                    sb.append("Placement ").append(w.hosts());
                }
                sb.append(" → weighed ").append(w.hosts());
                return sb.toString();
            } else if (step instanceof SimEvent.SchedulerCalled) {
                break;
            }
        }
        return first ? "" : sb.toString();
    }

    /** Shows a comparison run beside the main one (its summary next to the main run's). */
    void compare(List<SimEvent> ev, Summary s, String otherEra) {
        compareLog = ev;
        summary.setText(summary.getText() + "   |   " + otherEra + ": " + s.requested() + " requested: " + s.active()
                + " active, " + s.error() + " error, " + s.deleted() + " deleted; " + s.claimConflicts() + " conflicts, "
                + s.reschedules() + " retries");
        onCompare.compare(ev, s, otherEra);
        if (cursor >= 0) {
            position.set(-1);
            show(cursor);
        }
    }

    int cursor() {
        return cursor;
    }

    private void togglePlay() {
        if (player != null) {
            player.stop();
            player = null;
            play.setText("Play");
            showDetails();
            return;
        }
        play.setText("Pause");
        String mode = speed.getValue();
        boolean simTime = mode.endsWith("sim time");
        // events a second, or simulated seconds a second (0.1× to 1000× the run's own clock)
        double rate = simTime ? Double.parseDouble(mode.substring(0, mode.indexOf('×'))) : switch (mode) {
            case "1 event/s" -> 1;
            case "100 events/s" -> 100;
            case "1000 events/s" -> 1000;
            default -> 10;
        };
        long start = System.nanoTime();
        int from = Math.max(0, cursor);
        long fromT = log.isEmpty() ? 0 : log.get(from).t();
        player = new AnimationTimer() {
            @Override
            public void handle(long now) {
                // one jump per frame, however many events that is: playback keeps up at any speed
                double elapsed = (now - start) / 1e9;
                int target = simTime ? Math.max(from, Playback.indexAt(log, fromT + (long) (elapsed * 1000 * rate)))
                        : from + (int) (elapsed * rate);
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
