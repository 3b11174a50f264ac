package dev.placementstudio.io.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placementstudio.io.InputProblemException;

import java.util.Map;

/**
 * Keystone v3: a token by password, by token or by application credential, and the compute and
 * Placement endpoints from the service catalog (by interface and region) unless given.
 */
public final class Keystone {
    /** A token and the endpoints it is for. */
    public record Session(String token, String computeUrl, String placementUrl) {
    }

    private Keystone() {
    }

    public static Session authenticate(ApiClient api, OpenStackOptions o) throws InputProblemException {
        if (o.direct()) {
            return new Session(o.token(), trim(o.computeEndpoint()), trim(o.placementEndpoint()));
        }
        if (o.authUrl() == null) {
            throw new InputProblemException("import-openstack", 0, 0, "", "no --os-auth-url (or OS_AUTH_URL, or --os-cloud); "
                    + "without Keystone give --os-compute-endpoint, --os-placement-endpoint and --os-token");
        }
        ObjectNode identity = ApiClient.JSON.createObjectNode();
        boolean scoped;
        if (o.applicationCredentialId() != null) {
            identity.putArray("methods").add("application_credential");
            identity.putObject("application_credential").put("id", o.applicationCredentialId())
                    .put("secret", nonNull(o.applicationCredentialSecret(), "--os-application-credential-secret"));
            scoped = false; // an application credential carries its own scope
        } else if (o.token() != null && o.password() == null) {
            identity.putArray("methods").add("token");
            identity.putObject("token").put("id", o.token());
            scoped = o.projectName() != null;
        } else {
            identity.putArray("methods").add("password");
            ObjectNode user = identity.putObject("password").putObject("user");
            user.put("name", nonNull(o.username(), "--os-username")).put("password", nonNull(o.password(), "--os-password"));
            user.putObject("domain").put("name", o.userDomainName());
            scoped = o.projectName() != null;
        }
        ObjectNode body = ApiClient.JSON.createObjectNode();
        ObjectNode auth = body.putObject("auth");
        auth.set("identity", identity);
        if (scoped) {
            ObjectNode project = auth.putObject("scope").putObject("project");
            project.put("name", o.projectName());
            project.putObject("domain").put("name", o.projectDomainName());
        }
        String base = trim(o.authUrl());
        String url = (base.endsWith("/v3") ? base : base + "/v3") + "/auth/tokens";
        ApiClient.Answer a = api.send("POST", url, Map.of(), body.toString());
        String token = a.raw().headers().firstValue("X-Subject-Token").orElse(null);
        if (token == null) {
            throw new InputProblemException(base, 0, 0, "/v3/auth/tokens", "Keystone gave no X-Subject-Token: is this a Keystone v3 endpoint?");
        }
        JsonNode catalog = a.body().path("token").path("catalog");
        String compute = o.computeEndpoint() != null ? o.computeEndpoint() : endpoint(catalog, "compute", o, base);
        String placement = o.placementEndpoint() != null ? o.placementEndpoint() : endpoint(catalog, "placement", o, base);
        return new Session(token, trim(compute), trim(placement));
    }

    private static String endpoint(JsonNode catalog, String type, OpenStackOptions o, String base) throws InputProblemException {
        for (JsonNode service : catalog) {
            if (!type.equals(service.path("type").asText())) {
                continue;
            }
            for (JsonNode e : service.path("endpoints")) {
                boolean iface = o.interfaceName().equals(e.path("interface").asText());
                String region = e.path("region_id").asText(e.path("region").asText(""));
                if (iface && (o.regionName() == null || o.regionName().equals(region))) {
                    return e.path("url").asText();
                }
            }
        }
        throw new InputProblemException(base, 0, 0, "/v3/auth/tokens", "the service catalog has no " + o.interfaceName()
                + " " + type + " endpoint" + (o.regionName() == null ? "" : " in region " + o.regionName())
                + " (give --os-" + type + "-endpoint)");
    }

    private static String nonNull(String v, String flag) throws InputProblemException {
        if (v == null) {
            throw new InputProblemException("import-openstack", 0, 0, "", "Keystone needs " + flag);
        }
        return v;
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
