package dev.placementstudio;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project's files are, for tests run from Maven or an IDE. */
public final class TestFiles {
    private TestFiles() {
    }

    public static Path root() {
        String p = System.getProperty("placementstudio.root");
        Path root = p != null ? Path.of(p) : Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("pom.xml"))) {
            root = root.getParent();
        }
        return root;
    }

    public static Path sample(String name) {
        return root().resolve("sample-clouds").resolve(name + ".json");
    }
}
