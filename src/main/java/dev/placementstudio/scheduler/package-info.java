/**
 * Nova's scheduler: a RequestSpec becomes one allocation-candidates query; candidates become host
 * states; filters and weighers pick; each instance gets a list of Selections (the chosen host, claimed,
 * plus alternates from the same cell).
 */
package dev.placementstudio.scheduler;
