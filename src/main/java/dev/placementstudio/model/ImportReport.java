package dev.placementstudio.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an import made of a cloud: how many of each thing it recognised, the flavors it had to make up,
 * and every provider or consumer it kept raw, with why. Nothing is dropped: what fits no shape is in
 * {@link #raw()} and in the model's raw Placement state.
 *
 * @param counts thing (hosts, NUMA nodes, …) to how many, in a fixed order
 * @param synthesizedFlavors flavors named by their amounts, made for consumers no catalog flavor matches
 * @param raw what stayed raw
 * @param notes further remarks (servers without allocations, facts that named nothing)
 */
public record ImportReport(Map<String, Integer> counts, List<String> synthesizedFlavors, List<Entry> raw,
                           List<String> notes) {
    public ImportReport {
        counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
        synthesizedFlavors = List.copyOf(synthesizedFlavors);
        raw = List.copyOf(raw);
        notes = List.copyOf(notes);
    }

    /** One provider or consumer kept as raw Placement state. */
    public record Entry(String kind, String uuid, String name, String reason) {
    }

    /** The report as text lines, as the CLI prints it. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder("imported:");
        counts.forEach((k, v) -> sb.append(' ').append(v).append(' ').append(k).append(','));
        sb.setLength(sb.length() - 1);
        out.add(sb.toString());
        if (!synthesizedFlavors.isEmpty()) {
            out.add("synthesized flavors: " + String.join(", ", synthesizedFlavors));
        }
        out.add("kept raw: " + raw.size());
        for (Entry e : raw) {
            out.add("  " + e.kind() + " " + (e.name() != null ? e.name() + " (" + e.uuid() + ")" : e.uuid())
                    + ": " + e.reason());
        }
        for (String n : notes) {
            out.add("note: " + n);
        }
        return out;
    }
}
