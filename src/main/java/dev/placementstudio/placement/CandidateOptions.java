package dev.placementstudio.placement;

/**
 * Settings of {@code allocation_candidates} that Placement added after 8.0.0, off by default so that the
 * 8.0.0 behaviour holds.
 *
 * @param maxAllocationCandidates Placement 2024.1's {@code [placement]max_allocation_candidates}: stop
 *                                generating after this many (-1: no bound). It bounds work and memory for
 *                                queries whose full answer would be huge.
 * @param generationStrategy {@code depth-first} (all of one anchor tree's candidates before the next tree,
 *                           8.0.0's effective order) or {@code breadth-first} (one candidate per tree in
 *                           turn, so a bounded answer spreads over many hosts)
 * @param timeBudgetMillis       how long one search may run before it gives up with a 400 (0: no bound).
 *                               Placement has no such bound (nor a cap on the number of groups), and
 *                               like it the search is a product over the groups' options: 100 granular
 *                               groups with {@code group_policy=isolate} on a NUMA cloud do not finish in
 *                               15 minutes on real Placement either. A server sets a budget so that one
 *                               such request cannot hold a thread without end.
 */
public record CandidateOptions(int maxAllocationCandidates, GenerationStrategy generationStrategy,
                               long timeBudgetMillis) {
    public static final CandidateOptions PLACEMENT_8 = new CandidateOptions(-1, GenerationStrategy.DEPTH_FIRST);

    public CandidateOptions {
        if (timeBudgetMillis < 0) {
            throw new IllegalArgumentException("time budget must be 0 (none) or positive, not " + timeBudgetMillis);
        }
    }

    public CandidateOptions(int maxAllocationCandidates, GenerationStrategy generationStrategy) {
        this(maxAllocationCandidates, generationStrategy, 0);
    }

    /** These options with a time budget per search (0: none). */
    public CandidateOptions withTimeBudget(long millis) {
        return new CandidateOptions(maxAllocationCandidates, generationStrategy, millis);
    }

    public enum GenerationStrategy {
        DEPTH_FIRST("depth-first"), BREADTH_FIRST("breadth-first");

        private final String label;

        GenerationStrategy(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static GenerationStrategy parse(String s) {
            for (GenerationStrategy g : values()) {
                if (g.label.equals(s)) {
                    return g;
                }
            }
            throw new IllegalArgumentException("generation strategy must be depth-first or breadth-first, not " + s);
        }
    }
}
