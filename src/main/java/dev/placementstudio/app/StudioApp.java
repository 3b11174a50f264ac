package dev.placementstudio.app;

import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.ModelFiles;
import dev.placementstudio.model.CloudModel;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The desktop application: a window with the model tree and an Open action. */
public final class StudioApp extends Application {
    /** The sample cloud opened when no file is named. */
    public static final String DEFAULT_SAMPLE = "sample-clouds/teaching-small.json";

    private final TreeView<String> tree = new TreeView<>();
    private final Label status = new Label("Ready");
    private Stage stage;

    public static void main(String[] args) {
        launch(StudioApp.class, args);
    }

    @Override
    public void start(Stage primaryStage) {
        this.stage = primaryStage;
        MenuItem open = new MenuItem("Open…");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> chooseAndOpen());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> Platform.exit());
        MenuBar menus = new MenuBar(new Menu("File", null, open, quit));
        BorderPane root = new BorderPane(tree);
        root.setTop(menus);
        root.setBottom(status);
        primaryStage.setScene(new Scene(root, 1200, 800));
        primaryStage.setTitle("Placement Studio");
        primaryStage.show();
        List<String> args = getParameters().getRaw();
        Path initial = args.size() >= 2 && args.get(0).equals("--open") ? Path.of(args.get(1)) : defaultSample();
        if (initial != null) {
            open(initial);
        }
    }

    static Path defaultSample() {
        Path p = Path.of(DEFAULT_SAMPLE);
        return Files.exists(p) ? p : null;
    }

    private void chooseAndOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a cloud model");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Placement Studio models", "*.json", "*.db"));
        Path samples = Path.of("sample-clouds");
        if (Files.isDirectory(samples)) {
            chooser.setInitialDirectory(samples.toFile());
        }
        File f = chooser.showOpenDialog(stage);
        if (f != null) {
            open(f.toPath());
        }
    }

    private void open(Path file) {
        status.setText("Opening " + file + "…");
        Task<CloudModel> task = new Task<>() {
            @Override
            protected CloudModel call() throws Exception {
                return ModelFiles.open(file);
            }
        };
        task.setOnSucceeded(e -> {
            show(task.getValue());
            stage.setTitle(file.getFileName() + " — Placement Studio");
            status.setText(file + ": " + task.getValue().hosts().size() + " hosts");
        });
        task.setOnFailed(e -> {
            Throwable ex = task.getException();
            Alert alert = new Alert(Alert.AlertType.ERROR, ex instanceof InputProblemException ? ex.getMessage()
                    : "Could not open " + file + ": " + ex);
            alert.setHeaderText("Cannot open this model");
            alert.show();
            status.setText("Open failed");
        });
        Thread t = new Thread(task, "open-model");
        t.setDaemon(true);
        t.start();
    }

    private void show(CloudModel model) {
        TreeItem<String> root = new TreeItem<>(model.name());
        for (var cell : model.cells()) {
            TreeItem<String> c = new TreeItem<>("Cell " + cell.name() + (cell.isUp() ? "" : " (down)"));
            model.hosts().stream().filter(h -> h.cell().equals(cell.name()))
                    .forEach(h -> c.getChildren().add(new TreeItem<>(h.hostname())));
            root.getChildren().add(c);
        }
        root.setExpanded(true);
        tree.setRoot(root);
    }
}
