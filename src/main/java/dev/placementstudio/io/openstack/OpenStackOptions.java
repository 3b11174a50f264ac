package dev.placementstudio.io.openstack;

import dev.placementstudio.io.InputProblemException;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * How to reach a cloud, as the openstack CLI takes it: each setting from its {@code --os-*} flag, else its
 * {@code OS_*} variable, else the {@code --os-cloud} entry of clouds.yaml.
 */
public record OpenStackOptions(String authUrl, String username, String password, String projectName,
                               String userDomainName, String projectDomainName, String token,
                               String applicationCredentialId, String applicationCredentialSecret,
                               String regionName, String interfaceName, Path cacert, String computeEndpoint,
                               String placementEndpoint) {

    /** The flags as given (null when absent); {@code cloud} is --os-cloud. */
    public static OpenStackOptions resolve(String cloud, Map<String, String> flags, Map<String, String> env)
            throws InputProblemException {
        String cloudName = cloud != null ? cloud : env.get("OS_CLOUD");
        Map<String, String> yaml = cloudName == null ? Map.of() : CloudsYaml.cloud(cloudName, env);
        Function<String[], String> pick = k -> {
            // k = {flag, ENV, yaml key}
            String v = flags.get(k[0]);
            if (v == null) {
                v = env.get(k[1]);
            }
            if (v == null && k[2] != null) {
                v = yaml.get(k[2]);
            }
            return v == null || v.isBlank() ? null : v;
        };
        String ca = pick.apply(new String[]{"cacert", "OS_CACERT", "cacert"});
        String iface = pick.apply(new String[]{"interface", "OS_INTERFACE", "interface"});
        return new OpenStackOptions(
                pick.apply(new String[]{"auth-url", "OS_AUTH_URL", "auth.auth_url"}),
                pick.apply(new String[]{"username", "OS_USERNAME", "auth.username"}),
                pick.apply(new String[]{"password", "OS_PASSWORD", "auth.password"}),
                pick.apply(new String[]{"project-name", "OS_PROJECT_NAME", "auth.project_name"}),
                orDefault(pick.apply(new String[]{"user-domain-name", "OS_USER_DOMAIN_NAME", "auth.user_domain_name"}), "Default"),
                orDefault(pick.apply(new String[]{"project-domain-name", "OS_PROJECT_DOMAIN_NAME", "auth.project_domain_name"}), "Default"),
                pick.apply(new String[]{"token", "OS_TOKEN", "auth.token"}),
                pick.apply(new String[]{"application-credential-id", "OS_APPLICATION_CREDENTIAL_ID", "auth.application_credential_id"}),
                pick.apply(new String[]{"application-credential-secret", "OS_APPLICATION_CREDENTIAL_SECRET",
                        "auth.application_credential_secret"}),
                pick.apply(new String[]{"region-name", "OS_REGION_NAME", "region_name"}),
                iface == null ? "public" : iface.replaceFirst("URL$", ""),
                ca == null ? null : Path.of(ca),
                pick.apply(new String[]{"compute-endpoint", "OS_COMPUTE_ENDPOINT", null}),
                pick.apply(new String[]{"placement-endpoint", "OS_PLACEMENT_ENDPOINT", null}));
    }

    private static String orDefault(String v, String d) {
        return v == null ? d : v;
    }

    /** No Keystone: both endpoints and a token given (a noauth deployment). */
    public boolean direct() {
        return computeEndpoint != null && placementEndpoint != null && token != null;
    }
}
