package dev.placementstudio.io.store;

import dev.placementstudio.io.InputProblemException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The results of a sweep in a SQLite file: one row per finished cell, each written in its own
 * transaction, so a sweep killed at any moment keeps every cell it finished and {@code --resume} goes on
 * from there. The values are kept as the text the CSV shows (so an export is byte for byte what a CSV
 * run writes); the header and a fingerprint of the portfolio are kept too, so that resuming with a
 * different portfolio is refused instead of mixing results. {@code PRAGMA user_version} is the schema.
 */
public final class SweepStore implements AutoCloseable {
    /** The schema this build writes and reads. */
    public static final int SCHEMA = 1;

    /** A finished cell: its place in the portfolio's order, its key and the CSV fields after the key. */
    public record Row(long index, String design, String workload, String era, long seed, String values)
            implements java.io.Serializable {
        public String key() {
            return design + "\u0000" + workload + "\u0000" + era + "\u0000" + seed;
        }
    }

    private final Path file;
    private final Connection c;

    private SweepStore(Path file, Connection c) {
        this.file = file;
        this.c = c;
    }

    /**
     * Opens a results file: a new one (refused if it exists and {@code resume} is false), or an existing one
     * of the same header and fingerprint when resuming.
     */
    public static SweepStore open(Path file, String header, String fingerprint, boolean resume)
            throws InputProblemException {
        boolean exists = Files.exists(file);
        if (exists && !resume) {
            throw new InputProblemException(file, "already exists; --resume goes on with it, or remove it first");
        }
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 5000");
                s.execute("PRAGMA journal_mode = WAL"); // a commit per cell without rewriting the file
                s.execute("PRAGMA synchronous = FULL");
            }
            SweepStore store = new SweepStore(file, c);
            store.prepare(header, fingerprint, exists);
            return store;
        } catch (SQLException e) {
            throw new InputProblemException(file, "cannot open the results: " + ModelStore.sqliteReason(e));
        } catch (java.io.IOException e) {
            throw new InputProblemException(file, "cannot create: " + e.getMessage());
        }
    }

    private void prepare(String header, String fingerprint, boolean exists) throws SQLException, InputProblemException {
        int version;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version > SCHEMA) {
            close();
            throw new InputProblemException(file, "made by a newer Placement Studio (results schema " + version
                    + ", this build reads up to " + SCHEMA + ")");
        }
        if (version == 0) {
            if (exists && hasTables()) {
                close();
                throw new InputProblemException(file, "not a Placement Studio results file");
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE sweep_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                s.execute("CREATE TABLE sweep_cell (design TEXT NOT NULL, workload TEXT NOT NULL, era TEXT NOT NULL,"
                        + " seed INTEGER NOT NULL, cell_index INTEGER NOT NULL, metrics TEXT NOT NULL,"
                        + " PRIMARY KEY (design, workload, era, seed))");
                s.execute("PRAGMA user_version = " + SCHEMA);
            }
            putMeta("header", header);
            putMeta("fingerprint", fingerprint);
            c.commit();
            c.setAutoCommit(true);
            return;
        }
        String h = meta("header");
        String f = meta("fingerprint");
        if (h == null || f == null) {
            close();
            throw new InputProblemException(file, "not a Placement Studio results file");
        }
        if (!f.equals(fingerprint) || !h.equals(header)) {
            close();
            throw new InputProblemException(file, "holds the results of another portfolio (its designs, workloads,"
                    + " eras, seeds or costs differ); --resume needs the same portfolio");
        }
    }

    private boolean hasTables() throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
            return rs.next() && rs.getInt(1) > 0;
        }
    }

    private void putMeta(String key, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO sweep_meta (key, value) VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    private String meta(String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM sweep_meta WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            return null; // no sweep_meta table: not ours
        }
    }

    /** Keeps one finished cell, in its own transaction (autocommit). */
    public void put(Row row) throws InputProblemException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO sweep_cell (design, workload, era, seed,"
                + " cell_index, metrics) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, row.design());
            ps.setString(2, row.workload());
            ps.setString(3, row.era());
            ps.setLong(4, row.seed());
            ps.setLong(5, row.index());
            ps.setString(6, row.values());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new InputProblemException(file, "cannot keep a cell: " + ModelStore.sqliteReason(e));
        }
    }

    /** The keys ({@link Row#key()}) of the finished cells. */
    public Set<String> finished() throws InputProblemException {
        Set<String> out = new HashSet<>();
        for (Row r : rows()) {
            out.add(r.key());
        }
        return out;
    }

    /** Every finished cell in the portfolio's order. */
    public List<Row> rows() throws InputProblemException {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT cell_index, design, workload, era, seed, metrics"
                + " FROM sweep_cell ORDER BY cell_index");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6)));
            }
        } catch (SQLException e) {
            throw new InputProblemException(file, "cannot read the results: " + ModelStore.sqliteReason(e));
        }
        return out;
    }

    public String header() throws InputProblemException {
        try {
            return meta("header");
        } catch (SQLException e) {
            throw new InputProblemException(file, "cannot read the results: " + ModelStore.sqliteReason(e));
        }
    }

    /** Opens an existing results file to read it ({@code --export}). */
    public static SweepStore openExisting(Path file) throws InputProblemException {
        if (!Files.isRegularFile(file)) {
            throw new InputProblemException(file, "no such results file");
        }
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            SweepStore s = new SweepStore(file, c);
            int version;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            if (version > SCHEMA) {
                s.close();
                throw new InputProblemException(file, "made by a newer Placement Studio (results schema " + version + ")");
            }
            if (version == 0 || s.meta("header") == null) {
                s.close();
                throw new InputProblemException(file, "not a Placement Studio results file");
            }
            return s;
        } catch (SQLException e) {
            throw new InputProblemException(file, "not a Placement Studio results file: " + ModelStore.sqliteReason(e));
        }
    }

    @Override
    public void close() {
        try {
            c.close();
        } catch (SQLException e) {
            // closing after a refusal: nothing more to say
        }
    }
}
