package dev.placementstudio.app.importer;

import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.openstack.OpenStackOptions;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the import dialog holds, without FX: how to authenticate and where, turned into the same
 * {@link OpenStackOptions} as {@code import-openstack}'s flags. Only the fields of the chosen way count.
 * Passwords, application credential secrets and tokens never leave it: {@link #remembered()} has no secret.
 */
public record ConnectionForm(Auth auth, String cloud, String authUrl, String username, String password,
                             String projectName, String userDomain, String projectDomain, String appCredId,
                             String appCredSecret, String token, String computeEndpoint, String placementEndpoint,
                             String region, String iface, String cacert) {

    /** The four ways in: a clouds.yaml entry, a password, an application credential, a token on given endpoints. */
    public enum Auth {
        CLOUDS_YAML("A cloud of clouds.yaml"), PASSWORD("Password (Keystone)"),
        APPLICATION_CREDENTIAL("Application credential (Keystone)"), TOKEN("Token and endpoints (no Keystone)");

        public final String label;

        Auth(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public static ConnectionForm empty() {
        return new ConnectionForm(Auth.CLOUDS_YAML, "", "", "", "", "", "Default", "Default", "", "", "", "", "", "",
                "", ""); // blank interface: the cloud's own, else public
    }

    /** The first missing field the chosen way needs, as a sentence; null when the form can be tried. */
    public String problem() {
        return switch (auth) {
            case CLOUDS_YAML -> blank(cloud) ? "Name the cloud of clouds.yaml to import." : null;
            case PASSWORD -> blank(authUrl) ? "The auth URL (Keystone) is required."
                    : blank(username) ? "The user name is required." : blank(password) ? "The password is required." : null;
            case APPLICATION_CREDENTIAL -> blank(authUrl) ? "The auth URL (Keystone) is required."
                    : blank(appCredId) ? "The application credential ID is required."
                    : blank(appCredSecret) ? "The application credential secret is required." : null;
            case TOKEN -> blank(token) ? "The token is required."
                    : blank(computeEndpoint) ? "The compute endpoint is required."
                    : blank(placementEndpoint) ? "The placement endpoint is required." : null;
        };
    }

    /** The --os-* flags this form stands for (names as {@link OpenStackOptions#resolve} takes them). */
    public Map<String, String> flags() {
        Map<String, String> f = new LinkedHashMap<>();
        switch (auth) {
            case CLOUDS_YAML -> {
            }
            case PASSWORD -> {
                put(f, "auth-url", authUrl);
                put(f, "username", username);
                put(f, "password", password);
                put(f, "project-name", projectName);
                put(f, "user-domain-name", userDomain);
                put(f, "project-domain-name", projectDomain);
            }
            case APPLICATION_CREDENTIAL -> {
                put(f, "auth-url", authUrl);
                put(f, "application-credential-id", appCredId);
                put(f, "application-credential-secret", appCredSecret);
            }
            case TOKEN -> {
                put(f, "token", token);
                put(f, "compute-endpoint", computeEndpoint);
                put(f, "placement-endpoint", placementEndpoint);
            }
        }
        put(f, "region-name", region);
        put(f, "interface", iface);
        put(f, "cacert", cacert);
        return f;
    }

    /**
     * The options to import with. {@code env} is where clouds.yaml is looked up (OS_CLIENT_CONFIG_FILE, HOME);
     * no other OS_* variable is read, so what the dialog shows is what is used.
     */
    public OpenStackOptions options(Map<String, String> env) throws InputProblemException {
        String p = problem();
        if (p != null) {
            throw new InputProblemException("import", 0, 0, "", p);
        }
        Map<String, String> onlyPaths = new HashMap<>();
        for (String k : new String[]{"OS_CLIENT_CONFIG_FILE", "HOME", "XDG_CONFIG_HOME"}) {
            if (env.get(k) != null) {
                onlyPaths.put(k, env.get(k));
            }
        }
        return OpenStackOptions.resolve(auth == Auth.CLOUDS_YAML ? cloud.strip() : null, flags(), onlyPaths);
    }

    /** What "Remember" keeps in Preferences: everything but the password, the secret and the token. */
    public Map<String, String> remembered() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("auth", auth.name());
        m.put("cloud", cloud);
        m.put("authUrl", authUrl);
        m.put("username", username);
        m.put("projectName", projectName);
        m.put("userDomain", userDomain);
        m.put("projectDomain", projectDomain);
        m.put("appCredId", appCredId);
        m.put("computeEndpoint", computeEndpoint);
        m.put("placementEndpoint", placementEndpoint);
        m.put("region", region);
        m.put("iface", iface);
        m.put("cacert", cacert);
        m.replaceAll((k, v) -> v == null ? "" : v);
        return m;
    }

    /** A form from {@link #remembered()}; secrets empty. Unknown or missing keys take the empty form's value. */
    public static ConnectionForm fromRemembered(Map<String, String> m) {
        ConnectionForm e = empty();
        Auth a;
        try {
            a = Auth.valueOf(m.getOrDefault("auth", e.auth.name()));
        } catch (IllegalArgumentException x) {
            a = e.auth;
        }
        return new ConnectionForm(a, m.getOrDefault("cloud", ""), m.getOrDefault("authUrl", ""),
                m.getOrDefault("username", ""), "", m.getOrDefault("projectName", ""),
                m.getOrDefault("userDomain", e.userDomain), m.getOrDefault("projectDomain", e.projectDomain),
                m.getOrDefault("appCredId", ""), "", "", m.getOrDefault("computeEndpoint", ""),
                m.getOrDefault("placementEndpoint", ""), m.getOrDefault("region", ""), m.getOrDefault("iface", e.iface),
                m.getOrDefault("cacert", ""));
    }

    /** Where the import came from, for the status line and the refresh dialog (no secret in it). */
    public String describe() {
        return switch (auth) {
            case CLOUDS_YAML -> "cloud " + cloud;
            case PASSWORD -> username + " at " + authUrl;
            case APPLICATION_CREDENTIAL -> "application credential " + appCredId + " at " + authUrl;
            case TOKEN -> computeEndpoint;
        };
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (!blank(v)) {
            m.put(k, v.strip());
        }
    }
}
