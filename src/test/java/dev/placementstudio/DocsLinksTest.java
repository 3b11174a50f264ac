package dev.placementstudio;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link and image in README.md, CONTRIBUTING.md and docs/ points at a file of this
 * repository, and none leaves it: a clone has no ../shared/ beside it.
 */
class DocsLinksTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

    @Test
    void everyRelativeLinkResolvesInsideTheRepository() throws IOException {
        Path root = TestFiles.root().toAbsolutePath().normalize();
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("CONTRIBUTING.md")));
        if (Files.isDirectory(root.resolve("docs"))) {
            try (Stream<Path> s = Files.walk(root.resolve("docs"))) {
                s.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
            }
        }
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            if (!Files.exists(page)) {
                continue;
            }
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1);
                if (target.startsWith("#") || target.matches("^[a-z]+:.*")) {
                    continue; // an anchor on the page, or a URL
                }
                String file = target.replaceFirst("#.*$", "");
                Path resolved = page.getParent().resolve(file).normalize();
                checked++;
                if (!resolved.startsWith(root)) {
                    broken.add(root.relativize(page) + ": " + target + " leaves the repository");
                } else if (!Files.exists(resolved)) {
                    broken.add(root.relativize(page) + ": " + target + " does not exist");
                }
            }
        }
        assertThat(checked).as("links checked").isPositive();
        assertThat(broken).isEmpty();
    }
}
