package dev.placementstudio.app;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which card an arrow key goes to: a pure function of the cards' places, no FX toolkit needed. */
class DiagramKeysTest {
    /** Two rows of three cards, and one lone card far down and to the right. */
    private static final List<TopologyView.Box> CARDS = List.of(
            box("a", 0, 0), box("b", 100, 0), box("c", 200, 0),
            box("d", 0, 100), box("e", 100, 100), box("f", 200, 100),
            box("far", 400, 400));

    private static TopologyView.Box box(String name, double x, double y) {
        return new TopologyView.Box(name, "host", x, y, 80, 80);
    }

    @Test
    void arrowsGoToTheNearestCardThatWay() {
        assertThat(DiagramKeys.next(CARDS, "a", DiagramKeys.Direction.RIGHT)).isEqualTo("b");
        assertThat(DiagramKeys.next(CARDS, "b", DiagramKeys.Direction.DOWN)).isEqualTo("e");
        assertThat(DiagramKeys.next(CARDS, "e", DiagramKeys.Direction.LEFT)).isEqualTo("d");
        assertThat(DiagramKeys.next(CARDS, "f", DiagramKeys.Direction.UP)).isEqualTo("c");
        // the next card in the row beats a nearer-looking one diagonally; off the row only when the row ends
        assertThat(DiagramKeys.next(CARDS, "c", DiagramKeys.Direction.RIGHT)).isEqualTo("far");
        assertThat(DiagramKeys.next(CARDS, "f", DiagramKeys.Direction.DOWN)).isEqualTo("far");
    }

    @Test
    void atTheEdgeTheSelectionStaysAndWithoutOneTheFirstCardIsChosen() {
        assertThat(DiagramKeys.next(CARDS, "a", DiagramKeys.Direction.LEFT)).isEqualTo("a");
        assertThat(DiagramKeys.next(CARDS, "a", DiagramKeys.Direction.UP)).isEqualTo("a");
        assertThat(DiagramKeys.next(CARDS, null, DiagramKeys.Direction.DOWN)).isEqualTo("a");
        assertThat(DiagramKeys.next(CARDS, "gone", DiagramKeys.Direction.RIGHT)).isEqualTo("a");
        assertThat(DiagramKeys.next(List.of(), "a", DiagramKeys.Direction.RIGHT)).isNull();
    }
}
