package dev.placementstudio.app;

import dev.placementstudio.sim.RunSeries;
import dev.placementstudio.sim.SimEvent;
import javafx.geometry.Insets;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Charts of the loaded run over simulated time: instances ACTIVE, ERRORs and retries, and the use of each
 * resource class (what the model held at the start plus what the run holds, over the cloud's capacity).
 * A vertical line follows the playback.
 */
public final class ChartsPanel extends VBox {
    private static final int POINTS = 240;
    private final Workbench wb;
    final LineChart<Number, Number> counts = chart("instances", false);
    final LineChart<Number, Number> usage = chart("use %", true);
    final Label note = new Label("Run a simulation (or open a scenario) to see it over time.");
    private final XYChart.Series<Number, Number> nowCounts = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> nowUsage = new XYChart.Series<>();
    private double countsMax = 1;
    private List<RunSeries.Point> points = List.of();

    public ChartsPanel(Workbench wb) {
        this.wb = wb;
        setPadding(new Insets(6));
        setSpacing(4);
        HBox both = new HBox(8, counts, usage);
        HBox.setHgrow(counts, Priority.ALWAYS);
        HBox.setHgrow(usage, Priority.ALWAYS);
        VBox.setVgrow(both, Priority.ALWAYS);
        nowCounts.setName("now");
        nowUsage.setName("now");
        getChildren().addAll(note, both);
    }

    private static LineChart<Number, Number> chart(String yLabel, boolean percent) {
        NumberAxis x = new NumberAxis();
        x.setLabel("simulated time (s)");
        x.setForceZeroInRange(true);
        NumberAxis y = percent ? new NumberAxis(0, 100, 20) : new NumberAxis();
        if (percent) {
            y.setAutoRanging(false);
        }
        y.setLabel(yLabel);
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setCreateSymbols(false);
        c.setAnimated(false);
        c.setLegendVisible(true);
        c.setMinHeight(120);
        return c;
    }

    /** Charts a run (the series computed off the FX thread); {@code base} gives capacities and starting use. */
    public void load(List<SimEvent> log, Workbench.Usage base, String label) {
        note.setText("Computing the charts…");
        wb.inBackground(() -> RunSeries.of(log, POINTS), pts -> show(pts, base, label),
                err -> note.setText("Could not chart the run: " + err));
    }

    private void show(List<RunSeries.Point> pts, Workbench.Usage base, String label) {
        points = pts;
        XYChart.Series<Number, Number> active = new XYChart.Series<>();
        active.setName("ACTIVE");
        XYChart.Series<Number, Number> errors = new XYChart.Series<>();
        errors.setName("ERROR");
        XYChart.Series<Number, Number> retries = new XYChart.Series<>();
        retries.setName("retries");
        countsMax = 1;
        for (RunSeries.Point p : pts) {
            double s = p.t() / 1000.0;
            active.getData().add(new XYChart.Data<>(s, p.active()));
            errors.getData().add(new XYChart.Data<>(s, p.errors()));
            retries.getData().add(new XYChart.Data<>(s, p.retries()));
            countsMax = Math.max(countsMax, Math.max(p.active(), Math.max(p.errors(), p.retries())));
        }
        counts.getData().setAll(List.of(active, errors, retries, nowCounts));
        List<XYChart.Series<Number, Number>> perClass = new ArrayList<>();
        if (base != null) {
            for (String rc : List.of("VCPU", "PCPU", "MEMORY_MB", "DISK_GB", "SRIOV_NET_VF", "FPGA", "PGPU", "VGPU")) {
                long capacity = 0;
                long start = 0;
                for (Map<String, long[]> host : base.byHost().values()) {
                    long[] cu = host.get(rc);
                    if (cu != null) {
                        capacity += cu[0];
                        start += cu[1];
                    }
                }
                if (capacity <= 0 || pts.stream().noneMatch(p -> p.used().containsKey(rc)) && start == 0) {
                    continue;
                }
                XYChart.Series<Number, Number> series = new XYChart.Series<>();
                series.setName(rc);
                for (RunSeries.Point p : pts) {
                    series.getData().add(new XYChart.Data<>(p.t() / 1000.0,
                            100.0 * (start + p.used().getOrDefault(rc, 0L)) / capacity));
                }
                perClass.add(series);
            }
        }
        perClass.add(nowUsage);
        usage.getData().setAll(perClass);
        note.setText(label + ": " + pts.size() + " samples over " + (pts.isEmpty() ? 0 : pts.get(pts.size() - 1).t() / 1000.0)
                + " s of simulated time" + (perClass.size() == 1 ? " (no allocations in this log: use is not charted)" : ""));
    }

    /** Adds a comparison run's counts to the counts chart (dashed, named by its era). */
    public void compare(List<SimEvent> log, String era) {
        wb.inBackground(() -> RunSeries.of(log, POINTS), pts -> {
            List<XYChart.Series<Number, Number>> extra = new ArrayList<>();
            for (String what : List.of("ACTIVE", "ERROR", "retries")) {
                XYChart.Series<Number, Number> series = new XYChart.Series<>();
                series.setName(what + " (" + era + ")");
                for (RunSeries.Point p : pts) {
                    int v = what.equals("ACTIVE") ? p.active() : what.equals("ERROR") ? p.errors() : p.retries();
                    series.getData().add(new XYChart.Data<>(p.t() / 1000.0, v));
                    countsMax = Math.max(countsMax, v);
                }
                extra.add(series);
            }
            counts.getData().addAll(extra);
            for (XYChart.Series<Number, Number> series : extra) {
                if (series.getNode() != null) {
                    series.getNode().setStyle("-fx-stroke-dash-array: 6 4;");
                }
            }
            note.setText(note.getText() + "; dashed: the same workload under " + era);
        }, err -> note.setText("Could not chart the comparison: " + err));
    }

    private long nowMs;
    private final Runnable moveLine = Workbench.coalesced(this::drawNow, 100);

    /** Moves the "now" line to simulated time {@code tMs} (redrawn at most ten times a second). */
    public void at(long tMs) {
        nowMs = tMs;
        moveLine.run(); // a playback moves it every frame: a chart's layout is too dear for that
    }

    private void drawNow() {
        if (points.isEmpty()) {
            return;
        }
        double s = nowMs / 1000.0;
        nowCounts.getData().setAll(List.of(new XYChart.Data<>(s, 0), new XYChart.Data<>(s, countsMax)));
        nowUsage.getData().setAll(List.of(new XYChart.Data<>(s, 0), new XYChart.Data<>(s, 100)));
    }

    /** The samples charted (for tests). */
    List<RunSeries.Point> points() {
        return points;
    }
}
