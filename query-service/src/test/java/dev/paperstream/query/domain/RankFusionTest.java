package dev.paperstream.query.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RankFusionTest {

    @Test
    void ranksAnItemHighInBothListsAboveOneFirstInOnlyOne() {
        // b: 1/62 + 1/61 = 0.0325; a: 1/61 = 0.0164; x: 1/62
        assertThat(RankFusion.fuse(List.of(List.of("a", "b", "c"), List.of("x", "b")))).startsWith("b");
    }

    @Test
    void keepsEveryItemOnceAndBreaksTiesByTheFirstRanking() {
        assertThat(RankFusion.fuse(List.of(List.of("a", "b"), List.of("c", "d"))))
                .containsExactly("a", "c", "b", "d");
        assertThat(RankFusion.fuse(List.of(List.of("a", "a2"), List.of()))).containsExactly("a", "a2");
    }
}
