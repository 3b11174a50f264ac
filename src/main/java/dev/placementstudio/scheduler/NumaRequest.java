package dev.placementstudio.scheduler;

import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.Image;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An instance's NUMA constraints as {@code hardware.numa_get_constraints} derives them from the flavor's
 * {@code hw:} extra specs and the image's {@code hw_} properties: CPU policy and thread policy (also from
 * {@code resources:PCPU}/{@code VCPU} and {@code trait:HW_CPU_HYPERTHREADING}), {@code hw:numa_nodes}
 * (cells split evenly, or {@code hw:numa_cpus.N}/{@code hw:numa_mem.N}), {@code hw:mem_page_size},
 * {@code hw:emulator_threads_policy=isolate}. No cells means no NUMA topology is asked for.
 */
record NumaRequest(String policy, String threadPolicy, List<Cell> cells, boolean emulatorThreadsIsolated,
                   String refused) {
    static final int SMALL = -1;
    static final int LARGE = -2;
    static final int ANY = -3;

    /**
     * One instance cell.
     *
     * @param vcpus its shared (floating) vCPUs
     * @param pcpus its dedicated vCPUs
     * @param pagesize 0 for none asked, a size in KiB, or SMALL, LARGE, ANY
     */
    record Cell(int id, int vcpus, int pcpus, long memoryMb, int pagesize, String policy, String threadPolicy) {
    }

    private static NumaRequest refuse(String why) {
        return new NumaRequest(null, null, List.of(), false, why);
    }

    static NumaRequest of(Flavor f, Image image) {
        Map<String, String> e = f.extraSpecs();
        Map<String, String> p = image == null ? Map.of() : image.properties();
        String fp = e.get("hw:cpu_policy");
        String ip = p.get("hw_cpu_policy");
        Set<String> policies = Set.of("shared", "dedicated", "mixed");
        if ((fp != null && !fp.isEmpty() && !policies.contains(fp)) || (ip != null && !ip.isEmpty() && !policies.contains(ip))) {
            return refuse("InvalidCPUAllocationPolicy");
        }
        String policy;
        if ("dedicated".equals(fp) || "mixed".equals(fp) || "shared".equals(fp)) {
            if (("mixed".equals(fp) && "dedicated".equals(ip))
                    || ("shared".equals(fp) && ("mixed".equals(ip) || "dedicated".equals(ip)))) {
                return refuse("ImageCPUPinningForbidden");
            }
            policy = fp;
        } else {
            policy = ip != null && policies.contains(ip) ? ip : null;
        }
        String ft = e.get("hw:cpu_thread_policy");
        String it = p.get("hw_cpu_thread_policy");
        Set<String> threads = Set.of("prefer", "isolate", "require");
        if ((ft != null && !ft.isEmpty() && !threads.contains(ft)) || (it != null && !it.isEmpty() && !threads.contains(it))) {
            return refuse("InvalidCPUThreadAllocationPolicy");
        }
        String thread;
        if (ft == null || ft.isEmpty() || ft.equals("prefer")) {
            thread = ft != null && !ft.isEmpty() ? ft : (it == null || it.isEmpty() ? null : it);
        } else if (it != null && !it.isEmpty() && !it.equals(ft)) {
            return refuse("ImageCPUThreadPolicyForbidden");
        } else {
            thread = ft;
        }
        String emu = e.get("hw:emulator_threads_policy");
        if (emu != null && !emu.isEmpty() && !emu.equals("share") && !emu.equals("isolate")) {
            return refuse("InvalidEmulatorThreadsPolicy");
        }
        boolean isolateEmu = "isolate".equals(emu);
        Long reqVcpu = resource(e, "VCPU");
        Long reqPcpu = resource(e, "PCPU");
        if (policy != null && (reqVcpu != null || reqPcpu != null)) {
            return refuse("InvalidRequest: resources:VCPU/PCPU with hw:cpu_policy");
        }
        if (reqVcpu != null && reqPcpu != null) {
            return refuse("InvalidRequest: both resources:VCPU and resources:PCPU");
        }
        if (reqPcpu != null) {
            if (reqPcpu != f.vcpus() + (isolateEmu ? 1 : 0)) {
                return refuse("InvalidRequest: resources:PCPU does not match the flavor's vCPUs");
            }
            policy = "dedicated";
        }
        if (reqVcpu != null) {
            policy = "shared";
        }
        String ht = null;
        for (Map.Entry<String, String> x : e.entrySet()) {
            if (x.getKey().matches("trait([1-9][0-9]*)?:HW_CPU_HYPERTHREADING")) {
                ht = x.getValue();
                break;
            }
        }
        if (thread != null && ht != null) {
            return refuse("InvalidRequest: trait:HW_CPU_HYPERTHREADING with hw:cpu_thread_policy");
        }
        if ("forbidden".equals(ht)) {
            thread = "isolate";
        } else if ("required".equals(ht)) {
            thread = "require";
        }
        Set<Integer> dedicatedMask = null;
        String mask = e.get("hw:cpu_dedicated_mask");
        if (mask != null && !mask.isEmpty()) {
            dedicatedMask = mask.strip().startsWith("^") ? cpuSpec("0-" + (f.vcpus() - 1) + "," + mask) : cpuSpec(mask);
            if (dedicatedMask == null || dedicatedMask.isEmpty() || dedicatedMask.size() >= f.vcpus()
                    || dedicatedMask.stream().anyMatch(c -> c < 0 || c >= f.vcpus())) {
                return refuse("InvalidMixedInstanceDedicatedMask");
            }
        }
        if (policy == null || policy.equals("shared")) {
            if (thread != null) {
                return refuse("CPUThreadPolicyConfigurationInvalid");
            }
            if (isolateEmu) {
                return refuse("BadRequirementEmulatorThreadsPolicy");
            }
            if (dedicatedMask != null) {
                return refuse("RequiredMixedInstancePolicy");
            }
        } else if (policy.equals("dedicated")) {
            if (dedicatedMask != null) {
                return refuse("RequiredMixedInstancePolicy");
            }
        } else if (dedicatedMask == null) {
            return refuse("RequiredMixedOrRealtimeCPUMask (realtime masks are not modelled)");
        }
        String fn = e.get("hw:numa_nodes");
        String in = p.get("hw_numa_nodes");
        if (fn != null && !fn.isEmpty() && in != null && !in.isEmpty()) {
            return refuse("ImageNUMATopologyForbidden");
        }
        String nodesText = fn != null && !fn.isEmpty() ? fn : in;
        Integer nodes = null;
        if (nodesText != null && !nodesText.isEmpty()) {
            Long n = AggregateFilters.pythonInt(nodesText);
            if (n == null || n < 1) {
                return refuse("InvalidNUMANodesNumber");
            }
            nodes = n.intValue();
        }
        int pagesize = 0;
        String fps = e.get("hw:mem_page_size");
        String ips = p.get("hw_mem_page_size");
        if ((fps == null || fps.isEmpty()) && ips != null && !ips.isEmpty()) {
            return refuse("MemoryPageSizeForbidden");
        }
        if (fps != null && !fps.isEmpty()) {
            pagesize = pagesize(fps);
            if (pagesize == 0) {
                return refuse("MemoryPageSizeInvalid");
            }
            if (ips != null && !ips.isEmpty()) {
                if (pagesize != ANY && pagesize != LARGE) {
                    return refuse("MemoryPageSizeForbidden");
                }
                pagesize = pagesize(ips);
                if (pagesize == 0) {
                    return refuse("MemoryPageSizeInvalid");
                }
            }
        }
        Set<Integer> pcpus = new TreeSet<>();
        if ("dedicated".equals(policy)) {
            for (int i = 0; i < f.vcpus(); i++) {
                pcpus.add(i);
            }
        } else if (dedicatedMask != null) {
            pcpus.addAll(dedicatedMask);
        }
        boolean wanted = nodes != null || pagesize != 0 || "dedicated".equals(policy) || "mixed".equals(policy);
        if (!wanted) {
            return new NumaRequest(policy, thread, List.of(), isolateEmu, null);
        }
        int n = nodes == null ? 1 : nodes;
        List<Cell> cells = new ArrayList<>();
        boolean manual = e.keySet().stream().anyMatch(k -> k.startsWith("hw:numa_cpus.") || k.startsWith("hw:numa_mem."));
        if (manual) {
            int total = 0;
            long mem = 0;
            for (int node = 0; node < n; node++) {
                Set<Integer> cpus = e.get("hw:numa_cpus." + node) == null ? null : cpuSpec(e.get("hw:numa_cpus." + node));
                Long m = e.get("hw:numa_mem." + node) == null ? null : AggregateFilters.pythonInt(e.get("hw:numa_mem." + node));
                if (cpus == null || m == null) {
                    return refuse("ImageNUMATopologyIncomplete");
                }
                int ded = (int) cpus.stream().filter(pcpus::contains).count();
                cells.add(new Cell(node, cpus.size() - ded, ded, m, pagesize, policy, thread));
                total += cpus.size();
                mem += m;
            }
            if (total != f.vcpus() || mem != f.ramMb()) {
                return refuse("ImageNUMATopology mismatch (CPUs or memory do not add up)");
            }
        } else {
            if (f.vcpus() % n != 0 || f.ramMb() % n != 0) {
                return refuse("ImageNUMATopologyAsymmetric");
            }
            int per = f.vcpus() / n;
            for (int node = 0; node < n; node++) {
                int ded = 0;
                for (int c = node * per; c < (node + 1) * per; c++) {
                    if (pcpus.contains(c)) {
                        ded++;
                    }
                }
                cells.add(new Cell(node, per - ded, ded, f.ramMb() / n, pagesize, policy, thread));
            }
        }
        return new NumaRequest(policy, thread, cells, isolateEmu, null);
    }

    private static Long resource(Map<String, String> e, String rc) {
        for (Map.Entry<String, String> x : e.entrySet()) {
            if (x.getKey().matches("resources([1-9][0-9]*|_[A-Za-z0-9_-]+)?:" + rc)) {
                return AggregateFilters.pythonInt(x.getValue());
            }
        }
        return null;
    }

    /** small, large, any, a number of KiB, or a size with units (2MB, 1GB); 0 when invalid. */
    static int pagesize(String text) {
        switch (text) {
            case "small":
                return SMALL;
            case "large":
                return LARGE;
            case "any":
                return ANY;
            default:
                break;
        }
        if (text.matches("\\d+")) {
            return Integer.parseInt(text);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)\\s*([KMGT])i?B?$").matcher(text);
        if (!m.matches()) {
            return 0;
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2)) {
            case "K" -> 0;
            case "M" -> 10;
            case "G" -> 20;
            default -> 30;
        };
        return (int) (n << shift);
    }

    /** Nova's {@code parse_cpu_spec}: "0-3,^2,5" ; null when invalid. */
    static Set<Integer> cpuSpec(String spec) {
        Set<Integer> include = new TreeSet<>();
        Set<Integer> exclude = new TreeSet<>();
        for (String raw : spec.split(",")) {
            String part = raw.strip();
            if (part.isEmpty()) {
                continue;
            }
            boolean not = part.startsWith("^");
            String body = not ? part.substring(1) : part;
            Set<Integer> target = not ? exclude : include;
            if (body.matches("\\d+\\s*-\\s*\\d+")) {
                String[] ab = body.split("-");
                int a = Integer.parseInt(ab[0].strip());
                int b = Integer.parseInt(ab[1].strip());
                if (a > b) {
                    return null;
                }
                for (int i = a; i <= b; i++) {
                    target.add(i);
                }
            } else if (body.matches("\\d+")) {
                target.add(Integer.parseInt(body));
            } else {
                return null;
            }
        }
        include.removeAll(exclude);
        return include;
    }
}
