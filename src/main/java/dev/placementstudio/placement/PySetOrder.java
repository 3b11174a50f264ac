package dev.placementstudio.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The iteration order of a CPython 3.11 {@code set} of int tuples. Placement builds some intermediate
 * results in Python sets and one of its behaviours (which anchor tree keeps a sharing provider's part of
 * the unsuffixed group, behaviour 5 of the oracle README) depends on the order in which such a set is
 * iterated. Tuples of ints hash the same in every process, so that order can be reproduced: this class
 * replays CPython's open-addressing table (linear probes, perturbation, resize rules, {@code |=} merge).
 */
final class PySetOrder {
    private static final int LINEAR_PROBES = 9;
    private static final int PERTURB_SHIFT = 5;
    private static final int MIN_SIZE = 8;

    private long[][] keys = new long[MIN_SIZE][];
    private long[] hashes = new long[MIN_SIZE];
    private int mask = MIN_SIZE - 1;
    private int fill;
    private int used;

    /** CPython's tuplehash for a tuple of small non-negative ints (xxHash-style, 64-bit). */
    static long tupleHash(long[] t) {
        final long p1 = 0x9E3779B185EBCA87L; // 11400714785074694791
        final long p2 = 0xC2B2AE3D27D4EB4FL; // 14029467366897019727
        final long p5 = 0x27D4EB2F165667C5L; // 2870177450012600261
        long acc = p5;
        for (long item : t) {
            long lane = item == -1 ? -2 : item;
            acc += lane * p2;
            acc = Long.rotateLeft(acc, 31);
            acc *= p1;
        }
        acc += t.length ^ (p5 ^ 3527539L);
        if (acc == -1L) {
            return 1546275796L;
        }
        return acc;
    }

    int size() {
        return used;
    }

    /** set.add(key) */
    void add(long[] key) {
        addEntry(key, tupleHash(key));
    }

    private void addEntry(long[] key, long hash) {
        long perturb = hash;
        int i = (int) (hash & mask);
        while (true) {
            int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
            int j = i;
            do {
                if (keys[j] == null) {
                    keys[j] = key;
                    hashes[j] = hash;
                    fill++;
                    used++;
                    if ((long) fill * 5 >= (long) mask * 3) {
                        resize(used > 50000 ? used * 2 : used * 4);
                    }
                    return;
                }
                if (hashes[j] == hash && java.util.Arrays.equals(keys[j], key)) {
                    return;
                }
                j++;
            } while (probes-- > 0);
            perturb >>>= PERTURB_SHIFT;
            i = (int) ((i * 5L + 1 + perturb) & mask);
        }
    }

    private static void insertClean(long[][] table, long[] hs, int mask, long[] key, long hash) {
        long perturb = hash;
        int i = (int) (hash & mask);
        while (true) {
            if (table[i] == null) {
                table[i] = key;
                hs[i] = hash;
                return;
            }
            if (i + LINEAR_PROBES <= mask) {
                for (int j = 1; j <= LINEAR_PROBES; j++) {
                    if (table[i + j] == null) {
                        table[i + j] = key;
                        hs[i + j] = hash;
                        return;
                    }
                }
            }
            perturb >>>= PERTURB_SHIFT;
            i = (int) ((i * 5L + 1 + perturb) & mask);
        }
    }

    private void resize(int minUsed) {
        int newSize = MIN_SIZE;
        while (newSize <= minUsed) {
            newSize <<= 1;
        }
        long[][] oldKeys = keys;
        long[] oldHashes = hashes;
        keys = new long[newSize][];
        hashes = new long[newSize];
        mask = newSize - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                insertClean(keys, hashes, mask, oldKeys[i], oldHashes[i]);
            }
        }
        fill = used;
    }

    /** {@code self |= other} (set_merge). */
    void ior(PySetOrder other) {
        if (other == this || other.used == 0) {
            return;
        }
        if ((long) (fill + other.used) * 5 >= (long) mask * 3) {
            resize((used + other.used) * 2);
        }
        if (fill == 0 && mask == other.mask) {
            keys = other.keys.clone();
            hashes = other.hashes.clone();
            fill = other.fill;
            used = other.used;
            return;
        }
        if (fill == 0) {
            fill = other.used;
            used = other.used;
            for (int i = 0; i <= other.mask; i++) {
                if (other.keys[i] != null) {
                    insertClean(keys, hashes, mask, other.keys[i], other.hashes[i]);
                }
            }
            return;
        }
        for (int i = 0; i <= other.mask; i++) {
            if (other.keys[i] != null) {
                addEntry(other.keys[i], other.hashes[i]);
            }
        }
    }

    /** {@code set(f(x) for x in self if keep(x))}: a new set built by adding in iteration order. */
    PySetOrder mapFilter(java.util.function.Function<long[], long[]> f, Predicate<long[]> keep) {
        PySetOrder out = new PySetOrder();
        for (long[] k : items()) {
            if (keep.test(k)) {
                out.add(f.apply(k));
            }
        }
        return out;
    }

    /** The items in iteration order. */
    List<long[]> items() {
        List<long[]> out = new ArrayList<>(used);
        for (long[] k : keys) {
            if (k != null) {
                out.add(k);
            }
        }
        return out;
    }
}
