/**
 * The Spark backend of {@code sweep --spark}: the cells an RDD of one task each, the portfolio broadcast
 * as bytes, the rows collected to the driver in batches and written there as locally. Built with -Pspark
 * only; the only package that touches Spark, loaded by name when {@code --spark} is given.
 */
package dev.placementstudio.sweep.spark;
