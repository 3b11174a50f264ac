package dev.placementstudio.nova;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Our filters' survivors against Nova's, case by case and filter by filter. */
final class FilterComparison {
    final List<String> mismatches = new ArrayList<>();
    int compared;
    int skipped;
    /** Filter answers that kept some hosts and dropped others (the interesting ones). */
    int partial;

    void compare(JsonNode c, JsonNode answer) {
        if (answer.has("error")) {
            skipped++;
            return;
        }
        NovaFilterCase ours;
        Map<String, List<String>> mine;
        try {
            ours = new NovaFilterCase(c);
            mine = ours.run();
        } catch (RuntimeException e) {
            java.io.StringWriter w = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(w));
            mismatches.add("our filters threw " + w.toString().lines().limit(6).toList() + "\n  case: " + c);
            return;
        }
        for (var it = answer.get("filters").fields(); it.hasNext(); ) {
            var e = it.next();
            List<String> nova = new ArrayList<>();
            e.getValue().forEach(x -> nova.add(x.asText()));
            List<String> got = mine.get(e.getKey());
            compared++;
            if (!nova.isEmpty() && nova.size() < ours.hosts.size()) {
                partial++;
            }
            if (!nova.equals(got)) {
                mismatches.add(e.getKey() + ": Nova kept " + nova + ", we kept " + got + "\n  ours: "
                        + ours.reasons(e.getKey()) + "\n  case: " + c);
            }
        }
        skipped += answer.path("errors").size();
    }

    String report() {
        return mismatches.size() + " of " + compared + " filter answers differ from Nova's:\n"
                + String.join("\n", mismatches.subList(0, Math.min(8, mismatches.size())));
    }
}
