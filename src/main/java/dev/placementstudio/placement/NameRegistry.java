package dev.placementstudio.placement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Dense ids for resource class or trait names: the standard ones first, custom ones as they are created. */
final class NameRegistry {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final int standardCount;

    NameRegistry(Collection<String> standard) {
        standard.forEach(this::add);
        standardCount = names.size();
    }

    NameRegistry(NameRegistry other) {
        ids.putAll(other.ids);
        names.addAll(other.names);
        standardCount = other.standardCount;
    }

    int add(String name) {
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        ids.put(name, names.size());
        names.add(name);
        return names.size() - 1;
    }

    /** -1 when unknown. */
    int id(String name) {
        Integer id = ids.get(name);
        return id == null ? -1 : id;
    }

    String name(int id) {
        return names.get(id);
    }

    int size() {
        return names.size();
    }

    boolean isStandard(String name) {
        int id = id(name);
        return id >= 0 && id < standardCount;
    }

    /** Removes a custom name (its id is never reused; lookups fail from now on). */
    void remove(String name) {
        ids.remove(name);
    }

    /** Gives a custom name's id to a new name (Placement's rename of a custom resource class before 1.7). */
    void rename(String from, String to) {
        Integer id = ids.remove(from);
        names.set(id, to);
        ids.put(to, id);
    }

    List<String> all() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            // a name deleted and created again has a new id; list it once, under that one
            if (Integer.valueOf(i).equals(ids.get(names.get(i)))) {
                out.add(names.get(i));
            }
        }
        return out;
    }
}
