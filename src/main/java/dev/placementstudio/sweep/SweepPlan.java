package dev.placementstudio.sweep;

import dev.placementstudio.conductor.Era;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.ModelJson;
import dev.placementstudio.io.PortfolioFiles;
import dev.placementstudio.io.WorkloadFiles;
import dev.placementstudio.io.store.SweepStore;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.InvalidModelException;
import dev.placementstudio.model.Projection;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.placement.ProviderView;
import dev.placementstudio.sim.Workload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * A portfolio ready to run: its designs' models and workloads parsed from {@link PlanBytes}, the list of
 * its cells, the resource classes its metrics report and the CSV header. Thread-safe: cells only read it.
 */
public final class SweepPlan {
    private final PlanBytes bytes;
    private final List<CloudModel> models = new ArrayList<>();
    private final List<List<Workload>> workloads = new ArrayList<>(); // [design][workload]: checked against each
    private final List<Era> eras = new ArrayList<>();
    private final List<String> classes;
    private final String header;

    private SweepPlan(PlanBytes bytes) throws InputProblemException {
        this.bytes = bytes;
        TreeSet<String> rcs = new TreeSet<>();
        for (int d = 0; d < bytes.designs().size(); d++) {
            String where = "design '" + bytes.designs().get(d) + "'";
            CloudModel m = ModelJson.parse(where, new String(bytes.models().get(d), StandardCharsets.UTF_8));
            models.add(m);
            List<Workload> ws = new ArrayList<>();
            for (int w = 0; w < bytes.workloads().size(); w++) {
                ws.add(WorkloadFiles.parse(bytes.workloads().get(w), bytes.workloadTexts().get(w),
                        bytes.workloadExtensions().get(w), m));
            }
            workloads.add(ws);
            try {
                for (ProviderView p : PlacementEngine.fromState(Projection.project(m)).providers()) {
                    p.inventories().forEach((rc, inv) -> {
                        if (inv.capacity() > 0) {
                            rcs.add(rc);
                        }
                    });
                }
            } catch (InvalidModelException e) {
                throw new InputProblemException(where, 0, 0, e.problems().get(0).path(), e.problems().get(0).message());
            }
        }
        for (String e : bytes.eras()) {
            eras.add(Era.parse(e));
        }
        classes = List.copyOf(rcs);
        header = String.join(",", ResultColumns.header(classes));
    }

    public static SweepPlan of(PlanBytes bytes) throws InputProblemException {
        return new SweepPlan(bytes);
    }

    /** The bytes of a portfolio read from its file. */
    public static PlanBytes bytesOf(PortfolioFiles.Portfolio p) {
        List<String> names = new ArrayList<>();
        List<byte[]> models = new ArrayList<>();
        for (PortfolioFiles.Design d : p.designs()) {
            names.add(d.name());
            models.add(ModelJson.toBytes(d.model(), false));
        }
        List<String> costs = new ArrayList<>();
        List<String[]> cs = new ArrayList<>();
        for (PortfolioFiles.HostCost c : p.costs()) {
            cs.add(new String[]{c.match(), Double.toString(c.price()), Double.toString(c.watts())});
        }
        return new PlanBytes(p.name(), names, models, p.workloads().stream().map(PortfolioFiles.WorkloadFile::name).toList(),
                p.workloads().stream().map(PortfolioFiles.WorkloadFile::text).toList(),
                p.workloads().stream().map(PortfolioFiles.WorkloadFile::extension).toList(), p.eras(), p.seeds(), cs);
    }

    public PlanBytes bytes() {
        return bytes;
    }

    /** Every cell in the portfolio's order. */
    public List<Cell> cells() {
        List<Cell> out = new ArrayList<>();
        long i = 0;
        for (int d = 0; d < bytes.designs().size(); d++) {
            for (int w = 0; w < bytes.workloads().size(); w++) {
                for (int e = 0; e < bytes.eras().size(); e++) {
                    for (long s : bytes.seeds()) {
                        out.add(new Cell(i++, d, w, e, s));
                    }
                }
            }
        }
        return out;
    }

    /** The key of a cell as {@link SweepStore.Row#key()} writes it. */
    public String key(Cell c) {
        return new SweepStore.Row(c.index(), bytes.designs().get(c.design()), bytes.workloads().get(c.workload()),
                bytes.eras().get(c.era()), c.seed(), "").key();
    }

    public List<String> resourceClasses() {
        return classes;
    }

    public String header() {
        return header;
    }

    /** A digest of everything that decides the results: resuming is refused when it changed. */
    public String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (int d = 0; d < bytes.designs().size(); d++) {
                feed(md, bytes.designs().get(d));
                md.update(bytes.models().get(d));
            }
            for (int w = 0; w < bytes.workloads().size(); w++) {
                feed(md, bytes.workloads().get(w));
                feed(md, bytes.workloadTexts().get(w));
            }
            bytes.eras().forEach(e -> feed(md, e));
            bytes.seeds().forEach(s -> feed(md, Long.toString(s)));
            bytes.costs().forEach(c -> feed(md, String.join("|", c)));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void feed(MessageDigest md, String s) {
        md.update(s.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
    }

    /** Runs one cell: the simulation exactly as {@code simulate} runs it, then its metrics. */
    public SweepStore.Row run(Cell c) {
        CloudModel m = models.get(c.design());
        Workload w = workloads.get(c.design()).get(c.workload());
        List<String> fields = CellRun.run(m, w, eras.get(c.era()), c.seed(), classes, bytes.costs());
        return new SweepStore.Row(c.index(), bytes.designs().get(c.design()), bytes.workloads().get(c.workload()),
                bytes.eras().get(c.era()), c.seed(), String.join(",", fields));
    }

    /** The CSV line of a finished cell. */
    public static String csvLine(SweepStore.Row r) {
        return ResultColumns.csv(r.design()) + "," + ResultColumns.csv(r.workload()) + "," + r.era() + "," + r.seed()
                + "," + r.values();
    }
}
