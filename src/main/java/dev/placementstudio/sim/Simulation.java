package dev.placementstudio.sim;

import dev.placementstudio.conductor.Cloud;
import dev.placementstudio.conductor.Conductor;
import dev.placementstudio.conductor.Era;
import dev.placementstudio.conductor.Faults;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.DeviceProfile;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.Image;
import dev.placementstudio.model.InstanceState;
import dev.placementstudio.model.InvalidModelException;
import dev.placementstudio.model.MigrationType;
import dev.placementstudio.model.Port;
import dev.placementstudio.model.Projection;
import dev.placementstudio.model.ServerGroup;
import dev.placementstudio.placement.PlacementEngine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A deterministic discrete-event run of a workload on a model under one era. The same model, workload,
 * seed and era give a byte-identical event log: events are ordered by (time, sequence) and every random
 * draw comes from a named stream of the master seed.
 */
public final class Simulation {
    /** Settings of one run. */
    public record Settings(long seed, Era era, int schedulers, int maxAttempts) {
    }

    private final CloudModel model;
    private final Workload workload;
    private final Settings settings;
    private final RandomStreams random;
    private final EventQueue queue = new EventQueue();
    private final Trace trace;
    private final PlacementEngine placement;
    private final Conductor conductor;
    private Consumer<Long> progress = t -> { };

    public Simulation(CloudModel model, Workload workload, Settings settings, boolean keepEvents)
            throws InvalidModelException {
        this.model = model;
        this.workload = workload;
        this.settings = settings;
        this.random = new RandomStreams(settings.seed());
        this.trace = new Trace(keepEvents);
        this.placement = PlacementEngine.fromState(Projection.project(model));
        Cloud cloud = new Cloud(model);
        Workload.FaultSpec fs = workload.faults();
        Faults faults = new Faults(nz(fs.buildFailureProbability()), fs.hostFailureProbability(), fs.failNextBuilds(),
                nz(fs.arqBindFailureProbability()), fs.failNextBinds(), random.stream("failures"));
        Workload.TimingSpec ts = workload.timing();
        Conductor.Timing d = Conductor.Timing.DEFAULT;
        Conductor.Timing timing = new Conductor.Timing(or(ts.scheduleMs(), d.scheduleMs()), or(ts.dispatchMs(), d.dispatchMs()),
                or(ts.buildMs(), d.buildMs()), or(ts.arqBindMs(), d.arqBindMs()), or(ts.migrationMs(), d.migrationMs()),
                or(ts.confirmMs(), d.confirmMs()));
        conductor = new Conductor(placement, cloud, settings.era(), model.scheduler(), settings.schedulers(),
                settings.maxAttempts(), faults, timing, new dev.placementstudio.conductor.Clock() {
                    @Override
                    public long now() {
                        return queue.now();
                    }

                    @Override
                    public void after(long delayMs, Runnable action) {
                        queue.after(delayMs, action);
                    }
                }, new TraceRecorder(trace, queue::now),
                random.stream("scheduler"));
    }

    private static double nz(Double d) {
        return d == null ? 0 : d;
    }

    private static long or(Long v, long dflt) {
        return v == null ? dflt : v;
    }

    public Trace trace() {
        return trace;
    }

    public PlacementEngine placement() {
        return placement;
    }

    public Conductor conductor() {
        return conductor;
    }

    private volatile boolean cancelled;

    /** Asks a running {@link #run()} (from another thread) to stop: it throws a CancellationException. */
    public void cancel() {
        cancelled = true;
    }

    /** Called now and then with the simulated time, for progress lines. */
    public void onProgress(Consumer<Long> progress) {
        this.progress = progress;
    }

    private boolean started;

    private void start() {
        if (!started) {
            started = true;
            scheduleArrivals();
            scheduleMigrations();
            scheduleEvents();
            scheduleActions();
        }
    }

    /**
     * Runs every action due at or before {@code timeMs} and stops there, so the state in between can be
     * looked at (Placement's allocations while a migration is in flight, say); {@link #run()} goes on.
     */
    public void runUntil(long timeMs) {
        start();
        while (queue.nextTime() <= timeMs) {
            queue.step();
        }
    }

    /** Runs until the event queue is empty (continuing after {@link #runUntil}, if called). */
    public Summary run() {
        long wall0 = System.nanoTime();
        start();
        long steps = 0;
        while (!cancelled && queue.step()) {
            if (++steps % 50_000 == 0) {
                progress.accept(queue.now());
            }
        }
        if (cancelled) {
            throw new java.util.concurrent.CancellationException("cancelled at t=" + queue.now() + " ms of simulated time");
        }
        long active = 0;
        long error = 0;
        long deleted = 0;
        for (InstanceState s : conductor.states().values()) {
            switch (s) {
                case ERROR -> error++;
                case DELETED -> deleted++;
                default -> active++;
            }
        }
        Conductor.Counters c = conductor.counters();
        return new Summary(c.requested, active, error, deleted, c.schedulerCalls, c.claimConflicts, c.reschedules,
                c.alternateClaims, queue.now(), (System.nanoTime() - wall0) / 1_000_000);
    }

    private Flavor flavor(String name) {
        return model.flavors().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no flavor " + name));
    }

    private void scheduleArrivals() {
        SplittableRandom lifetimes = random.stream("lifetimes");
        long n = 0;
        int group = 0;
        for (Workload.Arrival a : workload.arrivals()) {
            SplittableRandom arrivals = random.stream("arrivals:" + group++);
            Flavor flavor = flavor(a.flavor());
            Image image = a.image() == null ? null
                    : model.images().stream().filter(i -> i.name().equals(a.image())).findFirst().orElse(null);
            List<Port> ports = new ArrayList<>();
            for (String p : a.ports()) {
                model.ports().stream().filter(x -> x.name().equals(p)).findFirst().ifPresent(ports::add);
            }
            String profileName = a.deviceProfile() != null ? a.deviceProfile() : flavor.extraSpecs().get("accel:device_profile");
            DeviceProfile profile = profileName == null ? null
                    : model.deviceProfiles().stream().filter(d -> d.name().equals(profileName)).findFirst().orElse(null);
            ServerGroup sg = a.serverGroup() == null ? null
                    : model.serverGroups().stream().filter(g -> g.name().equals(a.serverGroup())).findFirst().orElse(null);
            long t = a.startMs() == null ? 0 : a.startMs();
            int count = a.count() == null ? 1 : a.count();
            for (int i = 0; i < count; i++) {
                if (a.ratePerS() != null && a.ratePerS() > 0 && i > 0) {
                    t += Math.max(0, Math.round(-Math.log(1 - arrivals.nextDouble()) * 1000.0 / a.ratePerS()));
                }
                long lifetime = -1;
                if (a.lifetimeMs() != null) {
                    lifetime = a.lifetimeMs();
                } else if (a.lifetimeMeanMs() != null) {
                    lifetime = Math.round(-Math.log(1 - lifetimes.nextDouble()) * a.lifetimeMeanMs());
                }
                long index = n++;
                String uuid = UUID.nameUUIDFromBytes(("sim:" + settings.seed() + ":" + index)
                        .getBytes(StandardCharsets.UTF_8)).toString();
                Conductor.Boot boot = new Conductor.Boot(uuid, String.format("%s-%06d", flavor.name(), index), flavor,
                        image, ports, profile, sg, a.availabilityZone(), lifetime);
                queue.at(t, () -> conductor.boot(boot));
            }
        }
    }

    private void scheduleMigrations() {
        SplittableRandom pick = random.stream("migrations");
        int group = 0;
        for (Workload.MigrationLoad m : workload.migrations()) {
            SplittableRandom times = random.stream("migration-times:" + group++);
            MigrationType type = switch (m.type() == null ? "migration" : m.type()) {
                case "resize" -> MigrationType.RESIZE;
                case "live-migration" -> MigrationType.LIVE_MIGRATION;
                default -> MigrationType.MIGRATION;
            };
            Flavor newFlavor = m.newFlavor() == null ? null : flavor(m.newFlavor());
            double revertP = m.revertProbability() == null ? 0 : m.revertProbability();
            long t = m.startMs() == null ? 0 : m.startMs();
            int count = m.count() == null ? 1 : m.count();
            for (int i = 0; i < count; i++) {
                if (m.ratePerS() != null && m.ratePerS() > 0 && i > 0) {
                    t += Math.max(0, Math.round(-Math.log(1 - times.nextDouble()) * 1000.0 / m.ratePerS()));
                }
                queue.at(t, () -> {
                    List<String> candidates = conductor.migratable();
                    double revertDraw = pick.nextDouble();
                    if (candidates.isEmpty()) {
                        return;
                    }
                    String instance = candidates.get(pick.nextInt(candidates.size()));
                    conductor.migrate(instance, type, newFlavor, revertDraw < revertP);
                });
            }
        }
    }

    private void scheduleEvents() {
        for (Workload.ScheduledEvent e : workload.events()) {
            long t = e.atMs() == null ? 0 : e.atMs();
            queue.at(t, () -> {
                switch (e.type()) {
                    case "cell-down" -> conductor.cellDown(e.cell());
                    case "cell-up" -> conductor.cellUp(e.cell());
                    case "host-disable" -> conductor.setHostEnabled(e.host(), false);
                    case "host-enable" -> conductor.setHostEnabled(e.host(), true);
                    default -> throw new IllegalArgumentException("unknown event type " + e.type());
                }
            });
        }
    }

    /** Server name to instance uuid, for the scripted actions (a delete names its server). */
    private final Map<String, String> named = new java.util.HashMap<>();

    /** The scripted actions, in list order, each at its time (default: a minute after the one before). */
    private void scheduleActions() {
        long t = 0;
        boolean first = true;
        for (Workload.Action a : workload.actions()) {
            t = a.atMs() != null ? a.atMs() : first ? 0 : t + 60_000;
            first = false;
            queue.at(t, () -> runAction(a));
        }
    }

    private void runAction(Workload.Action a) {
        switch (a.action()) {
            case "boot" -> {
                Flavor flavor = flavor(a.flavor());
                Image image = a.image() == null ? null
                        : model.images().stream().filter(i -> i.name().equals(a.image())).findFirst().orElse(null);
                ServerGroup sg = a.serverGroup() == null ? null
                        : model.serverGroups().stream().filter(g -> g.name().equals(a.serverGroup())).findFirst().orElse(null);
                String profileName = flavor.extraSpecs().get("accel:device_profile");
                DeviceProfile profile = profileName == null ? null
                        : model.deviceProfiles().stream().filter(d -> d.name().equals(profileName)).findFirst().orElse(null);
                int count = a.count() == null ? 1 : a.count();
                List<Conductor.Boot> boots = new ArrayList<>();
                for (int i = 1; i <= count; i++) {
                    String name = count == 1 ? a.name() : a.name() + "-" + i;
                    String uuid = UUID.nameUUIDFromBytes(("sim:" + settings.seed() + ":action:" + name)
                            .getBytes(StandardCharsets.UTF_8)).toString();
                    named.put(name, uuid);
                    boots.add(new Conductor.Boot(uuid, name, flavor, image, List.of(), profile, sg,
                            a.availabilityZone(), -1));
                }
                conductor.bootTogether(boots);
            }
            case "delete" -> {
                String uuid = named.get(a.server());
                if (uuid != null) {
                    conductor.delete(uuid);
                }
            }
            case "fail-next-builds" -> conductor.faults().failNextBuilds(a.host(), a.builds() == null ? 1 : a.builds());
            case "host-disable" -> conductor.setHostEnabled(a.host(), false);
            case "host-enable" -> conductor.setHostEnabled(a.host(), true);
            default -> throw new IllegalArgumentException("unknown action " + a.action());
        }
    }

    /** Instance uuid to state, for checks. */
    public Map<String, InstanceState> states() {
        return conductor.states();
    }
}
