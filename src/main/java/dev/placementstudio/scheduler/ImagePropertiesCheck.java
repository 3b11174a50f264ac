package dev.placementstudio.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ImagePropertiesFilter ({@code nova/scheduler/filters/image_props_filter.py}): the image's
 * {@code hw_architecture} (or the configured default architecture), {@code img_hv_type} and
 * {@code hw_vm_mode}, canonicalized as Nova does, must all be in one of the (architecture, hypervisor type,
 * VM mode) triples the host advertises, and that host's hypervisor version must satisfy
 * {@code img_hv_requested_version} (a distutils version predicate such as {@code >= 6.0, < 8.0}).
 */
final class ImagePropertiesCheck {
    private ImagePropertiesCheck() {
    }

    static final Set<String> ARCHITECTURES = Set.of("alpha", "armv6", "armv7l", "armv7b", "aarch64", "cris", "i686",
            "ia64", "lm32", "m68k", "microblaze", "microblazeel", "mips", "mipsel", "mips64", "mips64el", "openrisc",
            "parisc", "parisc64", "ppc", "ppcle", "ppc64", "ppc64le", "ppcemb", "s390", "s390x", "sh4", "sh4eb", "sparc",
            "sparc64", "unicore32", "x86_64", "xtensa", "xtensaeb");
    static final Set<String> HV_TYPES = Set.of("baremetal", "bhyve", "docker", "fake", "hyperv", "ironic", "kqemu",
            "kvm", "lxc", "lxd", "openvz", "parallels", "phyp", "qemu", "test", "uml", "vbox", "vz", "vmware", "xen",
            "zvm", "prsm");
    static final Set<String> VM_MODES = Set.of("hvm", "xen", "uml", "exe");

    /** Nova's fields.Architecture.canonicalize; null for a name Nova refuses. */
    static String architecture(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("i386") || n.equals("i486") || n.equals("i586") || n.equals("x86_32") || n.equals("x86_32p")) {
            n = "i686";
        }
        if (n.equals("amd64")) {
            n = "x86_64";
        }
        return ARCHITECTURES.contains(n) ? n : null;
    }

    static String hvType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        n = n.equals("xapi") ? "xen" : n;
        return HV_TYPES.contains(n) ? n : null;
    }

    static String vmMode(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        n = n.equals("pv") ? "xen" : n.equals("hv") || n.equals("baremetal") ? "hvm" : n;
        return VM_MODES.contains(n) ? n : null;
    }

    /** True when the image asks nothing of the host (no architecture, hypervisor type or VM mode). */
    static boolean inert(Map<String, String> props, String defaultArchitecture) {
        return props.get("hw_architecture") == null && defaultArchitecture == null && props.get("img_hv_type") == null
                && props.get("hw_vm_mode") == null;
    }

    static String reject(ComputeNode host, Map<String, String> props, String defaultArchitecture) {
        String arch = props.getOrDefault("hw_architecture", defaultArchitecture);
        String hv = props.get("img_hv_type");
        String mode = props.get("hw_vm_mode");
        List<String> wanted = new ArrayList<>(3);
        if (arch != null) {
            String a = architecture(arch);
            if (a == null) {
                return "Nova refuses the image: '" + arch + "' is not an architecture";
            }
            wanted.add(a);
        }
        if (hv != null) {
            String t = hvType(hv);
            if (t == null) {
                return "Nova refuses the image: '" + hv + "' is not a hypervisor type";
            }
            wanted.add(t);
        }
        if (mode != null) {
            String m = vmMode(mode);
            if (m == null) {
                return "Nova refuses the image: '" + mode + "' is not a VM mode";
            }
            wanted.add(m);
        }
        if (wanted.isEmpty()) {
            return null;
        }
        if (host.supportedInstances().isEmpty()) {
            return "image wants " + String.join("/", wanted) + ", host advertises no supported instances";
        }
        String requested = props.get("img_hv_requested_version");
        VersionPredicate predicate = null;
        if (requested != null && host.hypervisorVersion() != 0) {
            predicate = VersionPredicate.parse(requested);
            if (predicate == null) {
                return "Nova refuses the image: img_hv_requested_version '" + requested + "' is not a version predicate";
            }
        }
        for (ComputeNode.HvSpec s : host.supportedInstances()) {
            List<String> triple = s.asList();
            if (triple.containsAll(wanted)) {
                if (predicate == null) {
                    return null;
                }
                Boolean ok = predicate.satisfiedBy(ComputeNode.versionToString(host.hypervisorVersion()));
                if (ok == null) {
                    return "Nova raises: hypervisor version " + ComputeNode.versionToString(host.hypervisorVersion())
                            + " is not a strict version";
                }
                if (ok) {
                    return null;
                }
            }
        }
        return "image wants " + String.join("/", wanted)
                + (predicate == null ? "" : " on hypervisor version " + requested) + "; host runs "
                + host.supportedInstances().stream().map(x -> String.join("/", x.asList())).toList()
                + (predicate == null ? "" : " at " + ComputeNode.versionToString(host.hypervisorVersion()));
    }

    /**
     * A distutils {@code VersionPredicate} restricted to one package: comma-separated comparisons, each
     * against a StrictVersion ({@code 1.2}, {@code 1.2.3}, {@code 1.2b1}).
     */
    record VersionPredicate(List<String> ops, List<int[]> versions) {
        private static final Pattern COMPARISON = Pattern.compile("^\\s*(<=|>=|<|>|!=|==)\\s*([^\\s,]+)\\s*$");
        private static final Pattern STRICT = Pattern.compile("^(\\d+)\\.(\\d+)(\\.(\\d+))?([ab](\\d+))?$");

        static VersionPredicate parse(String text) {
            List<String> ops = new ArrayList<>();
            List<int[]> versions = new ArrayList<>();
            for (String part : text.split(",", -1)) {
                Matcher m = COMPARISON.matcher(part);
                if (!m.matches()) {
                    return null;
                }
                int[] v = strict(m.group(2));
                if (v == null) {
                    return null;
                }
                ops.add(m.group(1));
                versions.add(v);
            }
            return new VersionPredicate(ops, versions);
        }

        /** (major, minor, patch, prerelease rank, prerelease number): a final release ranks above a or b. */
        static int[] strict(String s) {
            Matcher m = STRICT.matcher(s);
            if (!m.matches()) {
                return null;
            }
            int pre = m.group(5) == null ? 3 : m.group(5).charAt(0) == 'a' ? 1 : 2;
            return new int[]{Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    m.group(4) == null ? 0 : Integer.parseInt(m.group(4)), pre,
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6))};
        }

        /** Null when the version is not a strict version (distutils raises). */
        Boolean satisfiedBy(String version) {
            int[] v = strict(version);
            if (v == null) {
                return null;
            }
            for (int i = 0; i < ops.size(); i++) {
                int c = java.util.Arrays.compare(v, versions.get(i));
                boolean ok = switch (ops.get(i)) {
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case ">" -> c > 0;
                    case ">=" -> c >= 0;
                    case "==" -> c == 0;
                    default -> c != 0;
                };
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
    }
}
