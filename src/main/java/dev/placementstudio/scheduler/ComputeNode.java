package dev.placementstudio.scheduler;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nova's ComputeNode record, the one a {@code HostState} is built from ({@code host_manager.py}
 * {@code _update_from_compute_node}). Two halves, as in Nova:
 * <ul>
 * <li>what the compute's virt driver advertises: hypervisor type and version, hostname, host IP, the
 * supported instances, {@code cpu_info} (libvirt feature names), NUMA cells, PCI pools
 * ({@code [pci] device_spec}: SR-IOV VFs, passthrough GPUs; not Cyborg accelerators, not mdev vGPUs);</li>
 * <li>what its resource tracker counts ({@code nova/compute/resource_tracker.py},
 * {@code conductor.ComputeTracker} here), not Placement's usage: {@code vcpusUsed} = reserved_host_cpus
 * + Σ flavor.vcpus of every tracked instance, pinned ones too; {@code memoryMbUsed} =
 * reserved_host_memory_mb + Σ flavor RAM of tracked instances and migrations, so {@code freeRamMb} has no
 * allocation ratio and may be negative; {@code localGbUsed} likewise; {@code diskAvailableLeast} is the
 * driver's physical figure (null: not reported), a shared pool's free space for an RBD- or NFS-backed
 * compute; {@code stats} carries {@code num_instances} (and {@code io_workload}, {@code failed_builds});
 * the PCI pools' counts are their free devices.</li>
 * </ul>
 * The filters read a host through it: ComputeCapabilitiesFilter and JsonFilter by Nova's attribute names,
 * ImagePropertiesFilter its {@code supported_instances} and hypervisor version, NUMATopologyFilter and
 * PciPassthroughFilter its cells and pools; the weighers its free RAM, disk, vcpus and PCI devices.
 *
 * @param hypervisorVersion as Nova keeps it: {@code major * 1,000,000 + minor * 1,000 + patch} (QEMU 7.2.0 is 7002000)
 * @param supportedInstances (architecture, hypervisor type, VM mode) triples the driver advertises
 * @param cpuInfo libvirt's CPU description ({@code arch}, {@code model}, {@code vendor}, {@code topology},
 *                {@code features} in libvirt's names), as the JSON the compute stored, keys in its order
 * @param memoryMbUsed the tracker's {@code memory_mb_used} ({@code free_ram_mb} is memory_mb less it)
 * @param localGbUsed the tracker's {@code local_gb_used} ({@code free_disk_gb} is local_gb less it)
 * @param diskAvailableLeast when not null, caps free_disk_gb in {@link #freeDiskMb()}
 * @param stats the compute's stats ({@code num_instances}, {@code io_workload}, {@code failed_builds}, …)
 * @param metrics monitor metrics by name (MetricsFilter)
 */
public record ComputeNode(String hypervisorType, long hypervisorVersion, String hypervisorHostname, String hostIp,
                          List<HvSpec> supportedInstances, Map<String, Object> cpuInfo,
                          int vcpus, int vcpusUsed, long memoryMb, long memoryMbUsed, long localGb, long localGbUsed,
                          Long diskAvailableLeast, double cpuAllocationRatio, double ramAllocationRatio,
                          double diskAllocationRatio, Map<String, String> stats, Map<String, Double> metrics,
                          List<NumaCell> numaTopology, List<PciPool> pciPools) {
    /** One (architecture, hypervisor type, VM mode) a compute can run, canonical lower-case names. */
    public record HvSpec(String arch, String hvType, String vmMode) {
        public List<String> asList() {
            return java.util.Arrays.asList(arch, hvType, vmMode);
        }
    }

    /** QEMU 7.2.0, Debian 12's, as the libvirt driver reports it. */
    public static final long DEFAULT_HYPERVISOR_VERSION = 7_002_000L;

    public ComputeNode {
        supportedInstances = List.copyOf(supportedInstances == null ? List.of() : supportedInstances);
        cpuInfo = cpuInfo == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(cpuInfo));
        stats = ComputeStats.of(stats);
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        numaTopology = List.copyOf(numaTopology == null ? List.of() : numaTopology);
        pciPools = List.copyOf(pciPools == null ? List.of() : pciPools);
    }

    /**
     * This driver record with the resource tracker's counts laid over it: what the compute reports now.
     * The stats given replace the record's.
     */
    public ComputeNode withUsage(int vcpusUsed, long memoryMbUsed, long localGbUsed, Long diskAvailableLeast,
                                 Map<String, String> stats, List<PciPool> pciPools) {
        return new ComputeNode(hypervisorType, hypervisorVersion, hypervisorHostname, hostIp, supportedInstances,
                cpuInfo, vcpus, vcpusUsed, memoryMb, memoryMbUsed, localGb, localGbUsed, diskAvailableLeast,
                cpuAllocationRatio, ramAllocationRatio, diskAllocationRatio, stats, metrics, numaTopology, pciPools);
    }

    /** This record with these stats added to (and overriding) its own. */
    public ComputeNode withStats(Map<String, String> more) {
        Map<String, String> s = new LinkedHashMap<>(stats);
        s.putAll(more);
        return new ComputeNode(hypervisorType, hypervisorVersion, hypervisorHostname, hostIp, supportedInstances,
                cpuInfo, vcpus, vcpusUsed, memoryMb, memoryMbUsed, localGb, localGbUsed, diskAvailableLeast,
                cpuAllocationRatio, ramAllocationRatio, diskAllocationRatio, s, metrics, numaTopology, pciPools);
    }

    /**
     * What a libvirt/KVM compute of this architecture advertises: an x86_64 host also runs i686 guests
     * (libvirt lists both guest architectures for a KVM domain); other architectures run their own.
     */
    public static List<HvSpec> kvmInstances(String architecture) {
        String arch = architecture == null ? "x86_64" : architecture;
        if (arch.equals("x86_64")) {
            return List.of(new HvSpec("x86_64", "kvm", "hvm"), new HvSpec("i686", "kvm", "hvm"));
        }
        return List.of(new HvSpec(arch, "kvm", "hvm"));
    }

    /**
     * The record of a host no compute reports for (a host known only from raw Placement state, as
     * {@code serve} and the Placement-only tests have): a libvirt/KVM x86_64 host (bare metal for an
     * Ironic node) whose counts are read from Placement's usage, the only ones there are. A host of a
     * modelled cloud never comes here: its compute's resource tracker reports its record.
     */
    static ComputeNode fromPlacement(HostState h) {
        HostInfo info = h.info();
        long usedRam = h.capacity("MEMORY_MB") - h.free("MEMORY_MB");
        long usedDisk = h.capacity("DISK_GB") - h.free("DISK_GB");
        int usedVcpus = (int) (h.capacity("VCPU") - h.free("VCPU"));
        Map<String, String> stats = new LinkedHashMap<>();
        stats.put("num_instances", Integer.toString(info.instances().size()));
        stats.put("io_workload", Integer.toString(info.ioOps()));
        stats.put("failed_builds", Integer.toString(info.failedBuilds()));
        List<HvSpec> supported = info.baremetal() ? List.of(new HvSpec("x86_64", "baremetal", "hvm"))
                : kvmInstances("x86_64");
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("arch", "x86_64");
        cpu.put("features", features(info.traits()));
        return new ComputeNode(info.hypervisorType(), DEFAULT_HYPERVISOR_VERSION, info.name(), null, supported,
                cpu, (int) h.capacity("VCPU"), usedVcpus, h.capacity("MEMORY_MB"), usedRam,
                h.capacity("DISK_GB"), usedDisk, null, 1.0, 1.0, 1.0, stats, null, null, null);
    }

    /** The tracker's {@code free_ram_mb}: memory_mb − memory_mb_used, no allocation ratio; may be negative. */
    public long freeRamMb() {
        return memoryMb - memoryMbUsed;
    }

    /** The tracker's {@code free_disk_gb}: local_gb − local_gb_used. */
    public long freeDiskGb() {
        return localGb - localGbUsed;
    }

    /** Free devices over all pools (what PCIWeigher sums). */
    public int freePciDevices() {
        int n = 0;
        for (PciPool p : pciPools) {
            n += p.count();
        }
        return n;
    }

    /** libvirt's names of the CPU features behind these traits, in trait order (other traits dropped). */
    public static List<String> features(java.util.Collection<String> traits) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (String t : traits) {
            String f = TRAIT_FEATURES.get(t);
            if (f != null) {
                out.add(f);
            }
        }
        return List.copyOf(out);
    }

    /** Nova's {@code versionutils.convert_version_to_int}: "7.2.0" is 7002000. */
    public static long versionToInt(String version) {
        long out = 0;
        for (String part : version.strip().split("\\.")) {
            out = out * 1000 + Long.parseLong(part.strip());
        }
        return out;
    }

    /** Nova's {@code versionutils.convert_version_to_str}: 7002000 is "7.2.0". */
    public static String versionToString(long version) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        long v = version;
        while (v != 0) {
            parts.addFirst(Long.toString(v % 1000));
            v /= 1000;
        }
        return String.join(".", parts);
    }

    public int numInstances() {
        return ((ComputeStats) stats).numInstances();
    }

    public int numIoOps() {
        return statInt("io_workload");
    }

    public int failedBuilds() {
        return statInt("failed_builds");
    }

    private int statInt(String key) {
        return ((ComputeStats) stats).intValue(key);
    }

    /** The HostState's {@code free_disk_mb}: the lesser of free_disk_gb and disk_available_least, in MB. */
    public long freeDiskMb() {
        long gb = diskAvailableLeast == null ? freeDiskGb() : Math.min(diskAvailableLeast, freeDiskGb());
        return gb * 1024;
    }

    /** True when the host reports a NUMA topology (libvirt does; some drivers do not). */
    public boolean hasNumaTopology() {
        return !numaTopology.isEmpty();
    }

    /** libvirt's CPU feature names for the CPU traits it reports ({@code nova/virt/libvirt/utils.py}). */
    public static String libvirtFeature(String trait) {
        return TRAIT_FEATURES.get(trait);
    }

    private static final Map<String, String> TRAIT_FEATURES = pairs(
            "HW_CPU_X86_3DNOW", "3dnow", "HW_CPU_X86_ABM", "abm", "HW_CPU_X86_AESNI", "aes", "HW_CPU_X86_AVX", "avx",
            "HW_CPU_X86_AVX2", "avx2", "HW_CPU_X86_AVX512VPOPCNTDQ", "avx512-vpopcntdq",
            "HW_CPU_X86_AVX512BITALG", "avx512bitalg", "HW_CPU_X86_AVX512BW", "avx512bw",
            "HW_CPU_X86_AVX512CD", "avx512cd", "HW_CPU_X86_AVX512DQ", "avx512dq", "HW_CPU_X86_AVX512ER", "avx512er",
            "HW_CPU_X86_AVX512F", "avx512f", "HW_CPU_X86_AVX512IFMA", "avx512ifma", "HW_CPU_X86_AVX512PF", "avx512pf",
            "HW_CPU_X86_AVX512VBMI", "avx512vbmi", "HW_CPU_X86_AVX512VBMI2", "avx512vbmi2",
            "HW_CPU_X86_AVX512VL", "avx512vl", "HW_CPU_X86_AVX512VNNI", "avx512vnni", "HW_CPU_X86_BMI", "bmi1",
            "HW_CPU_X86_BMI2", "bmi2", "HW_CPU_X86_F16C", "f16c", "HW_CPU_X86_FMA3", "fma", "HW_CPU_X86_FMA4", "fma4",
            "HW_CPU_X86_AVX512GFNI", "gfni", "HW_CPU_X86_MMX", "mmx", "HW_CPU_X86_MPX", "mpx",
            "HW_CPU_X86_CLMUL", "pclmuldq", "HW_CPU_X86_SHA", "sha-ni", "HW_CPU_X86_SSE", "sse",
            "HW_CPU_X86_SSE2", "sse2", "HW_CPU_X86_SSE3", "sse3", "HW_CPU_X86_SSE41", "sse4.1",
            "HW_CPU_X86_SSE42", "sse4.2", "HW_CPU_X86_SSE4A", "sse4a", "HW_CPU_X86_SSSE3", "ssse3",
            "HW_CPU_X86_SVM", "svm", "HW_CPU_X86_AMD_SVM", "svm", "HW_CPU_X86_TBM", "tbm",
            "HW_CPU_X86_AVX512VAES", "vaes", "HW_CPU_X86_VMX", "vmx", "HW_CPU_X86_INTEL_VMX", "vmx",
            "HW_CPU_X86_AVX512VPCLMULQDQ", "vpclmulqdq", "HW_CPU_X86_XOP", "xop");

    private static Map<String, String> pairs(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
