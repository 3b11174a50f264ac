package dev.placementstudio.io.store;

import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.model.CloudModel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Recovery copies of models with unsaved edits: the GUI writes one now and then (atomically, as a
 * {@code .db}), deletes it on a clean save or close, and offers it when it finds one newer than the
 * file after a crash. Copies live in one folder (by default {@code ~/.placement-studio/recovery}),
 * named after the model file's absolute path.
 */
public final class RecoveryCopies {
    private final Path folder;

    public RecoveryCopies(Path folder) {
        this.folder = folder;
    }

    public static RecoveryCopies inUserHome() {
        return new RecoveryCopies(Path.of(System.getProperty("user.home"), ".placement-studio", "recovery"));
    }

    /** Where the copy for a model file (or for an unsaved new model, {@code null}) goes. */
    public Path copyFor(Path modelFile) {
        String key = modelFile == null ? "untitled" : modelFile.toAbsolutePath().normalize().toString();
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return folder.resolve(HexFormat.of().formatHex(h, 0, 12) + ".db");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public void write(Path modelFile, CloudModel model) throws IOException, InputProblemException {
        Files.createDirectories(folder);
        ModelStore.save(model, copyFor(modelFile));
    }

    public void discard(Path modelFile) throws IOException {
        Files.deleteIfExists(copyFor(modelFile));
    }

    /** A readable recovery copy newer than the model file, if there is one. */
    public Optional<CloudModel> find(Path modelFile) {
        Path copy = copyFor(modelFile);
        try {
            if (!Files.exists(copy)) {
                return Optional.empty();
            }
            if (modelFile != null && Files.exists(modelFile)) {
                FileTime saved = Files.getLastModifiedTime(modelFile);
                if (Files.getLastModifiedTime(copy).compareTo(saved) <= 0) {
                    return Optional.empty();
                }
            }
            return Optional.of(ModelStore.load(copy));
        } catch (IOException | InputProblemException unreadable) {
            return Optional.empty(); // a broken copy is no help; the model file stays what it was
        }
    }
}
