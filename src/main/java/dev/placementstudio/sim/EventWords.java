package dev.placementstudio.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event told for people: a sentence for an instance's story, and the tags a playback pins on hosts
 * (the chosen host and its alternates, a 409, a failed build, a retry).
 */
public final class EventWords {
    /** How a tag reads: good news, an alternative, something going on, or trouble. */
    public enum Tone { GOOD, ALTERNATE, BUSY, BAD }

    public record Tag(String text, Tone tone) {
    }

    private EventWords() {
    }

    private static String ordinal(int n) {
        return switch (n) {
            case 1 -> "1st";
            case 2 -> "2nd";
            case 3 -> "3rd";
            default -> n + "th";
        };
    }

    /** Host name to the tag this event pins on it (empty for events about no host). */
    public static Map<String, Tag> tags(SimEvent e) {
        Map<String, Tag> out = new LinkedHashMap<>();
        Object host = e.get("host");
        switch (e.type()) {
            case WEIGHED -> {
                if (e.get("top") instanceof List<?> top) {
                    int rank = 0;
                    for (Object o : top) {
                        if (o instanceof Map<?, ?> m) {
                            rank++;
                            out.put(String.valueOf(m.get("host")), new Tag(ordinal(rank) + "  w=" + m.get("weight"),
                                    rank == 1 ? Tone.GOOD : Tone.ALTERNATE));
                        }
                    }
                }
            }
            case FILTERED -> {
                if (e.get("dropped") instanceof Map<?, ?> d) {
                    d.keySet().forEach(h -> out.put(String.valueOf(h), new Tag("dropped: " + e.get("filter"), Tone.BAD)));
                }
            }
            case SELECTED -> {
                out.put(String.valueOf(host), new Tag("chosen", Tone.GOOD));
                if (e.get("alternates") instanceof List<?> alts) {
                    int n = 0;
                    for (Object a : alts) {
                        out.put(String.valueOf(a), new Tag("alternate " + ++n, Tone.ALTERNATE));
                    }
                }
            }
            case CLAIMED -> out.put(String.valueOf(host), new Tag(e.get("migration") != null ? "claimed (destination)"
                    : Boolean.TRUE.equals(e.get("alternate")) ? "claimed (alternate)" : "claimed by " + e.get("by"), Tone.GOOD));
            case CLAIM_CONFLICT -> out.put(String.valueOf(host), new Tag("409 conflict", Tone.BAD));
            case BUILD_STARTED -> out.put(String.valueOf(host), new Tag("building…", Tone.BUSY));
            case ARQ_BOUND -> out.put(String.valueOf(host), new Tag("accelerator bound", Tone.GOOD));
            case BUILD_FAILED -> out.put(String.valueOf(host), new Tag("build failed", Tone.BAD));
            case UNCLAIMED -> out.put(String.valueOf(host), new Tag("unclaimed", Tone.BUSY));
            case RESCHEDULED -> {
                if (host != null) {
                    out.put(String.valueOf(host), new Tag("retry here", Tone.BUSY));
                }
            }
            case ACTIVE -> out.put(String.valueOf(host), new Tag("ACTIVE", Tone.GOOD));
            case DELETED -> out.put(String.valueOf(host), new Tag("deleted", Tone.BUSY));
            case MIGRATION_STARTED -> out.put(String.valueOf(e.get("source")), new Tag("source: held by the migration", Tone.BUSY));
            case MIGRATION_CONFIRMED -> {
                out.put(String.valueOf(e.get("freed")), new Tag("source freed", Tone.BUSY));
                out.put(String.valueOf(host), new Tag("confirmed", Tone.GOOD));
            }
            case MIGRATION_REVERTED -> {
                out.put(String.valueOf(e.get("freed")), new Tag("destination freed", Tone.BUSY));
                out.put(String.valueOf(host), new Tag("reverted here", Tone.GOOD));
            }
            default -> {
            }
        }
        out.remove("null");
        return out;
    }

    /** The services a request passes through, in order (Cyborg last: it serves the conductor and the compute). */
    public static final List<String> STAGES = List.of("API", "super-conductor", "scheduler", "Placement",
            "cell conductor", "compute", "Cyborg");

    /** The services at work in this event. */
    public static List<String> stages(SimEvent e) {
        Object by = e.get("by");
        return switch (e.type()) {
            case BOOT_REQUESTED -> List.of("API", "super-conductor");
            case SCHEDULER_CALLED -> List.of("scheduler", "Placement");
            case FILTERED, WEIGHED, SELECTED -> List.of("scheduler");
            case CLAIMED, CLAIM_CONFLICT -> "compute".equals(by) ? List.of("compute", "Placement")
                    : "conductor".equals(by) ? List.of("cell conductor", "Placement") : List.of("scheduler", "Placement");
            case ARQ_CREATED -> List.of("super-conductor", "Cyborg");
            case ARQ_BOUND -> List.of("compute", "Cyborg");
            case BUILD_STARTED, BUILD_FAILED, ACTIVE -> List.of("compute");
            case UNCLAIMED -> List.of("cell conductor", "Placement");
            case RESCHEDULED -> "alternate".equals(e.get("via")) ? List.of("cell conductor")
                    : List.of("cell conductor", "super-conductor", "scheduler");
            case ERRORED -> List.of("cell conductor", "API");
            case DELETED -> List.of("API", "compute", "Placement");
            case MIGRATION_STARTED, MIGRATION_CONFIRMED, MIGRATION_REVERTED, MIGRATION_FAILED -> List.of("super-conductor", "Placement");
            case CELL_DOWN, CELL_UP -> List.of("API", "cell conductor");
            case HOST_DISABLED, HOST_ENABLED -> List.of("compute", "Placement");
            default -> List.of();
        };
    }

    /** One sentence for this event, as a line of an instance's story. */
    public static String sentence(SimEvent e) {
        Object host = e.get("host");
        Object cell = e.get("cell");
        return switch (e.type()) {
            case BOOT_REQUESTED -> "Boot of " + e.get("name") + " (" + e.get("flavor") + ") requested at the API.";
            case SCHEDULER_CALLED -> "The scheduler is called (attempt " + e.get("attempt") + ") and asks Placement for"
                    + " allocation candidates.";
            case FILTERED -> e.get("filter") + " keeps " + e.get("after") + " of " + e.get("before") + " hosts"
                    + (e.get("dropped") instanceof Map<?, ?> d && !d.isEmpty() ? " (drops " + String.join(", ",
                    d.keySet().stream().map(String::valueOf).toList()) + ")" : "") + ".";
            case WEIGHED -> "The weighers rank " + e.get("hosts") + " host(s).";
            case SELECTED -> "Selected " + host + " in " + cell + (e.get("alternates") instanceof List<?> a && !a.isEmpty()
                    ? ", alternates " + String.join(", ", a.stream().map(String::valueOf).toList()) : ", no alternates") + ".";
            case CLAIMED -> "The " + e.get("by") + " claims " + host + (Boolean.TRUE.equals(e.get("alternate"))
                    ? " (an alternate)" : "") + " in Placement.";
            case CLAIM_CONFLICT -> "The claim on " + host + " by the " + e.get("by") + " is refused: " + e.get("reason") + ".";
            case ARQ_CREATED -> "Accelerator requests are created for device profile " + e.get("device_profile") + ".";
            case BUILD_STARTED -> "The build starts on " + host + ".";
            case ARQ_BOUND -> "The accelerator is bound on " + host + "; the build may go on.";
            case BUILD_FAILED -> "The build on " + host + " fails: " + e.get("reason") + ".";
            case UNCLAIMED -> "The allocation on " + host + " is deleted.";
            case RESCHEDULED -> "alternate".equals(e.get("via"))
                    ? "The cell conductor retries on the alternate " + host + " (attempt " + e.get("attempt") + ")."
                    : "Rescheduled through the scheduler (attempt " + e.get("attempt") + "): " + e.get("reason") + ".";
            case ACTIVE -> "ACTIVE on " + host + " in " + cell + ".";
            case ERRORED -> "ERROR: " + e.get("reason") + ".";
            case DELETED -> "Deleted; " + host + " is freed.";
            case MIGRATION_STARTED -> "A " + e.get("migration_type") + " starts: " + e.get("migration")
                    + " now holds the allocation on " + e.get("source") + ".";
            case MIGRATION_CONFIRMED -> "Confirmed on " + host + "; the migration's hold on " + e.get("freed") + " is freed.";
            case MIGRATION_REVERTED -> "Reverted to " + host + "; " + e.get("freed") + " is freed.";
            case MIGRATION_FAILED -> "The migration fails: " + e.get("reason") + ".";
            case CELL_DOWN -> cell + " goes down; " + e.get("instances_unknown") + " instance(s) listed as UNKNOWN.";
            case CELL_UP -> cell + " is back.";
            case HOST_DISABLED -> host + " is disabled.";
            case HOST_ENABLED -> host + " is enabled.";
            default -> e.type().label();
        };
    }
}
