/**
 * The discrete-event simulation: a clock of long milliseconds, events ordered by (time, sequence),
 * named random streams from one master seed, workloads and faults, and the event log: a Trace of
 * SimEvent records, one per kind of event, which TraceRecorder makes from what the conductor reports.
 */
package dev.placementstudio.sim;
