package dev.placementstudio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.placementstudio.TestFiles;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: random and malformed {@code GET /allocation_candidates} query strings through {@code candidates}. The exit
 * is one the command documents: 0 with the candidates, 1 with Placement's 400 body on stdout (status, a detail, a
 * placement.* code), or 2 with a one-line message; never 70, and no stack trace text anywhere. Under {@code --jsonl}
 * every query gets its own line, good or bad, and the batch goes on. Granular groups are few, so that no query
 * explodes into millions of candidates (issue 19 item 4, handled elsewhere).
 */
class QueryFuzzTest {
    static final int TRIES = 150;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DUMP = TestFiles.root().resolve("src/test/resources/placement-export/nfv-sriov-numa.dump.json")
            .toString();
    private static final AtomicInteger QUERIES = new AtomicInteger();
    private static final int[] EXITS = new int[3];
    private static final String[] NUMBERS = {"0", "1", "2", "16", "-1", "2147483647", "2147483648", "9223372036854775807",
            "9223372036854775808", "99999999999999999999", "-99999999999999999999", "1_0", "1__0", "+5", " 5 ", "1e3", "1.5",
            "0x10", "\u0665", "", "1" + "0".repeat(5000)};
    private static final String[] CLASSES = {"VCPU", "PCPU", "MEMORY_MB", "DISK_GB", "SRIOV_NET_VF",
            "NET_BW_EGR_KILOBIT_PER_SEC", "CUSTOM_NOPE", "vcpu", "", "VCPU:1"};
    private static final String[] TRAITS = {"HW_NUMA_ROOT", "CUSTOM_VNIC_TYPE_DIRECT", "COMPUTE_NODE", "HW_CPU_X86_AVX2",
            "!HW_CPU_X86_AVX2", "!!COMPUTE_NODE", "in:HW_CPU_X86_AVX2,HW_CPU_X86_SSE42", "in:", "!in:COMPUTE_NODE",
            "CUSTOM_NOPE", "", ",", "HW_NUMA_ROOT,,COMPUTE_NODE"};
    private static final String[] KEYS = {"resources", "resources", "resources1", "resources2", "resources_NUMA",
            "resources_", "resources0", "required", "required1", "required_NUMA", "member_of", "member_of1", "in_tree",
            "in_tree1", "limit", "limit", "group_policy", "root_required", "same_subtree", "resources" + "X".repeat(70),
            "RESOURCES", "allocations", ""};

    @AfterContainer
    static void report() {
        System.out.println("QueryFuzzTest: " + QUERIES.get() + " queries, exits 0/1/2: " + EXITS[0] + "/" + EXITS[1] + "/"
                + EXITS[2]);
    }

    private static Tuple.Tuple2<Integer, Arbitrary<? extends String>> f(int weight, Arbitrary<String> a) {
        return Tuple.of(weight, a);
    }

    private static Arbitrary<String> junk() {
        return Arbitraries.frequencyOf(f(3, Arbitraries.strings().all().ofMaxLength(12)),
                f(2, Arbitraries.of("%", "%zz", "%00", "%C3%28", "%E2%82%AC", "%2C", "%3A", "%26", "+", "\u0000", "\n", "'", "\"",
                        "\\", "=", "&&", "a".repeat(3000))));
    }

    private static Arbitrary<String> value(String key) {
        Arbitrary<String> amount = Arbitraries.of(NUMBERS);
        Arbitrary<String> resources = Combinators.combine(Arbitraries.of(CLASSES), amount).as((rc, n) -> rc + ":" + n)
                .list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(",", l));
        Arbitrary<String> uuid = Arbitraries.of("96d35b85-06d9-318b-9031-7cd89c2412b0", "96d35b8506d9318b90317cd89c2412b0",
                "{96d35b85-06d9-318b-9031-7cd89c2412b0}", "urn:uuid:96d35b85-06d9-318b-9031-7cd89c2412b0",
                java.util.UUID.randomUUID().toString(), "in:96d35b85-06d9-318b-9031-7cd89c2412b0,not-a-uuid", "!in:", "nope");
        Arbitrary<String> typed = key.startsWith("resources") ? resources
                : key.startsWith("required") || key.equals("root_required") ? Arbitraries.of(TRAITS)
                : key.startsWith("member_of") || key.startsWith("in_tree") ? uuid
                : key.equals("limit") ? amount
                : key.equals("group_policy") ? Arbitraries.of("none", "isolate", "ISOLATE", "", "both")
                : key.equals("same_subtree") ? Arbitraries.of("_NUMA", "1,2", "_NUMA,", ",", "_X,_NUMA", "")
                : junk();
        return Arbitraries.frequencyOf(f(8, typed), f(1, junk()), f(1, amount));
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> pair = Arbitraries.of(KEYS).flatMap(k -> Combinators.combine(value(k),
                Arbitraries.integers().between(0, 19)).as((v, shape) -> shape == 0 ? k : shape == 1 ? k + "=" : k + "=" + v));
        Arbitrary<String> random = pair.list().ofMinSize(1).ofMaxSize(6).map(l -> String.join("&", l));
        // a query Placement answers, with odd parts added: so that the search itself runs, not only the parser
        Arbitrary<String> sound = Combinators.combine(
                Arbitraries.of("resources=VCPU:1", "resources=VCPU:2,MEMORY_MB:512", "resources=PCPU:2,MEMORY_MB:1024",
                        "resources=DISK_GB:10&resources1=SRIOV_NET_VF:1&required1=CUSTOM_VNIC_TYPE_DIRECT",
                        "resources_NUMA=VCPU:1&required_NUMA=HW_NUMA_ROOT&resources=DISK_GB:1",
                        "resources1=VCPU:1&resources2=SRIOV_NET_VF:1&group_policy=isolate&same_subtree=1,2"),
                Arbitraries.of("", "&limit=1", "&limit=1000000000000", "&required=HW_CPU_X86_AVX2",
                        "&required=!HW_CPU_X86_AVX2", "&root_required=COMPUTE_NODE", "&member_of=96d35b85-06d9-318b-9031-7cd89c2412b0",
                        "&group_policy=none", "&limit=0&limit=3", "&resources=VCPU:99999999999999999999"),
                pair.list().ofMaxSize(2)).as((base, add, more) -> base + add + (more.isEmpty() ? "" : "&" + String.join("&", more)));
        Arbitrary<String> joined = Arbitraries.frequencyOf(f(3, random), f(2, sound));
        return Combinators.combine(joined, Arbitraries.integers().between(0, 9)).as((q, shape) -> switch (shape) {
            case 0 -> "?" + q;
            case 1 -> q + "&";
            case 2 -> "&" + q;
            default -> q;
        });
    }

    private static void assertNoTrace(CliRunner.Result r) {
        for (String text : new String[]{r.out(), r.err()}) {
            assertThat(text).doesNotContain("Exception").doesNotContain("at dev.").doesNotContain("internal error");
        }
    }

    @Property(tries = TRIES)
    void oneQueryExitsAsDocumented(@ForAll("queries") String query) throws Exception {
        QUERIES.incrementAndGet();
        CliRunner.Result r = CliRunner.run("candidates", "--dump", DUMP, query);
        assertNoTrace(r);
        assertThat(r.exitCode()).as(query + "\n" + r.err()).isIn(0, 1, 2);
        synchronized (EXITS) {
            EXITS[r.exitCode()]++;
        }
        switch (r.exitCode()) {
            case 0 -> {
                JsonNode body = JSON.readTree(r.out());
                assertThat(body.get("allocation_requests").isArray()).isTrue();
                assertThat(body.get("provider_summaries").isObject()).isTrue();
                assertThat(r.err()).isEmpty();
            }
            case 1 -> {
                JsonNode e = JSON.readTree(r.out()).get("errors").get(0);
                assertThat(e.get("status").asInt()).isEqualTo(400);
                assertThat(e.get("title").asText()).isEqualTo("Bad Request");
                assertThat(e.get("detail").asText()).as(query).isNotBlank();
                assertThat(e.get("code").asText()).startsWith("placement.");
            }
            default -> {
                assertThat(r.out()).isEmpty();
                assertThat(r.err().strip()).isNotEmpty();
                assertThat(r.err().strip().lines()).hasSize(1);
            }
        }
    }

    @Property(tries = TRIES / 3)
    void aBatchAnswersEveryLineAndGoesOn(@ForAll("queryLists") List<String> queries) throws Exception {
        QUERIES.addAndGet(queries.size());
        List<String> args = new ArrayList<>(List.of("candidates", "--dump", DUMP, "--jsonl"));
        args.addAll(queries);
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertNoTrace(r);
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(queries.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = JSON.readTree(lines.get(i));
            assertThat(line.fieldNames()).toIterable().containsExactly("query", "status", "body");
            assertThat(line.get("query").asText()).isEqualTo(queries.get(i));
            int status = line.get("status").asInt();
            assertThat(status).isIn(200, 400);
            if (status == 400) {
                assertThat(line.at("/body/errors/0/detail").asText()).isNotBlank();
            } else {
                assertThat(line.at("/body/allocation_requests").isArray()).isTrue();
            }
        }
    }

    @Provide
    Arbitrary<List<String>> queryLists() {
        return queries().list().ofMinSize(1).ofMaxSize(5);
    }
}
