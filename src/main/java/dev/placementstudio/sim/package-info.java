/**
 * The discrete-event simulation: a clock of long milliseconds, events ordered by (time, sequence),
 * named random streams from one master seed, workloads and faults, and the event log (a Trace).
 */
package dev.placementstudio.sim;
