package dev.placementstudio.app;

import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.ComputeHost;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.scheduler.Capacity;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.PropertyValueFactory;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Capacity: used and free per resource class per cell, and how many more of each flavor fit, counted by
 * {@link Capacity#moreThatFit} (claiming on a copy of Placement until it finds no candidate, not estimated).
 */
public final class CapacityPanel extends HBox {
    /** One row of the "how many more fit" table. */
    public static final class Fit {
        private final String flavor;
        private final String more;
        private final int count;
        private String change = "";

        public Fit(String flavor, String more) {
            this(flavor, more, -1);
        }

        Fit(String flavor, String more, int count) {
            this.flavor = flavor;
            this.more = more;
            this.count = count;
        }

        /** The difference from the snapshot ("+12", "−3", "="), or empty without one. */
        public String getChange() {
            return change;
        }

        public String getFlavor() {
            return flavor;
        }

        public String getMore() {
            return more;
        }
    }

    static final int MAX_COUNT = 20_000;
    private final Workbench wb;
    final ComboBox<String> rc = new ComboBox<>(FXCollections.observableArrayList("VCPU", "MEMORY_MB", "DISK_GB", "PCPU"));
    final StackedBarChart<String, Number> chart = new StackedBarChart<>(new CategoryAxis(), new NumberAxis());
    final TableView<Fit> fits = new TableView<>();
    final Button count = new Button("Count");
    final Button keep = new Button("Keep as snapshot");
    /** Flavor to how many more fit, as counted when the snapshot was kept; null: none. */
    Map<String, Integer> snapshot;
    final Label note = new Label();
    /** True while a count runs (its progress and Cancel button are in the workbench's job list). */
    final javafx.beans.property.BooleanProperty counting = new javafx.beans.property.SimpleBooleanProperty(false);

    public CapacityPanel(Workbench wb) {
        this.wb = wb;
        setSpacing(10);
        setPadding(new Insets(8));
        rc.getSelectionModel().select(0);
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.setTitle(null);
        chart.setMinHeight(160);
        VBox left = new VBox(6, new HBox(6, new Label("Resource class"), rc), chart);
        VBox.setVgrow(chart, Priority.ALWAYS);
        HBox.setHgrow(left, Priority.ALWAYS);
        TableColumn<Fit, String> f = new TableColumn<>("Flavor");
        f.setCellValueFactory(new PropertyValueFactory<>("flavor"));
        TableColumn<Fit, String> m = new TableColumn<>("More that fit");
        m.setCellValueFactory(new PropertyValueFactory<>("more"));
        f.setPrefWidth(120);
        m.setPrefWidth(110);
        TableColumn<Fit, String> d = new TableColumn<>("Since snapshot");
        d.setCellValueFactory(new PropertyValueFactory<>("change"));
        d.setPrefWidth(100);
        fits.getColumns().add(f);
        fits.getColumns().add(m);
        fits.getColumns().add(d);
        fits.setPlaceholder(new Label("Press Count"));
        keep.setTooltip(new javafx.scene.control.Tooltip("Keep these counts; edit the model, Count again, and see what changed"));
        keep.setDisable(true);
        keep.setOnAction(e -> keepSnapshot());
        note.setWrapText(true);
        VBox right = new VBox(6, new HBox(6, new Label("How many more fit"), count, keep), fits, note);
        VBox.setVgrow(fits, Priority.ALWAYS);
        right.setPrefWidth(400);
        getChildren().addAll(left, right);
        rc.valueProperty().addListener(o -> refreshChart());
        Runnable later = Workbench.coalesced(this::refreshChart, 250);
        wb.usage.addListener((o, a, u) -> {
            if (a == null || u == null || a.engine() != u.engine()) {
                refreshChart();
                fits.getItems().clear();
            } else {
                later.run(); // a playback's usage: at most four times a second
            }
        });
        count.setOnAction(e -> countFits());
        count.disableProperty().bind(wb.usage.isNull().or(counting));
    }

    void refreshChart() {
        Workbench.Usage u = wb.usage.get();
        CloudModel m = wb.model.get();
        chart.getData().clear();
        if (u == null || m == null) {
            return;
        }
        String cls = rc.getValue();
        Map<String, long[]> byCell = new LinkedHashMap<>();
        for (ComputeHost h : m.hosts()) {
            long[] cu = u.of(h.hostname(), cls);
            if (cu != null) {
                long[] s = byCell.computeIfAbsent(h.cell(), k -> new long[2]);
                s[0] += cu[0];
                s[1] += cu[1];
            }
        }
        XYChart.Series<String, Number> used = new XYChart.Series<>();
        used.setName("used");
        XYChart.Series<String, Number> free = new XYChart.Series<>();
        free.setName("free");
        byCell.forEach((cell, s) -> {
            used.getData().add(new XYChart.Data<>(cell, s[1]));
            free.getData().add(new XYChart.Data<>(cell, Math.max(0, s[0] - s[1])));
        });
        chart.getData().add(used);
        chart.getData().add(free);
    }

    /** Keeps the current counts, to compare the next count with. */
    void keepSnapshot() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Fit r : fits.getItems()) {
            counts.put(r.flavor, r.count);
        }
        snapshot = counts;
        for (Fit r : fits.getItems()) {
            r.change = "=";
        }
        fits.refresh();
        note.setText("Snapshot kept: edit the model, then Count again to see what changed.");
    }

    void countFits() {
        Workbench.Usage u = wb.usage.get();
        CloudModel m = wb.model.get();
        if (u == null || m == null) {
            return;
        }
        note.setText("Counting on a copy of Placement…");
        PlacementEngine base = u.engine();
        List<Flavor> flavors = m.flavors();
        counting.set(true);
        wb.startJob("Count how many more fit", progress -> {
            List<Fit> out = new java.util.ArrayList<>();
            for (int i = 0; i < flavors.size(); i++) {
                Flavor f = flavors.get(i);
                progress.update(f.name() + ": counting (flavor " + (i + 1) + " of " + flavors.size() + ")", i, flavors.size());
                int index = i;
                Capacity.Fit fit = Capacity.moreThatFit(m, base, f, MAX_COUNT, n -> {
                    if (n > 0 && n % 250 == 0) {
                        progress.update(String.format("%s: %,d more fit so far (flavor %d of %d)", f.name(), n,
                                index + 1, flavors.size()), index, flavors.size());
                    }
                    return progress.cancelled();
                });
                if (progress.cancelled()) {
                    return out;
                }
                int n = fit.more();
                out.add(new Fit(f.name(), fit.atLeast() ? "≥ " + MAX_COUNT : Integer.toString(n), n));
            }
            return out;
        }, rows -> {
            counting.set(false);
            List<String> changes = new java.util.ArrayList<>();
            for (Fit r : rows) {
                Integer before = snapshot == null ? null : snapshot.get(r.flavor);
                if (before != null) {
                    int d = r.count - before;
                    r.change = d == 0 ? "=" : (d > 0 ? "+" : "−") + Math.abs(d);
                    if (d != 0) {
                        changes.add(r.change + " " + r.flavor);
                    }
                }
            }
            fits.getItems().setAll(rows);
            keep.setDisable(false);
            note.setText("Counted by claiming until Placement finds no candidate."
                    + (snapshot == null ? "" : changes.isEmpty() ? " Since the snapshot: no change."
                    : " Since the snapshot: " + String.join(", ", changes) + " fit."));
        }, err -> {
            counting.set(false);
            note.setText("Could not count: " + err.getMessage());
        }, () -> {
            counting.set(false);
            note.setText("Counting cancelled: the counts shown are those from before.");
        });
    }
}
