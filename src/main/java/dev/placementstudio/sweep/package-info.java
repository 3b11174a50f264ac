/**
 * Portfolios swept: every cell (design, workload, era, seed) of a portfolio run with the deterministic
 * simulation, on the local cores ({@link dev.placementstudio.sweep.LocalExecutor}) or on Apache Spark
 * ({@code sweep.spark}, the only package that touches Spark), and the per-cell metrics and results files.
 */
package dev.placementstudio.sweep;
