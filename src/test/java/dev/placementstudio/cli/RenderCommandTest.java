package dev.placementstudio.cli;

import dev.placementstudio.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** render draws a real PNG of the requested size, headless, in its own process (it exits the JVM). */
class RenderCommandTest {
    private static Process run(Path dir, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.placementstudio.Launcher"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile());
        pb.environment().remove("DISPLAY");
        Process p = pb.start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return p;
    }

    @Test
    void aModelBecomesAPngOfTheRequestedSize(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("d.png");
        Process p = run(dir, "render", TestFiles.sample("teaching-small").toString(), "--out", out.toString(),
                "--width", "800", "--height", "500", "--theme", "dark");
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("log.txt"))).isZero();
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(800);
        assertThat(img.getHeight()).isEqualTo(500);
        // dark background in the corner, something lighter drawn in the middle
        int corner = img.getRGB(2, 2) & 0xffffff;
        assertThat((corner >> 16) & 0xff).isLessThan(60);
        boolean drawn = false;
        for (int x = 0; x < 800 && !drawn; x += 7) {
            for (int y = 0; y < 500 && !drawn; y += 7) {
                drawn = ((img.getRGB(x, y) >> 16) & 0xff) > 150;
            }
        }
        assertThat(drawn).isTrue();
    }

    @Test
    void aBadThemeIsExitTwo(@TempDir Path dir) throws Exception {
        Process p = run(dir, "render", TestFiles.sample("teaching-small").toString(), "--out", dir.resolve("x.png").toString(),
                "--theme", "sepia");
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("x.png"))).isFalse();
    }
}
