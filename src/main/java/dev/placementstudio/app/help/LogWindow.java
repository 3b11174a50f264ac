package dev.placementstudio.app.help;

import dev.placementstudio.io.AppLog;
import javafx.application.HostServices;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Path;

/**
 * Help → Show Log: the end of the studio's log file (where the served API's errors and the app's own
 * warnings go), read off the FX thread, with Refresh and a button that opens the folder.
 */
public final class LogWindow {
    /** How much of the file the window shows: the last 256 KiB. */
    static final int TAIL_BYTES = 256 * 1024;

    final TextArea text = new TextArea();
    final Label where = new Label();
    private final Stage stage = new Stage();
    private final Path file;

    public LogWindow(Window owner, HostServices host, Path file) {
        this.file = file;
        stage.initOwner(owner);
        stage.setTitle("Placement Studio Log");
        text.setEditable(false);
        text.setWrapText(false);
        text.setStyle("-fx-font-family: monospace;");
        text.setAccessibleText("The log file's last lines");
        where.setMnemonicParsing(false);
        where.setText(file.toString());
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> load());
        Button folder = new Button("Open Folder");
        folder.setOnAction(e -> host.showDocument(file.toAbsolutePath().getParent().toUri().toString()));
        folder.setDisable(host == null || file.toAbsolutePath().getParent() == null);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(8, where, gap, refresh, folder);
        bar.setPadding(new Insets(8));
        BorderPane root = new BorderPane(text, null, null, bar, null);
        stage.setScene(new Scene(root, 900, 560));
    }

    /** Shows the window and reads the file in the background. */
    public void show() {
        stage.show();
        load();
    }

    Stage stage() {
        return stage;
    }

    private void load() {
        text.setText("Reading " + file.getFileName() + "…");
        Task<String> read = new Task<>() {
            @Override
            protected String call() throws Exception {
                String tail = AppLog.tail(file, TAIL_BYTES);
                return tail.isEmpty() ? "(the log is empty: nothing has been logged yet)" : tail;
            }
        };
        read.setOnSucceeded(e -> {
            text.clear();
            text.appendText(read.getValue()); // appending scrolls to the end, where the newest lines are
        });
        read.setOnFailed(e -> text.setText("The log could not be read: " + read.getException().getMessage()));
        Thread t = new Thread(read, "log-reader");
        t.setDaemon(true);
        t.start();
    }
}
