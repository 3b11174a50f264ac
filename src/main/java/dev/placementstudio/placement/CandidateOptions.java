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
 */
public record CandidateOptions(int maxAllocationCandidates, GenerationStrategy generationStrategy) {
    public static final CandidateOptions PLACEMENT_8 = new CandidateOptions(-1, GenerationStrategy.DEPTH_FIRST);

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
