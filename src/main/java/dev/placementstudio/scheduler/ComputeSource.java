package dev.placementstudio.scheduler;

import java.util.function.Supplier;

/**
 * A compute's resource tracker as the scheduler reads it: {@link #get} is the ComputeNode record it
 * reports now, and the numbers a HostState starts from are read straight from it, each equal to what that
 * record says ({@link ComputeNode#freeRamMb}, {@link ComputeNode#freeDiskMb}, …). A scheduling call builds
 * some six hundred host states: reading the tracker's own fields spares a walk through each record's
 * objects, the numbers being copied into the host state when it is made.
 */
public interface ComputeSource extends Supplier<ComputeNode> {
    /** {@code get().freeRamMb()}. */
    long freeRamMb();

    /** {@code get().freeDiskMb()}. */
    long freeDiskMb();

    /** {@code get().vcpus()}. */
    int vcpus();

    /** {@code get().vcpusUsed()}. */
    int vcpusUsed();

    /** {@code get().cpuAllocationRatio()}. */
    double cpuAllocationRatio();

    /** {@code get().numInstances()}. */
    int numInstances();

    /** {@code get().freePciDevices()}. */
    int freePciDevices();
}
