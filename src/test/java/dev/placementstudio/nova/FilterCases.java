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
    static final List<String> FILTERS = List.of("AggregateImagePropertiesIsolation",
            "AggregateInstanceExtraSpecsFilter", "AggregateIoOpsFilter", "AggregateMultiTenancyIsolation",
            "AggregateNumInstancesFilter", "AggregateTypeAffinityFilter", "AllHostsFilter", "AvailabilityZoneFilter",
            "ComputeCapabilitiesFilter", "ComputeFilter", "DifferentHostFilter", "ImagePropertiesFilter",
            "IoOpsFilter", "IsolatedHostsFilter", "JsonFilter", "MetricsFilter", "NUMATopologyFilter",
            "NumInstancesFilter", "PciPassthroughFilter",
            "SameHostFilter", "ServerGroupAffinityFilter", "ServerGroupAntiAffinityFilter",
            "SimpleCIDRAffinityFilter");

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
        ObjectNode conf = cfg.putObject("conf");
        ObjectNode fs = conf.putObject("filter_scheduler");
        if (chance(0.5)) {
            fs.put("max_io_ops_per_host", 1 + r.nextInt(4));
        }
        if (chance(0.5)) {
            fs.put("max_instances_per_host", 2 + r.nextInt(4));
        }
        if (chance(0.3)) {
            ArrayNode imgs = fs.putArray("isolated_images");
            imgs.add("img-a");
        }
        if (chance(0.3)) {
            ArrayNode hs = fs.putArray("isolated_hosts");
            hs.add("h" + r.nextInt(3));
        }
        if (chance(0.3)) {
            fs.put("restrict_isolated_hosts_to_isolated_images", chance(0.5));
        }
        if (chance(0.2)) {
            fs.put("aggregate_image_properties_isolation_namespace", pick(List.of("os", "hw")));
            if (chance(0.5)) {
                fs.put("aggregate_image_properties_isolation_separator", "_");
            }
        }
        if (chance(0.2)) {
            fs.put("image_properties_default_architecture", pick(List.of("x86_64", "aarch64")));
        }
        if (chance(0.4)) {
            ArrayNode ws = conf.putObject("metrics").putArray("weight_setting");
            ws.add("cpu.frequency=1.0");
            if (chance(0.4)) {
                ws.add(pick(List.of("cpu.user.percent=-1.0", "bad", "cpu.user.percent = x")));
            }
        }
        if (chance(0.2)) {
            conf.putObject("DEFAULT").put("default_availability_zone", "az1");
        }
        ArrayNode alias = conf.putObject("pci").putArray("alias");
        alias.add("{\"name\": \"gpu\", \"vendor_id\": \"10de\", \"product_id\": \"20b0\", \"device_type\": \"type-PCI\""
                + (chance(0.3) ? ", \"numa_policy\": \"" + pick(List.of("required", "preferred", "legacy")) + "\"" : "")
                + "}");
        alias.add("{\"name\": \"vf\", \"vendor_id\": \"8086\", \"product_id\": \"154c\", \"device_type\": \"type-VF\"}");
        alias.add("{\"name\": \"pf\", \"vendor_id\": \"10de\", \"product_id\": \"20b0\", \"device_type\": \"type-PF\"}");
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
            if (chance(0.2)) {
                md.put("max_io_ops_per_host", pick(List.of("1", "3", "x", " 2 ")));
            }
            if (chance(0.2)) {
                md.put("max_instances_per_host", pick(List.of("2", "4", "50")));
            }
            if (chance(0.2)) {
                md.put("instance_type", pick(List.of("m1.small", "m1.small, gold", "m1.large")));
            }
            if (chance(0.2)) {
                md.put("filter_tenant_id", pick(List.of("p1", "p2,p3", " p2 , p1")));
            }
            if (chance(0.2)) {
                md.put("os_distro", pick(List.of("ubuntu", "ubuntu,rhel")));
            }
            if (chance(0.15)) {
                md.put("hw_qemu_guest_agent", pick(List.of("True", "False")));
            }
            if (chance(0.1)) {
                md.put("hw_cpu_cores", pick(List.of("2", "4")));
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
        if (chance(0.3)) {
            ArrayNode sup = h.putArray("supported_instances");
            for (List<String> t : pick(List.of(List.of(List.of("aarch64", "kvm", "hvm")),
                    List.of(List.of("x86_64", "vmware", "hvm"), List.of("i686", "vmware", "hvm")),
                    List.of(List.of("x86_64", "qemu", "hvm")), List.<List<String>>of(),
                    List.of(List.of("x86_64", "baremetal", "hvm"))))) {
                ArrayNode triple = sup.addArray();
                t.forEach(triple::add);
            }
        }
        if (chance(0.5)) {
            ArrayNode metrics = h.putArray("metrics");
            for (String m : List.of("cpu.frequency", "cpu.user.percent")) {
                if (chance(0.6)) {
                    ObjectNode mo = metrics.addObject();
                    mo.put("name", m);
                    mo.put("value", r.nextInt(3000));
                    mo.put("source", "libvirt.LibvirtDriver");
                    mo.put("timestamp", "2026-01-01T00:00:00Z");
                }
            }
        }
        if (chance(0.6)) {
            numa(h);
        }
        if (chance(0.5)) {
            ArrayNode pools = h.putArray("pci_pools");
            int cells = h.has("numa_topology") ? h.get("numa_topology").size() : 2;
            for (int i = 0; i < 1 + r.nextInt(3); i++) {
                ObjectNode p = pools.addObject();
                boolean vf = chance(0.6);
                p.put("vendor_id", vf ? "8086" : "10de");
                p.put("product_id", vf ? "154c" : "20b0");
                if (chance(0.85)) {
                    p.put("numa_node", r.nextInt(cells));
                } else {
                    p.putNull("numa_node");
                }
                p.put("count", r.nextInt(5));
                ObjectNode tags = p.putObject("tags");
                tags.put("dev_type", vf ? "type-VF" : pick(List.of("type-PCI", "type-PF")));
                if (vf) {
                    tags.put("physical_network", pick(List.of("physnet1", "physnet2")));
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

    private static final List<String> QUERIES = List.of(
            "[\">=\", \"$free_ram_mb\", 4096]", "[\"<\", \"$num_instances\", 3]",
            "[\"and\", [\">\", \"$vcpus_total\", 8], [\"=\", \"$hypervisor_type\", \"QEMU\"]]",
            "[\"or\", [\"<=\", \"$free_disk_mb\", 102400], [\"in\", \"$host\", \"h0\", \"h2\"]]",
            "[\"not\", [\"=\", \"$host\", \"h1\"]]", "[\"=\", \"$stats.io_workload\", \"1\"]",
            "[\">=\", \"$cpu_allocation_ratio\", 4]", "[\"=\", \"$nodename\", \"h0\", \"h1\"]",
            "[\"<\", \"$no_such\", 5]", "[]", "[\"=\", \"$host_ip\", \"10.0.0.1\"]",
            "[\">\", \"$hypervisor_version\", 7000000]", "[\"and\"]", "[\"not\", false, true]");

    private void image(ObjectNode img) {
        if (chance(0.3)) {
            img.put("id", pick(List.of("img-a", "img-b")));
        }
        ObjectNode p = img.putObject("properties");
        if (chance(0.4)) {
            p.put("hw_architecture", pick(List.of("x86_64", "i686", "aarch64", "AMD64", "i386")));
        }
        if (chance(0.25)) {
            p.put("img_hv_type", pick(List.of("kvm", "qemu", "QEMU", "vmware", "baremetal")));
        }
        if (chance(0.15)) {
            p.put("hw_vm_mode", pick(List.of("hvm", "xen", "HVM")));
        }
        if (chance(0.25)) {
            p.put("img_hv_requested_version", pick(List.of(">= 6.0", "< 7.0", ">= 7.2, < 8.1", "== 8.1.0",
                    "!= 6.2", ">=7.2.0")));
        }
        if (chance(0.3)) {
            p.put("os_distro", pick(List.of("ubuntu", "rhel")));
        }
        if (chance(0.2)) {
            p.put("hw_qemu_guest_agent", pick(List.of("yes", "no", "true")));
        }
        if (chance(0.15)) {
            p.put("hw_cpu_cores", pick(List.of("2", "4", "0")));
        }
    }

    /** Host NUMA cells as the libvirt driver reports them: shared and dedicated CPUs, siblings, pages, usage. */
    private void numa(ObjectNode h) {
        ArrayNode cells = h.putArray("numa_topology");
        int n = 1 + r.nextInt(3);
        boolean ht = chance(0.5);
        int next = 0;
        for (int id = 0; id < n; id++) {
            ObjectNode c = cells.addObject();
            c.put("id", id);
            int shared = pick(List.of(0, 2, 4));
            int dedicated = pick(List.of(0, 2, 4, 6));
            ArrayNode cpuset = c.putArray("cpuset");
            ArrayNode pcpuset = c.putArray("pcpuset");
            ArrayNode siblings = c.putArray("siblings");
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < shared; i++) {
                cpuset.add(next);
                all.add(next++);
            }
            List<Integer> ded = new ArrayList<>();
            for (int i = 0; i < dedicated; i++) {
                pcpuset.add(next);
                ded.add(next);
                all.add(next++);
            }
            for (int i = 0; i < all.size(); i += ht ? 2 : 1) {
                ArrayNode sib = siblings.addArray();
                sib.add(all.get(i));
                if (ht && i + 1 < all.size()) {
                    sib.add(all.get(i + 1));
                }
            }
            long mem = pick(List.of(4096L, 8192L, 16384L));
            c.put("memory", mem);
            c.put("cpu_usage", r.nextInt(shared * 3 + 1));
            c.put("memory_usage", r.nextInt((int) mem));
            ArrayNode pinned = c.putArray("pinned_cpus");
            for (int cpu : ded) {
                if (chance(0.3)) {
                    pinned.add(cpu);
                }
            }
            ArrayNode pages = c.putArray("mempages");
            long huge = chance(0.4) ? pick(List.of(2L, 4L)) : 0;
            ObjectNode small = pages.addObject();
            small.put("size_kb", 4);
            small.put("total", (mem - huge * 1024) * 256);
            small.put("used", 0);
            if (huge > 0) {
                ObjectNode big = pages.addObject();
                big.put("size_kb", 1048576);
                big.put("total", huge);
                big.put("used", r.nextInt((int) huge + 1));
            }
            ArrayNode nets = c.putArray("physnets");
            if (chance(0.5)) {
                nets.add(pick(List.of("physnet1", "physnet2")));
            }
            if (chance(0.7)) {
                c.put("socket", id / 2);
            }
        }
    }

    private void numaAndPciSpecs(ObjectNode extra, ObjectNode req, ObjectNode f) {
        if (chance(0.3)) {
            extra.put("hw:numa_nodes", pick(List.of("1", "2", "3")));
        }
        if (chance(0.35)) {
            extra.put("hw:cpu_policy", pick(List.of("dedicated", "dedicated", "shared")));
            if ("dedicated".equals(extra.get("hw:cpu_policy").asText()) && chance(0.5)) {
                extra.put("hw:cpu_thread_policy", pick(List.of("prefer", "isolate", "require")));
            }
            if ("dedicated".equals(extra.get("hw:cpu_policy").asText()) && chance(0.2)) {
                extra.put("hw:emulator_threads_policy", "isolate");
            }
        }
        if (chance(0.2)) {
            extra.put("hw:mem_page_size", pick(List.of("small", "large", "any", "1GB", "4", "2048")));
        }
        if (chance(0.25)) {
            extra.put("pci_passthrough:alias", pick(List.of("gpu:1", "gpu:2", "vf:1", "gpu:1,vf:1", "pf:1")));
            if (chance(0.3)) {
                extra.put("hw:pci_numa_affinity_policy", pick(List.of("required", "legacy", "preferred", "socket")));
            }
        }
        if (chance(0.15)) {
            ArrayNode reqs = req.putArray("pci_requests");
            ObjectNode pr = reqs.addObject();
            pr.put("count", 1);
            ObjectNode spec = pr.putArray("spec").addObject();
            spec.put("physical_network", pick(List.of("physnet1", "physnet2")));
            spec.put("dev_type", "type-VF");
        }
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
        if (chance(0.5)) {
            numaAndPciSpecs(extra, req, f);
        }
        req.put("instance_uuid", chance(0.1) ? INSTANCES.get(0) : "22222222-0000-4000-8000-000000000001");
        req.put("project_id", pick(List.of("p1", "p2")));
        if (chance(0.8)) {
            image(req.putObject("image"));
        }
        if (chance(0.4)) {
            req.put("availability_zone", pick(List.of("az1", "az2", "nova")));
        }
        ObjectNode hints = req.putObject("hints");
        for (String hint : List.of("same_host", "different_host")) {
            if (chance(0.2)) {
                if (chance(0.5)) {
                    hints.put(hint, pick(INSTANCES));
                } else {
                    ArrayNode l = hints.putArray(hint);
                    INSTANCES.stream().filter(x -> chance(0.3)).forEach(l::add);
                }
            }
        }
        if (chance(0.25)) {
            hints.put("query", pick(QUERIES));
        }
        if (chance(0.2)) {
            hints.put("build_near_host_ip", pick(List.of("10.0.0.9", "10.0.1.1", "192.168.3.200")));
            if (chance(0.6)) {
                hints.put("cidr", pick(List.of("/24", "/16", "/8", "/32")));
            }
        }
        if (chance(0.35)) {
            ObjectNode g = req.putObject("server_group");
            boolean anti = chance(0.5);
            g.put("policy", anti ? "anti-affinity" : "affinity");
            ArrayNode gh = g.putArray("hosts");
            for (int i = 0; i < 5; i++) {
                if (chance(0.25)) {
                    gh.add("h" + i);
                }
            }
            ArrayNode gm = g.putArray("members");
            INSTANCES.stream().filter(x -> chance(0.4)).forEach(gm::add);
            ObjectNode rules = g.putObject("rules");
            if (anti && chance(0.4)) {
                rules.put("max_server_per_host", 1 + r.nextInt(2));
            }
        }
        return req;
    }
}
