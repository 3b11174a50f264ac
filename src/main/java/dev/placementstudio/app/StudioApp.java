package dev.placementstudio.app;

import dev.placementstudio.app.portfolio.PortfolioView;
import dev.placementstudio.app.portfolio.PortfolioViewModel;
import dev.placementstudio.io.store.RecoveryCopies;
import dev.placementstudio.model.CloudModel;
import javafx.animation.AnimationTimer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import dev.placementstudio.io.ScenarioFiles;
import dev.placementstudio.sim.ScenarioRun;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;

import javax.imageio.ImageIO;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.prefs.Preferences;

/**
 * The workbench window: model tree (left), topology diagram (centre), inspector (right), and the query,
 * Placement and capacity panels below. Long work runs in the workbench's background thread.
 */
public final class StudioApp extends Application {
    /** The sample cloud opened when no file is named. */
    public static final String DEFAULT_SAMPLE = "sample-clouds/teaching-small.json";

    final Workbench wb = new Workbench(RecoveryCopies.inUserHome());
    /** The comparison run's side: the same model, its own usage, tags and highlights. */
    final Workbench compareWb = new Workbench(RecoveryCopies.inUserHome());
    TopologyView compareDiagram;
    Playback comparePlayback;
    final Label compareTitle = new Label();
    final Label mainTitle = new Label();
    private javafx.scene.layout.VBox compareSide;
    private javafx.scene.layout.VBox mainSide;
    private SplitPane diagrams;
    TopologyView diagram;
    ModelTree tree;
    InspectorView inspector;
    QueryPanel query;
    PlacementPanel placement;
    CapacityPanel capacity;
    /** The long work under way, each with its progress and a Cancel button (ControlsFX). */
    final org.controlsfx.control.TaskProgressView<javafx.concurrent.Task<?>> jobsView =
            new org.controlsfx.control.TaskProgressView<>();
    ExplainPanel why;
    SimulationPanel simulation;
    ChartsPanel charts;
    ServePanel serve;
    final ScenarioCard card = new ScenarioCard();
    final Menu learn = new Menu("_Learn");
    TabPane bottom;
    private SplitPane centre;
    private Stage stage;
    private Scene scene;
    private final Label status = new Label();
    final Preferences prefs = Preferences.userNodeForPackage(StudioApp.class);
    private long openStarted;

    @Override
    public void stop() {
        if (serve != null) {
            serve.stop(); // the served API goes with the window
        }
        if (autosave != null) {
            autosave.stop(); // a window that is gone writes no more recovery copies
        }
    }

    public static void main(String[] args) {
        launch(StudioApp.class, args);
    }



    @Override
    public void start(Stage primaryStage) {
        this.stage = primaryStage;
        diagram = new TopologyView(wb);
        tree = new ModelTree(wb);
        inspector = new InspectorView(wb);
        query = new QueryPanel(wb);
        placement = new PlacementPanel(wb);
        capacity = new CapacityPanel(wb);
        why = new ExplainPanel(wb);
        simulation = new SimulationPanel(wb);
        charts = new ChartsPanel(wb);
        serve = new ServePanel(wb);
        simulation.setOnLoaded(charts::load);
        simulation.position.addListener((o, a, v) -> {
            if (v.intValue() >= 0 && v.intValue() < simulation.log.size()) {
                charts.at(simulation.log.get(v.intValue()).t());
            }
        });
        simulation.setOnWhy(f -> {
            bottom.getSelectionModel().select(1);
            why.run(f);
        });
        diagram.setOnSelect(h -> {
            wb.selectedInstance.set(null);
            wb.selectedHost.set(h);
        });
        inspector.setOnWhyHere(inst -> {
            bottom.getSelectionModel().select(1);
            why.runFor(inst);
        });
        diagram.setDropHandler(new TopologyView.DropHandler() {
            @Override
            public void flavorOnHost(String flavor, String host) {
                askFits(flavor, host);
            }

            @Override
            public void hostIntoCell(String host, String cell) {
                moveHost(host, cell);
            }

            @Override
            public void hostIntoRack(String host, String cell, String rack) {
                moveHostToRack(host, cell, rack);
            }

            @Override
            public void hostIntoAggregate(String host, String aggregate) {
                String why = wb.apply("Add " + host + " to aggregate " + aggregate, ModelEdits.addHostToAggregate(host, aggregate));
                if (why != null) {
                    wb.status.set("Cannot add " + host + " to " + aggregate + ": " + why);
                }
            }

            @Override
            public void instanceOnHost(String instance, String host) {
                planMigration(instance, host);
            }

            @Override
            public void deviceOnHost(String from, String device, String host) {
                tree.moveDevice(from, device, host);
            }

            @Override
            public void deviceOnNuma(String from, String device, String host, int numa) {
                tree.moveDevice(from, device, host, numa);
            }
        });
        wb.selectedHost.addListener((o, a, h) -> {
            if (h != null) {
                diagram.reveal(h);
            }
        });

        bottom = new TabPane(new Tab("Query", query), new Tab("Why? (explain)", why), new Tab("Simulation", simulation), new Tab("Charts", charts),
                new Tab("Placement view", placement), new Tab("Capacity", capacity), new Tab("Serve", serve));
        bottom.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        // long work (open, save, counting what fits) shows here with its progress and a Cancel button
        wb.jobs.addListener((javafx.collections.ListChangeListener<javafx.concurrent.Task<?>>) c -> {
            while (c.next()) {
                jobsView.getTasks().addAll(c.getAddedSubList()); // the view drops each task itself when it ends
            }
        });
        jobsView.getStyleClass().add("jobs");
        jobsView.visibleProperty().bind(Bindings.isNotEmpty(jobsView.getTasks()));
        jobsView.setMaxSize(440, 84);
        javafx.scene.layout.StackPane diagramArea = new javafx.scene.layout.StackPane(diagram, card, jobsView);
        javafx.scene.layout.StackPane.setAlignment(jobsView, javafx.geometry.Pos.BOTTOM_LEFT);
        javafx.scene.layout.StackPane.setMargin(jobsView, new javafx.geometry.Insets(12));
        javafx.scene.layout.StackPane.setAlignment(card, javafx.geometry.Pos.BOTTOM_RIGHT);
        javafx.scene.layout.StackPane.setMargin(card, new javafx.geometry.Insets(12));
        card.setOnStep(this::showStep);
        card.visibleProperty().addListener((o, a, v) -> {
            diagram.reserveForCard(v ? card.getPrefWidth() : 0, v ? Math.max(card.getHeight(), 200) : 0, right ->
                    javafx.scene.layout.StackPane.setAlignment(card, right ? javafx.geometry.Pos.TOP_RIGHT
                            : javafx.geometry.Pos.BOTTOM_RIGHT));
            diagram.fit();
        });
        simulation.position.addListener((o, a, v) -> {
            ScenarioRun r = card.run();
            if (r != null && (simulation.source == r.main() || simulation.source == r.compare())) {
                card.follow(simulation.source == r.compare(), v.intValue());
            }
        });
        // era comparison: the comparison run's diagram beside the main one, on one timeline
        compareDiagram = new TopologyView(compareWb);
        comparePlayback = new Playback(compareWb);
        mainTitle.getStyleClass().add("panel-title");
        compareTitle.getStyleClass().add("panel-title");
        mainSide = new javafx.scene.layout.VBox(mainTitle, diagramArea);
        compareSide = new javafx.scene.layout.VBox(compareTitle, compareDiagram);
        javafx.scene.layout.VBox.setVgrow(diagramArea, Priority.ALWAYS);
        javafx.scene.layout.VBox.setVgrow(compareDiagram, Priority.ALWAYS);
        mainTitle.setVisible(false);
        mainTitle.setManaged(false);
        diagrams = new SplitPane(mainSide);
        simulation.setOnCompare(this::showComparison);
        simulation.position.addListener((o, a, v) -> {
            if (simulation.compareLog != null && v.intValue() >= 0 && v.intValue() < simulation.log.size()) {
                comparePlayback.show(Playback.indexAt(simulation.compareLog, simulation.log.get(v.intValue()).t()));
            }
        });
        centre = new SplitPane(diagrams, bottom);
        bottom.getSelectionModel().selectedIndexProperty().addListener((o, a, v) -> {
            // the playback (controls, list, story) and the charts need more room than a query
            if ((v.intValue() == 2 || v.intValue() == 3) && centre.getDividerPositions()[0] > 0.6) {
                centre.setDividerPositions(0.56);
            }
        });
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.68);
        SplitPane main = new SplitPane(tree, centre, inspector);
        main.setDividerPositions(0.2, 0.78);
        SplitPane.setResizableWithParent(tree, false);
        SplitPane.setResizableWithParent(inspector, false);

        BorderPane root = new BorderPane(main);
        root.setTop(new VBox(menus(), toolbar()));
        HBox statusBar = new HBox(status);
        statusBar.getStyleClass().add("status-bar");
        status.textProperty().bind(wb.status);
        root.setBottom(statusBar);
        scene = new Scene(root, 1500, 920);
        var css = StudioApp.class.getResource("/assets/studio.css");
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        scene.setOnKeyPressed(e -> {
            if (e.getTarget() instanceof javafx.scene.control.TextInputControl) {
                return;
            }
            if (e.getCode() == KeyCode.DIGIT0) {
                diagram.fit();
            } else if (e.getCode() == KeyCode.PLUS || e.getCode() == KeyCode.EQUALS || e.getCode() == KeyCode.ADD) {
                diagram.zoomAt(diagram.getWidth() / 2, diagram.getHeight() / 2, 1.25);
            } else if (e.getCode() == KeyCode.MINUS || e.getCode() == KeyCode.SUBTRACT) {
                diagram.zoomAt(diagram.getWidth() / 2, diagram.getHeight() / 2, 0.8);
            }
        });
        primaryStage.setScene(scene);
        primaryStage.titleProperty().bind(Bindings.createStringBinding(() -> {
            Path f = wb.file.get();
            CloudModel m = wb.model.get();
            String name = f != null ? f.getFileName().toString() : m != null && m.name() != null ? m.name() : "untitled";
            return (wb.dirty.get() ? "• " : "") + name + " — Placement Studio";
        }, wb.file, wb.dirty, wb.model));
        restoreGeometry(primaryStage);
        primaryStage.setOnCloseRequest(e -> {
            if (!confirmDiscard(() -> {
                saveGeometry(primaryStage);
                Platform.exit();
            })) {
                e.consume();
            } else {
                saveGeometry(primaryStage);
            }
        });
        wb.recent.setAll(List.of(prefs.get("recent", "").split("\n")).stream().filter(s -> !s.isBlank()).limit(8).toList());
        wb.recent.addListener((javafx.collections.ListChangeListener<String>) c ->
                prefs.put("recent", String.join("\n", wb.recent.stream().limit(8).toList())));
        startAutosave(prefs.getInt("autosave", 30));
        simulation.era.setValue(prefs.get("era", "queens"));
        primaryStage.show();

        List<String> args = getParameters() == null ? List.of() : getParameters().getRaw();
        Path initial = args.size() >= 2 && args.get(0).equals("--open") ? Path.of(args.get(1)) : defaultSample();
        boolean bench = Boolean.getBoolean("placement-studio.bench");
        if ("dark".equals(System.getProperty("placement-studio.theme")) || prefs.getBoolean("dark", false)) {
            setDark(true);
        }
        String portfolioFile = System.getProperty("placement-studio.portfolio");
        if (portfolioFile != null) { // -Dplacement-studio.portfolio=FILE: the Portfolio window, run (screenshots)
            PortfolioView.showWindow(stage, this::openPortfolioRun).openAndRun(Path.of(portfolioFile));
        }
        String scenario = System.getProperty("placement-studio.scenario");
        if (scenario != null) {
            // -Dplacement-studio.scenario=NAME [-Dplacement-studio.step=N]: open a story at a step (screenshots)
            int step = Integer.getInteger("placement-studio.step", 1);
            Workbench.once(card.step, v -> v.intValue() == 0, v -> Platform.runLater(() -> {
                card.go(step - 1);
                String tab = System.getProperty("placement-studio.tab");
                bottom.getTabs().stream().filter(t -> t.getText().equals(tab)).findFirst()
                        .ifPresent(t -> bottom.getSelectionModel().select(t));
            }));
            openScenario(scenario);
        } else if (initial != null) {
            openStarted = System.nanoTime();
            String select = System.getProperty("placement-studio.select");
            String ask = System.getProperty("placement-studio.query");
            String playbench = System.getProperty("placement-studio.playbench");
            open(initial, playbench != null ? () -> playbackBenchmark(Path.of(playbench)) : bench ? this::benchmark : () -> {
                if (select != null) {
                    wb.selectedHost.set(select);
                    String zoom = System.getProperty("placement-studio.zoom");
                    if (zoom != null) {
                        // -Dplacement-studio.zoom=S: that zoom, centred on the selected host (screenshots)
                        Platform.runLater(() -> {
                            diagram.zoomAt(0, 0, Double.parseDouble(zoom) / diagram.scale());
                            diagram.centreOn(select);
                        });
                    }
                }
                String simulate = System.getProperty("placement-studio.simulate");
                if (simulate != null) {
                    // -Dplacement-studio.simulate=WORKLOAD [-Dplacement-studio.era=E] [-Dplacement-studio.compare=E]
                    // [-Dplacement-studio.at=0..1]: run at start and show the event that far into the log (screenshots)
                    simulation.workload.setValue(simulate);
                    simulation.era.setValue(System.getProperty("placement-studio.era", "queens"));
                    simulation.compareWith.setValue(System.getProperty("placement-studio.compare", "no comparison"));
                    double at = Double.parseDouble(System.getProperty("placement-studio.at", "0.5"));
                    bottom.getSelectionModel().select(2);
                    // -Dplacement-studio.atType=TYPE: the first event of that type from there on
                    String atType = System.getProperty("placement-studio.atType");
                    Workbench.once(simulation.position, v -> true, v -> Platform.runLater(() -> {
                        int i = (int) Math.round(at * (simulation.log.size() - 1));
                        while (atType != null && i < simulation.log.size() - 1
                                && !simulation.log.get(i).type().label().equals(atType)) {
                            i++;
                        }
                        String flowAt = System.getProperty("placement-studio.flowAt");
                        if (flowAt != null && i > 0) {
                            // -Dplacement-studio.flowAt=0..1: step onto the event and hold its flow that far in,
                            // zoomed in on its host (screenshots of a claim flowing in)
                            diagram.holdFlowAt(Double.parseDouble(flowAt));
                            simulation.show(i - 1);
                            String host = simulation.log.get(i).host();
                            if (host != null) {
                                Platform.runLater(() -> {
                                    diagram.zoomAt(0, 0, 2.6 / diagram.scale());
                                    diagram.centreOn(host);
                                });
                            }
                        }
                        simulation.show(i);
                    }));
                    simulation.run();
                }
                if (Boolean.getBoolean("placement-studio.runDialog")) {
                    Platform.runLater(this::askRun); // screenshots of the Run simulation dialog
                }
                if (ask != null) {
                    wb.usage.addListener((o, a, u) -> {
                        if (u != null && !ask.equals(query.query.getText())) {
                            query.setQuery(ask);
                        }
                    });
                }
            });
        }
    }

    /**
     * Drag a host onto a rack in the diagram: it moves to that rack, and to the rack's cell when that is
     * another one, as one undoable edit; refused with the reason when it breaks the model.
     */
    String moveHostToRack(String host, String cell, String rack) {
        CloudModel m = wb.model.get();
        if (m == null || m.host(host).isEmpty()) {
            return null;
        }
        var h = m.host(host).get();
        String target = rack == null || rack.isBlank() ? null : rack;
        boolean otherCell = !cell.equals(h.cell());
        boolean otherRack = !java.util.Objects.equals(target, h.rack() == null || h.rack().isBlank() ? null : h.rack());
        if (!otherCell && !otherRack) {
            return null;
        }
        String label = "Move host " + host + (target == null ? " out of its rack" : " to rack " + target)
                + (otherCell ? " in " + cell : "");
        String why = wb.apply(label, model -> {
            CloudModel r = otherCell ? ModelEdits.moveHost(host, cell).apply(model) : model;
            return otherRack ? ModelEdits.moveHostToRack(host, target).apply(r) : r;
        });
        if (why != null) {
            wb.status.set("Cannot move " + host + ": " + why);
        }
        return why;
    }

    /** Drag a host into another cell: an undoable edit, refused with the reason when it breaks the model. */
    String moveHost(String host, String cell) {
        CloudModel m = wb.model.get();
        if (m == null || m.host(host).isEmpty() || cell.equals(m.host(host).get().cell())) {
            return null;
        }
        String why = wb.apply("Move host " + host + " to " + cell, ModelEdits.moveHost(host, cell));
        if (why != null) {
            wb.status.set("Cannot move " + host + " to " + cell + ": " + why);
        }
        return why;
    }

    /**
     * Drop an instance on a host: plan its migration there. Placement is asked whether the instance's flavor
     * fits in that host's tree; if it does, the instance moves (an undoable edit, its allocation recomputed
     * on the new host), else the move is refused with the reason. Returns the refusal, or null.
     */
    String planMigration(String instanceName, String host) {
        CloudModel m = wb.model.get();
        Workbench.Usage u = wb.usage.get();
        var inst = m == null ? java.util.Optional.<dev.placementstudio.model.Instance>empty()
                : m.instances().stream().filter(i -> i.name().equals(instanceName)).findFirst();
        if (inst.isEmpty() || u == null || m.host(host).isEmpty()) {
            return "nothing to move";
        }
        var i = inst.get();
        String why;
        if (host.equals(i.host())) {
            why = i.name() + " is already on " + host;
        } else {
            var flavor = m.flavor(i.flavor());
            String uuid = rootUuid(u, host);
            if (flavor.isEmpty() || uuid == null) {
                why = "its flavor " + i.flavor() + " is not in the model";
            } else {
                String q = dev.placementstudio.scheduler.ResourceRequest.toQuery(
                        dev.placementstudio.scheduler.RequestSpec.of("plan", "plan", flavor.get()), null, 1);
                int fits;
                try {
                    fits = u.engine().allocationCandidates(q + "&in_tree=" + uuid).size();
                } catch (RuntimeException e) {
                    fits = 0;
                }
                String cell = m.host(host).get().cell();
                why = fits == 0 ? i.flavor() + " does not fit on " + host + " (Placement finds no candidate in its tree)"
                        : wb.apply("Migrate " + i.name() + " to " + host, model -> {
                            var list = new java.util.ArrayList<>(model.instances());
                            list.replaceAll(x -> x.name().equals(i.name()) ? x.withHost(host, cell) : x);
                            return model.withInstances(list);
                        });
            }
        }
        wb.status.set(why == null ? "Planned: " + instanceName + " moves to " + host + " (undoable)"
                : "Cannot move " + instanceName + " to " + host + ": " + why);
        return why;
    }

    /** The uuid of the root provider named {@code host} in the shown usage's engine, or null. */
    private static String rootUuid(Workbench.Usage u, String host) {
        return u.engine().providers().stream().filter(p -> p.name().equals(host) && p.parentUuid() == null)
                .map(dev.placementstudio.placement.ProviderView::uuid).findFirst().orElse(null);
    }

    /**
     * Drop a flavor on a host: does it fit there (Placement's answer for that host's tree), and where
     * else? The other hosts that fit are lit on the diagram through the query panel.
     */
    void askFits(String flavorName, String host) {
        Workbench.Usage u = wb.usage.get();
        CloudModel m = wb.model.get();
        if (u == null || m == null || m.flavor(flavorName).isEmpty()) {
            return;
        }
        String q = dev.placementstudio.scheduler.ResourceRequest.toQuery(
                dev.placementstudio.scheduler.RequestSpec.of("what-if", "what-if", m.flavor(flavorName).get()), null, 1000);
        String uuid = rootUuid(u, host);
        wb.inBackground(() -> new int[]{uuid == null ? 0 : u.engine().allocationCandidates(q + "&in_tree=" + uuid).size(),
                u.engine().allocationCandidates(q).size()}, counts -> {
            int here = counts[0];
            if (counts[1] == 0) {
                // fits nowhere: "Why no valid host?"
                lastFitAnswer = flavorName + " fits nowhere: see why";
                wb.status.set(lastFitAnswer);
                bottom.getSelectionModel().select(1);
                why.run(flavorName);
                return;
            }
            lastFitAnswer = here > 0 ? flavorName + " fits on " + host + " (" + here + " ways); lit: every host where it fits"
                    : flavorName + " does not fit on " + host + "; lit: the hosts where it fits";
            wb.status.set(lastFitAnswer);
            query.setQuery(q);
        }, err -> wb.status.set("Could not ask Placement: " + err));
    }

    /** The Run simulation dialog; Run starts the run in the Simulation tab (progress and Cancel there). */
    void askRun() {
        RunDialog d = new RunDialog(simulation, wb);
        d.initOwner(stage);
        d.showAndWait().filter(b -> b == RunDialog.RUN).ifPresent(b -> {
            try {
                d.start(simulation);
                bottom.getSelectionModel().select(2);
            } catch (java.io.IOException ex) {
                Alert a = new Alert(Alert.AlertType.ERROR, ex.getMessage());
                a.setHeaderText("Could not write the workload");
                a.show();
            }
        });
    }

    /** Runs {@code r} once the model's usage is there: now, or when it arrives (the benchmarks start so). */
    private void whenUsage(Runnable r) {
        if (wb.usage.get() != null) {
            r.run();
        } else {
            Workbench.once(wb.usage, u -> u != null, u -> r.run());
        }
    }

    /** The answer to the last flavor dropped on a host (for the status bar and tests). */
    String lastFitAnswer;

    static Path defaultSample() {
        Path p = Path.of(DEFAULT_SAMPLE);
        return Files.exists(p) ? p : null;
    }

    private MenuBar menus() {
        MenuItem newModel = item("New", "Shortcut+N", this::newModel);
        MenuItem open = item("Open…", "Shortcut+O", this::chooseAndOpen);
        MenuItem importDump = item("Import Placement Dump…", null, this::importDump);
        MenuItem exportDump = item("Export Placement Dump…", null, this::exportDump);
        MenuItem importCloud = item("Import from a running cloud…", null, this::importCloud);
        MenuItem refreshCloud = item("Refresh from the cloud", null, () -> cloudImport().refresh());
        exportDump.disableProperty().bind(wb.model.isNull());
        MenuItem prefs = item("Preferences…", "Shortcut+Comma", this::preferences);
        Menu recent = new Menu("Open Recent");
        recent.setOnShowing(e -> {
            recent.getItems().clear();
            for (String r : wb.recent) {
                MenuItem i = dataItem(r, () -> open(Path.of(r), null));
                if (!Files.exists(Path.of(r))) {
                    i.setText(r + "  (file not found)");
                    i.setDisable(true);
                }
                recent.getItems().add(i);
            }
            if (wb.recent.isEmpty()) {
                recent.getItems().add(new MenuItem("(none)"));
            } else {
                recent.getItems().add(new SeparatorMenuItem());
                recent.getItems().add(item("Clear Recent Files", null, wb.recent::clear));
            }
        });
        recent.getItems().add(new MenuItem("(none)"));
        MenuItem save = item("Save", "Shortcut+S", this::save);
        MenuItem saveAs = item("Save As…", "Shortcut+Shift+S", this::saveAs);
        MenuItem export = item("Export Diagram as PNG…", null, this::exportPng);
        MenuItem quit = item("Quit", "Shortcut+Q", () -> {
            if (confirmDiscard(Platform::exit)) {
                Platform.exit();
            }
        });
        MenuItem undo = item("Undo", "Shortcut+Z", wb::undo);
        undo.disableProperty().bind(wb.canUndo.not());
        undo.textProperty().bind(Bindings.createStringBinding(() -> wb.undoLabel.get().isEmpty() ? "Undo"
                : "Undo " + wb.undoLabel.get(), wb.undoLabel));
        MenuItem redo = item("Redo", "Shortcut+Y", wb::redo);
        redo.disableProperty().bind(wb.canRedo.not());
        MenuItem find = item("Find Host", "Shortcut+F", () -> tree.filter.requestFocus());
        CheckMenuItem dark = new CheckMenuItem("Dark Theme");
        dark.setSelected(this.prefs.getBoolean("dark", false));
        dark.setOnAction(e -> {
            setDark(dark.isSelected());
            this.prefs.putBoolean("dark", dark.isSelected()); // the theme chosen is the theme at the next start
        });
        MenuItem fit = item("Fit Diagram", null, diagram::fit);
        MenuItem runSim = item("Run Simulation…", "Shortcut+R", this::askRun);
        MenuItem portfolio = item("Portfolio…", null, () -> PortfolioView.showWindow(stage, this::openPortfolioRun));
        runSim.disableProperty().bind(wb.model.isNull().or(simulation.running));
        MenuItem showLog = item("Show Log", null, () -> new dev.placementstudio.app.help.LogWindow(stage,
                getHostServices(), dev.placementstudio.io.AppLog.file()).show());
        MenuItem about = item("About Placement Studio", null, () -> info("About",
                "Placement Studio: a model of an OpenStack cloud with a faithful Placement 8.0.0 and Nova 26 "
                        + "scheduling engine.\nPlacement microversions 1.0–1.39."));
        return new MenuBar(new Menu("_File", null, newModel, open, recent, new SeparatorMenuItem(), save, saveAs,
                new SeparatorMenuItem(), importDump, exportDump, importCloud, refreshCloud, export, new SeparatorMenuItem(), quit),
                new Menu("_Edit", null, undo, redo, new SeparatorMenuItem(), find, new SeparatorMenuItem(), prefs),
                new Menu("_View", null, fit, dark), new Menu("_Simulation", null, runSim, portfolio), learnMenu(),
                new Menu("_Help", null, showLog, new SeparatorMenuItem(), about));
    }

    /**
     * The Learn menu: the built-in scenarios in teaching order (their titles arrive from a background
     * read), then a scenario file of one's own.
     */
    /** A portfolio design's run of one seed, in the theatre (only over a saved model: it replaces it). */
    private void openPortfolioRun(PortfolioViewModel.RunRef r) {
        if (wb.dirty.get()) {
            info("Unsaved changes", "Save or undo the changes to this model first: the design's run replaces it.");
            return;
        }
        wb.show(r.model(), "Portfolio design '" + r.design() + "', " + r.era() + ", seed " + r.seed());
        simulation.workload.setValue(r.workload().toString());
        simulation.era.setValue(r.era());
        simulation.seed.setText(Long.toString(r.seed()));
        bottom.getSelectionModel().select(2);
        simulation.run();
    }

    private Menu learnMenu() {
        List<String> names = ScenarioFiles.builtInNames();
        for (String name : names) {
            MenuItem i = dataItem(name, () -> openScenario(name));
            i.setId("learn-" + name);
            learn.getItems().add(i);
        }
        learn.getItems().add(new SeparatorMenuItem());
        learn.getItems().add(item("Open Scenario File…", null, this::chooseScenario));
        wb.inBackground(() -> {
            List<String> titles = new java.util.ArrayList<>();
            for (String n : names) {
                titles.add(ScenarioFiles.builtInTitle(n)); // the title only: no model built on the way to the first open
            }
            return titles;
        }, titles -> {
            for (int i = 0; i < titles.size(); i++) {
                learn.getItems().get(i).setText((i + 1) + ". " + titles.get(i));
            }
        }, err -> wb.status.set("Could not read the scenarios: " + err));
        return learn;
    }

    private void chooseScenario() {
        choose("Open a scenario", false, new FileChooser.ExtensionFilter("Placement Studio scenarios", "*.json"))
                .ifPresent(f -> openScenario(f.toString()));
    }

    /**
     * Opens a scenario (a built-in name or a file): played in the background, then its model shown, its
     * main run loaded in the Simulation tab and its narrative card at the first step.
     */
    void openScenario(String nameOrFile) {
        if (!confirmDiscard(() -> openScenario(nameOrFile))) {
            return;
        }
        wb.status.set("Playing scenario " + nameOrFile + "…");
        wb.inBackground(() -> {
            try {
                return ScenarioRun.play(ScenarioFiles.open(nameOrFile));
            } catch (dev.placementstudio.io.InputProblemException e) {
                throw new Exception(e.getMessage(), e);
            } catch (dev.placementstudio.model.InvalidModelException | IllegalStateException e) {
                throw new Exception("scenario " + nameOrFile + ": " + e.getMessage(), e);
            }
        }, run -> {
            wb.show(run.scenario().model(), "Scenario " + run.scenario().name() + ": " + run.scenario().summary());
            centre.setDividerPositions(0.56); // room for the playback, the event list and the instance's story
            Platform.runLater(diagram::fit);
            bottom.getSelectionModel().select(2);
            // the first step may point into the provider trees: wait for the new model's projection
            Workbench.once(wb.usage, u -> u != null && wb.model() == run.scenario().model(), u -> {
                loadRun(run, false);
                card.load(run);
            });
        }, err -> error("This scenario cannot be played", err));
    }

    private void loadRun(ScenarioRun run, boolean compare) {
        ScenarioRun.Run r = compare ? run.compare() : run.main();
        if (simulation.source != r) {
            simulation.era.setValue(r.era().label());
            simulation.load(r.events(), r.summary(), r, run.scenario().name() + " (" + r.era().label() + ")");
        }
    }

    /**
     * Shows (or, with a null log, hides) the comparison run: its diagram beside the main one, both following
     * the one timeline by simulated time.
     */
    void showComparison(java.util.List<dev.placementstudio.sim.SimEvent> log, dev.placementstudio.sim.Summary s,
                        String otherEra) {
        if (log == null) {
            if (diagrams.getItems().contains(compareSide)) {
                Platform.runLater(diagram::fit);
            }
            diagrams.getItems().setAll(mainSide);
            mainTitle.setVisible(false);
            mainTitle.setManaged(false);
            comparePlayback.reset();
            return;
        }
        comparePlayback.reset();
        charts.compare(log, otherEra);
        boolean fresh = compareWb.model.get() != wb.model.get() || compareWb.usage.get() == null;
        Runnable start = () -> {
            comparePlayback.load(log);
            Platform.runLater(compareDiagram::fit);
            int i = simulation.cursor();
            if (simulation.compareLog == log && i >= 0 && i < simulation.log.size()) {
                comparePlayback.show(Playback.indexAt(log, simulation.log.get(i).t()));
            }
        };
        if (fresh) {
            // the comparison side's projection is on its way: start when it lands
            Workbench.once(compareWb.usage, u -> u != null && compareWb.model.get() == wb.model.get(), u -> start.run());
            compareWb.model.set(wb.model.get());
        } else {
            start.run();
        }
        mainTitle.setText(simulation.era.getValue() + "  (the timeline's run)");
        compareTitle.setText(otherEra + ":  " + s.active() + " active, " + s.error() + " error, " + s.reschedules()
                + " retries, " + s.claimConflicts() + " conflicts");
        mainTitle.setVisible(true);
        mainTitle.setManaged(true);
        if (!diagrams.getItems().contains(compareSide)) {
            diagrams.getItems().setAll(mainSide, compareSide);
            diagrams.setDividerPositions(0.5);
            // fit both once the split is laid out (the new side has no size yet)
            Workbench.once(compareDiagram.widthProperty(), w -> w.doubleValue() > 0, w -> Platform.runLater(() -> {
                diagram.fit();
                compareDiagram.fit();
            }));
        }
        Platform.runLater(() -> {
            diagram.fit();
            compareDiagram.fit();
        });
    }

    /** A narrative step: the playback jumps to its event, its query is asked, what it talks about is lit. */
    void showStep(ScenarioRun.Told t) {
        ScenarioRun run = card.run();
        loadRun(run, t.compare());
        if (t.eventIndex() >= 0) {
            bottom.getSelectionModel().select(2);
            simulation.show(t.eventIndex());
        }
        wb.highlighted.clear();
        wb.dropped.clear();
        String firstHost = null;
        for (String h : t.highlight()) {
            String kind = h.substring(0, h.indexOf(':'));
            String name = h.substring(h.indexOf(':') + 1);
            wb.highlighted.add(name);
            if (kind.equals("host") && firstHost == null) {
                firstHost = name;
            } else if (kind.equals("provider")) {
                String root = rootOf(name);
                if (root != null) {
                    wb.highlighted.add(root);
                    if (firstHost == null && wb.model().host(root).isPresent()) {
                        firstHost = root;
                    }
                }
            }
        }
        if (firstHost != null) {
            wb.selectedInstance.set(null);
            wb.selectedHost.set(firstHost);
        }
        if (t.step().query() != null) {
            bottom.getSelectionModel().select(0);
            query.setQuery(t.step().query());
        }
        wb.status.set("Step " + t.number() + ": " + t.step().title());
    }

    /** The name of the root provider of the provider with this name, from the shown usage; null if unknown. */
    private String rootOf(String providerName) {
        Workbench.Usage u = wb.usage.get();
        if (u == null) {
            return null;
        }
        var p = u.engine().providers().stream().filter(x -> x.name().equals(providerName)).findFirst();
        return p.flatMap(x -> u.engine().provider(x.rootUuid())).map(dev.placementstudio.placement.ProviderView::name)
                .orElse(null);
    }

    private ToolBar toolbar() {
        Button open = new Button("Open");
        open.setOnAction(e -> chooseAndOpen());
        Button save = new Button("Save");
        save.setOnAction(e -> save());
        save.disableProperty().bind(wb.dirty.not());
        Button undo = new Button("Undo");
        undo.setOnAction(e -> wb.undo());
        undo.disableProperty().bind(wb.canUndo.not());
        Button redo = new Button("Redo");
        redo.setOnAction(e -> wb.redo());
        redo.disableProperty().bind(wb.canRedo.not());
        Button fit = new Button("Fit");
        fit.setOnAction(e -> diagram.fit());
        Button zoomIn = new Button("+");
        zoomIn.setOnAction(e -> diagram.zoomAt(diagram.getWidth() / 2, diagram.getHeight() / 2, 1.25));
        Button zoomOut = new Button("−");
        zoomOut.setOnAction(e -> diagram.zoomAt(diagram.getWidth() / 2, diagram.getHeight() / 2, 0.8));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label legend = new Label("usage:  blue < 70%   amber 70–90%   red ≥ 90%   hatched = disabled");
        legend.getStyleClass().add("badge");
        return new ToolBar(open, save, undo, redo, fit, zoomIn, zoomOut, spacer, legend);
    }

    /**
     * A menu item whose label comes from data (a file path, a scenario title): an underscore in it is a
     * character, never a mnemonic, so {@code max_attempts} and {@code my_models/} read as written.
     */
    static MenuItem dataItem(String text, Runnable action) {
        MenuItem i = item(text, null, action);
        i.setMnemonicParsing(false);
        return i;
    }

    private static MenuItem item(String text, String accel, Runnable action) {
        MenuItem i = new MenuItem(text);
        if (accel != null) {
            i.setAccelerator(KeyCombination.keyCombination(accel));
        }
        i.setOnAction(e -> action.run());
        return i;
    }

    /** The window where the user left it, if that place is still on a screen. */
    void restoreGeometry(Stage st) {
        double w = prefs.getDouble("window.w", -1);
        double h = prefs.getDouble("window.h", -1);
        double x = prefs.getDouble("window.x", Double.NaN);
        double y = prefs.getDouble("window.y", Double.NaN);
        if (w >= 400 && h >= 300 && !javafx.stage.Screen.getScreensForRectangle(x, y, w, h).isEmpty()) {
            st.setX(x);
            st.setY(y);
            st.setWidth(w);
            st.setHeight(h);
        }
        st.setMaximized(prefs.getBoolean("window.maximized", false));
    }

    void saveGeometry(Stage st) {
        prefs.putBoolean("window.maximized", st.isMaximized());
        if (!st.isMaximized()) {
            prefs.putDouble("window.x", st.getX());
            prefs.putDouble("window.y", st.getY());
            prefs.putDouble("window.w", st.getWidth());
            prefs.putDouble("window.h", st.getHeight());
        }
    }

    void setDark(boolean dark) {
        if (dark) {
            scene.getRoot().getStyleClass().add("dark");
        } else {
            scene.getRoot().getStyleClass().remove("dark");
        }
        diagram.setDark(dark);
    }

    /** A new, empty model: one cell, one plain host, the usual flavors; nothing to save over. */
    void newModel() {
        if (!confirmDiscard(this::newModel)) {
            return;
        }
        CloudModel empty = new CloudModel(1, "untitled", "A new cloud", List.of(new dev.placementstudio.model.Cell("cell1", null, true)),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), null, null);
        try {
            CloudModel m = ModelEdits.addHost("cell1").apply(empty).withFlavors(List.of(
                    new dev.placementstudio.model.Flavor("m1.small", 1, 2048, 20, java.util.Map.of()),
                    new dev.placementstudio.model.Flavor("m1.medium", 2, 4096, 40, java.util.Map.of()),
                    new dev.placementstudio.model.Flavor("m1.large", 4, 8192, 80, java.util.Map.of())));
            dev.placementstudio.model.ModelValidator.requireValid(m);
            wb.show(m, "A new model: one cell, one host; add cells and hosts from the tree (right-click)");
            Platform.runLater(diagram::fit);
        } catch (dev.placementstudio.model.InvalidModelException e) {
            error("A new model could not be made", e.getMessage());
        }
    }

    /** A Placement dump (from `export-placement` or a live cloud) opened as a model of raw Placement state. */
    private void importDump() {
        if (!confirmDiscard(this::importDump)) {
            return;
        }
        choose("Import a Placement dump", false, new FileChooser.ExtensionFilter("Placement dumps", "*.json"))
                .ifPresent(this::importDump);
    }

    private CloudImport cloudImport;

    /** File → Import from a running cloud… and Refresh (app/CloudImport). */
    CloudImport cloudImport() {
        if (cloudImport == null) {
            cloudImport = new CloudImport(wb, stage, prefs, this::error, diagram::fit);
        }
        return cloudImport;
    }

    private void importCloud() {
        if (confirmDiscard(this::importCloud)) {
            cloudImport().showDialog();
        }
    }

    void importDump(Path file) {
        wb.inBackground(() -> dev.placementstudio.io.PlacementImport.toModel(dev.placementstudio.io.PlacementDump.read(file),
                file.getFileName().toString()), m -> {
            wb.show(m, "Imported " + file.getFileName() + ": " + m.hosts().size() + " hosts, "
                    + (m.rawPlacement() == null ? 0 : m.rawPlacement().resourceProviders().size()) + " raw providers");
            Platform.runLater(diagram::fit);
        }, err -> error("The Placement dump could not be imported", err));
    }

    private void exportDump() {
        choose("Export the model's Placement projection", true, new FileChooser.ExtensionFilter("Placement dump", "*.json"))
                .ifPresent(this::exportDump);
    }

    void exportDump(Path file) {
        CloudModel m = wb.model.get();
        wb.inBackground(() -> {
            dev.placementstudio.io.AtomicFiles.write(file,
                    dev.placementstudio.io.PlacementDump.toBytes(dev.placementstudio.model.Projection.project(m), true));
            return file;
        }, p -> wb.status.set("Exported the Placement projection to " + p.getFileName()),
                err -> error("The Placement dump could not be exported", err));
    }

    /** Preferences: theme, autosave interval, the era and seed a new simulation starts with. */
    private void preferences() {
        javafx.scene.control.CheckBox dark = new javafx.scene.control.CheckBox("Dark theme");
        dark.setSelected(prefs.getBoolean("dark", false));
        javafx.scene.control.ComboBox<String> era = new javafx.scene.control.ComboBox<>(
                javafx.collections.FXCollections.observableArrayList("queens", "pike", "pre-pike"));
        era.setValue(prefs.get("era", "queens"));
        javafx.scene.control.Spinner<Integer> autosave = new javafx.scene.control.Spinner<>(5, 600, prefs.getInt("autosave", 30), 5);
        javafx.scene.layout.GridPane g = new javafx.scene.layout.GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.addRow(0, dark);
        g.addRow(1, new Label("Era of a new simulation"), era);
        g.addRow(2, new Label("Keep a recovery copy every (s)"), autosave);
        Alert a = new Alert(Alert.AlertType.NONE, null, ButtonType.OK, ButtonType.CANCEL);
        a.setTitle("Preferences");
        a.setHeaderText("Preferences");
        a.getDialogPane().setContent(g);
        a.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b ->
                applyPreferences(dark.isSelected(), era.getValue(), autosave.getValue()));
    }

    /** Keeps the preferences (for the next start too) and applies them now. */
    void applyPreferences(boolean dark, String era, int autosaveSeconds) {
        prefs.putBoolean("dark", dark);
        prefs.put("era", era);
        prefs.putInt("autosave", autosaveSeconds);
        setDark(dark);
        simulation.era.setValue(era);
        startAutosave(autosaveSeconds);
    }

    private Timeline autosave;

    private void startAutosave(int seconds) {
        if (autosave != null) {
            autosave.stop();
        }
        autosave = new Timeline(new KeyFrame(Duration.seconds(seconds), e -> wb.autosave()));
        autosave.setCycleCount(Timeline.INDEFINITE);
        autosave.play();
    }

    /** A file picked in an open (or save) dialog with these filters, or nothing when cancelled. */
    private Optional<Path> choose(String title, boolean save, FileChooser.ExtensionFilter... filters) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(filters);
        File f = save ? chooser.showSaveDialog(stage) : chooser.showOpenDialog(stage);
        return Optional.ofNullable(f).map(File::toPath);
    }

    private void chooseAndOpen() {
        if (!confirmDiscard(this::chooseAndOpen)) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a cloud model");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Placement Studio models", "*.json", "*.db"));
        Path samples = Path.of("sample-clouds");
        if (Files.isDirectory(samples)) {
            chooser.setInitialDirectory(samples.toFile());
        }
        File f = chooser.showOpenDialog(stage);
        if (f != null) {
            open(f.toPath(), null);
        }
    }

    void open(Path path, Runnable after) {
        wb.open(path, () -> {
            Platform.runLater(diagram::fit);
            offerRecovery(path);
            if (after != null) {
                after.run();
            }
        }, this::error);
    }

    private void offerRecovery(Path path) {
        Optional<CloudModel> copy = wb.recovery().find(path);
        if (copy.isEmpty() || Boolean.getBoolean("placement-studio.bench")) {
            return;
        }
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Placement Studio found unsaved edits of " + path.getFileName()
                + " from a session that did not close cleanly. Restore them?", ButtonType.YES, ButtonType.NO);
        a.setHeaderText("Recover unsaved edits?");
        a.showAndWait().filter(b -> b == ButtonType.YES).ifPresent(b ->
                wb.apply("Recover unsaved edits", m -> copy.get()));
    }

    void save() {
        if (wb.file.get() == null) {
            saveAs();
        } else {
            wb.save(wb.file.get(), null, err -> error("The model could not be saved", err));
        }
    }

    private void saveAs() {
        choose("Save the model", true, new FileChooser.ExtensionFilter("JSON model", "*.json"),
                new FileChooser.ExtensionFilter("SQLite model", "*.db")).ifPresent(f -> wb.save(f, null, err -> error("The model could not be saved", err)));
    }

    private void exportPng() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the diagram");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        File f = chooser.showSaveDialog(stage);
        if (f != null) {
            try {
                var img = diagram.snapshotImage(1600, 1000);
                ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", f);
                wb.status.set("Exported " + f.getName());
            } catch (Exception ex) {
                error("The diagram could not be exported", ex.getMessage());
            }
        }
    }

    /** True when there is nothing unsaved, or the user agrees to lose it. */
    /**
     * Asks what to do with unsaved changes, as desktop tools do: Save, Don't Save or Cancel. True when
     * the caller may go on now (nothing to save, or Don't Save). On Save the model is saved in the
     * background and {@code after} runs once the save has landed; the caller stops for now.
     */
    boolean confirmDiscard(Runnable after) {
        if (!wb.dirty.get() || Boolean.getBoolean("placement-studio.bench")) {
            return true;
        }
        ButtonType saveIt = new ButtonType("Save", javafx.scene.control.ButtonBar.ButtonData.YES);
        ButtonType dontSave = new ButtonType("Don't Save", javafx.scene.control.ButtonBar.ButtonData.NO);
        Path f = wb.file.get();
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Your changes will be lost if you don't save them.",
                saveIt, dontSave, ButtonType.CANCEL);
        a.setHeaderText("Save the changes to " + (f != null ? f.getFileName() : "this model") + "?");
        ButtonType answer = a.showAndWait().orElse(ButtonType.CANCEL);
        if (answer == dontSave) {
            return true;
        }
        if (answer == saveIt) {
            Optional<Path> target = f != null ? Optional.of(f)
                    : choose("Save the model", true, new FileChooser.ExtensionFilter("JSON model", "*.json"),
                            new FileChooser.ExtensionFilter("SQLite model", "*.db"));
            target.ifPresent(t -> wb.save(t, after, err -> error("The model could not be saved", err)));
        }
        return false;
    }

    void error(String message) {
        error("This file cannot be opened", message);
    }

    /** An error dialog whose header says what failed: open, save, export, import, serve. */
    void error(String header, String message) {
        if (Boolean.getBoolean("placement-studio.bench")) {
            System.err.println(message);
            Platform.exit();
            return;
        }
        Alert a = new Alert(Alert.AlertType.ERROR);
        a.setHeaderText(header);
        TextArea t = new TextArea(message);
        t.setEditable(false);
        t.setWrapText(true);
        t.setPrefRowCount(4);
        a.getDialogPane().setContent(t);
        a.show();
    }

    private void info(String title, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, text);
        a.setHeaderText(title);
        a.show();
    }

    /**
     * Playback bench ({@code -Dplacement-studio.playbench=WORKLOAD}): runs the workload on the open model
     * (untimed), then times loading its log into the timeline ({@code load_ms}) and plays it at 1,000
     * events a second for 5 s with the whole cloud on screen ({@code fps}). Prints {"load_ms", "fps",
     * "events", "hosts", "played"} and exits.
     */
    private void playbackBenchmark(Path workload) {
        CloudModel m = wb.model.get();
        wb.inBackground(() -> {
            var wl = dev.placementstudio.io.WorkloadFiles.read(workload, m);
            var sim = new dev.placementstudio.sim.Simulation(m, wl, new dev.placementstudio.sim.Simulation.Settings(1,
                    dev.placementstudio.conductor.Era.QUEENS, 2, 3), true);
            sim.conductor().recordSelections(true);
            var summary = sim.run();
            return new Object[]{sim.trace().events(), summary};
        }, r -> {
            Runnable go = () -> {
                @SuppressWarnings("unchecked")
                var events = (List<dev.placementstudio.sim.SimEvent>) r[0];
                bottom.getSelectionModel().select(2);
                diagram.fit();
                long t0 = System.nanoTime();
                simulation.load(events, (dev.placementstudio.sim.Summary) r[1], null, "bench");
                long loadMs = (System.nanoTime() - t0) / 1_000_000;
                simulation.speed.setValue("1000 events/s");
                simulation.play.fire();
                long start = System.nanoTime();
                int from = simulation.cursor();
                new AnimationTimer() {
                    int frames;

                    @Override
                    public void handle(long now) {
                        frames++;
                        double t = (now - start) / 1e9;
                        if (t >= 5) {
                            stop();
                            System.out.printf("{\"load_ms\": %d, \"fps\": %.1f, \"events\": %d, \"hosts\": %d, \"played\": %d}%n",
                                    loadMs, frames / t, events.size(), diagram.hostCount(), simulation.cursor() - from);
                            System.out.flush();
                            Platform.exit();
                        }
                    }
                }.start();
            };
            whenUsage(go);
        }, err -> {
            System.err.println("playbench: " + err);
            Platform.exit();
        });
    }

    /** CPU time used by this process so far (all threads), or 0 where the JVM does not say. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    /**
     * Bench mode: {@code open_ms} is the time until the window shows the model's tree and diagram; then,
     * once the usage is in, the diagram is panned and zoomed for 5 s and the frame rate measured (from the
     * fitted zoom, or from {@code -Dplacement-studio.bench-scale=S}). Prints {"open_ms", "fps", "hosts",
     * "cpu_ms_per_frame"} and exits.
     */
    private void benchmark() {
        long openMs = (System.nanoTime() - openStarted) / 1_000_000;
        Runnable animate = () -> {
            diagram.fit();
            String zoom = System.getProperty("placement-studio.bench-scale");
            if (zoom != null) {
                // the frame rate at a given zoom, e.g. above TopologyView.INTERNALS_SCALE where cards draw their insides
                diagram.zoomAt(diagram.getWidth() / 2, diagram.getHeight() / 2, Double.parseDouble(zoom) / diagram.scale());
            }
            long start = System.nanoTime();
            long cpu0 = processCpuNanos();
            new AnimationTimer() {
                int frames;

                @Override
                public void handle(long now) {
                    frames++;
                    double t = (now - start) / 1e9;
                    diagram.zoomAt(diagram.getWidth() / 2, diagram.getHeight() / 2, t % 2 < 1 ? 1.01 : 1 / 1.01);
                    diagram.panBy(Math.sin(t * 3) * 4, Math.cos(t * 2) * 3);
                    if (t >= 5) {
                        stop();
                        // the CPU a frame costs (all threads) says what fps alone cannot on a shared machine
                        System.out.printf("{\"open_ms\": %d, \"fps\": %.1f, \"hosts\": %d, \"cpu_ms_per_frame\": %.1f}%n",
                                openMs, frames / t, diagram.hostCount(), (processCpuNanos() - cpu0) / 1e6 / frames);
                        System.out.flush();
                        Platform.exit();
                    }
                }
            }.start();
        };
        whenUsage(animate);
    }
}
