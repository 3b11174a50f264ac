package dev.placementstudio.io.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.PlacementImport;
import dev.placementstudio.io.PlacementReader;
import dev.placementstudio.model.CloudFacts;
import dev.placementstudio.model.PlacementInverse;
import dev.placementstudio.model.PlacementState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A running OpenStack as a model: authenticate, read Nova's facts and Placement's state, and turn them
 * into hosts, devices, flavors, groups, instances and moves through the inverse of the projection.
 */
public final class OpenStackImport {
    private OpenStackImport() {
    }

    /** Host (or hypervisor hostname) to cell, from a JSON object such as {@code {"cn-1": "cell1"}}. */
    public static Map<String, String> readCells(Path file) throws InputProblemException {
        JsonNode n;
        try {
            n = ApiClient.JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new InputProblemException(file, "cannot read it as JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (n == null || !n.isObject()) {
            throw new InputProblemException(file, "expected a JSON object of host name to cell name");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var it = n.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                throw new InputProblemException(file.toString(), 0, 0, e.getKey(), "a cell name (a string) is required");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    public static PlacementInverse.Result read(OpenStackOptions o, Map<String, String> cells, int retries,
                                               Consumer<String> progress) throws InputProblemException {
        ApiClient api = new ApiClient(o.cacert(), retries, 500, Duration.ofSeconds(60));
        Keystone.Session s = Keystone.authenticate(api, o);
        progress.accept("compute " + s.computeUrl() + ", placement " + s.placementUrl());
        CloudFacts facts = new NovaReader(api, s.computeUrl(), s.token()).read(cells, progress);
        PlacementState state = new PlacementReader(s.placementUrl(), s.token(), api.http()).read(progress);
        return PlacementImport.toModelWithReport(state, facts, hostOf(s.computeUrl()));
    }

    private static String hostOf(String url) {
        String h = java.net.URI.create(url).getHost();
        return h == null ? "openstack" : h;
    }
}
