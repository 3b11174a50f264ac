package dev.placementstudio.io.store;

import dev.placementstudio.io.EventLogJson;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.sim.SimEvent;
import dev.placementstudio.sim.Summary;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Simulation runs kept in a model's {@code .db} file with their full event log, so that the GUI can
 * replay a run without recomputing it. The events are kept as the JSON lines {@link EventLogJson} writes
 * (the format of {@code simulate --events}) and read back as {@link SimEvent} records. Adding a run is one SQLite transaction: it is all there or not
 * at all. A file of an older schema is migrated first, in the same transaction.
 */
public final class RunStore {
    /**
     * One simulation run.
     *
     * @param workload the workload file's text
     * @param summary the summary JSON line the simulate command prints
     * @param events the event log, one JSON object per line
     */
    public record Run(String name, String era, long seed, String workload, String summary, List<String> events) {
        /** A run to keep: its summary and its log written as {@code simulate} writes them. */
        public static Run of(String name, String era, long seed, String workload, Summary summary, List<SimEvent> log) {
            List<String> lines = new ArrayList<>(log.size());
            for (SimEvent e : log) {
                lines.add(EventLogJson.line(e));
            }
            return new Run(name, era, seed, workload, EventLogJson.summaryLine(summary), lines);
        }

        /** The kept log read back as records; {@code where} names the file in a problem with a line. */
        public List<SimEvent> log(String where) throws InputProblemException {
            return EventLogJson.parseAll(events, where + ", run '" + name + "'");
        }

        public Summary summaryOf(String where) throws InputProblemException {
            return EventLogJson.summary(summary, where + ", run '" + name + "'");
        }
    }

    /** A run as listed, without its events. */
    public record RunInfo(String name, String era, long seed, int events, String summary, String created) {
    }

    private RunStore() {
    }

    /** Adds a run to a model file; a run of the same name is refused. */
    public static void save(Path file, Run run) throws InputProblemException {
        requireKeepable(file);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA foreign_keys = ON");
                s.execute("PRAGMA busy_timeout = 5000");
            }
            c.setAutoCommit(false);
            int version = ModelStore.userVersion(c);
            if (version < StoreSchema.CURRENT) {
                StoreSchema.migrate(c, version);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sim_run WHERE name = ?")) {
                ps.setString(1, run.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        c.rollback();
                        throw new InputProblemException(file, "a run named '" + run.name() + "' is already kept here");
                    }
                }
            }
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sim_run (name, era, seed, workload, summary, created, "
                    + "event_count) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, run.name());
                ps.setString(2, run.era());
                ps.setLong(3, run.seed());
                ps.setString(4, run.workload());
                ps.setString(5, run.summary());
                ps.setString(6, Instant.now().toString());
                ps.setInt(7, run.events().size());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sim_event (run, seq, line) VALUES (?, ?, ?)")) {
                int seq = 0;
                for (String line : run.events()) {
                    ps.setLong(1, id);
                    ps.setInt(2, seq++);
                    ps.setString(3, line);
                    ps.addBatch();
                    if (seq % 5000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw new InputProblemException(file, "could not keep the run: " + ModelStore.sqliteReason(e));
        }
    }

    /**
     * Checks, without changing it, that a run can be kept in this file: a model we read, and not read-only.
     * Commands call it before they run, so that a long simulation is not lost to a refusal at its end.
     */
    public static void requireKeepable(Path file) throws InputProblemException {
        ModelStore.close(ModelStore.openReadOnly(file)); // a model file we can read
        if (!dev.placementstudio.io.AtomicFiles.isWritable(file)) {
            throw new InputProblemException(file, "cannot keep the run: the file is read-only");
        }
    }

    public static List<RunInfo> list(Path file) throws InputProblemException {
        Connection c = ModelStore.openReadOnly(file);
        try {
            List<RunInfo> out = new ArrayList<>();
            if (!ModelStore.hasTable(c, "sim_run")) {
                return out; // a schema 1 file has no runs yet
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, era, seed, event_count, summary, created FROM sim_run ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RunInfo(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getString(5),
                            rs.getString(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new InputProblemException(file, "not a Placement Studio model: " + ModelStore.sqliteReason(e));
        } finally {
            ModelStore.close(c);
        }
    }

    public static Optional<Run> load(Path file, String name) throws InputProblemException {
        Connection c = ModelStore.openReadOnly(file);
        try {
            if (!ModelStore.hasTable(c, "sim_run")) {
                return Optional.empty();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, era, seed, workload, summary FROM sim_run WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    long id = rs.getLong(1);
                    List<String> events = new ArrayList<>();
                    try (PreparedStatement ev = c.prepareStatement("SELECT line FROM sim_event WHERE run = ? ORDER BY seq")) {
                        ev.setLong(1, id);
                        try (ResultSet e = ev.executeQuery()) {
                            while (e.next()) {
                                events.add(e.getString(1));
                            }
                        }
                    }
                    return Optional.of(new Run(name, rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), events));
                }
            }
        } catch (SQLException e) {
            throw new InputProblemException(file, "not a Placement Studio model: " + ModelStore.sqliteReason(e));
        } finally {
            ModelStore.close(c);
        }
    }
}
