package dev.placementstudio.io.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables of a Placement Studio {@code .db} file and how older files are brought up to date.
 * {@code PRAGMA user_version} is the schema version. Version 1 holds the model; version 2 adds
 * simulation runs ({@code sim_run}, {@code sim_event}); version 3 a host's architecture and hypervisor
 * version ({@code host_hypervisor}), anti-affinity rules ({@code server_group_rule}) and the filters'
 * options ({@code scheduler_filter_options}, as JSON); a file without them has Nova's defaults.
 */
final class StoreSchema {
    static final int CURRENT = 3;

    /** Tables every readable model file has. */
    static final List<String> MODEL_TABLES = List.of("model", "cell", "aggregate", "host", "numa_node", "pf", "gpu",
            "accelerator", "baremetal_node", "shared_storage", "flavor", "image", "port", "device_profile",
            "server_group", "instance", "allocation", "migration", "rp", "rp_inventory", "consumer",
            "consumer_allocation");

    static final String[] V1 = {
            """
            CREATE TABLE model (id INTEGER PRIMARY KEY CHECK (id = 1), schema_version INTEGER NOT NULL, name TEXT,
              description TEXT, has_raw_placement INTEGER NOT NULL DEFAULT 0, has_scheduler INTEGER NOT NULL DEFAULT 0,
              host_subset_size INTEGER, shuffle_best_same_weighed_hosts INTEGER, max_attempts INTEGER,
              max_placement_results INTEGER, has_filter_list INTEGER NOT NULL DEFAULT 0)""",
            "CREATE TABLE scheduler_filter (ord INTEGER PRIMARY KEY, name TEXT NOT NULL)",
            "CREATE TABLE scheduler_weigher (ord INTEGER PRIMARY KEY, name TEXT NOT NULL, multiplier REAL)",
            "CREATE TABLE cell (ord INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, uuid TEXT, up INTEGER)",
            "CREATE TABLE aggregate (ord INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, uuid TEXT, availability_zone TEXT)",
            """
            CREATE TABLE aggregate_metadata (aggregate INTEGER NOT NULL REFERENCES aggregate(ord), key TEXT NOT NULL,
              value TEXT, PRIMARY KEY (aggregate, key))""",
            """
            CREATE TABLE host (ord INTEGER PRIMARY KEY, hostname TEXT NOT NULL UNIQUE, uuid TEXT, cell TEXT, rack TEXT,
              hypervisor_type TEXT, status TEXT, numa_in_placement INTEGER, disk_gb INTEGER, shared_storage TEXT,
              reserved_vcpus INTEGER, reserved_memory_mb INTEGER, reserved_disk_gb INTEGER, cpu_allocation_ratio REAL,
              ram_allocation_ratio REAL, disk_allocation_ratio REAL, has_reserved INTEGER NOT NULL,
              has_ratios INTEGER NOT NULL)""",
            "CREATE INDEX host_cell ON host(cell)",
            """
            CREATE TABLE host_aggregate (host INTEGER NOT NULL REFERENCES host(ord), ord INTEGER NOT NULL,
              aggregate TEXT NOT NULL, PRIMARY KEY (host, ord))""",
            """
            CREATE TABLE host_trait (host INTEGER NOT NULL REFERENCES host(ord), kind TEXT NOT NULL, ord INTEGER NOT NULL,
              trait TEXT NOT NULL, PRIMARY KEY (host, kind, ord))""",
            """
            CREATE TABLE numa_node (host INTEGER NOT NULL REFERENCES host(ord), ord INTEGER NOT NULL, id INTEGER NOT NULL,
              cpus INTEGER NOT NULL, pcpus INTEGER NOT NULL, memory_mb INTEGER NOT NULL, hugepages_1g INTEGER,
              PRIMARY KEY (host, ord))""",
            """
            CREATE TABLE pf (host INTEGER NOT NULL REFERENCES host(ord), ord INTEGER NOT NULL, name TEXT, numa_node INTEGER,
              physnet TEXT, vfs INTEGER NOT NULL, egress_kbps INTEGER, ingress_kbps INTEGER, PRIMARY KEY (host, ord))""",
            """
            CREATE TABLE gpu (host INTEGER NOT NULL REFERENCES host(ord), ord INTEGER NOT NULL, name TEXT, numa_node INTEGER,
              kind TEXT, count INTEGER NOT NULL, model TEXT, PRIMARY KEY (host, ord))""",
            """
            CREATE TABLE accelerator (host INTEGER NOT NULL REFERENCES host(ord), ord INTEGER NOT NULL, name TEXT,
              numa_node INTEGER, type TEXT, vendor TEXT, count INTEGER, has_traits INTEGER NOT NULL,
              PRIMARY KEY (host, ord))""",
            """
            CREATE TABLE accelerator_trait (host INTEGER NOT NULL, accelerator INTEGER NOT NULL, ord INTEGER NOT NULL,
              trait TEXT NOT NULL, PRIMARY KEY (host, accelerator, ord),
              FOREIGN KEY (host, accelerator) REFERENCES accelerator(host, ord))""",
            """
            CREATE TABLE baremetal_node (ord INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, uuid TEXT, cell TEXT, rack TEXT,
              resource_class TEXT, cpus INTEGER, memory_mb INTEGER, disk_gb INTEGER, status TEXT)""",
            """
            CREATE TABLE baremetal_trait (node INTEGER NOT NULL REFERENCES baremetal_node(ord), ord INTEGER NOT NULL,
              trait TEXT NOT NULL, PRIMARY KEY (node, ord))""",
            """
            CREATE TABLE baremetal_aggregate (node INTEGER NOT NULL REFERENCES baremetal_node(ord), ord INTEGER NOT NULL,
              aggregate TEXT NOT NULL, PRIMARY KEY (node, ord))""",
            """
            CREATE TABLE shared_storage (ord INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, uuid TEXT, disk_gb INTEGER NOT NULL,
              reserved_gb INTEGER, allocation_ratio REAL)""",
            """
            CREATE TABLE shared_storage_aggregate (pool INTEGER NOT NULL REFERENCES shared_storage(ord), ord INTEGER NOT NULL,
              aggregate TEXT NOT NULL, PRIMARY KEY (pool, ord))""",
            """
            CREATE TABLE shared_storage_trait (pool INTEGER NOT NULL REFERENCES shared_storage(ord), ord INTEGER NOT NULL,
              trait TEXT NOT NULL, PRIMARY KEY (pool, ord))""",
            "CREATE TABLE flavor (ord INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, vcpus INTEGER NOT NULL, ram_mb INTEGER NOT NULL, disk_gb INTEGER NOT NULL)",
            """
            CREATE TABLE flavor_extra_spec (flavor INTEGER NOT NULL REFERENCES flavor(ord), key TEXT NOT NULL, value TEXT,
              PRIMARY KEY (flavor, key))""",
            "CREATE TABLE image (ord INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
            """
            CREATE TABLE image_property (image INTEGER NOT NULL REFERENCES image(ord), key TEXT NOT NULL, value TEXT,
              PRIMARY KEY (image, key))""",
            """
            CREATE TABLE port (ord INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, vnic_type TEXT, physnet TEXT,
              min_egress_kbps INTEGER, min_ingress_kbps INTEGER)""",
            "CREATE TABLE device_profile (ord INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
            """
            CREATE TABLE device_profile_group (profile INTEGER NOT NULL REFERENCES device_profile(ord), grp INTEGER NOT NULL,
              key TEXT NOT NULL, value TEXT, PRIMARY KEY (profile, grp, key))""",
            "CREATE TABLE server_group (ord INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, uuid TEXT, policy TEXT)",
            """
            CREATE TABLE instance (ord INTEGER PRIMARY KEY, name TEXT, uuid TEXT, flavor TEXT, image TEXT, host TEXT,
              cell TEXT, state TEXT, server_group TEXT, project_id TEXT, user_id TEXT, has_allocations INTEGER NOT NULL)""",
            "CREATE INDEX instance_host ON instance(host)",
            """
            CREATE TABLE instance_port (instance INTEGER NOT NULL REFERENCES instance(ord), ord INTEGER NOT NULL,
              port TEXT NOT NULL, PRIMARY KEY (instance, ord))""",
            """
            CREATE TABLE allocation (instance INTEGER NOT NULL REFERENCES instance(ord), ord INTEGER NOT NULL,
              provider TEXT NOT NULL, resource_class TEXT NOT NULL, amount INTEGER NOT NULL, PRIMARY KEY (instance, ord))""",
            """
            CREATE TABLE migration (ord INTEGER PRIMARY KEY, uuid TEXT, instance TEXT, type TEXT, source TEXT,
              destination TEXT, status TEXT, new_flavor TEXT)""",
            "CREATE TABLE rp (ord INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT, parent_uuid TEXT)",
            """
            CREATE TABLE rp_inventory (rp INTEGER NOT NULL REFERENCES rp(ord), ord INTEGER NOT NULL,
              resource_class TEXT NOT NULL, total INTEGER, reserved INTEGER, min_unit INTEGER, max_unit INTEGER,
              step_size INTEGER, allocation_ratio REAL, PRIMARY KEY (rp, ord))""",
            """
            CREATE TABLE rp_trait (rp INTEGER NOT NULL REFERENCES rp(ord), ord INTEGER NOT NULL, trait TEXT NOT NULL,
              PRIMARY KEY (rp, ord))""",
            """
            CREATE TABLE rp_aggregate (rp INTEGER NOT NULL REFERENCES rp(ord), ord INTEGER NOT NULL,
              aggregate TEXT NOT NULL, PRIMARY KEY (rp, ord))""",
            """
            CREATE TABLE consumer (ord INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, project_id TEXT, user_id TEXT,
              consumer_type TEXT)""",
            """
            CREATE TABLE consumer_allocation (consumer INTEGER NOT NULL REFERENCES consumer(ord), ord INTEGER NOT NULL,
              rp TEXT NOT NULL, resource_class TEXT NOT NULL, amount INTEGER NOT NULL, PRIMARY KEY (consumer, ord))""",
            "CREATE TABLE aggregate_name (uuid TEXT PRIMARY KEY, name TEXT)",
    };

    /** Version 2: simulation runs with their full event logs. */
    static final String[] V2 = {
            """
            CREATE TABLE sim_run (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, era TEXT, seed INTEGER,
              workload TEXT, summary TEXT, created TEXT NOT NULL, event_count INTEGER NOT NULL)""",
            """
            CREATE TABLE sim_event (run INTEGER NOT NULL REFERENCES sim_run(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
              line TEXT NOT NULL, PRIMARY KEY (run, seq))""",
    };

    static final String[] V3 = {
            """
            CREATE TABLE host_hypervisor (host INTEGER PRIMARY KEY REFERENCES host(ord), architecture TEXT,
              hypervisor_version TEXT)""",
            """
            CREATE TABLE server_group_rule (server_group INTEGER PRIMARY KEY REFERENCES server_group(ord),
              max_server_per_host INTEGER)""",
            "CREATE TABLE scheduler_filter_options (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL)",
    };

    private StoreSchema() {
    }

    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : V1) {
                s.execute(ddl);
            }
            for (String ddl : V2) {
                s.execute(ddl);
            }
            for (String ddl : V3) {
                s.execute(ddl);
            }
            s.execute("PRAGMA user_version = " + CURRENT);
        }
    }

    /** Brings an older file up to {@link #CURRENT}, inside the caller's transaction. */
    static void migrate(Connection c, int from) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (from < 2) {
                for (String ddl : V2) {
                    s.execute(ddl);
                }
            }
            if (from < 3) {
                for (String ddl : V3) {
                    s.execute(ddl);
                }
            }
            s.execute("PRAGMA user_version = " + CURRENT);
        }
    }
}
