package dev.placementstudio;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manual holds together: every relative link and image in README.md, CONTRIBUTING.md and docs/ points
 * at a file of this repository (and, with a {@code #fragment}, at a heading of that page), none leaves it
 * (a clone has no ../shared/ beside it), every page of docs/ is in its index, every screenshot is shown
 * somewhere, and README keeps the two commands that are the project's contract.
 */
class DocsLinksTest {
    /** {@code [text](target)} and {@code ![alt](target "title")}; the text may hold one level of brackets. */
    private static final Pattern INLINE = Pattern.compile(
            "(!?)\\[((?:[^\\[\\]]|\\[[^\\[\\]]*\\])*)\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    /** {@code [id]: target} reference definitions. */
    private static final Pattern REFERENCE = Pattern.compile("(?m)^ {0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
    private static final Pattern HTML_IMG = Pattern.compile("<img\\b[^>]*\\bsrc\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern HTML_HREF = Pattern.compile("<a\\b[^>]*\\bhref\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\b[^>]*\\b(?:id|name)\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern HEADING = Pattern.compile("(?m)^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern FENCE = Pattern.compile("(?ms)^ {0,3}(```|~~~).*?^ {0,3}\\1[^\\n]*$");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1", Pattern.DOTALL);

    private final Path root = TestFiles.root().toAbsolutePath().normalize();

    private List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("CONTRIBUTING.md")));
        Path docs = root.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> s = Files.walk(docs)) {
                s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
            }
        }
        return pages.stream().filter(Files::exists).toList();
    }

    /** A page without its code: a link or heading shown inside code is not one. */
    static String prose(String markdown) {
        String noFences = FENCE.matcher(markdown).replaceAll("");
        return CODE_SPAN.matcher(noFences).replaceAll(m -> Matcher.quoteReplacement(
                m.group().replace("`", "")).replaceAll("[\\[\\]()]", ""));
    }

    /** A heading's anchor as GitHub makes it: lower case, punctuation but '-' and '_' dropped, spaces to '-'. */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\s_-]", "").replace(' ', '-');
    }

    /** Every anchor a page defines: its headings' slugs (repeats numbered -1, -2, ...) and HTML ids. */
    static Set<String> anchors(String markdown) {
        Set<String> out = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        String noFences = FENCE.matcher(markdown).replaceAll("");
        Matcher h = HEADING.matcher(noFences);
        while (h.find()) {
            String s = slug(h.group(1));
            int n = seen.merge(s, 1, Integer::sum);
            out.add(n == 1 ? s : s + "-" + (n - 1));
        }
        Matcher a = HTML_ANCHOR.matcher(noFences);
        while (a.find()) {
            out.add(a.group(1));
        }
        return out;
    }

    private record Link(Path page, String target, boolean image) {
    }

    private List<Link> links(Path page) throws IOException {
        String text = prose(Files.readString(page));
        List<Link> out = new ArrayList<>();
        Matcher m = INLINE.matcher(text);
        while (m.find()) {
            out.add(new Link(page, m.group(3), !m.group(1).isEmpty()));
        }
        for (Pattern p : List.of(REFERENCE, HTML_HREF)) {
            Matcher r = p.matcher(text);
            while (r.find()) {
                out.add(new Link(page, r.group(1), false));
            }
        }
        Matcher img = HTML_IMG.matcher(text);
        while (img.find()) {
            out.add(new Link(page, img.group(1), true));
        }
        return out;
    }

    @Test
    void everyRelativeLinkAndImageResolvesInsideTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        Map<Path, Set<String>> anchorsOf = new HashMap<>();
        int files = 0;
        int images = 0;
        int fragments = 0;
        for (Path page : pages()) {
            for (Link link : links(page)) {
                String target = link.target();
                String where = root.relativize(page) + ": " + target;
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // a URL
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                String fragment = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!file.isEmpty()) {
                    files++;
                    if (!resolved.startsWith(root)) {
                        broken.add(where + " leaves the repository");
                        continue;
                    }
                    if (!Files.exists(resolved)) {
                        broken.add(where + " does not exist");
                        continue;
                    }
                }
                if (link.image()) {
                    images++;
                    if (!Files.isRegularFile(resolved) || !resolved.toString().matches("(?i).*\\.(png|jpe?g|gif|svg|webp)$")) {
                        broken.add(where + " is not an image");
                    }
                }
                if (fragment != null) {
                    fragments++;
                    if (!resolved.toString().endsWith(".md")) {
                        broken.add(where + ": an anchor into a file that is not a page");
                        continue;
                    }
                    Set<String> anchors = anchorsOf.computeIfAbsent(resolved, p -> {
                        try {
                            return anchors(Files.readString(p));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                    if (!anchors.contains(fragment)) {
                        broken.add(where + ": no heading #" + fragment + " in " + root.relativize(resolved));
                    }
                }
            }
        }
        assertThat(files).as("file links checked").isPositive();
        assertThat(images).as("images checked").isPositive();
        assertThat(fragments).as("anchors checked").isPositive();
        assertThat(broken).isEmpty();
    }

    @Test
    void theIndexListsEveryPageOfTheManual() throws IOException {
        Path docs = root.resolve("docs");
        assertThat(docs.resolve("README.md")).exists();
        Set<String> linked = new TreeSet<>();
        for (Link l : links(docs.resolve("README.md"))) {
            linked.add(l.target().replaceFirst("#.*$", ""));
        }
        try (Stream<Path> s = Files.list(docs)) {
            List<String> missing = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".md") && !n.equals("README.md") && !linked.contains(n)).sorted().toList();
            assertThat(missing).as("pages of docs/ missing from docs/README.md").isEmpty();
        }
    }

    @Test
    void everyScreenshotIsShownOnSomePage() throws IOException {
        Set<Path> shown = new TreeSet<>();
        for (Path page : pages()) {
            for (Link l : links(page)) {
                shown.add(page.getParent().resolve(l.target().replaceFirst("#.*$", "")).normalize());
            }
        }
        List<String> unshown = new ArrayList<>();
        try (Stream<Path> s = Files.list(root.resolve("assets/screenshots"))) {
            s.filter(p -> !shown.contains(p.toAbsolutePath().normalize())).map(p -> root.relativize(p).toString())
                    .sorted().forEach(unshown::add);
        }
        assertThat(unshown).as("screenshots no page shows").isEmpty();
    }

    /**
     * README's two commands are the project's contract: one opens the app on a fresh machine, one runs every
     * test; {@code .ci/run} runs that test command.
     */
    @Test
    void readmeKeepsTheTwoCommandsAndCiRunsItsTestCommand() throws IOException {
        String readme = Files.readString(root.resolve("README.md"));
        assertThat(readme).contains("Run the app (opens the GUI with `sample-clouds/teaching-small.json`):\n\n"
                + "```sh\nmvn -q javafx:run\n```\n");
        assertThat(readme).contains("Run every test, headless, and build `target/placement-studio.jar`:\n\n"
                + "```sh\nmvn -q verify\n```\n");
        List<String> ci = Files.readAllLines(root.resolve(".ci/run"));
        assertThat(ci).as(".ci/run runs README's test command")
                .anySatisfy(line -> assertThat(line.trim()).startsWith("mvn -q verify"));
    }

    @Test
    void slugsAreGitHubs() {
        assertThat(slug("The event log (`--events OUT.jsonl`)")).isEqualTo("the-event-log---events-outjsonl");
        assertThat(slug("`candidates`: the contract other tools rely on")).isEqualTo("candidates-the-contract-other-tools-rely-on");
        assertThat(slug("Placement's own functional tests (gabbi)")).isEqualTo("placements-own-functional-tests-gabbi");
        assertThat(anchors("# A\n## Speed\n```\n# not a heading\n```\n## Speed\n")).containsExactly("a", "speed", "speed-1");
    }
}
