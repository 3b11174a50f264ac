package dev.placementstudio.scheduler;

import dev.placementstudio.model.SchedulerSettings;
import dev.placementstudio.placement.AllocationCandidates;
import dev.placementstudio.placement.AllocationWrite;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.placement.PlacementException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Nova's {@code select_destinations}, in two steps so that a simulation can put time between them (and
 * so let two schedulers race): {@link #decide} asks Placement for candidates, builds host states, runs
 * the filters and the weighers; {@link #claim} then claims the best host in Placement, moving on to the
 * next one when a claim is refused, and picks alternates from the chosen host's cell.
 */
public final class Scheduler {
    /** The scheduler's view of the cloud beyond Placement. */
    public interface CloudView {
        /** The host whose root provider has this uuid, or null (a sharing provider, raw state). */
        HostInfo host(String rootUuid);

        /** The aggregate uuid behind an availability zone, or null. */
        String azAggregate(String availabilityZone);

        /** The cloud's host aggregates, as Nova's request filters read them (none when unknown). */
        default List<dev.placementstudio.model.Aggregate> aggregates() {
            return List.of();
        }

        /** A live handle on the host of a root provider (looked up once, read at each call), or null. */
        default java.util.function.Supplier<HostInfo> live(String rootUuid) {
            return host(rootUuid) == null ? null : () -> host(rootUuid);
        }

        /**
         * A live handle on the ComputeNode record the host's compute reports (its driver's facts and its
         * resource tracker's counts), or null when there is none (the host state then reads Placement's usage).
         */
        default java.util.function.Supplier<ComputeNode> liveCompute(String rootUuid) {
            return null;
        }
    }

    /** Live host handles by the engine's root provider index; the lookup by uuid happens once per host. */
    private java.util.function.Supplier<HostInfo>[] handles = newHandles(1024);
    private java.util.function.Supplier<ComputeNode>[] computes = newHandles(1024);
    private boolean[] known = new boolean[1024];

    @SuppressWarnings("unchecked")
    private static <T> java.util.function.Supplier<T>[] newHandles(int n) {
        return new java.util.function.Supplier[n];
    }

    private java.util.function.Supplier<HostInfo> handle(int index, String uuid) {
        if (index >= handles.length) {
            int n = Math.max(index + 1, handles.length * 2);
            handles = java.util.Arrays.copyOf(handles, n);
            computes = java.util.Arrays.copyOf(computes, n);
            known = java.util.Arrays.copyOf(known, n);
        }
        if (!known[index]) {
            handles[index] = view.live(uuid);
            computes[index] = view.liveCompute(uuid);
            known[index] = true;
        }
        return handles[index];
    }

    private final PlacementEngine placement;
    private final CloudView view;
    private final SchedulerSettings settings;
    private final List<Filter> filters;
    private final HostWeightHandler weighing;
    private final SplittableRandom random;
    /** Hosts whose weigher values are kept in the report (the rest keep their total). */
    public static final int DETAILED = 20;

    public Scheduler(PlacementEngine placement, CloudView view, SchedulerSettings settings, List<String> filterNames,
                     SplittableRandom random) {
        this.placement = placement;
        this.view = view;
        this.settings = settings;
        this.filters = Filters.named(filterNames, settings.effectiveFilterOptions());
        this.random = random;
        this.weighing = HostWeightHandler.of(settings.weighers(), settings.effectiveFilterOptions());
    }

    public Scheduler(PlacementEngine placement, CloudView view, SchedulerSettings settings, SplittableRandom random) {
        this(placement, view, settings, settings.enabledFilters(), random);
    }

    /**
     * The outcome of looking: hosts in weighed order, best first, with the report so far.
     *
     * @param refused why a request filter refused the request before Placement was asked, or null
     */
    public record Decision(RequestSpec spec, String query, int candidates, List<String> hostsFromPlacement,
                           List<SchedulingReport.FilterStep> filters, List<SchedulingReport.HostWeight> weights,
                           List<HostState> ordered, String refused) {
    }

    /** What Nova's request filters make of this spec (the parts they add to the Placement query). */
    public RequestFilters.Result requestFilters(RequestSpec spec) {
        String az = spec.availabilityZone() == null ? null : view.azAggregate(spec.availabilityZone());
        return RequestFilters.apply(spec, settings.effectiveFilterOptions(), view.aggregates(), az);
    }

    /** The query this spec becomes. */
    public String query(RequestSpec spec) {
        return ResourceRequest.toQuery(requestFilters(spec), spec, settings.maxPlacementResults());
    }

    public Decision decide(RequestSpec spec) {
        RequestFilters.Result pre = requestFilters(spec);
        String query = ResourceRequest.toQuery(pre, spec, settings.maxPlacementResults());
        if (pre.failure() != null) {
            return new Decision(spec, query, 0, List.of(), List.of(), List.of(), List.of(), pre.failure());
        }
        AllocationCandidates c;
        try {
            c = placement.schedulerCandidates(query);
        } catch (PlacementException e) {
            return new Decision(spec, query, 0, List.of(), List.of(), List.of(), List.of(), null);
        }
        int[] anchors = c.anchorIndexes();
        java.util.BitSet seen = new java.util.BitSet();
        List<HostState> hosts = new ArrayList<>(anchors.length);
        String[] uuids = null;
        for (int i = 0; i < anchors.length; i++) {
            if (seen.get(anchors[i])) {
                continue; // Nova keeps every request per host and claims the first
            }
            seen.set(anchors[i]);
            if (anchors[i] >= known.length || !known[anchors[i]]) {
                if (uuids == null) {
                    uuids = c.anchors();
                }
                handle(anchors[i], uuids[i]);
            }
            java.util.function.Supplier<HostInfo> live = handles[anchors[i]];
            if (live == null) {
                continue;
            }
            java.util.function.Supplier<ComputeNode> cn = computes[anchors[i]];
            HostState h = new HostState(live.get(), c, i, cn == null ? null : cn.get());
            if (cn instanceof ComputeSource tracker) {
                h.startFrom(tracker); // the record's numbers, read from the tracker's own fields
            }
            hosts.add(h);
        }
        if (hostOrder != null) {
            hosts = new ArrayList<>(hostOrder.apply(java.util.Collections.unmodifiableList(hosts)));
        }
        return filterAndWeigh(spec, query, c.size(), hosts);
    }

    private java.util.function.UnaryOperator<List<HostState>> hostOrder;

    /**
     * Replaces the order in which the host states enter the filters (by default Placement's order of the
     * candidates), which is the order equal weights keep. Nova's own order is that of a Python set (its
     * HostManager's), defined by no rule; a differential test sets the reference's order here so that a
     * replay follows the reference through a tie. The operator must return the same host states.
     */
    public void hostOrder(java.util.function.UnaryOperator<List<HostState>> order) {
        this.hostOrder = order;
    }

    /**
     * Nova's {@code _get_sorted_hosts} on host states given as they are (no Placement call): the filters,
     * then the weighers, then host_subset_size and shuffle_best_same_weighed_hosts. The differential tests
     * feed real Nova the same host states.
     */
    public Decision filterAndWeigh(RequestSpec spec, List<HostState> hosts) {
        return filterAndWeigh(spec, "", hosts.size(), hosts);
    }

    private Decision filterAndWeigh(RequestSpec spec, String query, int candidates, List<HostState> hosts) {
        return filterAndWeigh(spec, query, candidates, hosts, 0);
    }

    /**
     * Filters whose {@code run_filter_once_per_request} is True in Nova 26: for the second and later
     * instances of a multi-create they are not run again.
     */
    static final java.util.Set<String> ONCE_PER_REQUEST = java.util.Set.of("AvailabilityZoneFilter",
            "AggregateMultiTenancyIsolation", "AllHostsFilter", "ImagePropertiesFilter", "DifferentHostFilter",
            "SameHostFilter", "SimpleCIDRAffinityFilter", "IsolatedHostsFilter", "AggregateInstanceExtraSpecsFilter",
            "AggregateImagePropertiesIsolation", "ComputeCapabilitiesFilter", "ComputeFilter",
            "AggregateTypeAffinityFilter");

    private Decision filterAndWeigh(RequestSpec spec, String query, int candidates, List<HostState> hosts, int index) {
        List<String> fromPlacement = new ArrayList<>(hosts.size());
        for (HostState h : hosts) {
            fromPlacement.add(h.name());
        }
        List<SchedulingReport.FilterStep> steps = new ArrayList<>(filters.size());
        for (Filter f : filters) {
            if (index > 0 && ONCE_PER_REQUEST.contains(f.name())) {
                continue;
            }
            if (f.passesEveryHost(spec)) {
                steps.add(new SchedulingReport.FilterStep(f.name(), hosts.size(), hosts.size(), Map.of()));
                continue;
            }
            List<HostState> kept = new ArrayList<>(hosts.size());
            Map<String, String> dropped = null;
            for (HostState h : hosts) {
                String why = f.reject(h, spec);
                if (why == null) {
                    kept.add(h);
                } else {
                    if (dropped == null) {
                        dropped = new LinkedHashMap<>();
                    }
                    dropped.put(h.name(), why);
                }
            }
            steps.add(new SchedulingReport.FilterStep(f.name(), hosts.size(), kept.size(),
                    dropped == null ? Map.of() : dropped));
            hosts = kept;
        }
        HostWeightHandler.Weighed w = weighing.weigh(hosts, spec, detailed);
        List<HostState> ordered = pickFirst(w.ordered(), w.weights());
        return new Decision(spec, query, candidates, fromPlacement, steps, w.weights(), ordered, null);
    }

    /** The weighers and their configured multipliers, as this scheduler runs them. */
    public HostWeightHandler weighing() {
        return weighing;
    }

    static int[] stableOrder(double[] total) {
        return HostWeightHandler.stableOrder(total);
    }

    static int[] mergeOrder(double[] total) {
        return HostWeightHandler.mergeOrder(total);
    }

    /** How many hosts keep their per-weigher values in the report (explain keeps them all). */
    private int detailed = DETAILED;

    public Scheduler detailEveryHost() {
        detailed = Integer.MAX_VALUE;
        return this;
    }

    /**
     * host_subset_size and shuffle_best_same_weighed_hosts: which of the best goes first. The weighed
     * order is read-only (and ordered only as far as it is read); it is copied only when one of them moves
     * a host.
     */
    private List<HostState> pickFirst(List<HostState> weighed, List<SchedulingReport.HostWeight> weights) {
        int subset = Math.min(Math.max(1, settings.hostSubsetSize()), weighed.size());
        if (weighed.size() < 2 || (!settings.shuffleBestSameWeighedHosts() && subset < 2)) {
            return weighed;
        }
        List<HostState> ordered = new ArrayList<>(weighed);
        if (settings.shuffleBestSameWeighedHosts()) {
            double best = weights.get(0).total();
            int same = 0;
            while (same < weights.size() && weights.get(same).total() == best) {
                same++;
            }
            if (same > 1) {
                List<HostState> head = new ArrayList<>(ordered.subList(0, same));
                for (int i = head.size() - 1; i > 0; i--) {
                    Collections.swap(head, i, random.nextInt(i + 1));
                }
                for (int i = 0; i < same; i++) {
                    ordered.set(i, head.get(i));
                }
            }
        }
        if (subset > 1) {
            int pick = random.nextInt(subset);
            HostState chosen = ordered.remove(pick);
            ordered.add(0, chosen);
        }
        return ordered;
    }

    /**
     * Claims the best host that can still be claimed (unless {@code claimInPlacement} is false, as before
     * Pike) and picks up to max_attempts - 1 alternates from its cell.
     */
    public SchedulingReport claim(Decision d, boolean claimInPlacement) {
        List<String> conflicts = new ArrayList<>();
        List<Selection> selections = new ArrayList<>();
        int chosen = -1;
        for (int i = 0; i < d.ordered().size(); i++) {
            HostState h = d.ordered().get(i);
            if (!claimInPlacement) {
                chosen = i;
                break;
            }
            try {
                placement.putAllocations(d.spec().instanceUuid(), new AllocationWrite(h.allocationRequest(),
                        d.spec().projectId(), d.spec().userId(), "INSTANCE", null, true));
                chosen = i;
                break;
            } catch (PlacementException refused) {
                conflicts.add(h.name());
            }
        }
        String noValidHost = null;
        if (chosen < 0) {
            noValidHost = d.refused() != null ? d.refused() : d.ordered().isEmpty()
                    ? (d.candidates() == 0 ? "Placement found no allocation candidates" : "every host was filtered out")
                    : "every claim was refused";
        } else {
            HostState first = d.ordered().get(chosen);
            selections.add(selection(first, d));
            String cell = first.info().cell();
            // Nova's _get_alternate_hosts: any host of the cell but the selected one, in weighed order (a host
            // whose claim was just refused is one too)
            for (int i = 0; i < d.ordered().size() && selections.size() < settings.maxAttempts(); i++) {
                if (i == chosen) {
                    continue;
                }
                HostState alt = d.ordered().get(i);
                if (java.util.Objects.equals(alt.info().cell(), cell)) {
                    selections.add(selection(alt, d));
                }
            }
        }
        return new SchedulingReport(d.query(), d.candidates(), d.hostsFromPlacement(), d.filters(), d.weights(),
                selections, conflicts, noValidHost);
    }

    private static Selection selection(HostState h, Decision d) {
        return new Selection(h.info().uuid(), h.name(), h.name(), h.info().cell(), h.allocationRequest(), "1.39",
                h.info().availabilityZone(), h.weight);
    }

    /** What select_destinations answers for a request of several instances. */
    public record MultiSelection(List<List<Selection>> selections, List<Decision> passes, List<String> conflicts,
                                 String noValidHost) {
    }

    /**
     * Nova's {@code _schedule} for {@code min_count}/{@code max_count} instances: one Placement query; for
     * each instance the filters (those not run once per request) and weighers over the hosts in the order
     * the last pass left them, a claim on the first claimable host, then {@code consume_from_request} on it
     * (less free RAM/disk, more vcpus used, one more instance and I/O op; the server group gains the host
     * and the instance). When an instance finds no host, the claims made are removed and the request is
     * NoValidHost. Alternates (when {@code returnAlternates}): for more than one instance the hosts are
     * sorted once more, then each selected host gets up to max_attempts - 1 hosts of its cell that were not
     * selected.
     */
    public MultiSelection selectDestinations(RequestSpec spec, List<String> instanceUuids, boolean returnAlternates) {
        Decision first = decide(spec.withInstanceUuid(instanceUuids.get(0)));
        List<Decision> passes = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        List<HostState> hosts = first.ordered();
        List<HostState> selected = new ArrayList<>();
        RequestSpec s = spec;
        Decision d = first;
        for (int num = 0; num < instanceUuids.size(); num++) {
            s = s.withInstanceUuid(instanceUuids.get(num));
            if (num > 0) {
                d = filterAndWeigh(s, first.query(), first.candidates(), new ArrayList<>(hosts), num);
            }
            passes.add(d);
            hosts = d.ordered();
            HostState claimed = null;
            for (HostState h : hosts) {
                try {
                    placement.putAllocations(s.instanceUuid(), new AllocationWrite(h.allocationRequest(),
                            s.projectId(), s.userId(), "INSTANCE", null, true));
                    claimed = h;
                    break;
                } catch (PlacementException refused) {
                    conflicts.add(h.name());
                }
            }
            if (claimed == null) {
                for (int i = 0; i < num; i++) {
                    try {
                        placement.deleteAllocations(instanceUuids.get(i));
                    } catch (PlacementException gone) {
                        // nothing held
                    }
                }
                return new MultiSelection(List.of(), passes, conflicts, d.refused() != null ? d.refused()
                        : hosts.isEmpty() ? "There are not enough hosts available." : "every claim was refused");
            }
            selected.add(claimed);
            claimed.consume(s);
            if (s.serverGroup() != null) {
                java.util.Set<String> gh = new java.util.LinkedHashSet<>(s.groupHosts());
                gh.add(claimed.name());
                s = s.withGroupHosts(gh);
                claimed.addInstance(s.instanceUuid());
            }
        }
        int alts = returnAlternates ? settings.maxAttempts() - 1 : 0;
        if (instanceUuids.size() > 1 && alts > 0) {
            d = filterAndWeigh(s, first.query(), first.candidates(), new ArrayList<>(hosts), instanceUuids.size() - 1);
            passes.add(d);
            hosts = d.ordered();
        }
        List<List<Selection>> out = new ArrayList<>();
        for (HostState h : selected) {
            List<Selection> list = new ArrayList<>();
            list.add(selection(h, d));
            for (HostState alt : hosts) {
                if (list.size() >= alts + 1) {
                    break;
                }
                if (java.util.Objects.equals(alt.info().cell(), h.info().cell()) && !selected.contains(alt)) {
                    list.add(selection(alt, d));
                }
            }
            out.add(list);
        }
        return new MultiSelection(out, passes, conflicts, null);
    }

    /** Both steps at once: Nova's select_destinations for one instance. */
    public SchedulingReport selectDestinations(RequestSpec spec) {
        return claim(decide(spec), true);
    }
}
