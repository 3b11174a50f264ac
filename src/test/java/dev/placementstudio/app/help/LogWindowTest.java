package dev.placementstudio.app.help;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.stage.Stage;

import static org.assertj.core.api.Assertions.assertThat;

/** Help → Show Log shows the log file's last lines, and Refresh reads what was logged since. */
@ExtendWith(ApplicationExtension.class)
class LogWindowTest {
    private Stage owner;

    @Start
    void start(Stage stage) {
        owner = stage;
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 300, 200));
        stage.show();
    }

    @Test
    void showsTheEndOfTheLogAndRefreshes(FxRobot robot, @TempDir Path dir) throws Exception {
        Path log = dir.resolve("placement-studio.log");
        Files.writeString(log, "2026-12-03 ERROR serve: 500 on GET /x\n");
        LogWindow[] w = new LogWindow[1];
        robot.interact(() -> {
            w[0] = new LogWindow(owner, null, log);
            w[0].show();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> w[0].text.getText().contains("500 on GET /x"));
        assertThat(w[0].where.getText()).isEqualTo(log.toString());
        Files.writeString(log, "2026-12-03 INFO later\n", java.nio.file.StandardOpenOption.APPEND);
        robot.clickOn("Refresh");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> w[0].text.getText().contains("later"));
        robot.interact(() -> w[0].stage().close());
    }

    @Test
    void anEmptyLogSaysSo(FxRobot robot, @TempDir Path dir) throws Exception {
        LogWindow[] w = new LogWindow[1];
        robot.interact(() -> {
            w[0] = new LogWindow(owner, null, dir.resolve("none.log"));
            w[0].show();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> w[0].text.getText().contains("nothing has been logged"));
        robot.interact(() -> w[0].stage().close());
    }
}
