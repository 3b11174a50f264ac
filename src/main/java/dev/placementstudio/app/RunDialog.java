package dev.placementstudio.app;

import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.nio.file.Path;

/**
 * "Run simulation…": one dialog for everything a run needs — the workload (a file, a CSV trace, or built
 * here: flavor mix, count, rate, lifetime, faults, cells down and up), the era, schedulers, max_attempts,
 * seed and an era to compare with. Run hands the choice to the Simulation tab, which runs it in the
 * background with progress and Cancel, and plays it.
 */
final class RunDialog extends Dialog<ButtonType> {
    static final ButtonType RUN = new ButtonType("Run", ButtonBar.ButtonData.OK_DONE);

    final RadioButton fromFile = new RadioButton("From a file (workload JSON or CSV trace)");
    final RadioButton buildHere = new RadioButton("Build it here");
    final ComboBox<String> workload = new ComboBox<>();
    final javafx.scene.control.Button browse = new javafx.scene.control.Button("Browse…");
    final WorkloadBuilder builder;
    final ComboBox<String> era = new ComboBox<>(FXCollections.observableArrayList("queens", "pike", "pre-pike"));
    final ComboBox<String> compareWith = new ComboBox<>(FXCollections.observableArrayList("no comparison",
            "pre-pike", "pike", "queens"));
    final TextField seed = new TextField();
    final Spinner<Integer> schedulers = new Spinner<>(1, 16, 2);
    final Spinner<Integer> maxAttempts = new Spinner<>(1, 10, 3);
    final Label problem = new Label();

    RunDialog(SimulationPanel panel, Workbench wb) {
        setTitle("Run simulation");
        setHeaderText("Simulate a workload on " + (wb.model.get() == null || wb.model.get().name() == null
                ? "this model" : wb.model.get().name()));
        builder = new WorkloadBuilder(wb.model.get());
        ToggleGroup source = new ToggleGroup();
        fromFile.setToggleGroup(source);
        buildHere.setToggleGroup(source);
        fromFile.setSelected(true);
        workload.getItems().setAll(panel.workload.getItems());
        workload.setValue(panel.workload.getValue());
        workload.setEditable(true);
        workload.setPrefWidth(360);
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Workload");
            fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Workloads (JSON, CSV trace)", "*.json", "*.csv"));
            java.io.File f = fc.showOpenDialog(getOwner());
            if (f != null) {
                workload.getItems().add(f.toString());
                workload.setValue(f.toString());
            }
        });
        builder.disableProperty().bind(buildHere.selectedProperty().not());
        workload.disableProperty().bind(fromFile.selectedProperty().not());
        browse.disableProperty().bind(fromFile.selectedProperty().not());
        era.setValue(panel.era.getValue());
        compareWith.setValue(panel.compareWith.getValue());
        seed.setText(panel.seed.getText());
        seed.setPrefColumnCount(6);
        schedulers.getValueFactory().setValue(panel.schedulers.getValue());
        maxAttempts.getValueFactory().setValue(panel.maxAttempts.getValue());
        schedulers.setPrefWidth(80);
        maxAttempts.setPrefWidth(80);

        GridPane settings = new GridPane();
        settings.setHgap(8);
        settings.setVgap(6);
        settings.addRow(0, new Label("Era"), era, new Label("Compare with"), compareWith);
        settings.addRow(1, new Label("Schedulers"), schedulers, new Label("max_attempts"), maxAttempts);
        settings.addRow(2, new Label("Seed"), seed);
        problem.getStyleClass().add("problem");
        problem.setWrapText(true);
        HBox file = new HBox(6, workload, browse);
        file.setPadding(new Insets(0, 0, 0, 24)); // under its choice
        builder.setPadding(new Insets(0, 0, 0, 24));
        Label runWith = new Label("Run it with");
        runWith.setStyle("-fx-font-weight: bold;");
        VBox content = new VBox(8, fromFile, file, buildHere, builder, new javafx.scene.control.Separator(), runWith,
                settings, problem);
        content.setPadding(new Insets(4, 8, 4, 8));
        content.getProperties().put(RunDialog.class, this); // tests find the dialog from its pane
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().addAll(RUN, ButtonType.CANCEL);
        getDialogPane().lookupButton(RUN).addEventFilter(javafx.event.ActionEvent.ACTION, ev -> {
            String why = check();
            problem.setText(why == null ? "" : why);
            if (why != null) {
                ev.consume(); // say what is wrong; the dialog stays
            }
        });
    }

    /** Null when the choice can run, else what to fix. */
    String check() {
        try {
            Long.parseLong(seed.getText().strip());
        } catch (NumberFormatException e) {
            return "The seed is a whole number.";
        }
        if (buildHere.isSelected()) {
            return builder.check() ? null : "The workload form has a problem (see above).";
        }
        String w = workload.getValue();
        if (w == null || w.isBlank()) {
            return "Choose a workload file.";
        }
        if (!java.nio.file.Files.isRegularFile(Path.of(w.strip()))) {
            return "No workload file at " + w.strip() + ".";
        }
        return null;
    }

    /** Hands the choice to the Simulation tab and starts the run there. */
    void start(SimulationPanel panel) throws java.io.IOException {
        if (buildHere.isSelected()) {
            panel.useBuilt(builder.toJson());
        } else {
            String w = workload.getValue().strip();
            if (!panel.workload.getItems().contains(w)) {
                panel.workload.getItems().add(w);
            }
            panel.workload.setValue(w);
        }
        panel.era.setValue(era.getValue());
        panel.compareWith.setValue(compareWith.getValue());
        panel.seed.setText(seed.getText().strip());
        panel.schedulers.getValueFactory().setValue(schedulers.getValue());
        panel.maxAttempts.getValueFactory().setValue(maxAttempts.getValue());
        panel.run();
    }
}
