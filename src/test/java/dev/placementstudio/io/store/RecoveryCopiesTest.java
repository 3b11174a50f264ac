package dev.placementstudio.io.store;

import dev.placementstudio.TestFiles;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.CloudModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryCopiesTest {
    @Test
    void aNewerCopyIsOfferedAnOlderOrBrokenOneIsNot(@TempDir Path dir) throws Exception {
        RecoveryCopies rc = new RecoveryCopies(dir.resolve("recovery"));
        Path model = dir.resolve("m.json");
        CloudModel m = ModelFiles.open(TestFiles.sample("teaching-small"));
        ModelFiles.save(m, model, true);
        assertThat(rc.find(model)).isEmpty();
        CloudModel edited = m.withName("edited", m.description());
        rc.write(model, edited);
        Files.setLastModifiedTime(model, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        assertThat(rc.find(model)).map(CloudModel::name).contains("edited");
        // saved since: the copy is older than the file
        Files.setLastModifiedTime(model, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(rc.find(model)).isEmpty();
        Files.setLastModifiedTime(model, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Files.writeString(rc.copyFor(model), "garbage");
        assertThat(rc.find(model)).isEmpty();
        rc.discard(model);
        assertThat(Files.exists(rc.copyFor(model))).isFalse();
        assertThat(rc.copyFor(model)).isNotEqualTo(rc.copyFor(dir.resolve("other.json")));
    }
}
