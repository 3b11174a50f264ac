package dev.placementstudio.conductor;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fault injection: a build-failure probability overall and per host, "host X fails its next N builds",
 * and accelerator bind failures. Draws come from the simulation's "failures" stream.
 */
public final class Faults {
    private final double buildFailure;
    private final Map<String, Double> hostFailure;
    private final Map<String, Integer> failNext;
    private final double arqBindFailure;
    private final Map<String, Integer> failNextBinds;
    private final SplittableRandom random;

    public Faults(double buildFailure, Map<String, Double> hostFailure, Map<String, Integer> failNext,
                  double arqBindFailure, SplittableRandom random) {
        this(buildFailure, hostFailure, failNext, arqBindFailure, Map.of(), random);
    }

    public Faults(double buildFailure, Map<String, Double> hostFailure, Map<String, Integer> failNext,
                  double arqBindFailure, Map<String, Integer> failNextBinds, SplittableRandom random) {
        this.buildFailure = buildFailure;
        this.hostFailure = hostFailure == null ? Map.of() : Map.copyOf(hostFailure);
        this.failNext = new HashMap<>(failNext == null ? Map.of() : failNext);
        this.arqBindFailure = arqBindFailure;
        this.failNextBinds = new HashMap<>(failNextBinds == null ? Map.of() : failNextBinds);
        this.random = random;
    }

    public static Faults none() {
        return new Faults(0, Map.of(), Map.of(), 0, new SplittableRandom(0));
    }

    /** From now on the next {@code builds} builds on {@code host} fail (added to any still pending). */
    public void failNextBuilds(String host, int builds) {
        failNext.merge(host, builds, Integer::sum);
    }

    /** Why the build on this host fails, or null when it succeeds. */
    public String buildFails(String host) {
        Integer n = failNext.get(host);
        if (n != null && n > 0) {
            failNext.put(host, n - 1);
            return "host " + host + " fails its next builds (injected)";
        }
        double p = hostFailure.getOrDefault(host, buildFailure);
        // always draw, so that the stream advances the same way whatever the outcome
        double draw = random.nextDouble();
        return draw < p ? "build failed on " + host + " (injected, p=" + p + ")" : null;
    }

    /** Whether binding the accelerators of a build on this host fails. */
    public boolean arqBindFails(String host) {
        double draw = random.nextDouble();
        Integer n = failNextBinds.get(host);
        if (n != null && n > 0) {
            failNextBinds.put(host, n - 1);
            return true;
        }
        return draw < arqBindFailure;
    }
}
