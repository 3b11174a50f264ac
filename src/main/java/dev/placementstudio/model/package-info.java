/**
 * The cloud as its users think of it: cells, aggregates, compute hosts with NUMA nodes, PFs, GPUs and
 * accelerators, Ironic nodes, shared storage, flavors, images, ports, server groups, instances and
 * migrations; its validation; and its projection to Placement provider trees ({@link PlacementState}).
 */
package dev.placementstudio.model;
