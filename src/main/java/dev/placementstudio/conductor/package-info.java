/**
 * The build path after the scheduler: super conductor, cell conductor and compute; claims, builds that
 * fail, unclaims, retries on alternates or through the scheduler (by era), ERROR when out of hosts;
 * cells v2 rules, migrations through a migration consumer, accelerator binding, Ironic nodes.
 */
package dev.placementstudio.conductor;
