package dev.placementstudio.io.store;

import dev.placementstudio.TestFiles;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.io.ModelJson;
import dev.placementstudio.model.CloudGenerator;
import dev.placementstudio.model.CloudModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A save killed half-way leaves the previous file exactly as it was: a child JVM saves a big model
 * over an existing file and is killed (SIGKILL) at several moments of the save.
 */
class KillMidSaveTest {
    /** Child process: saves a generated model to args[0], printing "saving" first. */
    public static void main(String[] args) throws Exception {
        CloudModel big = CloudGenerator.generate(new CloudGenerator.Options(3000, 2, 0.3, 0.2, 0.05, 20, true, 0.3, 9));
        System.out.println("saving");
        System.out.flush();
        for (int i = 0; i < 1000; i++) {
            ModelFiles.save(big, Path.of(args[0]), true);
        }
    }

    @Test
    void theOldFileSurvivesAKillAtAnyMoment(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("model.db");
        CloudModel small = ModelFiles.open(TestFiles.sample("teaching-small"));
        ModelFiles.save(small, target, true);
        String expected = new String(ModelJson.toBytes(small, true), StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int killed = 0;
        for (int delayMs : new int[]{0, 40, 120, 300, 700}) {
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    KillMidSaveTest.class.getName(), target.toString()).redirectErrorStream(true).start();
            try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
                String line = out.readLine();
                assertThat(line).as("child started saving").isEqualTo("saving");
                Thread.sleep(delayMs);
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
                killed++;
            }
            // either the old model or a complete new one, never a broken file
            CloudModel now = ModelFiles.open(target);
            String text = new String(ModelJson.toBytes(now, true), StandardCharsets.UTF_8);
            if (now.hosts().size() == small.hosts().size()) {
                assertThat(text).isEqualTo(expected);
            } else {
                assertThat(now.hosts()).hasSize(3000);
                ModelFiles.save(small, target, true); // back to the small one for the next round
            }
        }
        assertThat(killed).isEqualTo(5);
    }
}
