package dev.placementstudio.app.portfolio;

import dev.placementstudio.io.AtomicFiles;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.sweep.ResultSummary;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

import javax.imageio.ImageIO;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Portfolio window (docs/sweep.md, "In the GUI"): open a portfolio, run its sweep in the background
 * with progress and Cancel, and see per metric a box plot per design with eras as colours, a table of
 * medians and p5/p95 per design × era and the designs ranked. A click on a row or a box opens that
 * design's run of its first seed in the theatre, through the hook the main window sets.
 */
public final class PortfolioView extends BorderPane {
    final PortfolioViewModel vm = new PortfolioViewModel(Platform::runLater);
    final BoxPlot plot = new BoxPlot();
    final TableView<ResultSummary.Line> table = new TableView<>();
    final ListView<String> ranking = new ListView<>();
    final ComboBox<String> metric = new ComboBox<>();
    final Button open = new Button("Open Portfolio…");
    final Button run = new Button("Run");
    final Button cancel = new Button("Cancel");
    final Button png = new Button("Export PNG…");
    final Button csv = new Button("Export CSV…");
    final ProgressBar progress = new ProgressBar(0);
    final Label contents = new Label("No portfolio open.");
    private Consumer<PortfolioViewModel.RunRef> onOpenRun;

    public PortfolioView() {
        setPadding(new Insets(8));
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        Label count = new Label();
        count.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> vm.doneProperty().get() + "/"
                + vm.cellsProperty().get() + " cells " + vm.etaProperty().get(), vm.doneProperty(), vm.cellsProperty(),
                vm.etaProperty()));
        progress.progressProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(() -> vm.cellsProperty().get() == 0
                ? 0 : vm.doneProperty().get() / (double) vm.cellsProperty().get(), vm.doneProperty(), vm.cellsProperty()));
        progress.setPrefWidth(220);
        run.disableProperty().bind(vm.runningProperty().or(vm.cellsProperty().isEqualTo(0)));
        cancel.disableProperty().bind(vm.runningProperty().not());
        open.disableProperty().bind(vm.runningProperty());
        open.setOnAction(e -> choose());
        run.setOnAction(e -> vm.run(Math.max(1, Runtime.getRuntime().availableProcessors())));
        cancel.setOnAction(e -> vm.cancel());
        png.setOnAction(e -> save("PNG image", "*.png", "portfolio.png", this::writePng));
        csv.setOnAction(e -> save("CSV", "*.csv", "portfolio.csv", f -> {
            try {
                AtomicFiles.write(f.toPath(), vm.csv().getBytes(StandardCharsets.UTF_8));
                return null;
            } catch (IOException ex) {
                return ex.getMessage();
            }
        }));
        HBox bar = new HBox(8, open, run, cancel, progress, count, status);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        contents.setWrapText(true);

        metric.setItems(vm.metrics());
        metric.valueProperty().bindBidirectional(vm.metricProperty());
        metric.setVisibleRowCount(16);
        table.setItems(vm.lines());
        table.getColumns().add(column("design", ResultSummary.Line::design));
        table.getColumns().add(column("era", ResultSummary.Line::era));
        table.getColumns().add(column("cells", l -> Integer.toString(l.cells())));
        table.getColumns().add(column("p5", l -> BoxPlot.label(l.p5())));
        table.getColumns().add(column("median", l -> BoxPlot.label(l.median())));
        table.getColumns().add(column("p95", l -> BoxPlot.label(l.p95())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.getColumns().get(0).setPrefWidth(160);
        table.getColumns().get(1).setPrefWidth(70);
        table.getColumns().get(2).setPrefWidth(50);
        table.setPlaceholder(new Label("Run the portfolio to see its results."));
        table.setOnMouseClicked(e -> {
            ResultSummary.Line l = table.getSelectionModel().getSelectedItem();
            if (l != null && e.getClickCount() == 2) {
                openRun(l.design(), l.era());
            }
        });
        vm.ranking().addListener((javafx.collections.ListChangeListener<ResultSummary.Rank>) c -> ranked());
        vm.boxes().addListener((javafx.collections.ListChangeListener<PortfolioViewModel.Box>) c ->
                plot.show(vm.boxes(), vm.boxes().isEmpty() ? null : vm.metricProperty().get()));
        plot.setOnPick(this::openRun);
        ranking.setPrefHeight(120);

        Label rankTitle = new Label();
        rankTitle.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> "Ranking by median "
                + vm.metricProperty().get() + (PortfolioViewModel.higherIsBetter(String.valueOf(vm.metricProperty().get()))
                ? " (higher is better)" : " (lower is better)"), vm.metricProperty()));
        HBox metricRow = new HBox(6, new Label("Metric"), metric);
        metricRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label hint = new Label("Double-click a row or click a box: that design's run of its first seed in the theatre.");
        hint.setWrapText(true);
        VBox side = new VBox(6, metricRow, new Label("Medians and p5/p95 per design × era"), table, rankTitle, ranking,
                hint, new HBox(6, png, csv));
        VBox.setVgrow(table, Priority.ALWAYS);
        side.setPadding(new Insets(0, 0, 0, 6));
        side.setMinWidth(420);
        SplitPane split = new SplitPane(plot, side);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.58);
        setTop(new VBox(6, bar, contents));
        setCenter(split);
        BorderPane.setMargin(split, new Insets(6, 0, 0, 0));
        vm.nameProperty().addListener(o -> describe());
        vm.cellsProperty().addListener(o -> describe());
        plot.show(vm.boxes(), null);
    }

    /** What happens on a click of a row or a box: the main window opens the run in its theatre. */
    public void setOnOpenRun(Consumer<PortfolioViewModel.RunRef> onOpenRun) {
        this.onOpenRun = onOpenRun;
    }

    public PortfolioViewModel viewModel() {
        return vm;
    }

    /** The window: one per call, owned by the main window. */
    public static PortfolioView showWindow(Window owner, Consumer<PortfolioViewModel.RunRef> onOpenRun) {
        PortfolioView v = new PortfolioView();
        v.setOnOpenRun(onOpenRun);
        Stage s = new Stage();
        s.initOwner(owner);
        s.setTitle("Portfolio — Placement Studio");
        s.setScene(new Scene(v, 1280, 760));
        s.setOnHidden(e -> v.vm.cancel());
        s.show();
        return v;
    }

    /** Opens a portfolio file; a problem shows in the status line with its place. */
    public void open(Path file) {
        try {
            vm.open(file);
        } catch (InputProblemException | IllegalStateException e) {
            contents.setText("Could not open " + file.getFileName() + ": " + e.getMessage());
        }
    }

    /** Opens a portfolio and runs it at once (the {@code placement-studio.portfolio} start-up property). */
    public void openAndRun(Path file) {
        open(file);
        if (!vm.runningProperty().get() && vm.cellsProperty().get() > 0) {
            run.fire();
        }
    }

    private void choose() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open Portfolio");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Portfolio (JSON)", "*.json"));
        File dir = new File("sample-clouds/portfolios");
        if (dir.isDirectory()) {
            fc.setInitialDirectory(dir);
        }
        File f = fc.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            open(f.toPath());
        }
    }

    private void describe() {
        contents.setText("Portfolio '" + vm.nameProperty().get() + "': designs " + String.join(", ", vm.designs())
                + "; workloads " + String.join(", ", vm.workloads()) + "; eras " + String.join(", ", vm.eras())
                + "; seeds " + seeds() + " — " + vm.cellsProperty().get() + " cells.");
    }

    private String seeds() {
        var s = vm.seeds();
        if (s.size() > 4) {
            return s.get(0) + "…" + s.get(s.size() - 1) + " (" + s.size() + ")";
        }
        return s.toString();
    }

    private void ranked() {
        var rs = vm.ranking();
        ranking.getItems().setAll(java.util.stream.IntStream.range(0, rs.size()).mapToObj(i -> (i + 1) + ". "
                + rs.get(i).design() + " — median " + BoxPlot.label(rs.get(i).median()) + " over " + rs.get(i).cells()
                + " cells").toList());
    }

    private void openRun(String design, String era) {
        PortfolioViewModel.RunRef r = vm.runOf(design, era);
        if (r != null && onOpenRun != null) {
            onOpenRun.accept(r);
        }
    }

    /** The chart as a PNG: a snapshot of the canvas. Returns a problem or null. */
    String writePng(File f) {
        WritableImage img = plot.canvas.snapshot(null, null);
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", out);
            AtomicFiles.write(f.toPath(), out.toByteArray());
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private void save(String what, String glob, String name, Function<File, String> write) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export " + what);
        fc.setInitialFileName(name);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, glob));
        File f = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            String problem = write.apply(f);
            contents.setText(problem == null ? "Wrote " + f : "Could not write " + f + ": " + problem);
        }
    }

    private static TableColumn<ResultSummary.Line, String> column(String title, Function<ResultSummary.Line, String> f) {
        TableColumn<ResultSummary.Line, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(f.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }
}
