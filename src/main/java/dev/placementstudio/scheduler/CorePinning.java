package dev.placementstudio.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Whether dedicated vCPUs can be pinned on a host cell's free cores under a thread policy
 * ({@code hardware._pack_instance_onto_cores}): {@code require} uses whole sibling sets of a host with
 * hyperthreads, {@code isolate} one thread of each wholly free core, {@code prefer} (the default) packs
 * siblings first and falls back to any free thread; reserved CPUs (emulator threads) come from what is left.
 */
final class CorePinning {
    private CorePinning() {
    }

    static boolean pack(NumaCell host, int vcpus, String threadPolicy, int reserved) {
        Set<Integer> free = host.freePcpus();
        int threadsPerCore = 1;
        for (Set<Integer> s : host.siblings()) {
            threadsPerCore = Math.max(threadsPerCore, s.size());
        }
        if (host.siblings().isEmpty()) {
            return false; // Nova's max() of no sibling sets raises
        }
        List<Set<Integer>> freeSiblings = new ArrayList<>();
        for (Set<Integer> s : host.siblings()) {
            Set<Integer> f = new TreeSet<>(s);
            f.retainAll(free);
            freeSiblings.add(f);
        }
        // sibling_sets[n]: the cores with at least n free threads, in host order
        Map<Integer, List<Set<Integer>>> bySize = new TreeMap<>();
        for (Set<Integer> sib : freeSiblings) {
            for (int n = 1; n <= sib.size(); n++) {
                bySize.computeIfAbsent(n, x -> new ArrayList<>()).add(sib);
            }
        }
        if ("isolate".equals(threadPolicy)) {
            if (!bySize.containsKey(threadsPerCore)) {
                return false;
            }
            if (threadsPerCore != 1 && !host.pcpuset().equals(host.cpuset())) {
                return false;
            }
            List<Integer> pinning = pinning(1, bySize.get(threadsPerCore), vcpus);
            return pinning != null && (reserved == 0 || reserve(bySize.get(1), pinning, reserved, true));
        }
        if ("require".equals(threadPolicy) && threadsPerCore <= 1) {
            return false;
        }
        // as Nova's loop: a pinning whose reserved CPUs did not fit is kept, and then the fallback is skipped
        List<Integer> pinning = null;
        boolean reservedOk = false;
        int threadsNo = 1;
        List<Integer> sizes = new ArrayList<>(bySize.keySet());
        java.util.Collections.reverse(sizes);
        for (int n : sizes) {
            threadsNo = n;
            if ("require".equals(threadPolicy) && n <= 1) {
                continue;
            }
            pinning = pinning(n, bySize.get(n), vcpus);
            reservedOk = reserved > 0 && reserve(bySize.getOrDefault(1, List.of()), pinning, reserved, false);
            if (pinning == null || (reserved > 0 && !reservedOk)) {
                continue;
            }
            break;
        }
        if (!"require".equals(threadPolicy) && pinning == null) {
            List<Set<Integer>> singles = new ArrayList<>();
            for (Set<Integer> sib : bySize.getOrDefault(1, List.of())) {
                for (int cpu : sib) {
                    singles.add(Set.of(cpu));
                }
            }
            pinning = pinning(threadsNo, singles, vcpus);
            reservedOk = reserved > 0 && reserve(singles, pinning, reserved, false);
        }
        return pinning != null && (reserved == 0 || reservedOk);
    }

    /** {@code _get_pinning}: the host CPUs the vCPUs get, the first threads of each core in turn, or null. */
    private static List<Integer> pinning(int threads, List<Set<Integer>> cores, int vcpus) {
        if ((long) threads * cores.size() < vcpus) {
            return null;
        }
        List<Integer> usable = new ArrayList<>();
        for (Set<Integer> core : cores) {
            int i = 0;
            for (int cpu : core) {
                if (i++ < threads) {
                    usable.add(cpu);
                }
            }
        }
        List<Integer> out = usable.subList(0, Math.min(vcpus, usable.size()));
        return out.isEmpty() ? null : out; // an empty pinning is no pinning (Python's falsy list)
    }

    /** {@code _get_reserved}: are there CPUs left for the reserved ones once the pinned ones are taken? */
    private static boolean reserve(List<Set<Integer>> cores, List<Integer> pinned, int reserved, boolean isolate) {
        if (pinned == null || pinned.isEmpty()) {
            return false;
        }
        List<Set<Integer>> usable = new ArrayList<>();
        cores.forEach(c -> usable.add(new LinkedHashSet<>(c)));
        for (int cpu : pinned) {
            for (java.util.Iterator<Set<Integer>> it = usable.iterator(); it.hasNext(); ) {
                Set<Integer> sib = it.next();
                if (sib.contains(cpu)) {
                    if (isolate) {
                        it.remove();
                    } else {
                        sib.remove(cpu);
                    }
                }
            }
        }
        int left = 0;
        for (Set<Integer> sib : usable) {
            left += sib.size();
        }
        return Math.min(left, reserved) > 0;
    }
}
