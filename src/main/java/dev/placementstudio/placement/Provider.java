package dev.placementstudio.placement;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The engine's own record of a resource provider; mutated only under the engine's write lock. */
final class Provider {
    final int index;
    final String uuid;
    final byte[] quotedUuid;
    String name;
    Provider parent;
    Provider root;
    long generation;
    final List<Provider> children = new ArrayList<>();
    /** By resource class id; null where the provider has no inventory of that class. */
    Inventory[] inventory = new Inventory[0];
    long[] used = new long[0];
    final BitSet traits = new BitSet();
    final Set<String> aggregates = new LinkedHashSet<>();
    /** Has MISC_SHARES_VIA_AGGREGATE (kept up to date by the structure index). */
    boolean sharing;

    Provider(int index, String uuid, String name) {
        this.index = index;
        this.uuid = uuid;
        this.quotedUuid = JsonOut.quoted(uuid);
        this.name = name;
        this.root = this;
    }

    /** Immutable arrays naming this provider alone, made when first asked (a benign race may make two). */
    private Provider[][] aloneMapping;
    private Provider[][] repeated = new Provider[0][];

    /** {@code {{this}}}: the mappings of a one-group candidate served by this provider alone. */
    Provider[][] aloneMapping() {
        Provider[][] m = aloneMapping;
        if (m == null) {
            m = new Provider[][]{{this}};
            aloneMapping = m;
        }
        return m;
    }

    /** This provider {@code n} times: the provider of each class of a candidate it serves alone. */
    Provider[] repeated(int n) {
        Provider[][] r = repeated;
        if (n < r.length && r[n] != null) {
            return r[n];
        }
        Provider[] a = new Provider[n];
        java.util.Arrays.fill(a, this);
        if (n < 16) {
            Provider[][] grown = java.util.Arrays.copyOf(r, Math.max(r.length, n + 1));
            grown[n] = a;
            repeated = grown;
        }
        return a;
    }

    Inventory inventory(int rc) {
        return rc < inventory.length ? inventory[rc] : null;
    }

    long used(int rc) {
        return rc < used.length ? used[rc] : 0;
    }

    void ensureClasses(int count) {
        if (inventory.length < count) {
            inventory = java.util.Arrays.copyOf(inventory, count);
            used = java.util.Arrays.copyOf(used, count);
        }
    }

    boolean hasAnyInventory() {
        for (Inventory i : inventory) {
            if (i != null) {
                return true;
            }
        }
        return false;
    }

    boolean isAncestorOrSelfOf(Provider other) {
        for (Provider p = other; p != null; p = p.parent) {
            if (p == this) {
                return true;
            }
        }
        return false;
    }
}
