package dev.placementstudio.placement;

/**
 * One inventory record of a provider, as Placement stores it. Capacity is
 * {@code int((total - reserved) * allocation_ratio)}.
 */
public record Inventory(long total, long reserved, long minUnit, long maxUnit, long stepSize, double allocationRatio) {
    public static Inventory of(long total) {
        return new Inventory(total, 0, 1, total, 1, 1.0);
    }

    public long capacity() {
        return (long) ((total - reserved) * allocationRatio);
    }

    /** Placement's SQL capacity test: {@code used + amount <= (total - reserved) * ratio}, in floating point. */
    boolean fits(long used, long amount) {
        return used + amount <= (total - reserved) * allocationRatio;
    }

    boolean unitOk(long amount) {
        return minUnit <= amount && amount <= maxUnit && amount % stepSize == 0;
    }
}
