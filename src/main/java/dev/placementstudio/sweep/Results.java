package dev.placementstudio.sweep;

import dev.placementstudio.io.AtomicFiles;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.io.store.SweepStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where finished cells go: a SQLite results file (one transaction per cell) or a CSV file (rewritten
 * atomically after each cell, rows in the portfolio's order), by the extension of {@code --out}.
 */
public abstract sealed class Results implements AutoCloseable {
    /** The keys of the cells already finished (what {@code --resume} skips). */
    public abstract Set<String> finished() throws InputProblemException;

    public abstract void put(SweepStore.Row row) throws InputProblemException;

    @Override
    public abstract void close();

    public static Results open(Path out, SweepPlan plan, boolean resume) throws InputProblemException {
        return switch (dev.placementstudio.io.FileNames.extension(out)) {
            case "db" -> new Db(SweepStore.open(out, plan.header(), plan.fingerprint(), resume));
            case "csv" -> new Csv(out, plan, resume);
            default -> throw new InputProblemException(out, "results go to a .db (SQLite) or a .csv file");
        };
    }

    /** The CSV text of a results file (a .db's export, or the rows a CSV holds), header first. */
    public static String csvOf(String header, List<SweepStore.Row> rows) {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (SweepStore.Row r : rows) {
            sb.append(SweepPlan.csvLine(r)).append('\n');
        }
        return sb.toString();
    }

    /** Writes the CSV of a .db results file, atomically. */
    public static int export(Path db, Path csv) throws InputProblemException {
        try (SweepStore s = SweepStore.openExisting(db)) {
            List<SweepStore.Row> rows = s.rows();
            try {
                AtomicFiles.write(csv, csvOf(s.header(), rows).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new InputProblemException(csv, "cannot write: " + e.getMessage());
            }
            return rows.size();
        }
    }

    static final class Db extends Results {
        private final SweepStore store;

        Db(SweepStore store) {
            this.store = store;
        }

        public Set<String> finished() throws InputProblemException {
            return store.finished();
        }

        public void put(SweepStore.Row row) throws InputProblemException {
            store.put(row);
        }

        public void close() {
            store.close();
        }
    }

    static final class Csv extends Results {
        private final Path file;
        private final String header;
        private final Map<Long, String> lines = new TreeMap<>();
        private final Map<Long, String> keys = new HashMap<>();

        Csv(Path file, SweepPlan plan, boolean resume) throws InputProblemException {
            this.file = file;
            this.header = plan.header();
            if (Files.exists(file) && !resume) {
                throw new InputProblemException(file, "already exists; --resume goes on with it, or remove it first");
            }
            if (Files.exists(file)) {
                read(plan);
            }
        }

        private void read(SweepPlan plan) throws InputProblemException {
            Map<String, Long> index = new HashMap<>();
            plan.cells().forEach(c -> index.put(plan.key(c), c.index()));
            List<String> all;
            try {
                all = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InputProblemException(file, "cannot read: " + e.getMessage());
            }
            if (all.isEmpty() || !all.get(0).equals(header)) {
                throw new InputProblemException(file.toString(), 1, 1, "", "its header is not this portfolio's;"
                        + " --resume needs the results of the same portfolio");
            }
            for (int i = 1; i < all.size(); i++) {
                String line = all.get(i);
                if (line.isEmpty()) {
                    continue;
                }
                List<String> f = CsvFields.first(line, 4);
                String key = f.size() < 4 ? null : f.get(0) + "\u0000" + f.get(1) + "\u0000" + f.get(2) + "\u0000" + f.get(3);
                Long at = key == null ? null : index.get(key);
                if (at == null) {
                    throw new InputProblemException(file.toString(), i + 1, 1, "", "a row of a cell this portfolio"
                            + " does not have; --resume needs the results of the same portfolio");
                }
                lines.put(at, line);
                keys.put(at, key);
            }
        }

        public Set<String> finished() {
            return Set.copyOf(keys.values());
        }

        public void put(SweepStore.Row row) throws InputProblemException {
            lines.put(row.index(), SweepPlan.csvLine(row));
            keys.put(row.index(), row.key());
            StringBuilder sb = new StringBuilder(header).append('\n');
            lines.values().forEach(l -> sb.append(l).append('\n'));
            try {
                AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new InputProblemException(file, "cannot write: " + e.getMessage());
            }
        }

        public void close() {
        }
    }
}
