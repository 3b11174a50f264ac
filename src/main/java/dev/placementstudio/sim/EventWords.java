package dev.placementstudio.sim;

import dev.placementstudio.conductor.EventLog.Ranked;
import dev.placementstudio.sim.SimEvent.Active;
import dev.placementstudio.sim.SimEvent.ArqBound;
import dev.placementstudio.sim.SimEvent.ArqCreated;
import dev.placementstudio.sim.SimEvent.BootRequested;
import dev.placementstudio.sim.SimEvent.BuildFailed;
import dev.placementstudio.sim.SimEvent.BuildStarted;
import dev.placementstudio.sim.SimEvent.CellDown;
import dev.placementstudio.sim.SimEvent.CellUp;
import dev.placementstudio.sim.SimEvent.ClaimConflict;
import dev.placementstudio.sim.SimEvent.Claimed;
import dev.placementstudio.sim.SimEvent.Deleted;
import dev.placementstudio.sim.SimEvent.Errored;
import dev.placementstudio.sim.SimEvent.Filtered;
import dev.placementstudio.sim.SimEvent.HostDisabled;
import dev.placementstudio.sim.SimEvent.HostEnabled;
import dev.placementstudio.sim.SimEvent.MigrationConfirmed;
import dev.placementstudio.sim.SimEvent.MigrationFailed;
import dev.placementstudio.sim.SimEvent.MigrationReverted;
import dev.placementstudio.sim.SimEvent.MigrationStarted;
import dev.placementstudio.sim.SimEvent.Rescheduled;
import dev.placementstudio.sim.SimEvent.SchedulerCalled;
import dev.placementstudio.sim.SimEvent.Selected;
import dev.placementstudio.sim.SimEvent.Unclaimed;
import dev.placementstudio.sim.SimEvent.Weighed;

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
        String host = String.valueOf(e.host());
        if (e instanceof Weighed w && w.top() != null) {
            int rank = 0;
            for (Ranked r : w.top()) {
                rank++;
                out.put(String.valueOf(r.host()), new Tag(ordinal(rank) + "  w=" + r.weight(),
                        rank == 1 ? Tone.GOOD : Tone.ALTERNATE));
            }
        } else if (e instanceof Filtered f && f.dropped() != null) {
            f.dropped().keySet().forEach(h -> out.put(h, new Tag("dropped: " + f.filter(), Tone.BAD)));
        } else if (e instanceof Selected s) {
            out.put(host, new Tag("chosen", Tone.GOOD));
            if (s.alternates() != null) {
                int n = 0;
                for (String a : s.alternates()) {
                    out.put(String.valueOf(a), new Tag("alternate " + ++n, Tone.ALTERNATE));
                }
            }
        } else if (e instanceof Claimed c) {
            out.put(host, new Tag(c.migration() != null ? "claimed (destination)"
                    : c.alternate() ? "claimed (alternate)" : "claimed by " + c.by(), Tone.GOOD));
        } else if (e instanceof ClaimConflict) {
            out.put(host, new Tag("409 conflict", Tone.BAD));
        } else if (e instanceof BuildStarted) {
            out.put(host, new Tag("building…", Tone.BUSY));
        } else if (e instanceof ArqBound) {
            out.put(host, new Tag("accelerator bound", Tone.GOOD));
        } else if (e instanceof BuildFailed) {
            out.put(host, new Tag("build failed", Tone.BAD));
        } else if (e instanceof Unclaimed) {
            out.put(host, new Tag("unclaimed", Tone.BUSY));
        } else if (e instanceof Rescheduled) {
            out.put(host, new Tag("retry here", Tone.BUSY)); // a retry through the scheduler has no host yet
        } else if (e instanceof Active) {
            out.put(host, new Tag("ACTIVE", Tone.GOOD));
        } else if (e instanceof Deleted) {
            out.put(host, new Tag("deleted", Tone.BUSY));
        } else if (e instanceof MigrationStarted m) {
            out.put(String.valueOf(m.source()), new Tag("source: held by the migration", Tone.BUSY));
        } else if (e instanceof MigrationConfirmed m) {
            out.put(String.valueOf(m.freed()), new Tag("source freed", Tone.BUSY));
            out.put(host, new Tag("confirmed", Tone.GOOD));
        } else if (e instanceof MigrationReverted m) {
            out.put(String.valueOf(m.freed()), new Tag("destination freed", Tone.BUSY));
            out.put(host, new Tag("reverted here", Tone.GOOD));
        }
        out.remove("null");
        return out;
    }

    /** The services a request passes through, in order (Cyborg last: it serves the conductor and the compute). */
    public static final List<String> STAGES = List.of("API", "super-conductor", "scheduler", "Placement",
            "cell conductor", "compute", "Cyborg");

    /** The services at work in this event. */
    public static List<String> stages(SimEvent e) {
        String by = e instanceof Claimed c ? c.by() : e instanceof ClaimConflict conflict ? conflict.by() : null;
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
            case RESCHEDULED -> e instanceof Rescheduled r && "alternate".equals(r.via()) ? List.of("cell conductor")
                    : List.of("cell conductor", "super-conductor", "scheduler");
            case ERRORED -> List.of("cell conductor", "API");
            case DELETED -> List.of("API", "compute", "Placement");
            case MIGRATION_STARTED, MIGRATION_CONFIRMED, MIGRATION_REVERTED, MIGRATION_FAILED -> List.of("super-conductor", "Placement");
            case CELL_DOWN, CELL_UP -> List.of("API", "cell conductor");
            case HOST_DISABLED, HOST_ENABLED -> List.of("compute", "Placement");
        };
    }

    /** One sentence for this event, as a line of an instance's story. */
    public static String sentence(SimEvent e) {
        return e.accept(SENTENCE);
    }

    private static final SimEvent.Visitor<String> SENTENCE = new SimEvent.Visitor<>() {
        @Override
        public String visit(BootRequested e) {
            return "Boot of " + e.name() + " (" + e.flavor() + ") requested at the API.";
        }

        @Override
        public String visit(SchedulerCalled e) {
            return "The scheduler is called (attempt " + e.attempt() + ") and asks Placement for allocation candidates.";
        }

        @Override
        public String visit(Filtered e) {
            return e.filter() + " keeps " + e.after() + " of " + e.before() + " hosts"
                    + (e.dropped() != null && !e.dropped().isEmpty()
                    ? " (drops " + String.join(", ", e.dropped().keySet()) + ")" : "") + ".";
        }

        @Override
        public String visit(Weighed e) {
            return "The weighers rank " + e.hosts() + " host(s).";
        }

        @Override
        public String visit(Selected e) {
            return "Selected " + e.host() + " in " + e.cell() + (e.alternates() != null && !e.alternates().isEmpty()
                    ? ", alternates " + String.join(", ", e.alternates()) : ", no alternates") + ".";
        }

        @Override
        public String visit(Claimed e) {
            return "The " + e.by() + " claims " + e.host() + (e.alternate() ? " (an alternate)" : "") + " in Placement.";
        }

        @Override
        public String visit(ClaimConflict e) {
            return "The claim on " + e.host() + " by the " + e.by() + " is refused: " + e.reason() + ".";
        }

        @Override
        public String visit(BuildStarted e) {
            return "The build starts on " + e.host() + ".";
        }

        @Override
        public String visit(BuildFailed e) {
            return "The build on " + e.host() + " fails: " + e.reason() + ".";
        }

        @Override
        public String visit(Unclaimed e) {
            return "The allocation on " + e.host() + " is deleted.";
        }

        @Override
        public String visit(Rescheduled e) {
            return "alternate".equals(e.via())
                    ? "The cell conductor retries on the alternate " + e.host() + " (attempt " + e.attempt() + ")."
                    : "Rescheduled through the scheduler (attempt " + e.attempt() + "): " + e.reason() + ".";
        }

        @Override
        public String visit(ArqCreated e) {
            return "Accelerator requests are created for device profile " + e.deviceProfile() + ".";
        }

        @Override
        public String visit(ArqBound e) {
            return "The accelerator is bound on " + e.host() + "; the build may go on.";
        }

        @Override
        public String visit(Active e) {
            return "ACTIVE on " + e.host() + " in " + e.cell() + ".";
        }

        @Override
        public String visit(Errored e) {
            return "ERROR: " + e.reason() + ".";
        }

        @Override
        public String visit(Deleted e) {
            return "Deleted; " + e.host() + " is freed.";
        }

        @Override
        public String visit(CellDown e) {
            return e.cell() + " goes down; " + e.instancesUnknown() + " instance(s) listed as UNKNOWN.";
        }

        @Override
        public String visit(CellUp e) {
            return e.cell() + " is back.";
        }

        @Override
        public String visit(HostDisabled e) {
            return e.host() + " is disabled.";
        }

        @Override
        public String visit(HostEnabled e) {
            return e.host() + " is enabled.";
        }

        @Override
        public String visit(MigrationStarted e) {
            return "A " + e.migrationType() + " starts: " + e.migration() + " now holds the allocation on " + e.source() + ".";
        }

        @Override
        public String visit(MigrationConfirmed e) {
            return "Confirmed on " + e.host() + "; the migration's hold on " + e.freed() + " is freed.";
        }

        @Override
        public String visit(MigrationReverted e) {
            return "Reverted to " + e.host() + "; " + e.freed() + " is freed.";
        }

        @Override
        public String visit(MigrationFailed e) {
            return "The migration fails: " + e.reason() + ".";
        }
    };
}
