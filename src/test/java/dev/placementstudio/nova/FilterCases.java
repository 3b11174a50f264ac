package dev.placementstudio.nova;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random filter cases in the oracle's host_states.py format: a few hosts (sizes, usage, hypervisors,
 * cpu_info, aggregates with metadata, instances, services up or down) and one request (a flavor whose
 * extra specs use every extra_specs_ops operator, an image, a server group, hints). Values come from small
 * pools so that requirements meet hosts often enough to pass some and fail others.
 */
final class FilterCases {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** The filters the differential test and the goldens compare. */
    static final List<String> FILTERS = List.of("ComputeCapabilitiesFilter", "AggregateInstanceExtraSpecsFilter");

    static final List<String> FEATURES = List.of("avx", "avx2", "sse4.2", "avx512f", "aes", "vmx", "ssse3");
    static final List<String> INSTANCES = List.of("11111111-0000-4000-8000-000000000001",
            "11111111-0000-4000-8000-000000000002", "11111111-0000-4000-8000-000000000003",
            "11111111-0000-4000-8000-000000000004", "11111111-0000-4000-8000-000000000005",
            "11111111-0000-4000-8000-000000000006");

    private final Random r;

    private FilterCases(Random r) {
        this.r = r;
    }

    static ObjectNode generate(Random random) {
        return new FilterCases(random).build();
    }

    static List<ObjectNode> generate(long seed, int n) {
        Random random = new Random(seed);
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(generate(random));
        }
        return out;
    }

    private <T> T pick(List<T> l) {
        return l.get(r.nextInt(l.size()));
    }

    private boolean chance(double p) {
        return r.nextDouble() < p;
    }

    private ObjectNode build() {
        ObjectNode c = F.objectNode();
        List<ObjectNode> aggregates = aggregates();
        ArrayNode hosts = c.putArray("hosts");
        int n = 2 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            hosts.add(host("h" + i, aggregates));
        }
        c.set("request", request());
        ObjectNode cfg = c.putObject("config");
        ArrayNode f = cfg.putArray("enabled_filters");
        FILTERS.forEach(f::add);
        cfg.putObject("weighers");
        return c;
    }

    private List<ObjectNode> aggregates() {
        List<ObjectNode> out = new ArrayList<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            ObjectNode a = F.objectNode();
            a.put("name", "agg" + i);
            ObjectNode md = a.putObject("metadata");
            if (chance(0.5)) {
                md.put("ssd", pick(List.of("true", "false")));
            }
            if (chance(0.4)) {
                md.put("tier", pick(List.of("gold", "silver", "gold,silver", " bronze ")));
            }
            if (chance(0.4)) {
                md.put("gpu_count", pick(List.of("1", "2", "4", "0.5")));
            }
            if (chance(0.3)) {
                md.put("availability_zone", pick(List.of("az1", "az2")));
            }
            if (chance(0.2)) {
                md.put("hypervisor_type", pick(List.of("QEMU", "kvm")));
            }
            out.add(a);
        }
        return out;
    }

    private ObjectNode host(String name, List<ObjectNode> aggregates) {
        ObjectNode h = F.objectNode();
        h.put("host", name);
        int vcpus = pick(List.of(4, 8, 16, 32));
        long mem = pick(List.of(8192L, 16384L, 65536L));
        h.put("vcpus", vcpus);
        h.put("vcpus_used", r.nextInt(vcpus + 4));
        h.put("memory_mb", mem);
        h.put("free_ram_mb", mem - 512 - r.nextInt((int) mem));
        long disk = pick(List.of(100L, 400L, 1000L));
        long used = r.nextInt((int) disk);
        h.put("local_gb", disk);
        h.put("local_gb_used", used);
        h.put("free_disk_gb", disk - used);
        if (chance(0.2)) {
            h.put("disk_available_least", r.nextInt((int) disk));
        }
        h.put("num_instances", r.nextInt(6));
        h.put("io_ops", r.nextInt(4));
        h.put("failed_builds", r.nextInt(2));
        h.put("hypervisor_type", chance(0.85) ? "QEMU" : pick(List.of("VMware vCenter Server", "ironic")));
        h.put("hypervisor_version", pick(List.of(6002000L, 7002000L, 8001000L, 5000000L)));
        h.put("host_ip", pick(List.of("10.0.0.1", "10.0.0.7", "10.0.1.5", "192.168.3.4")));
        h.put("cpu_allocation_ratio", pick(List.of(16.0, 4.0, 1.0)));
        h.put("ram_allocation_ratio", pick(List.of(1.5, 1.0)));
        h.put("disk_allocation_ratio", 1.0);
        h.put("disabled", chance(0.1));
        h.put("up", !chance(0.1));
        if (chance(0.85)) {
            ObjectNode cpu = h.putObject("cpu_info");
            cpu.put("arch", chance(0.85) ? "x86_64" : "aarch64");
            cpu.put("model", pick(List.of("Skylake-Server-IBRS", "EPYC-Rome", "Cascadelake-Server")));
            cpu.put("vendor", pick(List.of("Intel", "AMD")));
            ObjectNode topo = cpu.putObject("topology");
            topo.put("cells", 1 + r.nextInt(2));
            topo.put("sockets", 1 + r.nextInt(2));
            topo.put("cores", pick(List.of(4, 8, 16)));
            topo.put("threads", 1 + r.nextInt(2));
            ArrayNode feats = cpu.putArray("features");
            for (String f : FEATURES) {
                if (chance(0.5)) {
                    feats.add(f);
                }
            }
        }
        ArrayNode aggs = h.putArray("aggregates");
        for (ObjectNode a : aggregates) {
            if (chance(0.5)) {
                aggs.add(a);
            }
        }
        ArrayNode inst = h.putArray("instances");
        for (String u : INSTANCES) {
            if (chance(0.2)) {
                inst.add(u);
            }
        }
        return h;
    }

    /** A key, the kind of value it has on a host (n a number, s a string, l a list's text) and likely words. */
    private record Key(String key, char kind, List<String> words) {
        Key(String key, char kind) {
            this(key, kind, List.of());
        }
    }

    private static final List<String> ARCH = List.of("x86_64", "aarch64", "i686");
    private static final List<String> HV = List.of("QEMU", "kvm", "ironic", "VMware vCenter Server");
    private static final List<Key> CAPABILITY_KEYS = List.of(
            new Key("capabilities:cpu_info:features", 'l', FEATURES), new Key("capabilities:cpu_info:arch", 's', ARCH),
            new Key("capabilities:cpu_info:vendor", 's', List.of("Intel", "AMD")),
            new Key("capabilities:cpu_info:model", 's', List.of("EPYC-Rome", "Skylake-Server-IBRS", "Cascadelake")),
            new Key("capabilities:cpu_info:topology:cores", 'n'), new Key("capabilities:hypervisor_type", 's', HV),
            new Key("capabilities:hypervisor_version", 'n'), new Key("capabilities:free_ram_mb", 'n'),
            new Key("capabilities:vcpus_total", 'n'), new Key("capabilities:num_instances", 'n'),
            new Key("capabilities:stats:io_workload", 'n'),
            new Key("capabilities:host_ip", 's', List.of("10.0.0.1", "10.0.0.7", "10.0.1", "192.168")),
            new Key("capabilities:supported_instances", 'l', List.of("i686", "aarch64", "kvm", "x86_64")),
            new Key("capabilities:cpu_info", 'l', FEATURES),
            new Key("capabilities:no_such_thing", 's'), new Key("capabilities:cpu_allocation_ratio", 'n'),
            new Key("capabilities:free_disk_mb", 'n'), new Key("capabilities:cpu_info:arch:x", 's'),
            new Key("capabilities:limits", 'l', List.of("{}", "numa")), new Key("capabilities:numa_topology", 's'),
            new Key("hypervisor_type", 's', HV), new Key("free_ram_mb", 'n'), new Key("num_io_ops", 'n'),
            new Key("io_workload", 'n'), new Key("nodename", 's', List.of("h0", "h1", "h2")),
            new Key("vcpus_used", 'n'));
    private static final List<Key> AGGREGATE_KEYS = List.of(
            new Key("aggregate_instance_extra_specs:ssd", 's', List.of("true", "false")),
            new Key("aggregate_instance_extra_specs:tier", 's', List.of("gold", "silver", "bronze")),
            new Key("tier", 's', List.of("gold", "silver", "bronze")),
            new Key("aggregate_instance_extra_specs:gpu_count", 'n'), new Key("gpu_count", 'n'),
            new Key("aggregate_instance_extra_specs:availability_zone", 's', List.of("az1", "az2")),
            new Key("aggregate_instance_extra_specs:missing", 's'), new Key("ssd", 's', List.of("true", "false")),
            new Key("aggregate_instance_extra_specs:hypervisor_type", 's', HV));
    private static final List<String> WORDS = List.of("x86_64", "Intel", "QEMU", "true", "gold", "az1", "h1",
            "10.0.0.1", "hvm");

    private String requirement(Key key) {
        if (key.kind() == 'n') {
            String num = pick(List.of("0", "1", "2", "3", "4", "8", "16", "2048", "8192", "7002000", "6002000",
                    "1.5", "102400", "1e3"));
            String op = pick(List.of("=", "==", "!=", ">=", "<=", "s==", "s!=", "s<", "s>=", "<in>", "<or>", ""));
            return switch (op) {
                case "" -> num;
                case "<or>" -> "<or> " + num + " <or> " + pick(List.of("1", "2", "4", "16"));
                default -> op + " " + num;
            };
        }
        List<String> words = key.words().isEmpty() || chance(0.1) ? WORDS : key.words();
        String op = pick(List.of("s==", "s!=", "s<", "s<=", "s>", "s>=", "<in>", "<all-in>", "<or>", "", ""));
        String word = pick(words);
        return switch (op) {
            case "" -> word;
            case "<or>" -> "<or> " + word + " <or> " + pick(words) + (chance(0.3) ? " <or> " + pick(words) : "");
            case "<all-in>" -> "<all-in> " + word + " " + pick(words);
            default -> op + " " + word;
        };
    }

    private ObjectNode request() {
        ObjectNode req = F.objectNode();
        ObjectNode f = req.putObject("flavor");
        f.put("name", pick(List.of("m1.small", "m1.large", "gold")));
        f.put("vcpus", pick(List.of(1, 2, 4)));
        f.put("memory_mb", pick(List.of(512, 2048, 4096)));
        f.put("root_gb", pick(List.of(1, 20, 40)));
        ObjectNode extra = f.putObject("extra_specs");
        int n = chance(0.1) ? 0 : chance(0.7) ? 1 : 2;
        for (int i = 0; i < n; i++) {
            Key k = chance(0.6) ? pick(CAPABILITY_KEYS) : pick(AGGREGATE_KEYS);
            extra.put(k.key(), requirement(k));
        }
        if (chance(0.2)) {
            extra.put(pick(List.of("hw:cpu_policy", "trait:HW_CPU_X86_AVX2", "resources:VGPU")),
                    pick(List.of("shared", "required", "1")));
        }
        req.put("instance_uuid", "22222222-0000-4000-8000-000000000001");
        req.put("project_id", pick(List.of("p1", "p2")));
        return req;
    }
}
