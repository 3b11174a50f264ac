package dev.placementstudio.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Temporaries a killed writer left are swept by the next atomic write into the folder, and only ours. */
class SimulateTempCleanupTest {
    @TempDir
    Path dir;

    @Test
    void aStaleTempOfOurNamingIsSweptAndOthersStay() throws Exception {
        Path target = dir.resolve("ev.jsonl");
        Path stale = Files.writeString(dir.resolve(".ev.jsonl.123456789.tmp"), "partial");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(AtomicFiles.STALE_AFTER).minusSeconds(60)));
        Path fresh = Files.writeString(dir.resolve(".ev.jsonl.987654321.tmp"), "a live writer's");
        Path notOurs = Files.writeString(dir.resolve(".ev.jsonl.abc.tmp"), "someone else's");
        Files.setLastModifiedTime(notOurs, FileTime.from(Instant.now().minusSeconds(86_400)));
        Path otherTarget = Files.writeString(dir.resolve(".other.json.1.tmp"), "x");
        Files.setLastModifiedTime(otherTarget, FileTime.from(Instant.now().minusSeconds(86_400)));

        AtomicFiles.write(target, "{}\n".getBytes());

        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(notOurs).exists();
        assertThat(otherTarget).exists();
        assertThat(target).hasContent("{}");
    }

    @Test
    void aTempInFlightIsNeverSweptAndReleaseDeletesIt() throws Exception {
        Path target = dir.resolve("ev.jsonl");
        Path tmp = AtomicFiles.newTemp(target);
        Files.setLastModifiedTime(tmp, FileTime.from(Instant.now().minusSeconds(86_400)));
        AtomicFiles.sweepStale(dir, "ev.jsonl");
        assertThat(tmp).exists();
        AtomicFiles.release(tmp);
        assertThat(tmp).doesNotExist();
    }

    @Test
    void aTargetNamedWithGlobCharactersSweepsOnlyItsOwnTemps() throws Exception {
        FileTime old = FileTime.from(Instant.now().minusSeconds(86_400));
        Path target = dir.resolve("run[1]{a,b}*?.jsonl");
        Path own = Files.writeString(dir.resolve(".run[1]{a,b}*?.jsonl.42.tmp"), "partial");
        // what the pattern would match if its characters were read as a glob
        Path lookalike = Files.writeString(dir.resolve(".run1a-x.jsonl.42.tmp"), "another target's");
        for (Path p : new Path[] {own, lookalike}) {
            Files.setLastModifiedTime(p, old);
        }
        AtomicFiles.write(target, "{}\n".getBytes());
        assertThat(own).doesNotExist();
        assertThat(lookalike).exists();
        assertThat(target).hasContent("{}");
    }
}
