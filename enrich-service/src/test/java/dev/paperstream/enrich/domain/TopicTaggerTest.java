package dev.paperstream.enrich.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.paperstream.events.Taxonomy;

class TopicTaggerTest {

    private static Taxonomy taxonomy;
    private static TopicTagger tagger;

    @BeforeAll
    static void loadBundledTaxonomy() throws IOException {
        try (InputStream in = TopicTaggerTest.class.getResourceAsStream("/taxonomy/taxonomy.txt")) {
            taxonomy = Taxonomy.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        tagger = new TopicTagger(taxonomy);
    }

    @Test
    void bundledTaxonomyDefinesEveryRequiredSlug() {
        assertThat(taxonomy.tags()).extracting(Taxonomy.Tag::slug).contains("reinforcement-learning",
                "code-generation", "multimodal", "vision-language", "knowledge-graphs", "pretraining", "fine-tuning",
                "instruction-tuning", "parameter-efficient", "distillation", "data-curation", "multilingual",
                "machine-translation", "reasoning", "prompting", "in-context-learning", "safety-alignment",
                "efficiency", "diffusion", "agents", "retrieval", "evaluation", "biomedical", "continual-learning",
                "text-to-image", "language-modeling");
        assertThat(taxonomy.tags()).allSatisfy(tag -> {
            assertThat(tag.definition()).isNotBlank();
            assertThat(tag.evidence()).isNotEmpty();
        });
    }

    @Test
    void titleEvidenceAloneIsEnoughAndRanksFirst() {
        List<String> tags = tagger.tag("CodeRL: Mastering Code Generation through Deep Reinforcement Learning",
                "We study programs.", List.of());

        assertThat(tags).hasSizeGreaterThanOrEqualTo(2);
        assertThat(tags.subList(0, 2)).containsExactlyInAnyOrder("code-generation", "reinforcement-learning");
    }

    @Test
    void singleAbstractMentionIsNotEnough() {
        assertThat(tagger.tag("A Study", "This paper mentions diffusion once.", List.of()))
                .doesNotContain("diffusion");
        assertThat(tagger.tag("A Study", "Diffusion models; denoising diffusion.", List.of()))
                .contains("diffusion");
    }

    @Test
    void matchesInflectionsAndHyphenation() {
        assertThat(tagger.tag("Pre-Training at Scale", "", List.of())).contains("pretraining");
        assertThat(tagger.tag("Pretraining at Scale", "", List.of())).contains("pretraining");
        assertThat(tagger.tag("Fine-Tuning Matters", "", List.of())).contains("fine-tuning");
        assertThat(tagger.tag("Finetuned Models", "", List.of())).contains("fine-tuning");
    }

    @Test
    void impliesBroaderTagsAndKeepsGenericWordsToTheTitle() {
        assertThat(tagger.tag("Semantic Image Captioning", "", List.of())).contains("vision-language", "multimodal");
        assertThat(tagger.tag("A Model", "We evaluate on benchmarks and evaluate again with benchmarks.", List.of()))
                .doesNotContain("evaluation");
        assertThat(tagger.tag("Evaluating Toxicity", "", List.of())).contains("evaluation");
        assertThat(tagger.tag("When to pre-train", "", List.of())).contains("pretraining");
    }

    @Test
    void pretrainedAsAnAdjectiveIsNotAboutPretraining() {
        assertThat(tagger.tag("Pre-Trained Language Models for Decision-Making", "", List.of()))
                .doesNotContain("pretraining");
    }

    @Test
    void matchesAcronymsCaseSensitivelyOnWordBoundaries() {
        assertThat(tagger.tag("RLHF for LLMs", "", List.of())).contains("reinforcement-learning");
        assertThat(tagger.tag("LoRA Adapters Revisited", "", List.of())).contains("parameter-efficient");
        assertThat(tagger.tag("The World of Parsing", "", List.of())).doesNotContain("reinforcement-learning");
        assertThat(tagger.tag("Better rl", "", List.of())).doesNotContain("reinforcement-learning");
    }

    @Test
    void usesSourceKeywords() {
        assertThat(tagger.tag("A Title", "", List.of("knowledge distillation"))).contains("distillation");
    }

    @Test
    void isDeterministic() {
        String title = "Multimodal Graph Learning for Generative Tasks";
        String summary = "Multimodal learning combines multiple data modalities such as image-caption pairs.";

        assertThat(tagger.tag(title, summary, List.of())).isEqualTo(tagger.tag(title, summary, List.of()));
    }

    @Test
    void rejectsMalformedTaxonomyNamingTheLine() {
        assertThatThrownBy(() -> Taxonomy.parse("version 1\ntag Bad Slug | x\n"))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> Taxonomy.parse("tag a | b\n")).hasMessageContaining("no 'version'");
        assertThatThrownBy(() -> Taxonomy.parse("version 1\nterms x\n")).hasMessageContaining("before any tag");
        assertThatThrownBy(() -> Taxonomy.parse("version 1\ntag a | b\n  implies c\n"))
                .hasMessageContaining("implies unknown tag c");
    }
}
