package dev.placementstudio.scheduler;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A ComputeNode's {@code stats}, immutable and in insertion order, with the numbers the scheduler reads
 * ({@code num_instances}, {@code io_workload}, {@code failed_builds}) parsed once when it is made. A
 * scheduling call reads {@code num_instances} of every candidate host: read through a general map that
 * was a chain of dependent loads and a parse per host per call, the largest single cost of a simulation.
 * It is a {@link Map} like any other (equal to any map of the same entries).
 */
public final class ComputeStats extends AbstractMap<String, String> {
    private static final ComputeStats EMPTY = new ComputeStats(new String[0], new String[0]);

    private final String[] keys;
    private final String[] values;
    /** The three numbers parsed, or ABSENT when the key is absent or its value is no int (then read when asked). */
    private final int numInstances;
    private final int ioWorkload;
    private final int failedBuilds;
    private static final int ABSENT = Integer.MIN_VALUE;

    private ComputeStats(String[] keys, String[] values) {
        this.keys = keys;
        this.values = values;
        this.numInstances = parsed("num_instances");
        this.ioWorkload = parsed("io_workload");
        this.failedBuilds = parsed("failed_builds");
    }

    /** These stats, in the map's order (a {@code ComputeStats} is returned as it is). */
    public static ComputeStats of(Map<String, String> stats) {
        if (stats == null || stats.isEmpty()) {
            return EMPTY;
        }
        if (stats instanceof ComputeStats s) {
            return s;
        }
        String[] k = new String[stats.size()];
        String[] v = new String[k.length];
        int i = 0;
        for (Map.Entry<String, String> e : stats.entrySet()) {
            k[i] = e.getKey();
            v[i++] = e.getValue();
        }
        return new ComputeStats(k, v);
    }

    /** One stat, as the resource tracker reports {@code num_instances}. */
    public static ComputeStats of(String key, int value) {
        return new ComputeStats(new String[]{key}, new String[]{Integer.toString(value)});
    }

    private int parsed(String key) {
        String v = get(key);
        if (v == null) {
            return ABSENT;
        }
        try {
            int n = Integer.parseInt(v.strip());
            return n == ABSENT ? ABSENT : n; // MIN_VALUE itself is parsed again when asked
        } catch (NumberFormatException e) {
            return ABSENT; // parsed again when asked, so that the caller sees the same exception
        }
    }

    /**
     * The stat as an int, 0 when absent; a value that is not an int throws NumberFormatException, as
     * {@code Integer.parseInt} does.
     */
    int intValue(String key) {
        int cached = switch (key) {
            case "num_instances" -> numInstances;
            case "io_workload" -> ioWorkload;
            case "failed_builds" -> failedBuilds;
            default -> ABSENT;
        };
        if (cached != ABSENT) {
            return cached;
        }
        String v = get(key);
        return v == null ? 0 : Integer.parseInt(v.strip());
    }

    /** {@code num_instances} as an int (0 when absent). */
    int numInstances() {
        return numInstances != ABSENT ? numInstances : intValue("num_instances");
    }

    @Override
    public String get(Object key) {
        for (int i = 0; i < keys.length; i++) {
            if (java.util.Objects.equals(keys[i], key)) {
                return values[i];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        for (String k : keys) {
            if (java.util.Objects.equals(k, key)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public boolean isEmpty() {
        return keys.length == 0;
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < keys.length;
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (i >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, String> e = new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
                        i++;
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }
}
