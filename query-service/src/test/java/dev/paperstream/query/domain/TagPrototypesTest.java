package dev.paperstream.query.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TagPrototypesTest {

    // Three orthogonal directions: a paper's cosine to a prototype is its component along it.
    private static final TagPrototypes.Tag VISION_LANGUAGE = new TagPrototypes.Tag("vision-language",
            List.of(new float[] {1, 0, 0}), List.of("multimodal"));
    private static final TagPrototypes.Tag MULTIMODAL = new TagPrototypes.Tag("multimodal",
            List.of(new float[] {0, 1, 0}), List.of());
    private static final TagPrototypes.Tag DIFFUSION = new TagPrototypes.Tag("diffusion",
            List.of(new float[] {0, 0, 1}, new float[] {0, 2, 2}), List.of());

    private final TagPrototypes prototypes = new TagPrototypes(List.of(VISION_LANGUAGE, MULTIMODAL, DIFFUSION),
            0.5, 0.1);

    @Test
    void earnsTheNearTagWithTheTagsItImplies() {
        assertThat(prototypes.tagsFor(new float[] {0.9f, 0.1f, 0.1f}, List.of()))
                .containsExactly("vision-language", "multimodal");
    }

    @Test
    void addsNothingTheRulesAlreadyGaveOrNothingIsNearEnough() {
        assertThat(prototypes.tagsFor(new float[] {0.9f, 0.1f, 0.1f}, List.of("multimodal")))
                .containsExactly("vision-language");
        assertThat(prototypes.tagsFor(new float[] {0.3f, 0.3f, -0.9f}, List.of())).isEmpty();
    }

    @Test
    void comparesWithTheNearestPrototypeOfATagAndScalesVectorsToUnitLength() {
        // Along (0, 1, 1) the diffusion example is exact (cosine 1); multimodal is at 0.71, more than 0.1 below.
        assertThat(prototypes.tagsFor(new float[] {0, 5, 5}, List.of())).containsExactly("diffusion");
    }

    @Test
    void keepsOnlyTagsWithinTheMarginOfTheBestOne() {
        List<TagPrototypes.Tag> tags = List.of(new TagPrototypes.Tag("a", List.of(new float[] {1, 0}), List.of()),
                new TagPrototypes.Tag("b", List.of(new float[] {0, 1}), List.of()));
        float[] paper = {0.8f, 0.6f};
        assertThat(new TagPrototypes(tags, 0.5, 0.1).tagsFor(paper, List.of())).containsExactly("a");
        assertThat(new TagPrototypes(tags, 0.5, 1.0).tagsFor(paper, List.of())).containsExactly("a", "b");
        assertThat(new TagPrototypes(tags, 0.5, 0.1).tagsFor(new float[] {0.75f, 0.66f}, List.of()))
                .containsExactly("a", "b");
    }
}
