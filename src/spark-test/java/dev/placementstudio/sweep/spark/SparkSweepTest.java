package dev.placementstudio.sweep.spark;

import dev.placementstudio.TestFiles;
import dev.placementstudio.cli.CliRunner;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.master.Master;
import org.apache.spark.deploy.worker.Worker;
import org.apache.spark.rpc.RpcEnv;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spark backend gives the local executor's results cell for cell: on {@code local[2]}, and on a
 * standalone master with two workers started here on loopback (ports 19300-19399), whose executors are
 * separate JVMs. Run with {@code mvn -Pspark -Dtest=SparkSweepTest test}.
 */
class SparkSweepTest {
    @TempDir
    static Path dir;
    private static final List<RpcEnv> CLUSTER = new ArrayList<>();

    @BeforeAll
    static void loopbackOnly() {
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        System.setProperty("spark.driver.port", "19380");
        System.setProperty("spark.blockManager.port", "19385");
        System.setProperty("spark.port.maxRetries", "12");
        System.setProperty("spark.ui.enabled", "false");
        System.setProperty("SPARK_LOCAL_IP", "127.0.0.1");
    }

    @AfterAll
    static void stopCluster() {
        for (RpcEnv env : CLUSTER) {
            env.shutdown();
        }
        for (RpcEnv env : CLUSTER) {
            env.awaitTermination();
        }
        System.clearProperty("spark.testing");
        System.clearProperty("spark.test.home");
    }

    /** 2 designs x 2 eras x 3 seeds of teaching-small's busy day. */
    private static Path portfolio() throws Exception {
        Path p = dir.resolve("p.json");
        if (!Files.exists(p)) {
            Files.writeString(p, "{\"schemaVersion\": 1, \"name\": \"spark\", \"base\": \""
                    + TestFiles.sample("teaching-small") + "\",\n \"designs\": [{\"name\": \"base\", \"edits\": []},"
                    + " {\"name\": \"more\", \"edits\": [{\"op\": \"add_hosts\", \"like\": \"cn-4\", \"count\": 2}]}],\n"
                    + " \"workloads\": [\"" + TestFiles.root().resolve("sample-clouds/workloads/teaching-busy-day.json")
                    + "\"], \"eras\": [\"pike\", \"queens\"], \"seeds\": 3}");
        }
        return p;
    }

    private static String local() throws Exception {
        Path out = dir.resolve("local.csv");
        if (!Files.exists(out)) {
            CliRunner.Result r = CliRunner.run("sweep", portfolio().toString(), "--out", out.toString(), "--parallel", "2");
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        return Files.readString(out);
    }

    @Test
    void local2EqualsTheLocalExecutorCellForCell() throws Exception {
        Path out = dir.resolve("spark-local.db");
        CliRunner.Result r = CliRunner.run("sweep", portfolio().toString(), "--out", out.toString(), "--spark", "local[2]",
                "--export", dir.resolve("spark-local.csv").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(dir.resolve("spark-local.csv"))).isEqualTo(local());
        assertThat(local().lines()).hasSize(13);
    }

    @Test
    void aStandaloneMasterWithTwoWorkersEqualsTheLocalExecutor() throws Exception {
        String expected = local();
        // executors are JVMs the workers start: in testing mode they get this JVM's class path
        Path home = Files.createDirectories(dir.resolve("spark-home"));
        Files.createDirectories(home.resolve("launcher/target/scala-2.13"));
        Files.createDirectories(home.resolve("assembly/target/scala-2.13/jars")); // empty: the class path is ours
        System.setProperty("spark.testing", "true");
        System.setProperty("spark.test.home", home.toString());
        SparkConf conf = new SparkConf().set("spark.ui.enabled", "false");
        scala.Tuple3<RpcEnv, Object, scala.Option<Object>> m = Master.startRpcEnvAndEndpoint("127.0.0.1", 19310, 19320, conf);
        CLUSTER.add(m._1());
        String url = "spark://127.0.0.1:19310";
        for (int i = 1; i <= 2; i++) {
            CLUSTER.add(Worker.startRpcEnvAndEndpoint("127.0.0.1", 19310 + i, 19320 + i, 1, 1024, new String[]{url},
                    Files.createDirectories(dir.resolve("work" + i)).toString(), scala.Option.apply(i), conf,
                    scala.Option.empty()));
        }
        Path out = dir.resolve("standalone.csv");
        System.setProperty("spark.executor.memory", "512m");
        CliRunner.Result r = CliRunner.run("sweep", portfolio().toString(), "--out", out.toString(), "--spark", url);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(out)).isEqualTo(expected);
    }
}
