package dev.placementstudio.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.WorkloadFiles;
import dev.placementstudio.model.CloudModel;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a workload in a form, without writing JSON: a mix of flavors (count, rate, start, lifetime),
 * faults (build and accelerator-binding failure probabilities) and cells going down and up at given
 * times. It writes the same JSON as a workload file, checked against the model as you go.
 */
final class WorkloadBuilder extends VBox {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line of the flavor mix. */
    final class Arrival {
        final ComboBox<String> flavor = new ComboBox<>();
        final Spinner<Integer> count = new Spinner<>(1, 1_000_000, 20);
        final TextField rate = new TextField("10");
        final TextField start = new TextField("0");
        final TextField lifetime = new TextField("60000");
        final Button remove = new Button("✕");

        Arrival(String f) {
            flavor.getItems().setAll(flavors);
            flavor.setValue(f);
            count.setEditable(true);
            count.setPrefWidth(100);
            rate.setPrefColumnCount(5);
            start.setPrefColumnCount(6);
            lifetime.setPrefColumnCount(7);
            remove.setOnAction(e -> {
                arrivals.remove(this);
                layoutRows();
            });
            for (var t : List.of(rate, start, lifetime)) {
                t.textProperty().addListener((o, a, v) -> check());
            }
            count.valueProperty().addListener((o, a, v) -> check());
            flavor.valueProperty().addListener((o, a, v) -> check());
        }
    }

    /** A cell going down, and back up (optional). */
    final class CellOutage {
        final ComboBox<String> cell = new ComboBox<>();
        final TextField down = new TextField("10000");
        final TextField up = new TextField("30000");
        final Button remove = new Button("✕");

        CellOutage(String c) {
            cell.getItems().setAll(cells);
            cell.setValue(c);
            down.setPrefColumnCount(6);
            up.setPrefColumnCount(6);
            remove.setOnAction(e -> {
                outages.remove(this);
                layoutRows();
            });
            down.textProperty().addListener((o, a, v) -> check());
            up.textProperty().addListener((o, a, v) -> check());
        }
    }

    private final CloudModel model;
    private final List<String> flavors;
    private final List<String> cells;
    final List<Arrival> arrivals = new ArrayList<>();
    final List<CellOutage> outages = new ArrayList<>();
    final TextField buildFailures = new TextField("0.02");
    final TextField bindFailures = new TextField("0");
    final Label problem = new Label();
    private final GridPane mix = new GridPane();
    private final GridPane cellRows = new GridPane();

    WorkloadBuilder(CloudModel model) {
        this.model = model;
        this.flavors = model.flavors().stream().map(f -> f.name()).toList();
        this.cells = model.cells().stream().map(c -> c.name()).filter(c -> !c.equals("cell0")).toList();
        setSpacing(8);
        setPadding(new Insets(10));
        mix.setHgap(6);
        mix.setVgap(4);
        cellRows.setHgap(6);
        cellRows.setVgap(4);
        Button addArrival = new Button("Add flavor");
        addArrival.setOnAction(e -> {
            arrivals.add(new Arrival(flavors.isEmpty() ? null : flavors.get(0)));
            layoutRows();
        });
        Button addOutage = new Button("Add cell outage");
        addOutage.setDisable(cells.isEmpty());
        addOutage.setOnAction(e -> {
            outages.add(new CellOutage(cells.get(0)));
            layoutRows();
        });
        buildFailures.setPrefColumnCount(5);
        bindFailures.setPrefColumnCount(5);
        buildFailures.textProperty().addListener((o, a, v) -> check());
        bindFailures.textProperty().addListener((o, a, v) -> check());
        problem.getStyleClass().add("error-text");
        problem.setWrapText(true);
        Label mixTitle = new Label("Flavor mix (rate: boots a second, empty for a burst; times in ms; lifetime: mean, empty to stay)");
        mixTitle.setWrapText(true);
        getChildren().addAll(mixTitle, mix, addArrival,
                new HBox(6, new Label("Build failure probability"), buildFailures,
                        new Label("Accelerator binding failure probability"), bindFailures),
                new Label("Cells going down (and up) at given times"), cellRows, addOutage, problem);
        if (!flavors.isEmpty()) {
            arrivals.add(new Arrival(flavors.get(0)));
        }
        layoutRows();
    }

    private void layoutRows() {
        mix.getChildren().clear();
        mix.addRow(0, new Label("flavor"), new Label("count"), new Label("rate/s"), new Label("start"), new Label("lifetime"));
        for (int i = 0; i < arrivals.size(); i++) {
            Arrival a = arrivals.get(i);
            mix.addRow(i + 1, a.flavor, a.count, a.rate, a.start, a.lifetime, a.remove);
        }
        cellRows.getChildren().clear();
        if (!outages.isEmpty()) {
            cellRows.addRow(0, new Label("cell"), new Label("down at"), new Label("up at"));
        }
        for (int i = 0; i < outages.size(); i++) {
            CellOutage c = outages.get(i);
            cellRows.addRow(i + 1, c.cell, c.down, c.up, c.remove);
        }
        check();
    }

    private static Long number(String text, String what) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            long v = Long.parseLong(t);
            if (v < 0) {
                throw new IllegalArgumentException(what + " must not be negative");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a whole number: '" + t + "'");
        }
    }

    private static double probability(String text, String what) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return 0;
        }
        try {
            double v = Double.parseDouble(t);
            if (v < 0 || v > 1) {
                throw new IllegalArgumentException(what + " is a probability, between 0 and 1");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number: '" + t + "'");
        }
    }

    /** The workload as a workload file's JSON; throws IllegalArgumentException naming the bad field. */
    String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode arr = root.putArray("arrivals");
        if (arrivals.isEmpty()) {
            throw new IllegalArgumentException("add at least one flavor to boot");
        }
        int n = 0;
        for (Arrival a : arrivals) {
            n++;
            String row = "flavor line " + n + ": ";
            if (a.flavor.getValue() == null) {
                throw new IllegalArgumentException(row + "pick a flavor");
            }
            ObjectNode o = arr.addObject();
            o.put("flavor", a.flavor.getValue());
            o.put("count", a.count.getValue());
            String rate = a.rate.getText() == null ? "" : a.rate.getText().strip();
            if (!rate.isEmpty()) {
                try {
                    double r = Double.parseDouble(rate);
                    if (r <= 0) {
                        throw new IllegalArgumentException(row + "the rate must be above 0 (empty: all at once)");
                    }
                    o.put("rate_per_s", r);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(row + "the rate is not a number: '" + rate + "'");
                }
            }
            Long start = number(a.start.getText(), row + "the start");
            if (start != null) {
                o.put("start_ms", start);
            }
            Long life = number(a.lifetime.getText(), row + "the lifetime");
            if (life != null) {
                o.put("lifetime_mean_ms", life);
            }
        }
        ArrayNode events = root.putArray("events");
        for (CellOutage c : outages) {
            Long down = number(c.down.getText(), c.cell.getValue() + ": the down time");
            Long up = number(c.up.getText(), c.cell.getValue() + ": the up time");
            if (down == null) {
                throw new IllegalArgumentException(c.cell.getValue() + ": when does it go down?");
            }
            if (up != null && up <= down) {
                throw new IllegalArgumentException(c.cell.getValue() + ": it must come back after it goes down");
            }
            events.addObject().put("at_ms", down).put("type", "cell-down").put("cell", c.cell.getValue());
            if (up != null) {
                events.addObject().put("at_ms", up).put("type", "cell-up").put("cell", c.cell.getValue());
            }
        }
        ObjectNode faults = root.putObject("faults");
        faults.put("build_failure_probability", probability(buildFailures.getText(), "the build failure probability"));
        faults.put("arq_bind_failure_probability", probability(bindFailures.getText(), "the binding failure probability"));
        return root.toPrettyString();
    }

    /** Checks the form against the model; shows the problem, or nothing. True when it is a valid workload. */
    boolean check() {
        try {
            WorkloadFiles.parse("the workload", toJson(), model);
            problem.setText("");
            return true;
        } catch (IllegalArgumentException e) {
            problem.setText(e.getMessage());
        } catch (InputProblemException e) {
            problem.setText(e.detail());
        }
        return false;
    }
}
