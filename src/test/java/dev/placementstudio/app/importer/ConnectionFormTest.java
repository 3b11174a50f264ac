package dev.placementstudio.app.importer;

import dev.placementstudio.app.importer.ConnectionForm.Auth;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.openstack.OpenStackOptions;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The import dialog's form mapped to the same options as import-openstack's flags, and what Remember keeps. */
class ConnectionFormTest {
    private static ConnectionForm form(Auth a) {
        return new ConnectionForm(a, "lab", "http://ks:5000/v3", "alice", "pw", "demo", "Default", "Dom2", "ac-id",
                "ac-secret", "tok", "http://nova/v2.1", "http://placement", "RegionTwo", "internal", "");
    }

    @Test
    void passwordMapsToTheKeystoneOptionsAndOnlyThose() throws Exception {
        OpenStackOptions o = form(Auth.PASSWORD).options(Map.of("OS_TOKEN", "from-env", "OS_PASSWORD", "env"));
        assertThat(o.authUrl()).isEqualTo("http://ks:5000/v3");
        assertThat(o.username()).isEqualTo("alice");
        assertThat(o.password()).as("the dialog's, not OS_PASSWORD").isEqualTo("pw");
        assertThat(o.projectName()).isEqualTo("demo");
        assertThat(o.projectDomainName()).isEqualTo("Dom2");
        assertThat(o.token()).as("the token field is not the chosen way, OS_TOKEN is ignored").isNull();
        assertThat(o.applicationCredentialId()).isNull();
        assertThat(o.regionName()).isEqualTo("RegionTwo");
        assertThat(o.interfaceName()).isEqualTo("internal");
        assertThat(o.direct()).isFalse();
    }

    @Test
    void applicationCredentialAndTokenWays() throws Exception {
        OpenStackOptions ac = form(Auth.APPLICATION_CREDENTIAL).options(Map.of());
        assertThat(ac.applicationCredentialId()).isEqualTo("ac-id");
        assertThat(ac.applicationCredentialSecret()).isEqualTo("ac-secret");
        assertThat(ac.password()).isNull();
        OpenStackOptions t = form(Auth.TOKEN).options(Map.of());
        assertThat(t.direct()).isTrue();
        assertThat(t.computeEndpoint()).isEqualTo("http://nova/v2.1");
        assertThat(t.placementEndpoint()).isEqualTo("http://placement");
        assertThat(t.authUrl()).isNull();
    }

    @Test
    void aCloudOfCloudsYamlWithItsOwnInterfaceUnlessTheFormSetsOne(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("clouds.yaml");
        Files.writeString(yaml, """
                clouds:
                  lab:
                    auth:
                      auth_url: http://keystone.example:5000/v3
                      username: bob
                      password: yaml-pass
                      project_name: demo
                    interface: admin
                """);
        Map<String, String> env = Map.of("OS_CLIENT_CONFIG_FILE", yaml.toString(), "HOME", dir.toString());
        ConnectionForm f = ConnectionForm.empty();
        f = new ConnectionForm(Auth.CLOUDS_YAML, "lab", f.authUrl(), f.username(), f.password(), f.projectName(),
                f.userDomain(), f.projectDomain(), f.appCredId(), f.appCredSecret(), f.token(), f.computeEndpoint(),
                f.placementEndpoint(), f.region(), f.iface(), f.cacert());
        OpenStackOptions o = f.options(env);
        assertThat(o.username()).isEqualTo("bob");
        assertThat(o.password()).isEqualTo("yaml-pass");
        assertThat(o.interfaceName()).isEqualTo("admin");
        assertThatThrownBy(() -> new ConnectionForm(Auth.CLOUDS_YAML, "nope", "", "", "", "", "", "", "", "", "", "", "",
                "", "", "").options(env)).isInstanceOf(InputProblemException.class).hasMessageContaining("nope");
    }

    @Test
    void eachWaySaysTheFirstMissingField() {
        ConnectionForm e = ConnectionForm.empty();
        assertThat(e.problem()).contains("clouds.yaml");
        assertThat(new ConnectionForm(Auth.PASSWORD, "", "http://ks", "u", "", "", "", "", "", "", "", "", "", "", "", "")
                .problem()).isEqualTo("The password is required.");
        assertThat(new ConnectionForm(Auth.TOKEN, "", "", "", "", "", "", "", "", "", "t", "http://c", "", "", "", "")
                .problem()).isEqualTo("The placement endpoint is required.");
        assertThatThrownBy(() -> e.options(Map.of())).isInstanceOf(InputProblemException.class)
                .hasMessageContaining("clouds.yaml");
    }

    @Property(tries = 50)
    void rememberedKeepsEverythingButTheSecrets(@ForAll @AlphaChars @StringLength(min = 1, max = 12) String secret,
                                                @ForAll Auth auth) {
        ConnectionForm f = new ConnectionForm(auth, "lab", "http://ks", "alice", "#p#" + secret, "demo", "Default", "D",
                "ac", "#s#" + secret, "#t#" + secret, "http://c", "http://p", "R", "internal", "/ca.pem");
        Map<String, String> kept = f.remembered();
        assertThat(String.join("|", kept.values())).doesNotContain("#p#" + secret, "#s#" + secret, "#t#" + secret);
        ConnectionForm back = ConnectionForm.fromRemembered(kept);
        assertThat(back.password()).isEmpty();
        assertThat(back.appCredSecret()).isEmpty();
        assertThat(back.token()).isEmpty();
        assertThat(back).isEqualTo(new ConnectionForm(auth, "lab", "http://ks", "alice", "", "demo", "Default", "D",
                "ac", "", "", "http://c", "http://p", "R", "internal", "/ca.pem"));
        assertThat(f.describe()).doesNotContain("#p#" + secret, "#s#" + secret, "#t#" + secret);
    }
}
