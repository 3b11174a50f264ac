package dev.placementstudio.cli;

import dev.placementstudio.io.AtomicFiles;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.io.openstack.OpenStackImport;
import dev.placementstudio.io.openstack.OpenStackOptions;
import dev.placementstudio.model.PlacementInverse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "import-openstack", mixinStandardHelpOptions = true,
        description = "Make a model of a running OpenStack, read through Keystone, Nova's compute API and Placement, "
                + "with the openstack CLI's options and OS_* variables. Hosts go into one cell unless --cells maps them. "
                + "Nothing is written when anything fails (exit 2).")
final class ImportOpenStackCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "model file to write (.json or .db)")
    Path out;
    @Option(names = "--report", paramLabel = "FILE", description = "write the import report here instead of stderr")
    Path report;
    @Option(names = "--cells", paramLabel = "MAPPING.json", description = "host to cell, e.g. from nova-manage cell_v2 list_hosts")
    Path cells;
    @Option(names = "--retries", defaultValue = "3", description = "retries on 5xx answers and timeouts (default 3)")
    int retries;
    @Option(names = "--os-cloud", paramLabel = "NAME", description = "a cloud of clouds.yaml")
    String cloud;
    @Option(names = "--os-auth-url") String authUrl;
    @Option(names = "--os-username") String username;
    @Option(names = "--os-password") String password;
    @Option(names = "--os-project-name") String projectName;
    @Option(names = "--os-user-domain-name") String userDomain;
    @Option(names = "--os-project-domain-name") String projectDomain;
    @Option(names = "--os-token") String token;
    @Option(names = "--os-application-credential-id") String appCredId;
    @Option(names = "--os-application-credential-secret") String appCredSecret;
    @Option(names = "--os-region-name") String region;
    @Option(names = "--os-interface", description = "public, internal or admin (default public)") String iface;
    @Option(names = "--os-cacert", paramLabel = "CA.pem") String cacert;
    @Option(names = "--os-compute-endpoint", paramLabel = "URL") String computeEndpoint;
    @Option(names = "--os-placement-endpoint", paramLabel = "URL") String placementEndpoint;

    /** The environment the OS_* variables come from (tests set their own). */
    static Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws InputProblemException, IOException {
        String ext = dev.placementstudio.io.FileNames.extension(out);
        if (!ext.equals("json") && !ext.equals("db")) {
            throw new InputProblemException(out, "unknown model file type '." + ext + "' (expected .json or .db)");
        }
        Map<String, String> flags = new HashMap<>();
        put(flags, "auth-url", authUrl);
        put(flags, "username", username);
        put(flags, "password", password);
        put(flags, "project-name", projectName);
        put(flags, "user-domain-name", userDomain);
        put(flags, "project-domain-name", projectDomain);
        put(flags, "token", token);
        put(flags, "application-credential-id", appCredId);
        put(flags, "application-credential-secret", appCredSecret);
        put(flags, "region-name", region);
        put(flags, "interface", iface);
        put(flags, "cacert", cacert);
        put(flags, "compute-endpoint", computeEndpoint);
        put(flags, "placement-endpoint", placementEndpoint);
        OpenStackOptions o = OpenStackOptions.resolve(cloud, flags, environment);
        Map<String, String> mapping = cells == null ? Map.of() : OpenStackImport.readCells(cells);
        PlacementInverse.Result r = OpenStackImport.read(o, mapping, retries, line -> System.err.println("import: " + line));
        ModelFiles.save(r.model(), out, true);
        String text = String.join("\n", r.report().lines()) + "\n";
        if (report != null) {
            AtomicFiles.write(report, text.getBytes(StandardCharsets.UTF_8));
        } else {
            System.err.print(text);
        }
        System.out.printf("wrote %s (%d hosts, %d instances)%n", out, r.model().hosts().size(), r.model().instances().size());
        return 0;
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
