package dev.placementstudio.io.store;

import dev.placementstudio.io.AtomicFiles;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.model.Accelerator;
import dev.placementstudio.model.AcceleratorType;
import dev.placementstudio.model.Aggregate;
import dev.placementstudio.model.AllocationRatios;
import dev.placementstudio.model.BaremetalNode;
import dev.placementstudio.model.Cell;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.ComputeHost;
import dev.placementstudio.model.DeviceProfile;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.GpuDevice;
import dev.placementstudio.model.GpuKind;
import dev.placementstudio.model.HostStatus;
import dev.placementstudio.model.Image;
import dev.placementstudio.model.Instance;
import dev.placementstudio.model.InstanceState;
import dev.placementstudio.model.Migration;
import dev.placementstudio.model.MigrationStatus;
import dev.placementstudio.model.MigrationType;
import dev.placementstudio.model.NumaNode;
import dev.placementstudio.model.PhysicalFunction;
import dev.placementstudio.model.PlacementState;
import dev.placementstudio.model.Port;
import dev.placementstudio.model.ReservedResources;
import dev.placementstudio.model.SchedulerSettings;
import dev.placementstudio.model.ServerGroup;
import dev.placementstudio.model.ServerGroupPolicy;
import dev.placementstudio.model.SharedStoragePool;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model kept in a SQLite file ({@code .db}) in a normalized schema ({@link StoreSchema}) that a person
 * can query with the {@code sqlite3} shell. Saving writes a complete new file next to the target in one
 * transaction, fsyncs it and renames it over the target, so a save either completes or leaves the old
 * file exactly as it was. Reading opens the file read-only and never changes it. Every statement is a
 * prepared statement; no SQL is built from user values.
 */
public final class ModelStore {
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private ModelStore() {
    }

    // ------------------------------------------------------------------ opening

    /** Opens a model file read-only after checking it is one of ours, of a version we read. */
    static Connection openReadOnly(Path file) throws InputProblemException {
        checkHeader(file);
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setReadOnly(true);
        cfg.setOpenMode(org.sqlite.SQLiteOpenMode.READONLY);
        cfg.setBusyTimeout(5000); // a serve may be writing to the file this moment: wait for it, do not fail
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), cfg.toProperties());
            int version = userVersion(c);
            if (version > StoreSchema.CURRENT) {
                throw new InputProblemException(file, "made by a newer Placement Studio (schema " + version
                        + ", this build reads up to " + StoreSchema.CURRENT + ")");
            }
            List<String> missing = new ArrayList<>();
            for (String t : StoreSchema.MODEL_TABLES) {
                if (!hasTable(c, t)) {
                    missing.add(t);
                }
            }
            if (version < 1 || !missing.isEmpty()) {
                throw new InputProblemException(file, "not a Placement Studio model: " + whyNotOurs(c, missing));
            }
            return c;
        } catch (SQLException e) {
            close(c);
            throw new InputProblemException(file, "not a Placement Studio model: " + sqliteReason(e));
        } catch (InputProblemException e) {
            close(c);
            throw e;
        }
    }

    /** Someone else's database, an empty one, or one of ours that lost tables: said in those words. */
    private static String whyNotOurs(Connection c, List<String> missing) throws SQLException {
        if (missing.isEmpty()) {
            return "no schema version";
        }
        if (missing.size() < StoreSchema.MODEL_TABLES.size()) {
            return "missing tables " + String.join(", ", missing);
        }
        List<String> theirs = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (rs.next()) {
                theirs.add(rs.getString(1));
            }
        }
        if (theirs.isEmpty()) {
            return "a SQLite database with no tables";
        }
        List<String> shown = theirs.subList(0, Math.min(5, theirs.size()));
        return "a SQLite database with none of Placement Studio's tables (it has " + String.join(", ", shown)
                + (theirs.size() > shown.size() ? " and " + (theirs.size() - shown.size()) + " more" : "") + ")";
    }

    private static void checkHeader(Path file) throws InputProblemException {
        if (!Files.isRegularFile(file)) {
            throw new InputProblemException(file, "no such file");
        }
        byte[] head = new byte[SQLITE_HEADER.length];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new InputProblemException(file, "cannot read: " + e.getMessage());
        }
        if (n < head.length || !java.util.Arrays.equals(head, SQLITE_HEADER)) {
            throw new InputProblemException(file, "not a Placement Studio model: not a SQLite database"
                    + (n == 0 ? " (the file is empty)" : ""));
        }
    }

    static String sqliteReason(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        // "[SQLITE_CORRUPT] The database disk image is malformed (database disk image is malformed)"
        return m.replaceFirst("^\\[SQLITE_[A-Z_]+\\]\\s*", "");
    }

    static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    static boolean hasTable(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing more to do with a connection that will not close
            }
        }
    }

    /** The schema version of a model file, or an explanation of why it is not one. */
    public static int schemaVersion(Path file) throws InputProblemException {
        Connection c = openReadOnly(file);
        try {
            return userVersion(c);
        } catch (SQLException e) {
            throw new InputProblemException(file, "not a Placement Studio model: " + sqliteReason(e));
        } finally {
            close(c);
        }
    }

    // ------------------------------------------------------------------ saving

    /**
     * Saves a model as a new {@code .db} file, atomically: the simulation runs already kept in the target
     * file are carried over into the new one.
     */
    public static void save(CloudModel model, Path target) throws IOException, InputProblemException {
        if (Files.exists(target) && !AtomicFiles.isWritable(target)) {
            throw new InputProblemException(target, "cannot save: the file is read-only");
        }
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            Files.delete(tmp); // SQLite creates it
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.toAbsolutePath())) {
                try (Statement s = c.createStatement()) {
                    // the file is private until it is complete and fsynced; no journal needed for it
                    s.execute("PRAGMA journal_mode = OFF");
                    s.execute("PRAGMA synchronous = OFF");
                    s.execute("PRAGMA foreign_keys = ON");
                }
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    // children's batches may reach SQLite before their parents': check keys at commit
                    s.execute("PRAGMA defer_foreign_keys = ON");
                }
                StoreSchema.create(c);
                writeModel(c, model);
                c.commit(); // the file is still private: nothing is visible until the rename
                c.setAutoCommit(true);
                if (Files.exists(target)) {
                    copyRuns(c, target);
                }
            } catch (SQLException e) {
                throw new IOException("could not write " + target + ": " + sqliteReason(e), e);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            AtomicFiles.keepPermissions(tmp, target);
            AtomicFiles.moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Carries the runs kept in the file being replaced over to the new file (autocommit mode). */
    private static void copyRuns(Connection c, Path old) throws SQLException {
        try (PreparedStatement attach = c.prepareStatement("ATTACH DATABASE ? AS old")) {
            attach.setString(1, old.toAbsolutePath().toString());
            attach.execute();
        } catch (SQLException notADatabase) {
            return; // the old file is not a readable model: there are no runs to keep
        }
        try {
            int v;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA old.user_version")) {
                v = rs.next() ? rs.getInt(1) : 0;
            }
            boolean hasRuns;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM old.sqlite_master WHERE type = 'table' AND name = 'sim_run'");
                 ResultSet rs = ps.executeQuery()) {
                hasRuns = rs.next();
            }
            if (v >= 2 && v <= StoreSchema.CURRENT && hasRuns) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO sim_run SELECT * FROM old.sim_run");
                    s.execute("INSERT INTO sim_event SELECT * FROM old.sim_event");
                }
                c.commit();
                c.setAutoCommit(true);
            }
        } catch (SQLException unreadable) {
            // runs that cannot be read are not carried over; the model itself is saved
            c.rollback();
            c.setAutoCommit(true);
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute("DETACH DATABASE old");
            }
        }
    }

    /** A batch of inserts into one table. */
    private static final class Rows implements AutoCloseable {
        private final PreparedStatement ps;
        private int pending;

        Rows(Connection c, String sql) throws SQLException {
            ps = c.prepareStatement(sql);
        }

        void add(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                if (v instanceof Boolean b) {
                    v = b ? 1 : 0;
                } else if (v instanceof Enum<?> e) {
                    v = e.name();
                }
                ps.setObject(i + 1, v);
            }
            ps.addBatch();
            if (++pending == 5000) {
                ps.executeBatch();
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            if (pending > 0) {
                ps.executeBatch();
            }
            ps.close();
        }
    }

    private static void writeModel(Connection c, CloudModel m) throws SQLException {
        SchedulerSettings sch = m.scheduler();
        try (Rows r = new Rows(c, "INSERT INTO model VALUES (1, ?, ?, ?, ?, 1, ?, ?, ?, ?, 1)")) {
            r.add(m.schemaVersion(), m.name(), m.description(), m.rawPlacement() != null, sch.hostSubsetSize(),
                    sch.shuffleBestSameWeighedHosts(), sch.maxAttempts(), sch.maxPlacementResults());
        }
        try (Rows r = new Rows(c, "INSERT INTO scheduler_filter VALUES (?, ?)")) {
            int i = 0;
            for (String f : sch.enabledFilters()) {
                r.add(i++, f);
            }
        }
        try (Rows r = new Rows(c, "INSERT INTO scheduler_weigher VALUES (?, ?, ?)")) {
            int i = 0;
            for (var e : sch.weighers().entrySet()) {
                r.add(i++, e.getKey(), e.getValue());
            }
        }
        if (sch.filterOptions() != null) {
            try (Rows r = new Rows(c, "INSERT INTO scheduler_filter_options VALUES (1, ?)")) {
                r.add(FilterOptionsText.write(sch.filterOptions()));
            }
        }
        try (Rows r = new Rows(c, "INSERT INTO cell VALUES (?, ?, ?, ?)")) {
            int i = 0;
            for (Cell cell : m.cells()) {
                r.add(i++, cell.name(), cell.uuid(), cell.up());
            }
        }
        try (Rows r = new Rows(c, "INSERT INTO aggregate VALUES (?, ?, ?, ?)");
             Rows md = new Rows(c, "INSERT INTO aggregate_metadata VALUES (?, ?, ?)")) {
            int i = 0;
            for (Aggregate a : m.aggregates()) {
                r.add(i, a.name(), a.uuid(), a.availabilityZone());
                for (var e : a.metadata().entrySet()) {
                    md.add(i, e.getKey(), e.getValue());
                }
                i++;
            }
        }
        writeHosts(c, m.hosts());
        try (Rows r = new Rows(c, "INSERT INTO baremetal_node VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             Rows tr = new Rows(c, "INSERT INTO baremetal_trait VALUES (?, ?, ?)");
             Rows ag = new Rows(c, "INSERT INTO baremetal_aggregate VALUES (?, ?, ?)")) {
            int i = 0;
            for (BaremetalNode n : m.baremetalNodes()) {
                r.add(i, n.name(), n.uuid(), n.cell(), n.rack(), n.resourceClass(), n.cpus(), n.memoryMb(), n.diskGb(), n.status());
                list(tr, i, n.traits());
                list(ag, i, n.aggregates());
                i++;
            }
        }
        try (Rows r = new Rows(c, "INSERT INTO shared_storage VALUES (?, ?, ?, ?, ?, ?)");
             Rows ag = new Rows(c, "INSERT INTO shared_storage_aggregate VALUES (?, ?, ?)");
             Rows tr = new Rows(c, "INSERT INTO shared_storage_trait VALUES (?, ?, ?)")) {
            int i = 0;
            for (SharedStoragePool p : m.sharedStorage()) {
                r.add(i, p.name(), p.uuid(), p.diskGb(), p.reservedGb(), p.allocationRatio());
                list(ag, i, p.aggregates());
                list(tr, i, p.traits());
                i++;
            }
        }
        try (Rows r = new Rows(c, "INSERT INTO flavor VALUES (?, ?, ?, ?, ?)");
             Rows es = new Rows(c, "INSERT INTO flavor_extra_spec VALUES (?, ?, ?)")) {
            int i = 0;
            for (Flavor f : m.flavors()) {
                r.add(i, f.name(), f.vcpus(), f.ramMb(), f.diskGb());
                for (var e : f.extraSpecs().entrySet()) {
                    es.add(i, e.getKey(), e.getValue());
                }
                i++;
            }
        }
        try (Rows r = new Rows(c, "INSERT INTO image VALUES (?, ?)");
             Rows pr = new Rows(c, "INSERT INTO image_property VALUES (?, ?, ?)")) {
            int i = 0;
            for (Image im : m.images()) {
                r.add(i, im.name());
                for (var e : im.properties().entrySet()) {
                    pr.add(i, e.getKey(), e.getValue());
                }
                i++;
            }
        }
        try (Rows r = new Rows(c, "INSERT INTO port VALUES (?, ?, ?, ?, ?, ?)")) {
            int i = 0;
            for (Port p : m.ports()) {
                r.add(i++, p.name(), p.vnicType(), p.physnet(), p.minEgressKbps(), p.minIngressKbps());
            }
        }
        try (Rows r = new Rows(c, "INSERT INTO device_profile VALUES (?, ?)");
             Rows g = new Rows(c, "INSERT INTO device_profile_group VALUES (?, ?, ?, ?)")) {
            int i = 0;
            for (DeviceProfile d : m.deviceProfiles()) {
                r.add(i, d.name());
                int gi = 0;
                for (Map<String, String> grp : d.groups()) {
                    if (grp.isEmpty()) {
                        g.add(i, gi, "", null); // keeps an empty group in place
                    }
                    for (var e : grp.entrySet()) {
                        g.add(i, gi, e.getKey(), e.getValue());
                    }
                    gi++;
                }
                i++;
            }
        }
        try (Rows r = new Rows(c, "INSERT INTO server_group VALUES (?, ?, ?, ?)");
             Rows rule = new Rows(c, "INSERT INTO server_group_rule VALUES (?, ?)")) {
            int i = 0;
            for (ServerGroup sg : m.serverGroups()) {
                if (sg.maxServerPerHost() != null) {
                    rule.add(i, sg.maxServerPerHost());
                }
                r.add(i++, sg.name(), sg.uuid(), sg.policy());
            }
        }
        try (Rows r = new Rows(c, "INSERT INTO instance VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             Rows ports = new Rows(c, "INSERT INTO instance_port VALUES (?, ?, ?)");
             Rows al = new Rows(c, "INSERT INTO allocation VALUES (?, ?, ?, ?, ?)")) {
            int i = 0;
            for (Instance in : m.instances()) {
                r.add(i, in.name(), in.uuid(), in.flavor(), in.image(), in.host(), in.cell(), in.state(),
                        in.serverGroup(), in.projectId(), in.userId(), in.allocations() != null);
                list(ports, i, in.ports());
                if (in.allocations() != null) {
                    int k = 0;
                    for (var rp : in.allocations().entrySet()) {
                        for (var res : rp.getValue().entrySet()) {
                            al.add(i, k++, rp.getKey(), res.getKey(), res.getValue());
                        }
                    }
                }
                i++;
            }
        }
        try (Rows r = new Rows(c, "INSERT INTO migration VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 0;
            for (Migration mg : m.migrations()) {
                r.add(i++, mg.uuid(), mg.instance(), mg.type(), mg.source(), mg.destination(), mg.status(), mg.newFlavor());
            }
        }
        if (m.rawPlacement() != null) {
            writePlacement(c, m.rawPlacement());
        }
    }

    private static void list(Rows r, int owner, List<String> values) throws SQLException {
        if (values == null) {
            return;
        }
        int k = 0;
        for (String v : values) {
            r.add(owner, k++, v);
        }
    }

    private static void writeHosts(Connection c, List<ComputeHost> hosts) throws SQLException {
        try (Rows hv = new Rows(c, "INSERT INTO host_hypervisor VALUES (?, ?, ?)")) {
            for (int i = 0; i < hosts.size(); i++) {
                ComputeHost x = hosts.get(i);
                if (x.architecture() != null || x.hypervisorVersion() != null) {
                    hv.add(i, x.architecture(), x.hypervisorVersion());
                }
            }
        }
        try (Rows h = new Rows(c, "INSERT INTO host VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             Rows ag = new Rows(c, "INSERT INTO host_aggregate VALUES (?, ?, ?)");
             Rows tr = new Rows(c, "INSERT INTO host_trait VALUES (?, ?, ?, ?)");
             Rows numa = new Rows(c, "INSERT INTO numa_node VALUES (?, ?, ?, ?, ?, ?, ?)");
             Rows pf = new Rows(c, "INSERT INTO pf VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
             Rows gpu = new Rows(c, "INSERT INTO gpu VALUES (?, ?, ?, ?, ?, ?, ?)");
             Rows acc = new Rows(c, "INSERT INTO accelerator VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
             Rows accTr = new Rows(c, "INSERT INTO accelerator_trait VALUES (?, ?, ?, ?)")) {
            int i = 0;
            for (ComputeHost x : hosts) {
                ReservedResources rr = x.reserved();
                AllocationRatios ar = x.allocationRatios();
                h.add(i, x.hostname(), x.uuid(), x.cell(), x.rack(), x.hypervisorType(), x.status(), x.numaInPlacement(),
                        x.diskGb(), x.sharedStorage(), rr == null ? null : rr.vcpus(), rr == null ? null : rr.memoryMb(),
                        rr == null ? null : rr.diskGb(), ar == null ? null : ar.cpu(), ar == null ? null : ar.ram(),
                        ar == null ? null : ar.disk(), rr != null, ar != null);
                list(ag, i, x.aggregates());
                int k = 0;
                if (x.cpuTraits() != null) {
                    for (String t : x.cpuTraits()) {
                        tr.add(i, "cpu", k++, t);
                    }
                }
                k = 0;
                if (x.traits() != null) {
                    for (String t : x.traits()) {
                        tr.add(i, "other", k++, t);
                    }
                }
                k = 0;
                for (NumaNode n : nonNull(x.numaNodes())) {
                    numa.add(i, k++, n.id(), n.cpus(), n.pcpus(), n.memoryMb(), n.hugepages1g());
                }
                k = 0;
                for (PhysicalFunction p : nonNull(x.pfs())) {
                    pf.add(i, k++, p.name(), p.numaNode(), p.physnet(), p.vfs(), p.egressKbps(), p.ingressKbps());
                }
                k = 0;
                for (GpuDevice g : nonNull(x.gpus())) {
                    gpu.add(i, k++, g.name(), g.numaNode(), g.kind(), g.count(), g.model());
                }
                k = 0;
                for (Accelerator a : nonNull(x.accelerators())) {
                    acc.add(i, k, a.name(), a.numaNode(), a.type(), a.vendor(), a.count(), a.traits() != null);
                    int t = 0;
                    for (String trait : nonNull(a.traits())) {
                        accTr.add(i, k, t++, trait);
                    }
                    k++;
                }
                i++;
            }
        }
    }

    private static <T> List<T> nonNull(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static void writePlacement(Connection c, PlacementState s) throws SQLException {
        try (Rows rp = new Rows(c, "INSERT INTO rp VALUES (?, ?, ?, ?)");
             Rows inv = new Rows(c, "INSERT INTO rp_inventory VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
             Rows tr = new Rows(c, "INSERT INTO rp_trait VALUES (?, ?, ?)");
             Rows ag = new Rows(c, "INSERT INTO rp_aggregate VALUES (?, ?, ?)")) {
            int i = 0;
            for (PlacementState.ResourceProviderRecord r : s.resourceProviders()) {
                rp.add(i, r.uuid(), r.name(), r.parentProviderUuid());
                int k = 0;
                for (var e : r.inventories().entrySet()) {
                    PlacementState.InventoryRecord v = e.getValue();
                    inv.add(i, k++, e.getKey(), v.total(), v.reserved(), v.minUnit(), v.maxUnit(), v.stepSize(),
                            v.allocationRatio());
                }
                list(tr, i, r.traits());
                list(ag, i, r.aggregates());
                i++;
            }
        }
        try (Rows cons = new Rows(c, "INSERT INTO consumer VALUES (?, ?, ?, ?, ?)");
             Rows al = new Rows(c, "INSERT INTO consumer_allocation VALUES (?, ?, ?, ?, ?)")) {
            int i = 0;
            for (var e : s.allocations().entrySet()) {
                PlacementState.ConsumerRecord cr = e.getValue();
                cons.add(i, e.getKey(), cr.projectId(), cr.userId(), cr.consumerType());
                int k = 0;
                for (var rp : cr.allocations().entrySet()) {
                    for (var res : rp.getValue().entrySet()) {
                        al.add(i, k++, rp.getKey(), res.getKey(), res.getValue());
                    }
                }
                i++;
            }
        }
        try (Rows r = new Rows(c, "INSERT INTO aggregate_name VALUES (?, ?)")) {
            for (var e : s.aggregateNames().entrySet()) {
                r.add(e.getKey(), e.getValue());
            }
        }
    }

    // ------------------------------------------------------------------ loading

    /** Reads a model from a {@code .db} file without changing the file. */
    public static CloudModel load(Path file) throws InputProblemException {
        Connection c = openReadOnly(file);
        try {
            return readModel(c);
        } catch (SQLException | RuntimeException e) {
            String why = e instanceof SQLException s ? sqliteReason(s) : e.getMessage();
            if (why == null || why.contains("Exception") || why.contains("java.")) {
                why = "it holds values this build cannot read"; // a Java exception's name tells the user nothing
            }
            throw new InputProblemException(file, "not a Placement Studio model: " + why);
        } finally {
            close(c);
        }
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> all(Connection c, String sql, Row<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row.read(rs));
            }
        }
        return out;
    }

    /** owner ord -> values in order, for (owner, ord, value) tables. */
    private static Map<Integer, List<String>> lists(Connection c, String table, String owner, String column)
            throws SQLException {
        Map<Integer, List<String>> out = new HashMap<>();
        // table and column names are constants of this class, never user input
        try (PreparedStatement ps = c.prepareStatement("SELECT " + owner + ", " + column + " FROM " + table
                + " ORDER BY " + owner + ", ord"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return out;
    }

    private static Map<Integer, Map<String, String>> maps(Connection c, String table, String owner)
            throws SQLException {
        Map<Integer, Map<String, String>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + owner + ", key, value FROM " + table);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getInt(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
            }
        }
        return out;
    }

    private static Integer intOrNull(ResultSet rs, String col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v;
    }

    private static Long longOrNull(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    private static Double doubleOrNull(ResultSet rs, String col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }

    private static Boolean boolOrNull(ResultSet rs, String col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v != 0;
    }

    /** A named constant, or null; any other text is damage, said with its table and column. */
    private static <E extends Enum<E>> E enumOrNull(Class<E> type, ResultSet rs, String col) throws SQLException {
        String v = rs.getString(col);
        if (v == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        String table = rs.getMetaData().getTableName(rs.findColumn(col));
        throw new SQLException((table == null || table.isEmpty() ? "" : table + ".") + col + " holds '" + v
                + "', which is none of " + java.util.Arrays.toString(type.getEnumConstants()));
    }

    private static CloudModel readModel(Connection c) throws SQLException {
        Object[] head = all(c, "SELECT * FROM model", rs -> new Object[]{rs.getInt("schema_version"),
                rs.getString("name"), rs.getString("description"), rs.getInt("has_raw_placement") != 0,
                rs.getInt("host_subset_size"), rs.getInt("shuffle_best_same_weighed_hosts") != 0,
                rs.getInt("max_attempts"), rs.getInt("max_placement_results")}).stream().findFirst()
                .orElseThrow(() -> new SQLException("the model table is empty"));
        List<String> filters = all(c, "SELECT name FROM scheduler_filter ORDER BY ord", rs -> rs.getString(1));
        Map<String, Double> weighers = new LinkedHashMap<>();
        for (Object[] w : all(c, "SELECT name, multiplier FROM scheduler_weigher ORDER BY ord",
                rs -> new Object[]{rs.getString(1), doubleOrNull(rs, "multiplier")})) {
            weighers.put((String) w[0], (Double) w[1]);
        }
        List<String> options = hasTable(c, "scheduler_filter_options") // schema 3
                ? all(c, "SELECT json FROM scheduler_filter_options", rs -> rs.getString(1)) : List.of();
        SchedulerSettings sch = new SchedulerSettings(filters, weighers, (Integer) head[4], (Boolean) head[5],
                (Integer) head[6], (Integer) head[7], options.isEmpty() ? null : FilterOptionsText.read(options.get(0)));

        List<Cell> cells = all(c, "SELECT * FROM cell ORDER BY ord",
                rs -> new Cell(rs.getString("name"), rs.getString("uuid"), boolOrNull(rs, "up")));
        Map<Integer, Map<String, String>> aggMeta = maps(c, "aggregate_metadata", "aggregate");
        List<Aggregate> aggregates = all(c, "SELECT * FROM aggregate ORDER BY ord",
                rs -> new Aggregate(rs.getString("name"), rs.getString("uuid"), rs.getString("availability_zone"),
                        aggMeta.getOrDefault(rs.getInt("ord"), Map.of())));
        List<ComputeHost> hosts = readHosts(c);
        Map<Integer, List<String>> bmTraits = lists(c, "baremetal_trait", "node", "trait");
        Map<Integer, List<String>> bmAggs = lists(c, "baremetal_aggregate", "node", "aggregate");
        List<BaremetalNode> baremetal = all(c, "SELECT * FROM baremetal_node ORDER BY ord",
                rs -> new BaremetalNode(rs.getString("name"), rs.getString("uuid"), rs.getString("cell"),
                        rs.getString("rack"), rs.getString("resource_class"),
                        bmTraits.getOrDefault(rs.getInt("ord"), List.of()), bmAggs.getOrDefault(rs.getInt("ord"), List.of()),
                        intOrNull(rs, "cpus"), longOrNull(rs, "memory_mb"), longOrNull(rs, "disk_gb"),
                        enumOrNull(HostStatus.class, rs, "status")));
        Map<Integer, List<String>> ssAggs = lists(c, "shared_storage_aggregate", "pool", "aggregate");
        Map<Integer, List<String>> ssTraits = lists(c, "shared_storage_trait", "pool", "trait");
        List<SharedStoragePool> pools = all(c, "SELECT * FROM shared_storage ORDER BY ord",
                rs -> new SharedStoragePool(rs.getString("name"), rs.getString("uuid"), rs.getLong("disk_gb"),
                        longOrNull(rs, "reserved_gb"), doubleOrNull(rs, "allocation_ratio"),
                        ssAggs.getOrDefault(rs.getInt("ord"), List.of()), ssTraits.getOrDefault(rs.getInt("ord"), List.of())));
        Map<Integer, Map<String, String>> specs = maps(c, "flavor_extra_spec", "flavor");
        List<Flavor> flavors = all(c, "SELECT * FROM flavor ORDER BY ord",
                rs -> new Flavor(rs.getString("name"), rs.getInt("vcpus"), rs.getLong("ram_mb"), rs.getLong("disk_gb"),
                        specs.getOrDefault(rs.getInt("ord"), Map.of())));
        Map<Integer, Map<String, String>> props = maps(c, "image_property", "image");
        List<Image> images = all(c, "SELECT * FROM image ORDER BY ord",
                rs -> new Image(rs.getString("name"), props.getOrDefault(rs.getInt("ord"), Map.of())));
        List<Port> ports = all(c, "SELECT * FROM port ORDER BY ord",
                rs -> new Port(rs.getString("name"), rs.getString("vnic_type"), rs.getString("physnet"),
                        longOrNull(rs, "min_egress_kbps"), longOrNull(rs, "min_ingress_kbps")));
        Map<Integer, List<Map<String, String>>> groups = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT profile, grp, key, value FROM device_profile_group ORDER BY profile, grp, key");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<Map<String, String>> l = groups.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>());
                int g = rs.getInt(2);
                // groups are numbered 0, 1, 2, … (an empty one keeps a row): a gap is damage, and padding up to
                // a huge number would take all memory
                if (g < 0 || g > l.size()) {
                    throw new SQLException("device_profile_group.grp jumps to " + g + " after " + l.size()
                            + " group(s) of profile " + rs.getInt(1));
                }
                while (l.size() <= g) {
                    l.add(new TreeMap<>());
                }
                if (!rs.getString(3).isEmpty() || rs.getString(4) != null) {
                    l.get(g).put(rs.getString(3), rs.getString(4));
                }
            }
        }
        List<DeviceProfile> profiles = all(c, "SELECT * FROM device_profile ORDER BY ord",
                rs -> new DeviceProfile(rs.getString("name"), groups.getOrDefault(rs.getInt("ord"), List.of())));
        Map<Integer, Integer> rules = new HashMap<>();
        if (hasTable(c, "server_group_rule")) { // schema 3
            for (Object[] r : all(c, "SELECT * FROM server_group_rule", rs -> new Object[]{rs.getInt("server_group"),
                    intOrNull(rs, "max_server_per_host")})) {
                rules.put((Integer) r[0], (Integer) r[1]);
            }
        }
        List<ServerGroup> serverGroups = all(c, "SELECT * FROM server_group ORDER BY ord",
                rs -> new ServerGroup(rs.getString("name"), rs.getString("uuid"),
                        enumOrNull(ServerGroupPolicy.class, rs, "policy"), rules.get(rs.getInt("ord"))));
        Map<Integer, List<String>> instPorts = lists(c, "instance_port", "instance", "port");
        Map<Integer, Map<String, Map<String, Long>>> allocs = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT instance, provider, resource_class, amount FROM allocation ORDER BY instance, ord");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                allocs.computeIfAbsent(rs.getInt(1), k -> new LinkedHashMap<>())
                        .computeIfAbsent(rs.getString(2), k -> new LinkedHashMap<>()).put(rs.getString(3), rs.getLong(4));
            }
        }
        List<Instance> instances = all(c, "SELECT * FROM instance ORDER BY ord",
                rs -> new Instance(rs.getString("name"), rs.getString("uuid"), rs.getString("flavor"),
                        rs.getString("image"), rs.getString("host"), rs.getString("cell"),
                        enumOrNull(InstanceState.class, rs, "state"), rs.getString("server_group"),
                        instPorts.getOrDefault(rs.getInt("ord"), List.of()), rs.getString("project_id"),
                        rs.getString("user_id"),
                        rs.getInt("has_allocations") != 0 ? allocs.getOrDefault(rs.getInt("ord"), Map.of()) : null));
        List<Migration> migrations = all(c, "SELECT * FROM migration ORDER BY ord",
                rs -> new Migration(rs.getString("uuid"), rs.getString("instance"),
                        enumOrNull(MigrationType.class, rs, "type"), rs.getString("source"),
                        rs.getString("destination"), enumOrNull(MigrationStatus.class, rs, "status"),
                        rs.getString("new_flavor")));
        PlacementState raw = (Boolean) head[3] ? readPlacement(c) : null;
        return new CloudModel((Integer) head[0], (String) head[1], (String) head[2], cells, aggregates, hosts, baremetal,
                pools, flavors, images, ports, profiles, serverGroups, instances, migrations, sch, raw);
    }

    private static final String[] NO_HYPERVISOR = {null, null};

    private static List<ComputeHost> readHosts(Connection c) throws SQLException {
        Map<Integer, String[]> hypervisors = new HashMap<>();
        if (hasTable(c, "host_hypervisor")) { // files before schema 3 have hosts of the defaults
            for (Object[] r : all(c, "SELECT * FROM host_hypervisor", rs -> new Object[]{rs.getInt("host"),
                    new String[]{rs.getString("architecture"), rs.getString("hypervisor_version")}})) {
                hypervisors.put((Integer) r[0], (String[]) r[1]);
            }
        }
        Map<Integer, List<String>> aggs = lists(c, "host_aggregate", "host", "aggregate");
        Map<Integer, List<String>> cpuTraits = new HashMap<>();
        Map<Integer, List<String>> traits = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT host, kind, trait FROM host_trait ORDER BY host, kind, ord");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ("cpu".equals(rs.getString(2)) ? cpuTraits : traits).computeIfAbsent(rs.getInt(1), k -> new ArrayList<>())
                        .add(rs.getString(3));
            }
        }
        Map<Integer, List<NumaNode>> numa = new HashMap<>();
        for (Object[] r : all(c, "SELECT * FROM numa_node ORDER BY host, ord", rs -> new Object[]{rs.getInt("host"),
                new NumaNode(rs.getInt("id"), rs.getInt("cpus"), rs.getInt("pcpus"), rs.getLong("memory_mb"),
                        intOrNull(rs, "hugepages_1g"))})) {
            numa.computeIfAbsent((Integer) r[0], k -> new ArrayList<>()).add((NumaNode) r[1]);
        }
        Map<Integer, List<PhysicalFunction>> pfs = new HashMap<>();
        for (Object[] r : all(c, "SELECT * FROM pf ORDER BY host, ord", rs -> new Object[]{rs.getInt("host"),
                new PhysicalFunction(rs.getString("name"), intOrNull(rs, "numa_node"), rs.getString("physnet"),
                        rs.getInt("vfs"), longOrNull(rs, "egress_kbps"), longOrNull(rs, "ingress_kbps"))})) {
            pfs.computeIfAbsent((Integer) r[0], k -> new ArrayList<>()).add((PhysicalFunction) r[1]);
        }
        Map<Integer, List<GpuDevice>> gpus = new HashMap<>();
        for (Object[] r : all(c, "SELECT * FROM gpu ORDER BY host, ord", rs -> new Object[]{rs.getInt("host"),
                new GpuDevice(rs.getString("name"), intOrNull(rs, "numa_node"), enumOrNull(GpuKind.class, rs, "kind"),
                        rs.getInt("count"), rs.getString("model"))})) {
            gpus.computeIfAbsent((Integer) r[0], k -> new ArrayList<>()).add((GpuDevice) r[1]);
        }
        Map<String, List<String>> accTraits = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT host, accelerator, trait FROM accelerator_trait ORDER BY host, accelerator, ord");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                accTraits.computeIfAbsent(rs.getInt(1) + ":" + rs.getInt(2), k -> new ArrayList<>()).add(rs.getString(3));
            }
        }
        Map<Integer, List<Accelerator>> accs = new HashMap<>();
        for (Object[] r : all(c, "SELECT * FROM accelerator ORDER BY host, ord", rs -> new Object[]{rs.getInt("host"),
                new Accelerator(rs.getString("name"), intOrNull(rs, "numa_node"),
                        enumOrNull(AcceleratorType.class, rs, "type"), rs.getString("vendor"),
                        intOrNull(rs, "count"), rs.getInt("has_traits") != 0
                        ? accTraits.getOrDefault(rs.getInt("host") + ":" + rs.getInt("ord"), List.of()) : null)})) {
            accs.computeIfAbsent((Integer) r[0], k -> new ArrayList<>()).add((Accelerator) r[1]);
        }
        return all(c, "SELECT * FROM host ORDER BY ord", rs -> {
            int i = rs.getInt("ord");
            ReservedResources rr = rs.getInt("has_reserved") != 0 ? new ReservedResources(intOrNull(rs, "reserved_vcpus"),
                    longOrNull(rs, "reserved_memory_mb"), longOrNull(rs, "reserved_disk_gb")) : null;
            AllocationRatios ar = rs.getInt("has_ratios") != 0 ? new AllocationRatios(doubleOrNull(rs, "cpu_allocation_ratio"),
                    doubleOrNull(rs, "ram_allocation_ratio"), doubleOrNull(rs, "disk_allocation_ratio")) : null;
            return new ComputeHost(rs.getString("hostname"), rs.getString("uuid"), rs.getString("cell"),
                    rs.getString("rack"), aggs.getOrDefault(i, List.of()), rs.getString("hypervisor_type"),
                    enumOrNull(HostStatus.class, rs, "status"), cpuTraits.getOrDefault(i, List.of()),
                    traits.getOrDefault(i, List.of()), boolOrNull(rs, "numa_in_placement"), numa.getOrDefault(i, List.of()),
                    longOrNull(rs, "disk_gb"), rs.getString("shared_storage"), rr, ar, pfs.getOrDefault(i, List.of()),
                    gpus.getOrDefault(i, List.of()), accs.getOrDefault(i, List.of()),
                    hypervisors.getOrDefault(i, NO_HYPERVISOR)[0], hypervisors.getOrDefault(i, NO_HYPERVISOR)[1]);
        });
    }

    private static PlacementState readPlacement(Connection c) throws SQLException {
        Map<Integer, Map<String, PlacementState.InventoryRecord>> inv = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM rp_inventory ORDER BY rp, ord");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                inv.computeIfAbsent(rs.getInt("rp"), k -> new LinkedHashMap<>()).put(rs.getString("resource_class"),
                        new PlacementState.InventoryRecord(rs.getLong("total"), rs.getLong("reserved"), rs.getLong("min_unit"),
                                rs.getLong("max_unit"), rs.getLong("step_size"), rs.getDouble("allocation_ratio")));
            }
        }
        Map<Integer, List<String>> traits = lists(c, "rp_trait", "rp", "trait");
        Map<Integer, List<String>> aggs = lists(c, "rp_aggregate", "rp", "aggregate");
        List<PlacementState.ResourceProviderRecord> rps = all(c, "SELECT * FROM rp ORDER BY ord", rs -> {
            int i = rs.getInt("ord");
            return new PlacementState.ResourceProviderRecord(rs.getString("uuid"), rs.getString("name"),
                    rs.getString("parent_uuid"), inv.getOrDefault(i, Map.of()), traits.getOrDefault(i, List.of()),
                    aggs.getOrDefault(i, List.of()));
        });
        Map<Integer, Map<String, Map<String, Long>>> allocs = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT consumer, rp, resource_class, amount FROM consumer_allocation ORDER BY consumer, ord");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                allocs.computeIfAbsent(rs.getInt(1), k -> new LinkedHashMap<>())
                        .computeIfAbsent(rs.getString(2), k -> new LinkedHashMap<>()).put(rs.getString(3), rs.getLong(4));
            }
        }
        Map<String, PlacementState.ConsumerRecord> consumers = new LinkedHashMap<>();
        for (Object[] r : all(c, "SELECT * FROM consumer ORDER BY ord", rs -> new Object[]{rs.getString("uuid"),
                new PlacementState.ConsumerRecord(allocs.getOrDefault(rs.getInt("ord"), Map.of()),
                        rs.getString("project_id"), rs.getString("user_id"), rs.getString("consumer_type"))})) {
            consumers.put((String) r[0], (PlacementState.ConsumerRecord) r[1]);
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (String[] r : all(c, "SELECT uuid, name FROM aggregate_name", rs -> new String[]{rs.getString(1), rs.getString(2)})) {
            names.put(r[0], r[1]);
        }
        return new PlacementState(rps, consumers, names);
    }
}
