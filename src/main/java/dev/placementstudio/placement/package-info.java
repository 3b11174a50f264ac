/**
 * The Placement engine: resource providers, inventories, traits, aggregates, consumers, allocations and
 * usages with generations; query parsing and {@code allocation_candidates} exactly as Placement 8.0.0
 * answers at microversion 1.39; atomic claims that race as Placement's do.
 */
package dev.placementstudio.placement;
