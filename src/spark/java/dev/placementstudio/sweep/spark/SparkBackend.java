package dev.placementstudio.sweep.spark;

import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.store.SweepStore;
import dev.placementstudio.sweep.Backend;
import dev.placementstudio.sweep.Cell;
import dev.placementstudio.sweep.PlanBytes;
import dev.placementstudio.sweep.SweepPlan;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs cells on Spark. Each cell is one task (one partition of one element), so Spark spreads them over
 * every executor core; the portfolio (models as JSON, workload texts) is broadcast once and each executor
 * JVM parses it once. Rows come back to the driver in batches of a few tasks per core, each batch written
 * before the next is started, so a driver killed mid-sweep loses at most one batch and {@code --resume}
 * redoes only that. A master set by spark-submit ({@code spark.master}) wins over {@code --spark}.
 */
public final class SparkBackend implements Backend {
    /** Each executor JVM's plans, by broadcast id: parsed once, shared by its task threads. */
    private static final ConcurrentHashMap<Long, SweepPlan> PLANS = new ConcurrentHashMap<>();

    private final String master;

    public SparkBackend(String master) {
        this.master = master;
    }

    /** The Spark configuration of a sweep: the master, and no web UI unless asked for. */
    static SparkConf conf(String master, String name) {
        SparkConf conf = new SparkConf().setAppName("placement-studio sweep " + name);
        conf.setIfMissing("spark.master", master);
        conf.setIfMissing("spark.ui.enabled", "false");
        return conf;
    }

    @Override
    public void run(SweepPlan plan, List<Cell> cells, Sink sink) throws InputProblemException {
        if (cells.isEmpty()) {
            return;
        }
        try (JavaSparkContext sc = new JavaSparkContext(conf(master, plan.bytes().name()))) {
            sc.setLogLevel("WARN");
            Broadcast<PlanBytes> shared = sc.broadcast(plan.bytes());
            int batch = Math.max(1, sc.defaultParallelism() * 4);
            for (int from = 0; from < cells.size(); from += batch) {
                List<Cell> some = cells.subList(from, Math.min(cells.size(), from + batch));
                List<SweepStore.Row> rows = sc.parallelize(some, some.size()).map(c -> planOf(shared).run(c)).collect();
                for (SweepStore.Row r : rows) {
                    sink.accept(r);
                }
            }
        }
    }

    private static SweepPlan planOf(Broadcast<PlanBytes> b) {
        return PLANS.computeIfAbsent(b.id(), id -> {
            try {
                return SweepPlan.of(b.value());
            } catch (InputProblemException e) {
                throw new IllegalStateException("the broadcast portfolio does not parse: " + e.getMessage(), e);
            }
        });
    }
}
