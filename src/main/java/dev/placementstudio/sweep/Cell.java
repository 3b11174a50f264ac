package dev.placementstudio.sweep;

import java.io.Serializable;

/**
 * One run of a portfolio: indexes of its design, workload and era, and its seed; {@code index} is its
 * place in the portfolio's order (designs, then workloads, then eras, then seeds), which results keep.
 */
public record Cell(long index, int design, int workload, int era, long seed) implements Serializable {
}
