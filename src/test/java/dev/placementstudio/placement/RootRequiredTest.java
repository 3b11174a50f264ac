package dev.placementstudio.placement;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code root_required} (which Nova sends on every request as {@code !COMPUTE_STATUS_DISABLED}): the roots it
 * leaves are kept per structure, so a trait written on a root must show in the very next query.
 */
class RootRequiredTest {
    private static final String A = "aaaaaaaa-0000-4000-8000-000000000001";
    private static final String B = "aaaaaaaa-0000-4000-8000-000000000002";

    private static List<String> anchors(PlacementEngine e, String query) {
        return e.allocationCandidates(query, 39, CandidateOptions.PLACEMENT_8).requests().stream()
                .map(AllocationCandidates.Request::anchorRootUuid).toList();
    }

    @Test
    void aTraitWrittenOnARootChangesTheNextAnswer() {
        PlacementEngine e = PlacementEngine.empty();
        for (String u : List.of(A, B)) {
            e.createProvider(u, u.substring(32), null);
            e.setInventories(u, 0, Map.of("VCPU", Inventory.of(8)));
        }
        String q = "resources=VCPU:1&root_required=!COMPUTE_STATUS_DISABLED";
        assertThat(anchors(e, q)).containsExactly(A, B);
        long gen = e.provider(B).orElseThrow().generation();
        e.setTraits(B, gen, List.of("COMPUTE_STATUS_DISABLED"));
        assertThat(anchors(e, q)).containsExactly(A);
        assertThat(anchors(e, "resources=VCPU:1&root_required=COMPUTE_STATUS_DISABLED")).containsExactly(B);
        e.setTraits(B, e.provider(B).orElseThrow().generation(), List.of());
        assertThat(anchors(e, q)).containsExactly(A, B);
    }
}
