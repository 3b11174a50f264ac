package dev.placementstudio.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The standard trait and resource class names Placement 8.0.0 knows (os-traits 2.9 and
 * os-resource-classes 1.1, as Debian ships them). Anything else must be {@code CUSTOM_*}.
 */
public final class StandardNames {
    private static final Pattern CUSTOM = Pattern.compile("CUSTOM_[A-Z0-9_]+");
    private static final Set<String> TRAITS = load("standard-traits.txt");
    private static final Set<String> RESOURCE_CLASSES = load("standard-resource-classes.txt");

    private StandardNames() {
    }

    public static Set<String> traits() {
        return TRAITS;
    }

    public static Set<String> resourceClasses() {
        return RESOURCE_CLASSES;
    }

    public static boolean isCustom(String name) {
        return name != null && CUSTOM.matcher(name).matches();
    }

    public static boolean isValidTrait(String name) {
        return TRAITS.contains(name) || isCustom(name);
    }

    public static boolean isValidResourceClass(String name) {
        return RESOURCE_CLASSES.contains(name) || isCustom(name);
    }

    /** Turns a free-form word (a physnet, a GPU model) into the tail of a CUSTOM_ name. */
    public static String customSuffix(String word) {
        // a loop, not replaceAll: projecting a big cloud asks this for every device (a regex each time)
        String upper = word.toUpperCase(java.util.Locale.ROOT);
        StringBuilder out = new StringBuilder(upper.length());
        upper.codePoints().forEach(c -> out.append(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ? (char) c : '_'));
        return out.toString();
    }

    private static Set<String> load(String resource) {
        try (InputStream in = StandardNames.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            Set<String> names = new LinkedHashSet<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (!line.isBlank()) {
                        names.add(line.strip());
                    }
                }
            }
            return Collections.unmodifiableSet(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
