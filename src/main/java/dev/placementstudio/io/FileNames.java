package dev.placementstudio.io;

import java.nio.file.Path;
import java.util.Locale;

/** What a file's name says about it. */
public final class FileNames {
    private FileNames() {
    }

    /** The extension after the last dot, lower-cased; empty when there is none. */
    public static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
