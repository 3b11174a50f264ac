package dev.placementstudio.sim;

import dev.placementstudio.conductor.EventLog;
import dev.placementstudio.sim.SimEvent.Active;
import dev.placementstudio.sim.SimEvent.ArqBound;
import dev.placementstudio.sim.SimEvent.ArqCreated;
import dev.placementstudio.sim.SimEvent.BootRequested;
import dev.placementstudio.sim.SimEvent.BuildFailed;
import dev.placementstudio.sim.SimEvent.BuildStarted;
import dev.placementstudio.sim.SimEvent.CellDown;
import dev.placementstudio.sim.SimEvent.CellUp;
import dev.placementstudio.sim.SimEvent.ClaimConflict;
import dev.placementstudio.sim.SimEvent.Claimed;
import dev.placementstudio.sim.SimEvent.Deleted;
import dev.placementstudio.sim.SimEvent.Errored;
import dev.placementstudio.sim.SimEvent.Filtered;
import dev.placementstudio.sim.SimEvent.HostDisabled;
import dev.placementstudio.sim.SimEvent.HostEnabled;
import dev.placementstudio.sim.SimEvent.MigrationConfirmed;
import dev.placementstudio.sim.SimEvent.MigrationFailed;
import dev.placementstudio.sim.SimEvent.MigrationReverted;
import dev.placementstudio.sim.SimEvent.MigrationStarted;
import dev.placementstudio.sim.SimEvent.Rescheduled;
import dev.placementstudio.sim.SimEvent.SchedulerCalled;
import dev.placementstudio.sim.SimEvent.Selected;
import dev.placementstudio.sim.SimEvent.Unclaimed;
import dev.placementstudio.sim.SimEvent.Weighed;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** What the conductor reports, as records on the run's {@link Trace}, stamped with the simulated time. */
final class TraceRecorder implements EventLog {
    private final Trace trace;
    private final LongSupplier now;

    TraceRecorder(Trace trace, LongSupplier now) {
        this.trace = trace;
        this.now = now;
    }

    private long t() {
        return now.getAsLong();
    }

    @Override
    public void bootRequested(String instance, String name, String flavor) {
        trace.record(seq -> new BootRequested(t(), seq, instance, name, flavor));
    }

    @Override
    public void schedulerCalled(String instance, int attempt, String query, String migration) {
        trace.record(seq -> new SchedulerCalled(t(), seq, instance, attempt, query, migration));
    }

    @Override
    public void filtered(String instance, String filter, int before, int after, Map<String, String> dropped) {
        trace.record(seq -> new Filtered(t(), seq, instance, filter, before, after, dropped));
    }

    @Override
    public void weighed(String instance, int hosts, List<Ranked> top) {
        trace.record(seq -> new Weighed(t(), seq, instance, hosts, top));
    }

    @Override
    public void selected(String instance, String host, String cell, List<String> alternates, List<Choice> selections) {
        trace.record(seq -> new Selected(t(), seq, instance, host, cell, alternates, selections));
    }

    @Override
    public void claimed(String instance, String host, String cell, String by, boolean alternate, String migration,
                        Map<String, Map<String, Long>> allocations) {
        trace.record(seq -> new Claimed(t(), seq, instance, host, cell, by, alternate, migration, allocations));
    }

    @Override
    public void claimConflict(String instance, String host, String by, boolean alternate, String reason) {
        trace.record(seq -> new ClaimConflict(t(), seq, instance, host, by, alternate, reason));
    }

    @Override
    public void buildStarted(String instance, String host, String cell) {
        trace.record(seq -> new BuildStarted(t(), seq, instance, host, cell));
    }

    @Override
    public void buildFailed(String instance, String host, String cell, String reason) {
        trace.record(seq -> new BuildFailed(t(), seq, instance, host, cell, reason));
    }

    @Override
    public void unclaimed(String instance, String host) {
        trace.record(seq -> new Unclaimed(t(), seq, instance, host));
    }

    @Override
    public void rescheduled(String instance, String host, String via, int attempt, String reason) {
        trace.record(seq -> new Rescheduled(t(), seq, instance, host, via, attempt, reason));
    }

    @Override
    public void arqCreated(String instance, String deviceProfile) {
        trace.record(seq -> new ArqCreated(t(), seq, instance, deviceProfile));
    }

    @Override
    public void arqBound(String instance, String host) {
        trace.record(seq -> new ArqBound(t(), seq, instance, host));
    }

    @Override
    public void active(String instance, String host, String cell) {
        trace.record(seq -> new Active(t(), seq, instance, host, cell));
    }

    @Override
    public void errored(String instance, String reason) {
        trace.record(seq -> new Errored(t(), seq, instance, reason));
    }

    @Override
    public void deleted(String instance, String host, String cell) {
        trace.record(seq -> new Deleted(t(), seq, instance, host, cell));
    }

    @Override
    public void cellDown(String cell, long instancesUnknown) {
        trace.record(seq -> new CellDown(t(), seq, cell, instancesUnknown));
    }

    @Override
    public void cellUp(String cell) {
        trace.record(seq -> new CellUp(t(), seq, cell));
    }

    @Override
    public void hostDisabled(String host, String cell) {
        trace.record(seq -> new HostDisabled(t(), seq, host, cell));
    }

    @Override
    public void hostEnabled(String host, String cell) {
        trace.record(seq -> new HostEnabled(t(), seq, host, cell));
    }

    @Override
    public void migrationStarted(String instance, String migration, String migrationType, String source, String cell) {
        trace.record(seq -> new MigrationStarted(t(), seq, instance, migration, migrationType, source, cell));
    }

    @Override
    public void migrationConfirmed(String instance, String migration, String host, String freed) {
        trace.record(seq -> new MigrationConfirmed(t(), seq, instance, migration, host, freed));
    }

    @Override
    public void migrationReverted(String instance, String migration, String host, String freed) {
        trace.record(seq -> new MigrationReverted(t(), seq, instance, migration, host, freed));
    }

    @Override
    public void migrationFailed(String instance, String migration, String reason) {
        trace.record(seq -> new MigrationFailed(t(), seq, instance, migration, reason));
    }
}
