/**
 * Placement Studio: a model of an OpenStack-style cloud, a faithful Nova/Placement scheduling engine,
 * and a desktop GUI and command line over them. {@link dev.placementstudio.Launcher} is the jar's entry.
 */
package dev.placementstudio;
