package dev.placementstudio.placement;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.placementstudio.placement.Fixtures.inv;
import static dev.placementstudio.placement.Fixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;

/** Many schedulers race for the last slots of a provider, as in Placement. */
class ClaimRaceTest {
    @RepeatedTest(3)
    void exactlyCapacityIsGrantedAndEveryLoserGetsAConflict() throws Exception {
        PlacementEngine e = new Fixtures().provider("cn", null, inv("VCPU", 40), List.of(), List.of()).engine();
        int threads = 16;
        int attemptsEach = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger granted = new AtomicInteger();
        ConcurrentLinkedQueue<PlacementException> refusals = new ConcurrentLinkedQueue<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < attemptsEach; i++) {
                    // read candidates, then claim the first: another thread may have taken the slot meanwhile
                    AllocationCandidates c = e.allocationCandidates("resources=VCPU:1");
                    Map<String, Map<String, Long>> allocs = c.isEmpty()
                            ? Map.of(uuid("cn"), Map.of("VCPU", 1L)) : c.requests().get(0).allocations();
                    try {
                        e.putAllocations("t" + id + "-" + i, AllocationWrite.of(allocs, "p", "u"));
                        granted.incrementAndGet();
                    } catch (PlacementException conflict) {
                        refusals.add(conflict);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(granted.get()).isEqualTo(40);
        assertThat(refusals).hasSize(threads * attemptsEach - 40).allSatisfy(r -> assertThat(r.status()).isEqualTo(409));
        assertThat(e.provider(uuid("cn")).orElseThrow().usages().get("VCPU")).isEqualTo(40);
        long consumers = e.consumers().stream().mapToLong(c -> c.allocations().get(uuid("cn")).get("VCPU")).sum();
        assertThat(consumers).isEqualTo(40);
    }

    @Test
    void twoWritersWithTheSameConsumerGenerationOneWins() throws Exception {
        PlacementEngine e = new Fixtures().provider("cn", null, inv("VCPU", 40), List.of(), List.of()).engine();
        e.putAllocations("vm", new AllocationWrite(Map.of(uuid("cn"), Map.of("VCPU", 1L)), "p", "u", "INSTANCE", null, true));
        long g = e.consumer("vm").orElseThrow().generation();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger wins = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            long amount = t + 2;
            fs.add(pool.submit(() -> {
                start.await();
                try {
                    e.putAllocations("vm", new AllocationWrite(Map.of(uuid("cn"), Map.of("VCPU", amount)), "p", "u",
                            "INSTANCE", g, true));
                    wins.incrementAndGet();
                } catch (PlacementException ex) {
                    assertThat(ex.code()).isEqualTo("placement.concurrent_update");
                    conflicts.incrementAndGet();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : fs) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(wins.get()).isEqualTo(1);
        assertThat(conflicts.get()).isEqualTo(7);
        assertThat(e.consumer("vm").orElseThrow().generation()).isEqualTo(g + 1);
    }
}
