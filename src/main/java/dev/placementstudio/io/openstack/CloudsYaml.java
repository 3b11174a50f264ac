package dev.placementstudio.io.openstack;

import dev.placementstudio.io.InputProblemException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code clouds.yaml} as the openstack CLI finds it (the current directory, then
 * {@code ~/.config/openstack}, then {@code /etc/openstack}; {@code OS_CLIENT_CONFIG_FILE} first): the
 * block-mapping subset of YAML that file uses (nested keys, plain or quoted scalars, comments).
 */
public final class CloudsYaml {
    private CloudsYaml() {
    }

    public static List<Path> searchPath(Map<String, String> env) {
        List<Path> out = new ArrayList<>();
        if (env.get("OS_CLIENT_CONFIG_FILE") != null) {
            out.add(Path.of(env.get("OS_CLIENT_CONFIG_FILE")));
        }
        out.add(Path.of("clouds.yaml"));
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        out.add(Path.of(home, ".config", "openstack", "clouds.yaml"));
        out.add(Path.of("/etc/openstack/clouds.yaml"));
        return out;
    }

    /** The named cloud's settings, flattened ({@code auth.username}, {@code region_name}, …). */
    public static Map<String, String> cloud(String name, Map<String, String> env) throws InputProblemException {
        for (Path p : searchPath(env)) {
            if (Files.isRegularFile(p)) {
                Map<String, String> all = parse(p);
                String prefix = "clouds." + name + ".";
                Map<String, String> out = new LinkedHashMap<>();
                all.forEach((k, v) -> {
                    if (k.startsWith(prefix)) {
                        out.put(k.substring(prefix.length()), v);
                    }
                });
                if (!out.isEmpty()) {
                    return out;
                }
            }
        }
        throw new InputProblemException("--os-cloud", 0, 0, "", "no cloud named '" + name + "' in clouds.yaml (looked in "
                + String.join(", ", searchPath(env).stream().map(Path::toString).toList()) + ")");
    }

    static Map<String, String> parse(Path file) throws InputProblemException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new InputProblemException(file, "cannot read it: " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        List<int[]> indents = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            String stripped = stripComment(line);
            if (stripped.isBlank() || stripped.strip().equals("---")) {
                continue;
            }
            int indent = stripped.length() - stripped.stripLeading().length();
            String body = stripped.strip();
            int colon = body.indexOf(':');
            if (colon <= 0 || body.startsWith("- ")) {
                throw new InputProblemException(file.toString(), n + 1, indent + 1, "",
                        "expected 'key: value' (this reader knows the mapping subset clouds.yaml uses)");
            }
            while (!indents.isEmpty() && indents.get(indents.size() - 1)[0] >= indent) {
                indents.remove(indents.size() - 1);
                keys.remove(keys.size() - 1);
            }
            String key = unquote(body.substring(0, colon).strip());
            String value = body.substring(colon + 1).strip();
            String full = String.join(".", keys) + (keys.isEmpty() ? "" : ".") + key;
            if (value.isEmpty()) {
                indents.add(new int[]{indent});
                keys.add(key);
            } else {
                out.put(full, unquote(value));
            }
        }
        return out;
    }

    private static String stripComment(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
