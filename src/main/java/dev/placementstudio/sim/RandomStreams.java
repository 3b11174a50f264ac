package dev.placementstudio.sim;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Named random streams derived from one master seed: each concern (arrivals, lifetimes, failures,
 * shuffles...) draws from its own stream, so adding a stream or a draw in one concern does not shift
 * the others.
 */
public final class RandomStreams {
    private final long seed;
    private final Map<String, SplittableRandom> streams = new HashMap<>();

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public SplittableRandom stream(String name) {
        return streams.computeIfAbsent(name, n -> new SplittableRandom(seed ^ fnv1a(n)));
    }

    /** FNV-1a, 64 bits: a stable hash of the stream's name (String.hashCode is only 32 bits). */
    static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
