package dev.placementstudio.conductor;

import dev.placementstudio.model.DeviceProfile;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.HostStatus;
import dev.placementstudio.model.Image;
import dev.placementstudio.model.InstanceState;
import dev.placementstudio.model.MigrationType;
import dev.placementstudio.model.Port;
import dev.placementstudio.model.SchedulerSettings;
import dev.placementstudio.model.ServerGroup;
import dev.placementstudio.placement.AllocationWrite;
import dev.placementstudio.placement.ConsumerView;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.placement.PlacementException;
import dev.placementstudio.placement.ProviderView;
import dev.placementstudio.scheduler.RequestSpec;
import dev.placementstudio.scheduler.Scheduler;
import dev.placementstudio.scheduler.SchedulingReport;
import dev.placementstudio.scheduler.Selection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The super conductor, the cell conductors and the computes: boots go to a pool of scheduler workers,
 * then to the chosen host's cell; builds take time and may fail; a failed build is unclaimed and retried
 * as the era says (alternates, or the scheduler again, or ERROR); accelerators are bound during the
 * build, which waits for them; migrations hold the source through a migration consumer.
 */
public final class Conductor {
    /** Durations of the steps, in simulated ms. */
    public record Timing(long scheduleMs, long dispatchMs, long buildMs, long arqBindMs, long migrationMs,
                         long confirmMs) {
        public static final Timing DEFAULT = new Timing(40, 5, 3000, 800, 5000, 2000);
    }

    /** What a boot asks for. {@code lifetimeMs} < 0: the instance stays. */
    public record Boot(String uuid, String name, Flavor flavor, Image image, List<Port> ports, DeviceProfile deviceProfile,
                       ServerGroup serverGroup, String availabilityZone, long lifetimeMs) {
    }

    /** Counters for the run's summary. */
    public static final class Counters {
        public long requested;
        public long schedulerCalls;
        public long claimConflicts;
        public long reschedules;
        public long alternateClaims;
    }

    private final class Instance {
        final Boot boot;
        RequestSpec spec;
        InstanceState state = InstanceState.BUILDING;
        String host;
        String cell;
        List<Selection> alternates = List.of();
        Map<String, Map<String, Long>> allocation;
        final Set<String> tried = new LinkedHashSet<>();
        int attempts;
        boolean deletePending;
        boolean migrating;

        Instance(Boot boot) {
            this.boot = boot;
        }
    }

    private final PlacementEngine placement;
    private final Cloud cloud;
    private final Era era;
    private final Scheduler scheduler;
    private final int workers;
    private final int maxAttempts;
    private final Faults faults;
    private final Timing timing;
    private final Clock clock;
    private final EventLog log;
    private final Counters counters = new Counters();
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, Set<String>> groupHosts = new HashMap<>();
    private final Map<String, Set<String>> groupMembers = new HashMap<>();
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private int busy;
    private int migrationSeq;
    private boolean recordSelections;

    public Conductor(PlacementEngine placement, Cloud cloud, Era era, SchedulerSettings settings, int workers,
                     int maxAttempts, Faults faults, Timing timing, Clock clock, EventLog log, SplittableRandom random) {
        this.placement = placement;
        this.cloud = cloud;
        this.era = era;
        List<String> filters = era.defaultFilters() != null ? era.defaultFilters() : settings.enabledFilters();
        SchedulerSettings s = new SchedulerSettings(filters, settings.weighers(), settings.hostSubsetSize(),
                settings.shuffleBestSameWeighedHosts(), maxAttempts, settings.maxPlacementResults(),
                settings.filterOptions());
        this.scheduler = new Scheduler(placement, cloud, s, random);
        this.workers = Math.max(1, workers);
        this.maxAttempts = Math.max(1, maxAttempts);
        this.faults = faults;
        this.timing = timing;
        this.clock = clock;
        this.log = log;
    }

    public Counters counters() {
        return counters;
    }

    /** The faults injected into builds (a scripted workload adds to them as it runs). */
    public Faults faults() {
        return faults;
    }

    /** The scheduler the workers share (for tools that look into its decisions). */
    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * Whether each {@code selected} event also carries the Selection objects in full (host, cell, the
     * allocation request by provider name): off by default, as it lengthens big logs; scenarios turn it on.
     */
    public void recordSelections(boolean on) {
        this.recordSelections = on;
    }

    /** Each instance's state now (instances of a down cell are listed as UNKNOWN, not lost). */
    public Map<String, InstanceState> listed() {
        Map<String, InstanceState> out = new LinkedHashMap<>();
        instances.forEach((u, i) -> out.put(u, i.cell != null && !cloud.isCellUp(i.cell)
                && i.state != InstanceState.DELETED ? InstanceState.UNKNOWN : i.state));
        return out;
    }

    /** Each instance's real state, whatever the cells say. */
    public Map<String, InstanceState> states() {
        Map<String, InstanceState> out = new LinkedHashMap<>();
        instances.forEach((u, i) -> out.put(u, i.state));
        return out;
    }

    public Map<String, String> hosts() {
        Map<String, String> out = new LinkedHashMap<>();
        instances.forEach((u, i) -> out.put(u, i.host));
        return out;
    }

    /** Active instances that a migration may pick, in boot order. */
    public List<String> migratable() {
        List<String> out = new ArrayList<>();
        instances.forEach((u, i) -> {
            if (i.state == InstanceState.ACTIVE && !i.migrating && !i.deletePending && i.host != null
                    && !cloud.isBaremetal(i.host) && cloud.isCellUp(i.cell)) {
                out.add(u);
            }
        });
        return out;
    }

    // ------------------------------------------------------------------ scheduler workers

    private void toScheduler(Runnable request) {
        if (busy < workers) {
            busy++;
            request.run();
        } else {
            waiting.add(request);
        }
    }

    private void workerFree() {
        Runnable next = waiting.poll();
        if (next != null) {
            next.run();
        } else {
            busy--;
        }
    }

    // ------------------------------------------------------------------ boots

    public void boot(Boot b) {
        Instance inst = requested(b);
        toScheduler(() -> schedule(inst));
    }

    private Instance requested(Boot b) {
        Instance inst = new Instance(b);
        instances.put(b.uuid(), inst);
        counters.requested++;
        log.bootRequested(b.uuid(), b.name(), b.flavor().name());
        cloud.expect(b.uuid(), b.flavor(), b.ports());
        inst.spec = new RequestSpec(b.uuid(), b.name(), b.flavor(), b.image(), b.ports(), b.deviceProfile(),
                b.serverGroup(), Set.of(), b.availabilityZone(), Map.of(), dev.placementstudio.model.Instance.DEFAULT_PROJECT,
                dev.placementstudio.model.Instance.DEFAULT_USER, Set.of(), null);
        return inst;
    }

    /**
     * Several instances asked for in one request (Nova's {@code min_count = max_count}, all with the first
     * boot's flavor, image, group and zone): ONE scheduler call, {@link Scheduler#selectDestinations}, in which
     * each chosen host consumes the request before the next instance is placed and the server group spans
     * them; then each instance builds with its own Selection list (its alternates). No host for one of them:
     * every one is NoValidHost, as Nova's request is. Before Pike (no claims in the scheduler) they are
     * booted one by one.
     */
    public void bootTogether(List<Boot> boots) {
        if (boots.size() == 1 || !era.claimsInScheduler()) {
            boots.forEach(this::boot);
            return;
        }
        List<Instance> together = new ArrayList<>();
        for (Boot b : boots) {
            together.add(requested(b));
        }
        toScheduler(() -> scheduleTogether(together));
    }

    private void scheduleTogether(List<Instance> together) {
        counters.schedulerCalls++;
        Instance lead = together.get(0);
        List<String> uuids = new ArrayList<>();
        for (Instance i : together) {
            i.attempts++;
            uuids.add(i.boot.uuid());
        }
        RequestSpec spec = currentSpec(lead);
        if (spec.serverGroup() != null) {
            // Nova's API adds every instance of the request to the group before scheduling
            Set<String> members = new LinkedHashSet<>(spec.groupMembers());
            members.addAll(uuids);
            spec = spec.withGroupMembers(members);
        }
        log.schedulerCalled(lead.boot.uuid(), lead.attempts, scheduler.query(spec), null);
        Scheduler.MultiSelection ms = scheduler.selectDestinations(spec, uuids, era.usesAlternates());
        for (int p = 0; p < Math.min(ms.passes().size(), uuids.size()); p++) {
            Scheduler.Decision d = ms.passes().get(p);
            for (SchedulingReport.FilterStep f : d.filters()) {
                log.filtered(uuids.get(p), f.filter(), f.before(), f.after(), f.dropped());
            }
            List<EventLog.Ranked> top = new ArrayList<>();
            for (SchedulingReport.HostWeight w : d.weights().subList(0, Math.min(5, d.weights().size()))) {
                top.add(new EventLog.Ranked(w.host(), round(w.total())));
            }
            log.weighed(uuids.get(p), d.weights().size(), top);
        }
        clock.after(timing.scheduleMs(), () -> {
            try {
                for (String host : ms.conflicts()) {
                    counters.claimConflicts++;
                    log.claimConflict(lead.boot.uuid(), host, "scheduler", false,
                            "the host filled up while the scheduler was deciding (Placement refused the claim)");
                }
                if (ms.noValidHost() != null) {
                    together.forEach(i -> fail(i, "NoValidHost: " + ms.noValidHost()));
                    return;
                }
                for (int k = 0; k < together.size(); k++) {
                    Instance inst = together.get(k);
                    List<Selection> list = ms.selections().get(k);
                    Selection chosen = list.get(0);
                    inst.allocation = chosen.allocationRequest();
                    claimed(inst.boot.uuid(), chosen, "scheduler", false, null);
                    inst.alternates = era.usesAlternates() ? new ArrayList<>(list.subList(1, list.size())) : List.of();
                    List<EventLog.Choice> all = null;
                    if (recordSelections) {
                        all = new ArrayList<>();
                        for (Selection sel : list) {
                            all.add(new EventLog.Choice(sel.serviceHost(), sel.cell(), byProviderName(sel.allocationRequest())));
                        }
                    }
                    log.selected(inst.boot.uuid(), chosen.serviceHost(), chosen.cell(),
                            inst.alternates.stream().map(Selection::serviceHost).toList(), all);
                    clock.after(timing.dispatchMs(), () -> build(inst, chosen));
                }
            } finally {
                workerFree();
            }
        });
    }

    private RequestSpec currentSpec(Instance inst) {
        RequestSpec s = inst.spec;
        if (s.serverGroup() != null) {
            s = s.withGroupHosts(groupHosts.getOrDefault(s.serverGroup().name(), Set.of()))
                    .withGroupMembers(groupMembers.getOrDefault(s.serverGroup().name(), Set.of()));
        }
        return s.withIgnoreHosts(new TreeSet<>(inst.tried));
    }

    /** One scheduler call: look now, claim when the call ends (so concurrent calls can race). */
    private void schedule(Instance inst) {
        inst.attempts++;
        counters.schedulerCalls++;
        RequestSpec spec = currentSpec(inst);
        log.schedulerCalled(inst.boot.uuid(), inst.attempts, scheduler.query(spec), null);
        Scheduler.Decision d = scheduler.decide(spec);
        for (SchedulingReport.FilterStep f : d.filters()) {
            log.filtered(inst.boot.uuid(), f.filter(), f.before(), f.after(), f.dropped());
        }
        List<EventLog.Ranked> top = new ArrayList<>();
        for (SchedulingReport.HostWeight w : d.weights().subList(0, Math.min(5, d.weights().size()))) {
            top.add(new EventLog.Ranked(w.host(), round(w.total())));
        }
        log.weighed(inst.boot.uuid(), d.weights().size(), top);
        clock.after(timing.scheduleMs(), () -> {
            try {
                afterDecision(inst, d);
            } finally {
                workerFree();
            }
        });
    }

    /**
     * Logs a claim; when selections are recorded (scenarios, the GUI) it carries the allocation written,
     * by provider name, so that a playback can show usage as it was at each event.
     */
    private void claimed(String instance, Selection where, String by, boolean alternate, String migration) {
        log.claimed(instance, where.serviceHost(), where.cell(), by, alternate, migration,
                recordSelections ? byProviderName(where.allocationRequest()) : null);
    }

    private Map<String, Map<String, Long>> byProviderName(Map<String, Map<String, Long>> allocation) {
        Map<String, Map<String, Long>> request = new java.util.TreeMap<>();
        allocation.forEach((rp, res) -> request.put(placement.provider(rp).map(ProviderView::name).orElse(rp),
                new java.util.TreeMap<>(res)));
        return request;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private void afterDecision(Instance inst, Scheduler.Decision d) {
        SchedulingReport r = scheduler.claim(d, era.claimsInScheduler());
        for (String host : r.conflicts()) {
            counters.claimConflicts++;
            log.claimConflict(inst.boot.uuid(), host, "scheduler", false,
                    "the host filled up while the scheduler was deciding (Placement refused the claim)");
        }
        if (r.selections().isEmpty()) {
            fail(inst, "NoValidHost: " + r.noValidHostReason());
            return;
        }
        Selection chosen = r.selections().get(0);
        if (era.claimsInScheduler()) {
            inst.allocation = chosen.allocationRequest();
            claimed(inst.boot.uuid(), chosen, "scheduler", false, null);
        }
        inst.alternates = era.usesAlternates() ? new ArrayList<>(r.selections().subList(1, r.selections().size())) : List.of();
        List<EventLog.Choice> all = null;
        if (recordSelections) {
            all = new ArrayList<>();
            for (Selection sel : era.usesAlternates() ? r.selections() : List.of(chosen)) {
                // before Queens the answer was a bare host (host, nodename, limits): no request to retry with
                all.add(new EventLog.Choice(sel.serviceHost(), sel.cell(),
                        era.usesAlternates() ? byProviderName(sel.allocationRequest()) : null));
            }
        }
        log.selected(inst.boot.uuid(), chosen.serviceHost(), chosen.cell(),
                inst.alternates.stream().map(Selection::serviceHost).toList(), all);
        if (inst.boot.deviceProfile() != null && inst.attempts == 1) {
            log.arqCreated(inst.boot.uuid(), inst.boot.deviceProfile().name());
        }
        clock.after(timing.dispatchMs(), () -> build(inst, chosen));
    }

    private void build(Instance inst, Selection where) {
        inst.host = where.serviceHost();
        inst.cell = where.cell();
        inst.tried.add(where.serviceHost());
        if (!era.claimsInScheduler()) {
            // the compute's resource tracker claims, against what Placement says now
            try {
                placement.putAllocations(inst.boot.uuid(), new AllocationWrite(where.allocationRequest(),
                        inst.spec.projectId(), inst.spec.userId(), "INSTANCE", null, true));
                inst.allocation = where.allocationRequest();
                claimed(inst.boot.uuid(), where, "compute", false, null);
            } catch (PlacementException refused) {
                counters.claimConflicts++;
                log.claimConflict(inst.boot.uuid(), where.serviceHost(), "compute", false,
                        "another build took the room first: " + refused.getMessage());
                retryThroughScheduler(inst, "the compute could not claim");
                return;
            }
        }
        cloud.buildStarted(inst.host, inst.boot.uuid());
        log.buildStarted(inst.boot.uuid(), inst.host, inst.cell);
        boolean[] bound = {inst.boot.deviceProfile() == null};
        boolean[] finished = {false};
        String[] failure = {null};
        if (!bound[0]) {
            clock.after(timing.arqBindMs(), () -> {
                if (faults.arqBindFails(inst.host)) {
                    failure[0] = "accelerator binding failed";
                } else {
                    log.arqBound(inst.boot.uuid(), inst.host);
                }
                bound[0] = true;
                if (finished[0]) {
                    completeBuild(inst, failure[0]);
                }
            });
        }
        clock.after(timing.buildMs(), () -> {
            String f = faults.buildFails(inst.host);
            if (failure[0] == null) {
                failure[0] = f;
            }
            finished[0] = true;
            if (bound[0]) {
                completeBuild(inst, failure[0]);
            } // otherwise the build waits for the accelerators
        });
    }

    private void completeBuild(Instance inst, String failure) {
        cloud.ioOps(inst.host, -1);
        if (failure == null) {
            inst.state = InstanceState.ACTIVE;
            cloud.placed(inst.host, inst.boot.uuid());
            cloud.buildSucceeded(inst.host);
            if (inst.boot.serverGroup() != null) {
                groupHosts.computeIfAbsent(inst.boot.serverGroup().name(), k -> new TreeSet<>()).add(inst.host);
                groupMembers.computeIfAbsent(inst.boot.serverGroup().name(), k -> new TreeSet<>()).add(inst.boot.uuid());
            }
            log.active(inst.boot.uuid(), inst.host, inst.cell);
            if (inst.boot.lifetimeMs() >= 0) {
                clock.after(inst.boot.lifetimeMs(), () -> delete(inst));
            }
            return;
        }
        cloud.buildFailed(inst.host, inst.boot.uuid());
        log.buildFailed(inst.boot.uuid(), inst.host, inst.cell, failure);
        unclaim(inst);
        if (era.usesAlternates()) {
            retryOnAlternates(inst);
        } else if (era == Era.PIKE && cloud.cellCount() > 1) {
            // cells v2: the cell conductor may not call up to the scheduler
            fail(inst, "MaxRetriesExceeded: rescheduling needs an up-call from " + inst.cell
                    + " to the scheduler, which a multi-cell deployment forbids");
        } else {
            retryThroughScheduler(inst, failure);
        }
    }

    private void unclaim(Instance inst) {
        if (inst.allocation != null) {
            try {
                placement.deleteAllocations(inst.boot.uuid());
            } catch (PlacementException gone) {
                // nothing was held
            }
            inst.allocation = null;
            log.unclaimed(inst.boot.uuid(), inst.host);
        }
    }

    /** Queens: the cell conductor claims the next alternate with its saved request, no scheduler call. */
    private void retryOnAlternates(Instance inst) {
        while (!inst.alternates.isEmpty()) {
            Selection alt = inst.alternates.remove(0);
            try {
                placement.putAllocations(inst.boot.uuid(), new AllocationWrite(alt.allocationRequest(),
                        inst.spec.projectId(), inst.spec.userId(), "INSTANCE", null, true));
            } catch (PlacementException noLongerFits) {
                counters.claimConflicts++;
                log.claimConflict(inst.boot.uuid(), alt.serviceHost(), "conductor", true, "the alternate no longer fits");
                continue;
            }
            counters.reschedules++;
            counters.alternateClaims++;
            inst.allocation = alt.allocationRequest();
            log.rescheduled(inst.boot.uuid(), alt.serviceHost(), "alternate", inst.tried.size() + 1, null);
            claimed(inst.boot.uuid(), alt, "conductor", true, null);
            clock.after(timing.dispatchMs(), () -> build(inst, alt));
            return;
        }
        fail(inst, "MaxRetriesExceeded: exhausted all hosts available for retrying build failures");
    }

    private void retryThroughScheduler(Instance inst, String why) {
        if (inst.attempts >= maxAttempts) {
            fail(inst, "MaxRetriesExceeded: " + why + " on " + inst.attempts + " of " + maxAttempts + " attempts");
            return;
        }
        counters.reschedules++;
        log.rescheduled(inst.boot.uuid(), null, "scheduler", inst.attempts + 1, why);
        toScheduler(() -> schedule(inst));
    }

    private void fail(Instance inst, String reason) {
        inst.state = InstanceState.ERROR;
        unclaim(inst);
        log.errored(inst.boot.uuid(), reason);
    }

    // ------------------------------------------------------------------ deletes

    public void delete(String uuid) {
        Instance inst = instances.get(uuid);
        if (inst != null) {
            delete(inst);
        }
    }

    private void delete(Instance inst) {
        if (inst.state != InstanceState.ACTIVE) {
            return;
        }
        if (inst.migrating || !cloud.isCellUp(inst.cell)) {
            inst.deletePending = true; // done when the cell is back or the migration ends
            return;
        }
        inst.deletePending = false;
        if (inst.allocation != null) {
            try {
                placement.deleteAllocations(inst.boot.uuid());
            } catch (PlacementException gone) {
                // already freed
            }
        }
        inst.allocation = null;
        cloud.removed(inst.host, inst.boot.uuid());
        inst.state = InstanceState.DELETED;
        if (inst.boot.serverGroup() != null) {
            forgetMember(inst.boot.serverGroup().name(), inst.boot.uuid());
        }
        log.deleted(inst.boot.uuid(), inst.host, inst.cell);
    }

    /**
     * A deleted member leaves its group: Nova's {@code InstanceGroup.get_hosts()} lists the hosts of the
     * members that are not deleted, so a host keeps the group (ServerGroupAffinityFilter) only while another
     * live member is there.
     */
    private void forgetMember(String group, String uuid) {
        Set<String> members = groupMembers.get(group);
        if (members == null || !members.remove(uuid)) {
            return;
        }
        Set<String> hosts = new TreeSet<>();
        for (String m : members) {
            Instance other = instances.get(m);
            if (other != null && other.host != null) {
                hosts.add(other.host);
            }
        }
        groupHosts.put(group, hosts);
    }

    // ------------------------------------------------------------------ cells and hosts

    public void cellDown(String cell) {
        cloud.setCellUp(cell, false);
        long listedUnknown = instances.values().stream()
                .filter(i -> cell.equals(i.cell) && i.state != InstanceState.DELETED).count();
        log.cellDown(cell, listedUnknown);
    }

    public void cellUp(String cell) {
        cloud.setCellUp(cell, true);
        log.cellUp(cell);
        for (Instance i : new ArrayList<>(instances.values())) {
            if (i.deletePending && cell.equals(i.cell) && !i.migrating) {
                delete(i);
            }
        }
    }

    public void setHostEnabled(String host, boolean enabled) {
        cloud.setStatus(host, enabled ? HostStatus.ENABLED : HostStatus.DISABLED);
        // Nova's compute reports COMPUTE_STATUS_DISABLED on its root provider
        String uuid = cloud.uuidOf(host);
        placement.provider(uuid).ifPresent(p -> {
            Set<String> traits = new TreeSet<>(p.traits());
            if (enabled) {
                traits.remove("COMPUTE_STATUS_DISABLED");
            } else {
                traits.add("COMPUTE_STATUS_DISABLED");
            }
            placement.setTraits(uuid, p.generation(), traits);
        });
        if (enabled) {
            log.hostEnabled(host, cloud.cellOf(host));
        } else {
            log.hostDisabled(host, cloud.cellOf(host));
        }
    }

    // ------------------------------------------------------------------ migrations

    /**
     * Cold migration, resize or live migration of an active instance: the migration record becomes the
     * consumer of the source allocation, the instance claims on the destination; confirm frees the
     * source, revert swaps back.
     */
    public void migrate(String uuid, MigrationType type, Flavor newFlavor, boolean revert) {
        Instance inst = instances.get(uuid);
        if (inst == null || inst.state != InstanceState.ACTIVE || inst.migrating || inst.allocation == null) {
            return;
        }
        String migration = String.format("migration-%05d", ++migrationSeq);
        Map<String, Map<String, Long>> source = inst.allocation;
        String sourceHost = inst.host;
        Map<String, AllocationWrite> move = new LinkedHashMap<>();
        move.put(migration, new AllocationWrite(source, inst.spec.projectId(), inst.spec.userId(), "MIGRATION", null, false));
        move.put(uuid, new AllocationWrite(Map.of(), inst.spec.projectId(), inst.spec.userId(), "INSTANCE", null, false));
        placement.writeAllocations(move);
        inst.migrating = true;
        cloud.ioOps(sourceHost, 1);
        log.migrationStarted(uuid, migration, type.name().toLowerCase().replace('_', '-'), sourceHost, inst.cell);
        RequestSpec spec = currentSpec(inst).withIgnoreHosts(Set.of(sourceHost)).withSourceCell(inst.cell);
        if (newFlavor != null) {
            spec = spec.withFlavor(newFlavor);
        }
        RequestSpec moveSpec = spec;
        toScheduler(() -> {
            counters.schedulerCalls++;
            log.schedulerCalled(uuid, 1, scheduler.query(moveSpec), migration);
            Scheduler.Decision d = scheduler.decide(moveSpec);
            clock.after(timing.scheduleMs(), () -> {
                try {
                    SchedulingReport r = scheduler.claim(d, true);
                    for (String host : r.conflicts()) {
                        counters.claimConflicts++;
                        log.claimConflict(uuid, host, "scheduler", false,
                                "the host filled up while the scheduler was deciding");
                    }
                    if (r.selections().isEmpty()) {
                        swapBack(inst, migration, source);
                        inst.migrating = false;
                        cloud.ioOps(sourceHost, -1);
                        log.migrationFailed(uuid, migration, "NoValidHost: " + r.noValidHostReason());
                        afterMigration(inst);
                        return;
                    }
                    Selection dest = r.selections().get(0);
                    claimed(uuid, dest, "scheduler", false, migration);
                    clock.after(timing.migrationMs(), () -> finishMove(inst, migration, type, source, sourceHost, dest,
                            newFlavor, revert));
                } finally {
                    workerFree();
                }
            });
        });
    }

    private void finishMove(Instance inst, String migration, MigrationType type, Map<String, Map<String, Long>> source,
                            String sourceHost, Selection dest, Flavor newFlavor, boolean revert) {
        String uuid = inst.boot.uuid();
        // until confirm or revert the source's tracker still counts the old flavor (under the migration)
        Flavor oldFlavor = inst.spec.flavor();
        cloud.moved(sourceHost, dest.serviceHost(), uuid, newFlavor, inst.boot.ports());
        inst.host = dest.serviceHost();
        inst.cell = dest.cell();
        inst.allocation = dest.allocationRequest();
        long wait = type == MigrationType.LIVE_MIGRATION ? 0 : timing.confirmMs();
        clock.after(wait, () -> {
            cloud.ioOps(sourceHost, -1);
            if (revert && type != MigrationType.LIVE_MIGRATION) {
                // revert: the instance takes its source allocation back; the destination is freed
                cloud.moveReverted(sourceHost, inst.host, uuid, newFlavor == null ? null : oldFlavor,
                        inst.boot.ports());
                swapBack(inst, migration, source);
                inst.host = sourceHost;
                inst.cell = cloud.cellOf(sourceHost);
                log.migrationReverted(uuid, migration, sourceHost, dest.serviceHost());
            } else {
                try {
                    placement.deleteAllocations(migration);
                } catch (PlacementException gone) {
                    // nothing held
                }
                cloud.moveConfirmed(sourceHost, uuid);
                if (newFlavor != null) {
                    inst.spec = inst.spec.withFlavor(newFlavor); // the resized instance has its new flavor now
                }
                log.migrationConfirmed(uuid, migration, inst.host, sourceHost);
            }
            inst.migrating = false;
            afterMigration(inst);
        });
    }

    private void swapBack(Instance inst, String migration, Map<String, Map<String, Long>> source) {
        Map<String, AllocationWrite> back = new LinkedHashMap<>();
        back.put(inst.boot.uuid(), new AllocationWrite(source, inst.spec.projectId(), inst.spec.userId(), "INSTANCE",
                null, false));
        back.put(migration, new AllocationWrite(Map.of(), inst.spec.projectId(), inst.spec.userId(), "MIGRATION", null, false));
        placement.writeAllocations(back);
        inst.allocation = source;
    }

    private void afterMigration(Instance inst) {
        if (inst.deletePending) {
            delete(inst);
        }
    }

    /** The ComputeNode record a host's compute reports now (its resource tracker's counts), for checks. */
    public dev.placementstudio.scheduler.ComputeNode computeNode(String host) {
        return cloud.computeNode(host);
    }

    /** Allocations Placement holds for an instance now (for checks). */
    public Map<String, Map<String, Long>> allocationOf(String uuid) {
        return placement.consumer(uuid).map(ConsumerView::allocations).orElse(Map.of());
    }

    public boolean isProviderKnown(String uuid) {
        return placement.provider(uuid).map(ProviderView::uuid).isPresent();
    }

    public Map<String, Set<String>> groupHosts() {
        return groupHosts;
    }
}
