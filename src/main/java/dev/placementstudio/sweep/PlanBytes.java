package dev.placementstudio.sweep;

import java.io.Serializable;
import java.util.List;

/**
 * A portfolio as bytes and strings: what a Spark driver broadcasts and every executor rebuilds its
 * {@link SweepPlan} from. The local executor goes through the same form, so both run the very same inputs.
 *
 * @param models each design's model as our JSON
 * @param costs per host kind: {hostname glob, price, watts}, in the portfolio's order
 */
public record PlanBytes(String name, List<String> designs, List<byte[]> models, List<String> workloads,
                        List<String> workloadTexts, List<String> workloadExtensions, List<String> eras,
                        List<Long> seeds, List<String[]> costs) implements Serializable {
}
