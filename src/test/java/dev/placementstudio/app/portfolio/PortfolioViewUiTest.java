package dev.placementstudio.app.portfolio;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Portfolio window driven through its controls, headless (Monocle): open, Run, table, plot, export, pick. */
@ExtendWith(ApplicationExtension.class)
class PortfolioViewUiTest {
    private PortfolioView view;
    private final List<PortfolioViewModel.RunRef> picked = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        view = new PortfolioView();
        view.setOnOpenRun(picked::add);
        stage.setScene(new Scene(view, 1200, 700));
        stage.show();
    }

    @Test
    void runsATinyPortfolioAndShowsItsTablePlotAndRanking(FxRobot robot, @TempDir Path dir) throws Exception {
        Path p = PortfolioViewModelTest.portfolio(dir, 3);
        robot.interact(() -> view.open(p));
        assertThat(view.contents.getText()).contains("tiny", "base, dense-ram", "pike, queens", "12 cells");
        assertThat(view.table.getItems()).isEmpty();
        robot.clickOn(view.run);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !view.vm.runningProperty().get()
                && view.table.getItems().size() == 4);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.vm.statusProperty().get()).startsWith("Done: 12 cells");
        assertThat(view.progress.getProgress()).isEqualTo(1.0);
        assertThat(view.plot.drawn).isEqualTo(4);
        assertThat(view.ranking.getItems()).hasSize(2).allSatisfy(s -> assertThat(s).contains("median"));
        assertThat(coloured(onFx(() -> view.plot.canvas.snapshot(null, null)))).isGreaterThan(100);

        // another metric: the table and plot follow
        robot.interact(() -> view.metric.setValue("latency_p95_ms"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.table.getItems()).extracting(l -> l.design() + "/" + l.era())
                .containsExactly("base/pike", "base/queens", "dense-ram/pike", "dense-ram/queens");
        assertThat(view.plot.drawn).isEqualTo(4);

        // PNG of the chart, CSV of the sweep
        Path png = dir.resolve("plot.png");
        assertThat(onFx(() -> view.writePng(png.toFile()))).isNull();
        try (FileInputStream in = new FileInputStream(png.toFile())) {
            assertThat(new Image(in).getWidth()).isGreaterThan(100);
        }
        assertThat(view.vm.csv().lines().count()).isEqualTo(13);

        // a double-click on a row asks for that design's run in the theatre
        Node row = robot.lookup(".table-row-cell").nth(2).query();
        robot.doubleClickOn(row);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !picked.isEmpty());
        assertThat(picked.get(0).design()).isEqualTo("dense-ram");
        assertThat(picked.get(0).era()).isEqualTo("pike");
        assertThat(Files.exists(picked.get(0).workload())).isTrue();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }

    /** Pixels that are neither white nor grey: the boxes' colours. */
    private static int coloured(Image img) {
        PixelReader r = img.getPixelReader();
        int n = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                var c = r.getColor(x, y);
                if (Math.abs(c.getRed() - c.getBlue()) > 0.2) {
                    n++;
                }
            }
        }
        return n;
    }
}
