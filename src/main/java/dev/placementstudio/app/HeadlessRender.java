package dev.placementstudio.app;

import dev.placementstudio.io.store.RecoveryCopies;
import dev.placementstudio.model.CloudModel;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Draws the topology diagram of a model into a PNG without a display (JavaFX on Monocle's headless
 * platform), with the same painter as the window's "Export Diagram as PNG".
 */
public final class HeadlessRender {
    private HeadlessRender() {
    }

    public static void render(CloudModel model, Path out, int width, int height, boolean dark) throws IOException {
        if (System.getProperty("glass.platform") == null && System.getenv("DISPLAY") == null) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("prism.text", "t2k");
            System.setProperty("headless.geometry", width + "x" + height + "-32");
        }
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        AtomicReference<Object> result = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                Workbench wb = new Workbench(new RecoveryCopies(Files.createTempDirectory("ps-render")));
                TopologyView view = new TopologyView(wb);
                view.setDark(dark);
                view.resize(width, height);
                wb.model.set(model);
                result.set(wb);
            } catch (Exception e) {
                result.set(e);
            }
            done.countDown();
        });
        await(done);
        if (result.get() instanceof Exception e) {
            throw new IOException("could not draw the diagram: " + e.getMessage(), e);
        }
        Workbench wb = (Workbench) result.get();
        // the usage is computed off the FX thread; wait for it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            AtomicReference<Boolean> ready = new AtomicReference<>(false);
            CountDownLatch c = new CountDownLatch(1);
            Platform.runLater(() -> {
                ready.set(wb.usage.get() != null);
                c.countDown();
            });
            await(c);
            if (ready.get()) {
                break;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        AtomicReference<Object> image = new AtomicReference<>();
        CountDownLatch drawn = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                TopologyView view = new TopologyView(wb);
                view.setDark(dark);
                // a fresh view lays out from the model property's current value
                view.relayout();
                image.set(SwingFXUtils.fromFXImage(view.snapshotImage(width, height), null));
            } catch (Exception e) {
                image.set(e);
            }
            drawn.countDown();
        });
        await(drawn);
        if (image.get() instanceof Exception e) {
            throw new IOException("could not draw the diagram: " + e.getMessage(), e);
        }
        // registered like every temporary of ours: deleted on SIGTERM, swept if we are killed
        Path tmp = dev.placementstudio.io.AtomicFiles.newTemp(out);
        try {
            ImageIO.write((java.awt.image.RenderedImage) image.get(), "png", tmp.toFile());
            dev.placementstudio.io.AtomicFiles.moveIntoPlace(tmp, out);
        } finally {
            dev.placementstudio.io.AtomicFiles.release(tmp);
        }
    }

    private static void await(CountDownLatch l) throws IOException {
        try {
            if (!l.await(120, TimeUnit.SECONDS)) {
                throw new IOException("the renderer did not answer in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
