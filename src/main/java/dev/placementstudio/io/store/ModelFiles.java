package dev.placementstudio.io.store;

import dev.placementstudio.io.FileNames;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.ModelJson;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.InvalidModelException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens and saves models by file extension: {@code .json} (our JSON format) or {@code .db} (this package's
 * SQLite store). It lives beside the store so that {@code io} never reaches up into {@code io.store}.
 */
public final class ModelFiles {
    private ModelFiles() {
    }

    public static CloudModel open(Path file) throws InputProblemException {
        if (!Files.exists(file)) {
            throw new InputProblemException(file, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new InputProblemException(file, "is a folder, not a model file");
        }
        String ext = FileNames.extension(file);
        return switch (ext) {
            case "json" -> ModelJson.read(file);
            case "db" -> validated(file, ModelStore.load(file));
            default -> throw new InputProblemException(file, "unknown model file type '." + ext
                    + "' (expected .json or .db)");
        };
    }

    public static void save(CloudModel model, Path file, boolean pretty) throws IOException, InputProblemException {
        String ext = FileNames.extension(file);
        try {
            switch (ext) {
                case "json" -> ModelJson.write(model, file, pretty);
                case "db" -> {
                    dev.placementstudio.model.ModelValidator.requireValid(model);
                    ModelStore.save(model, file);
                }
                default -> throw new InputProblemException(file, "unknown model file type '." + ext
                        + "' (expected .json or .db)");
            }
        } catch (InvalidModelException e) {
            throw new InputProblemException(file.toString(), 0, 0, e.problems().get(0).path(),
                    "refusing to save an invalid model: " + e.problems().get(0).message());
        }
    }

    private static CloudModel validated(Path file, CloudModel model) throws InputProblemException {
        try {
            dev.placementstudio.model.ModelValidator.requireValid(model);
            return model;
        } catch (InvalidModelException e) {
            throw new InputProblemException(file.toString(), 0, 0, e.problems().get(0).path(), e.problems().get(0).message());
        }
    }
}
