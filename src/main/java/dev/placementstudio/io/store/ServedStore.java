package dev.placementstudio.io.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.io.AtomicFiles;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.model.PlacementState;
import dev.placementstudio.placement.ConsumerView;
import dev.placementstudio.placement.PlacementChange;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.placement.ProviderView;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Placement state that {@code serve} has acknowledged on a {@code .db} model, kept in the same file:
 * one row per provider, per consumer, per custom trait or resource class and per aggregate name, with
 * generations. The engine's change events of a request are gathered on the request's thread and written
 * in one transaction when the request ends ({@link #commit()}), before its response leaves: a
 * {@code kill -9} loses no acknowledged write. Only what the request changed is written. Until the first
 * write the file is only read: serving a model and asking it questions leaves it byte-identical.
 */
public final class ServedStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TABLES = {
            "CREATE TABLE IF NOT EXISTS served_provider (uuid TEXT PRIMARY KEY, name TEXT NOT NULL, parent TEXT,"
                    + " generation INTEGER NOT NULL, body TEXT NOT NULL, ord INTEGER NOT NULL)",
            "CREATE TABLE IF NOT EXISTS served_consumer (uuid TEXT PRIMARY KEY, generation INTEGER NOT NULL,"
                    + " body TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS served_name (kind TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (kind, name))",
            "CREATE TABLE IF NOT EXISTS served_aggregate (uuid TEXT PRIMARY KEY, name TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS served_meta (id INTEGER PRIMARY KEY CHECK (id = 1), started TEXT NOT NULL)"};

    private final Path file;
    /** The start-up reads (is there an earlier serve's state, and what is it) go through this read-only connection. */
    private Connection reader;
    /** Opened at the first write: until a request changes something, serving changes no byte of the file. */
    private Connection c;
    /** The first write puts the whole engine in (a model's projection the file does not hold yet). */
    private boolean writeAllFirst;
    /** The served tables are in the file (made in the first write's transaction). */
    private boolean tablesMade;
    private PlacementEngine engine;
    private long order;

    /** What the current request on each thread has changed so far. */
    private static final class Pending {
        final Set<String> providers = new LinkedHashSet<>();
        final Set<String> consumers = new LinkedHashSet<>();
        final Set<String> names = new LinkedHashSet<>();

        boolean isEmpty() {
            return providers.isEmpty() && consumers.isEmpty() && names.isEmpty();
        }
    }

    private final ThreadLocal<Pending> pending = ThreadLocal.withInitial(Pending::new);
    private final Consumer<PlacementChange> listener = this::heard;

    private ServedStore(Path file, Connection reader) {
        this.file = file;
        this.reader = reader;
    }

    /**
     * Opens a model file for serving, read-only: it is checked to be one of ours, of a version we read, sound
     * ({@code quick_check}) and writable, and nothing in it changes until the first write ({@link #commit()}).
     */
    public static ServedStore open(Path file) throws InputProblemException {
        // Everything checked read-only: a page the read-only checks never touch can still be corrupt, and
        // opening for writing (journal, served tables) would change a file that serve then refuses.
        Connection ro = ModelStore.openReadOnly(file);
        try {
            try (Statement s = ro.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
                String first = rs.next() ? rs.getString(1) : "no answer from quick_check";
                if (!"ok".equalsIgnoreCase(first)) {
                    throw new InputProblemException(file, "not a Placement Studio model: the database is damaged ("
                            + first.lines().findFirst().orElse(first) + ")");
                }
            }
            if (!AtomicFiles.isWritable(file) || !AtomicFiles.isWritable(file.toAbsolutePath().getParent())) {
                // refused now rather than at the first write, which would have changed the served state only
                throw new InputProblemException(file, "cannot serve into this file: it is read-only, and serve saves"
                        + " every write to it (make it writable, or serve a copy)");
            }
            ServedStore store = new ServedStore(file, ro);
            if (ModelStore.hasTable(ro, "served_provider")) {
                try (Statement s = ro.createStatement(); ResultSet rs = s.executeQuery("SELECT max(ord) FROM served_provider")) {
                    store.order = rs.next() ? rs.getLong(1) : 0;
                }
            }
            return store;
        } catch (SQLException e) {
            ModelStore.close(ro);
            throw new InputProblemException(file, "not a Placement Studio model: " + ModelStore.sqliteReason(e));
        } catch (InputProblemException e) {
            ModelStore.close(ro);
            throw e;
        }
    }

    /** The connection reads go through: the writable one once there is one. */
    private synchronized Connection reads() {
        return c != null ? c : reader;
    }

    /** True when an earlier serve left its state here (it then wins over the model's projection). */
    public boolean hasState() throws SQLException {
        Connection r = reads();
        if (!ModelStore.hasTable(r, "served_meta")) {
            return false; // never served, or served without a write
        }
        try (Statement s = r.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM served_meta")) {
            return rs.next() && rs.getInt(1) > 0;
        }
    }

    /**
     * Starts keeping this engine's state: from the first write on, every change. With {@code writeAll}
     * (the file holds no served state yet) that first write puts in the whole engine, in the same transaction.
     */
    public synchronized void attach(PlacementEngine engine, boolean writeAll) {
        this.engine = engine;
        this.writeAllFirst = writeAll;
        engine.addListener(listener);
    }

    private void heard(PlacementChange change) {
        Pending p = pending.get();
        if (change instanceof PlacementChange.ProviderChanged pc) {
            p.providers.add(pc.providerUuid());
        } else if (change instanceof PlacementChange.AllocationsChanged ac) {
            p.consumers.addAll(ac.consumers());
            p.providers.addAll(ac.providers());
        } else if (change instanceof PlacementChange.NamesChanged nc) {
            p.names.add(nc.name());
        }
    }

    /** Writes what this thread's request changed, in one transaction; nothing to do for a read. */
    public void commit() throws SQLException {
        Pending p = pending.get();
        if (p.isEmpty()) {
            return;
        }
        pending.remove();
        write(p);
    }

    /** Forgets what this thread's request changed (a refused request changes nothing). */
    public void forget() {
        pending.remove();
    }

    /**
     * Serialized: each writer reads the latest state of what it touched, so the file ends at the latest. The
     * first write opens the file for writing; it and the whole engine's state, when the file has none yet,
     * go in one transaction.
     */
    private synchronized void write(Pending changed) throws SQLException {
        openForWriting();
        boolean first = writeAllFirst;
        Pending p = first ? everything() : changed;
        try {
            if (!tablesMade) {
                for (String ddl : TABLES) {
                    try (Statement s = c.createStatement()) {
                        s.execute(ddl); // in the transaction: no served table without the state it holds
                    }
                }
            }
            if (first) {
                // rows no earlier serve acknowledged (it stopped before writing its meta row): not this state
                for (String t : new String[] {"served_provider", "served_consumer", "served_name", "served_aggregate"}) {
                    try (Statement s = c.createStatement()) {
                        s.execute("DELETE FROM " + t); // table names are constants of this class
                    }
                }
            }
            Set<String> aggregates = new LinkedHashSet<>();
            for (String uuid : p.providers) {
                var view = engine.provider(uuid);
                if (view.isEmpty()) {
                    delete("DELETE FROM served_provider WHERE uuid = ?", uuid);
                } else {
                    upsertProvider(view.get());
                    aggregates.addAll(view.get().aggregates());
                }
            }
            for (String uuid : p.consumers) {
                var view = engine.consumer(uuid);
                if (view.isEmpty() || view.get().allocations().isEmpty()) {
                    delete("DELETE FROM served_consumer WHERE uuid = ?", uuid);
                } else {
                    upsertConsumer(view.get());
                }
            }
            if (!p.names.isEmpty()) {
                List<String> traits = engine.traits();
                List<String> classes = engine.resourceClasses();
                for (String name : p.names) {
                    if (!name.startsWith("CUSTOM_")) {
                        continue; // standard names are always there
                    }
                    name(traits.contains(name), "trait", name);
                    name(classes.contains(name), "class", name);
                }
            }
            if (!aggregates.isEmpty() || first) {
                // the names of the aggregates this request's providers are in (all of them at the start)
                Map<String, String> names = engine.aggregateNames();
                for (Map.Entry<String, String> e : names.entrySet()) {
                    if (!first && !aggregates.contains(e.getKey())) {
                        continue;
                    }
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT OR REPLACE INTO served_aggregate (uuid, name) VALUES (?, ?)")) {
                        ps.setString(1, e.getKey());
                        ps.setString(2, e.getValue());
                        ps.executeUpdate();
                    }
                }
            }
            if (first) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT OR REPLACE INTO served_meta (id, started) VALUES (1, ?)")) {
                    ps.setString(1, java.time.Instant.now().toString());
                    ps.executeUpdate();
                }
            }
            c.commit();
            writeAllFirst = false;
            tablesMade = true;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    private Pending everything() {
        Pending all = new Pending();
        engine.providers().forEach(v -> all.providers.add(v.uuid()));
        engine.consumers().forEach(v -> all.consumers.add(v.uuid()));
        all.names.addAll(engine.traits());
        all.names.addAll(engine.resourceClasses());
        return all;
    }

    /**
     * The writable connection, opened at the first write. A rollback journal, not WAL: the journal exists only
     * during a transaction, so between writes the {@code .db} is the whole state on its own (nothing beside it
     * to copy or lose), and reading it later leaves no {@code -wal}/{@code -shm} behind. {@code synchronous =
     * FULL}: a committed write survives the process (and the machine) dying.
     */
    private void openForWriting() throws SQLException {
        if (c != null) {
            return;
        }
        Connection w = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            try (Statement s = w.createStatement()) {
                s.execute("PRAGMA busy_timeout = 5000");
                s.execute("PRAGMA journal_mode = DELETE"); // also turns a file an older serve left in WAL back
                s.execute("PRAGMA synchronous = FULL");
            }
            w.setAutoCommit(false);
        } catch (SQLException e) {
            ModelStore.close(w);
            throw e;
        }
        c = w;
        ModelStore.close(reader);
        reader = null;
    }

    private void name(boolean present, String kind, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(present
                ? "INSERT OR IGNORE INTO served_name (kind, name) VALUES (?, ?)"
                : "DELETE FROM served_name WHERE kind = ? AND name = ?")) {
            ps.setString(1, kind);
            ps.setString(2, name);
            ps.executeUpdate();
        }
    }

    private void delete(String sql, String uuid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, uuid);
            ps.executeUpdate();
        }
    }

    private void upsertProvider(ProviderView v) throws SQLException {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Map<String, Object>> inv = new LinkedHashMap<>();
        v.inventories().forEach((rc, i) -> inv.put(rc, Map.of("total", i.total(), "reserved", i.reserved(),
                "min_unit", i.minUnit(), "max_unit", i.maxUnit(), "step_size", i.stepSize(),
                "allocation_ratio", i.allocationRatio())));
        body.put("inventories", inv);
        body.put("traits", v.traits());
        body.put("aggregates", v.aggregates());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO served_provider (uuid, name, parent, generation, body, ord)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO UPDATE SET name = excluded.name,"
                + " parent = excluded.parent, generation = excluded.generation, body = excluded.body")) {
            ps.setString(1, v.uuid());
            ps.setString(2, v.name());
            ps.setString(3, v.parentUuid());
            ps.setLong(4, v.generation());
            ps.setString(5, json(body));
            ps.setLong(6, ++order);
            ps.executeUpdate();
        }
    }

    private void upsertConsumer(ConsumerView v) throws SQLException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allocations", v.allocations());
        body.put("project_id", v.projectId());
        body.put("user_id", v.userId());
        body.put("consumer_type", v.consumerType());
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO served_consumer (uuid, generation, body)"
                + " VALUES (?, ?, ?)")) {
            ps.setString(1, v.uuid());
            ps.setLong(2, v.generation());
            ps.setString(3, json(body));
            ps.executeUpdate();
        }
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The engine an earlier serve left in this file: providers, consumers, names and generations as acknowledged. */
    public PlacementEngine load() throws InputProblemException {
        Connection c = reads();
        try {
            List<PlacementState.ResourceProviderRecord> rps = new ArrayList<>();
            Map<String, Long> providerGenerations = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT uuid, name, parent, generation, body FROM served_provider ORDER BY ord")) {
                while (rs.next()) {
                    Map<String, Object> body = JSON.readValue(rs.getString(5), new TypeReference<>() { });
                    Map<String, PlacementState.InventoryRecord> inv = new LinkedHashMap<>();
                    @SuppressWarnings("unchecked")
                    Map<String, Map<String, Number>> raw = (Map<String, Map<String, Number>>) body.get("inventories");
                    raw.forEach((rc, i) -> inv.put(rc, new PlacementState.InventoryRecord(i.get("total").longValue(),
                            i.get("reserved").longValue(), i.get("min_unit").longValue(), i.get("max_unit").longValue(),
                            i.get("step_size").longValue(), i.get("allocation_ratio").doubleValue())));
                    @SuppressWarnings("unchecked")
                    List<String> traits = (List<String>) body.get("traits");
                    @SuppressWarnings("unchecked")
                    List<String> aggregates = (List<String>) body.get("aggregates");
                    rps.add(new PlacementState.ResourceProviderRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                            inv, traits, aggregates));
                    providerGenerations.put(rs.getString(1), rs.getLong(4));
                }
            }
            Map<String, PlacementState.ConsumerRecord> consumers = new LinkedHashMap<>();
            Map<String, Long> consumerGenerations = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT uuid, generation, body FROM served_consumer ORDER BY uuid")) {
                while (rs.next()) {
                    Map<String, Object> body = JSON.readValue(rs.getString(3), new TypeReference<>() { });
                    @SuppressWarnings("unchecked")
                    Map<String, Map<String, Number>> raw = (Map<String, Map<String, Number>>) body.get("allocations");
                    Map<String, Map<String, Long>> allocations = new LinkedHashMap<>();
                    raw.forEach((rp, res) -> {
                        Map<String, Long> m = new LinkedHashMap<>();
                        res.forEach((rc, n) -> m.put(rc, n.longValue()));
                        allocations.put(rp, m);
                    });
                    consumers.put(rs.getString(1), new PlacementState.ConsumerRecord(allocations,
                            (String) body.get("project_id"), (String) body.get("user_id"), (String) body.get("consumer_type")));
                    consumerGenerations.put(rs.getString(1), rs.getLong(2));
                }
            }
            Map<String, String> aggregateNames = new LinkedHashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT uuid, name FROM served_aggregate")) {
                while (rs.next()) {
                    aggregateNames.put(rs.getString(1), rs.getString(2));
                }
            }
            PlacementEngine e = PlacementEngine.fromState(new PlacementState(rps, consumers, aggregateNames));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT kind, name FROM served_name")) {
                while (rs.next()) {
                    if (rs.getString(1).equals("trait")) {
                        e.createTrait(rs.getString(2));
                    } else {
                        e.createResourceClass(rs.getString(2));
                    }
                }
            }
            e.restoreGenerations(providerGenerations, consumerGenerations);
            return e;
        } catch (SQLException | java.io.IOException | RuntimeException ex) {
            throw new InputProblemException(file, "cannot read the served Placement state: " + ex.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.removeListener(listener);
        }
        ModelStore.close(reader);
        ModelStore.close(c);
        reader = null;
        c = null;
    }
}
