package dev.placementstudio.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP client that measures a Placement API, ours ({@code serve}) or the real one, the same way:
 * <ul>
 *   <li>{@code candidates URL QUERY N}: N sequential {@code GET /allocation_candidates}, median and min ms;</li>
 *   <li>{@code claims URL SECONDS CLIENTS}: CLIENTS threads claim ({@code PUT /allocations/{new consumer}})
 *       the candidates of a small request, round the list, for SECONDS; claims a second, grants, and each
 *       409 sorted by why (a generation conflict or no room: anything else is counted as wrong); then
 *       every provider's usage is checked against its capacity;</li>
 *   <li>{@code load URL SECONDS CLIENTS}: mixed reads (candidates, providers, usages), claims and deletes;
 *       counts 5xx, then checks that the providers' usage is exactly what the live claims hold.</li>
 * </ul>
 * Prints one JSON line. Run by {@code src/jmh/serve-vs-oracle.sh}.
 */
public final class ServeBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SMALL = "resources=VCPU:1,MEMORY_MB:256,DISK_GB:10";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    private ServeBench(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("x-auth-token", "admin").header("OpenStack-API-Version", "placement 1.39")
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static void main(String[] a) throws Exception {
        ServeBench b = new ServeBench(a[1]);
        String out = switch (a[0]) {
            case "candidates" -> b.candidates(a[2], Integer.parseInt(a[3]), a.length > 4 ? Integer.parseInt(a[4]) : 0);
            case "claims" -> b.claims(Integer.parseInt(a[2]), Integer.parseInt(a[3]), a.length < 5 || !a[4].equals("nocheck"));
            case "load" -> b.load(Integer.parseInt(a[2]), Integer.parseInt(a[3]));
            default -> throw new IllegalArgumentException("candidates|claims|load");
        };
        System.out.println(out);
    }

    private String candidates(String query, int n, int warmup) throws Exception {
        for (int i = 0; i < warmup; i++) { // both sides warm (our JIT, their caches) before timing
            call("GET", "/allocation_candidates?" + query, null);
        }
        double[] ms = new double[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = call("GET", "/allocation_candidates?" + query, null);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(r.statusCode() + " " + r.body());
            }
            if (i == 0) {
                count = JSON.readTree(r.body()).get("allocation_requests").size();
            }
        }
        Arrays.sort(ms);
        return String.format("{\"median_ms\": %.2f, \"min_ms\": %.2f, \"count\": %d, \"n\": %d}", ms[n / 2], ms[0], count, n);
    }

    /** The allocation requests of the small request, as bodies ready to PUT. */
    private List<String> claimBodies() throws Exception {
        JsonNode reqs = JSON.readTree(call("GET", "/allocation_candidates?" + SMALL + "&limit=1000", null).body())
                .get("allocation_requests");
        List<String> bodies = new ArrayList<>();
        for (JsonNode r : reqs) {
            bodies.add("{\"allocations\": " + r.get("allocations") + ", \"project_id\": \"bench\", \"user_id\": \"bench\","
                    + " \"consumer_generation\": null, \"consumer_type\": \"INSTANCE\"}");
        }
        return bodies;
    }

    private String claims(int seconds, int clients, boolean check) throws Exception {
        List<String> bodies = claimBodies();
        AtomicInteger next = new AtomicInteger();
        AtomicLong granted = new AtomicLong();
        AtomicLong conflicts = new AtomicLong();
        AtomicLong noRoom = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            threads.add(started(() -> {
                while (System.nanoTime() < end) {
                    String body = bodies.get(Math.floorMod(next.getAndIncrement(), bodies.size()));
                    try {
                        HttpResponse<String> r = call("PUT", "/allocations/" + UUID.randomUUID(), body);
                        sort(r, granted, conflicts, noRoom, wrong);
                    } catch (Exception e) {
                        failed.incrementAndGet(); // no answer (a refused or reset connection)
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        long over = check ? overCapacity() : -1;
        long total = granted.get() + conflicts.get() + noRoom.get() + wrong.get();
        return String.format("{\"claims_per_s\": %.1f, \"requests\": %d, \"granted\": %d, \"conflict_409\": %d,"
                        + " \"no_room_409\": %d, \"wrong\": %d, \"no_answer\": %d, \"over_capacity\": %d,"
                        + " \"clients\": %d, \"seconds\": %d}",
                total / (double) seconds, total, granted.get(), conflicts.get(), noRoom.get(), wrong.get(), failed.get(),
                over, clients, seconds);
    }

    private static Thread started(Runnable r) {
        Thread t = new Thread(r);
        t.start();
        return t;
    }

    private static void sort(HttpResponse<String> r, AtomicLong granted, AtomicLong conflicts, AtomicLong noRoom,
                             AtomicLong wrong) {
        if (r.statusCode() == 204) {
            granted.incrementAndGet();
        } else if (r.statusCode() == 409 && r.body().contains("placement.concurrent_update")) {
            conflicts.incrementAndGet();
        } else if (r.statusCode() == 409 && r.body().contains("exceed the capacity")) {
            noRoom.incrementAndGet();
        } else {
            wrong.incrementAndGet();
        }
    }

    /** Providers whose usage of some class is above (total - reserved) * allocation_ratio. */
    private long overCapacity() throws Exception {
        long over = 0;
        for (JsonNode p : JSON.readTree(call("GET", "/resource_providers", null).body()).get("resource_providers")) {
            String uuid = p.get("uuid").asText();
            JsonNode inv = JSON.readTree(call("GET", "/resource_providers/" + uuid + "/inventories", null).body()).get("inventories");
            JsonNode use = JSON.readTree(call("GET", "/resource_providers/" + uuid + "/usages", null).body()).get("usages");
            for (Iterator<Map.Entry<String, JsonNode>> it = inv.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode i = e.getValue();
                double capacity = (i.get("total").asLong() - i.get("reserved").asLong()) * i.get("allocation_ratio").asDouble();
                if (use.has(e.getKey()) && use.get(e.getKey()).asLong() > capacity) {
                    over++;
                }
            }
        }
        return over;
    }

    private long vcpuUsed(List<String> providers) throws Exception {
        long used = 0;
        for (String p : providers) {
            JsonNode u = JSON.readTree(call("GET", "/resource_providers/" + p + "/usages", null).body()).get("usages");
            used += u.has("VCPU") ? u.get("VCPU").asLong() : 0;
        }
        return used;
    }

    private String load(int seconds, int clients) throws Exception {
        List<String> bodies = claimBodies();
        List<String> providers = new ArrayList<>();
        JSON.readTree(call("GET", "/resource_providers", null).body()).get("resource_providers")
                .forEach(p -> providers.add(p.get("uuid").asText()));
        long before = vcpuUsed(providers);
        Map<String, Long> live = new ConcurrentHashMap<>(); // consumer -> VCPU it holds
        AtomicInteger next = new AtomicInteger();
        AtomicLong reads = new AtomicLong();
        AtomicLong writes = new AtomicLong();
        AtomicLong fiveXx = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            int me = t;
            threads.add(started(() -> {
                java.util.SplittableRandom random = new java.util.SplittableRandom(me);
                List<String> mine = new ArrayList<>();
                try {
                    while (System.nanoTime() < end) {
                        int pick = random.nextInt(10);
                        HttpResponse<String> r;
                        if (pick < 4) {
                            r = call("GET", "/allocation_candidates?" + SMALL + "&limit=50", null);
                            reads.incrementAndGet();
                        } else if (pick < 6) {
                            r = call("GET", "/resource_providers/" + providers.get(random.nextInt(providers.size())) + "/usages", null);
                            reads.incrementAndGet();
                        } else if (pick < 9 || mine.isEmpty()) {
                            String consumer = UUID.randomUUID().toString();
                            String body = bodies.get(Math.floorMod(next.getAndIncrement(), bodies.size()));
                            r = call("PUT", "/allocations/" + consumer, body);
                            writes.incrementAndGet();
                            if (r.statusCode() == 204) {
                                mine.add(consumer);
                                live.put(consumer, 1L);
                            }
                        } else {
                            String consumer = mine.remove(random.nextInt(mine.size()));
                            r = call("DELETE", "/allocations/" + consumer, null);
                            writes.incrementAndGet();
                            if (r.statusCode() == 204) {
                                live.remove(consumer);
                            }
                        }
                        if (r.statusCode() >= 500) {
                            fiveXx.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        long used = vcpuUsed(providers) - before;
        long expected = live.values().stream().mapToLong(Long::longValue).sum();
        return String.format("{\"seconds\": %d, \"clients\": %d, \"reads\": %d, \"writes\": %d, \"requests_per_s\": %.1f,"
                        + " \"5xx\": %d, \"client_errors\": %d, \"vcpu_used\": %d, \"vcpu_held_by_live_claims\": %d, \"lost_writes\": %d}",
                seconds, clients, reads.get(), writes.get(), (reads.get() + writes.get()) / (double) seconds, fiveXx.get(),
                errors.get(), used, expected, Math.abs(used - expected));
    }
}
