package dev.placementstudio.app.portfolio;

import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.PortfolioFiles;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.io.store.SweepStore;
import dev.placementstudio.sweep.Cell;
import dev.placementstudio.sweep.LocalExecutor;
import dev.placementstudio.sweep.ResultSummary;
import dev.placementstudio.sweep.Results;
import dev.placementstudio.sweep.SweepPlan;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;

/**
 * The Portfolio view's state, without any control: the open portfolio, a sweep of it on a background thread
 * (cells done/total, ETA, cancel) and, per chosen metric, the distributions {@link ResultSummary} computes.
 * Every property changes on the {@code ui} executor (the FX thread in the app, the caller's in tests).
 */
public final class PortfolioViewModel {
    /** One design under one era as a box plot draws it: whiskers p5/p95, box quartiles, median. */
    public record Box(String design, String era, int cells, double p5, double q1, double median, double q3, double p95) {
    }

    private final Executor ui;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Open a portfolio (File > Open Portfolio…).");
    private final ReadOnlyIntegerWrapper cells = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper done = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ObservableList<String> designs = FXCollections.observableArrayList();
    private final ObservableList<String> roDesigns = FXCollections.unmodifiableObservableList(designs);
    private final ObservableList<String> workloads = FXCollections.observableArrayList();
    private final ObservableList<String> roWorkloads = FXCollections.unmodifiableObservableList(workloads);
    private final ObservableList<String> eras = FXCollections.observableArrayList();
    private final ObservableList<String> roEras = FXCollections.unmodifiableObservableList(eras);
    private final ObservableList<Long> seeds = FXCollections.observableArrayList();
    private final ObservableList<Long> roSeeds = FXCollections.unmodifiableObservableList(seeds);
    private final ObservableList<String> metrics = FXCollections.observableArrayList();
    private final ObservableList<String> roMetrics = FXCollections.unmodifiableObservableList(metrics);
    private final StringProperty metric = new SimpleStringProperty("placed");
    private final ObservableList<ResultSummary.Line> lines = FXCollections.observableArrayList();
    private final ObservableList<ResultSummary.Line> roLines = FXCollections.unmodifiableObservableList(lines);
    private final ObservableList<ResultSummary.Rank> ranking = FXCollections.observableArrayList();
    private final ObservableList<ResultSummary.Rank> roRanking = FXCollections.unmodifiableObservableList(ranking);
    private final ObservableList<Box> boxes = FXCollections.observableArrayList();
    private final ObservableList<Box> roBoxes = FXCollections.unmodifiableObservableList(boxes);
    private final Map<Long, SweepStore.Row> rows = new TreeMap<>(); // by cell index: the portfolio's order
    private Path file;
    private PortfolioFiles.Portfolio portfolio;
    private SweepPlan plan;
    private volatile Thread runner;

    public PortfolioViewModel(Executor ui) {
        this.ui = ui;
        metric.addListener((o, a, v) -> summarize());
    }

    /** Reads and checks a portfolio (on the caller's thread: reading is quick, the sweep is not). */
    public void open(Path path) throws InputProblemException {
        if (running.get()) {
            throw new IllegalStateException("a sweep is running: cancel it first");
        }
        PortfolioFiles.Portfolio p = PortfolioFiles.read(path, ModelFiles::open);
        SweepPlan sp = SweepPlan.of(SweepPlan.bytesOf(p));
        file = path;
        portfolio = p;
        plan = sp;
        rows.clear();
        name.set(p.name());
        designs.setAll(p.designs().stream().map(PortfolioFiles.Design::name).toList());
        workloads.setAll(p.workloads().stream().map(PortfolioFiles.WorkloadFile::name).toList());
        eras.setAll(p.eras());
        seeds.setAll(p.seeds());
        cells.set((int) p.cells());
        done.set(0);
        eta.set("");
        List<String> header = List.of(sp.header().split(","));
        metrics.setAll(header.subList(4, header.size()));
        if (!metrics.contains(metric.get())) {
            metric.set(metrics.get(0));
        }
        summarize();
        status.set(p.designs().size() + " designs × " + p.workloads().size() + " workloads × " + p.eras().size()
                + " eras × " + p.seeds().size() + " seeds = " + p.cells() + " cells. Run runs them.");
    }

    /** Starts the sweep on a background thread, {@code parallel} cells in flight; results replace the last run's. */
    public void run(int parallel) {
        if (plan == null || running.get()) {
            return;
        }
        SweepPlan sp = plan;
        List<Cell> all = sp.cells();
        rows.clear();
        summarize();
        done.set(0);
        running.set(true);
        status.set("Running " + all.size() + " cells…");
        long t0 = System.nanoTime();
        Thread t = new Thread(() -> {
            String end;
            try {
                new LocalExecutor(parallel).run(sp, all, row -> ui.execute(() -> arrived(row, all.size(), t0)));
                end = "Done: " + all.size() + " cells in " + seconds(System.nanoTime() - t0) + " s.";
            } catch (InterruptedException e) {
                end = "Cancelled";
            } catch (InputProblemException | RuntimeException e) {
                end = "Could not run: " + e.getMessage();
            }
            String message = end;
            ui.execute(() -> {
                running.set(false);
                status.set(message.equals("Cancelled") ? "Cancelled after " + done.get() + " of " + all.size()
                        + " cells." : message);
                eta.set("");
            });
            runner = null;
        }, "portfolio-sweep");
        t.setDaemon(true);
        runner = t;
        t.start();
    }

    /** Stops the running sweep: cells in flight are dropped, finished ones stay in the results. */
    public void cancel() {
        Thread t = runner;
        if (t != null) {
            t.interrupt();
        }
    }

    private void arrived(SweepStore.Row row, int total, long t0) {
        if (!running.get()) {
            return;
        }
        rows.put(row.index(), row);
        done.set(rows.size());
        double s = (System.nanoTime() - t0) / 1e9;
        double rate = rows.size() / Math.max(s, 1e-9);
        eta.set(rows.size() == total ? "" : "ETA " + Math.round((total - rows.size()) / rate) + " s");
        status.set(String.format(java.util.Locale.ROOT, "%d/%d cells, %.1f cells/s", rows.size(), total, rate));
        summarize();
    }

    private void summarize() {
        if (plan == null || rows.isEmpty() || !metrics.contains(metric.get())) {
            lines.clear();
            ranking.clear();
            boxes.clear();
            return;
        }
        List<SweepStore.Row> rs = results();
        lines.setAll(ResultSummary.lines(plan.header(), rs, metric.get()));
        ranking.setAll(ResultSummary.ranking(plan.header(), rs, metric.get(), higherIsBetter(metric.get())));
        boxes.setAll(boxes(plan.header(), rs, metric.get()));
    }

    /** Whether more of a metric is better (what the ranking puts first): placements and fill, yes; the rest, no. */
    public static boolean higherIsBetter(String metric) {
        return metric.equals("placed") || metric.equals("active") || metric.startsWith("fill_");
    }

    /** The boxes of a metric per design and era: {@link ResultSummary}'s p5/median/p95 with nearest-rank quartiles. */
    static List<Box> boxes(String header, List<SweepStore.Row> rs, String metric) {
        int at = List.of(header.split(",")).indexOf(metric) - 4;
        List<Box> out = new ArrayList<>();
        for (ResultSummary.Line l : ResultSummary.lines(header, rs, metric)) {
            List<Double> vs = new ArrayList<>();
            for (SweepStore.Row r : rs) {
                String v = r.values().split(",", -1)[at];
                if (r.design().equals(l.design()) && r.era().equals(l.era()) && !v.isEmpty()) {
                    vs.add(Double.parseDouble(v));
                }
            }
            vs.sort(null);
            out.add(new Box(l.design(), l.era(), l.cells(), l.p5(), quantile(vs, 0.25), l.median(), quantile(vs, 0.75),
                    l.p95()));
        }
        return out;
    }

    private static double quantile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }

    /** The finished rows in the portfolio's order. */
    public List<SweepStore.Row> results() {
        return List.copyOf(rows.values());
    }

    /** The results as the sweep's CSV ({@link Results#csvOf}); empty before a portfolio is open. */
    public String csv() {
        return plan == null ? "" : Results.csvOf(plan.header(), results());
    }

    /** Where a design's first run under an era comes from: for opening it in the theatre. */
    public record RunRef(String design, dev.placementstudio.model.CloudModel model, Path workload, String era, long seed) {
    }

    /** The first seed's run of a design under an era, on the portfolio's first workload. */
    public RunRef runOf(String design, String era) {
        if (portfolio == null) {
            return null;
        }
        PortfolioFiles.Design d = portfolio.designs().stream().filter(x -> x.name().equals(design)).findFirst().orElse(null);
        if (d == null || portfolio.workloads().isEmpty() || portfolio.seeds().isEmpty()) {
            return null;
        }
        Path w = file.toAbsolutePath().getParent().resolve(portfolio.workloads().get(0).name()).normalize();
        return new RunRef(design, d.model(), w, era, portfolio.seeds().get(0));
    }

    public ReadOnlyStringProperty nameProperty() { return name.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty cellsProperty() { return cells.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty doneProperty() { return done.getReadOnlyProperty(); }
    public ReadOnlyStringProperty etaProperty() { return eta.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ObservableList<String> designs() { return roDesigns; }
    public ObservableList<String> workloads() { return roWorkloads; }
    public ObservableList<String> eras() { return roEras; }
    public ObservableList<Long> seeds() { return roSeeds; }
    public ObservableList<String> metrics() { return roMetrics; }
    /** The chosen metric: the one settable property (the view's combo box writes it). */
    public StringProperty metricProperty() { return metric; }
    public ObservableList<ResultSummary.Line> lines() { return roLines; }
    public ObservableList<ResultSummary.Rank> ranking() { return roRanking; }
    public ObservableList<Box> boxes() { return roBoxes; }
}
