package dev.placementstudio.app;

import dev.placementstudio.TestFiles;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The diagram driven by the keyboard alone, in the real window (headless, Monocle): real key presses. */
@ExtendWith(ApplicationExtension.class)
class DiagramKeyboardUiTest {
    private StudioApp app;

    @Start
    void start(Stage stage) {
        System.setProperty("user.home", System.getProperty("java.io.tmpdir") + "/ps-keys-home");
        app = new StudioApp();
        app.start(stage);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    @Test
    void arrowsMoveTheSelectionZoomKeysZoomAndAScreenReaderHearsTheHost(FxRobot robot) throws Exception {
        Path sample = TestFiles.sample("teaching-small");
        robot.interact(() -> app.open(sample, null));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> app.wb.idle()) && app.wb.model.get() != null
                && app.wb.model.get().hosts().size() == 8 && app.diagram.hostCount() == 8);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> app.diagram.requestFocus());
        assertThat(onFx(() -> app.diagram.isFocused())).isTrue();

        robot.type(KeyCode.HOME);
        String first = onFx(() -> app.diagram.hostBoxes().get(0).name());
        assertThat(app.wb.selectedHost.get()).isEqualTo(first);
        robot.type(KeyCode.RIGHT);
        String expected = onFx(() -> DiagramKeys.next(app.diagram.hostBoxes(), first, DiagramKeys.Direction.RIGHT));
        assertThat(expected).isNotEqualTo(first);
        assertThat(app.wb.selectedHost.get()).isEqualTo(expected);
        // the tree follows, as it does for a click
        assertThat(onFx(() -> app.tree.tree.getSelectionModel().getSelectedItem().getValue().label())).isEqualTo(expected);
        assertThat(onFx(() -> app.diagram.getAccessibleText())).startsWith(expected);
        robot.type(KeyCode.END);
        assertThat(app.wb.selectedHost.get()).isEqualTo(onFx(() -> {
            var boxes = app.diagram.hostBoxes();
            return boxes.get(boxes.size() - 1).name();
        }));

        double before = onFx(() -> app.diagram.scale());
        robot.type(KeyCode.EQUALS);
        assertThat(onFx(() -> app.diagram.scale())).isGreaterThan(before);
        robot.type(KeyCode.MINUS).type(KeyCode.MINUS);
        assertThat(onFx(() -> app.diagram.scale())).isLessThan(before);
        robot.type(KeyCode.DIGIT0);
        assertThat(onFx(() -> app.diagram.scale())).isCloseTo(before, org.assertj.core.data.Offset.offset(before * 0.05));

        robot.type(KeyCode.ESCAPE);
        assertThat(app.wb.selectedHost.get()).isNull();
        assertThat(onFx(() -> app.diagram.getAccessibleText())).contains("none selected");
    }
}
