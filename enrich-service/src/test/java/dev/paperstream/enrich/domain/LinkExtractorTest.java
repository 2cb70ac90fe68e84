package dev.paperstream.enrich.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.paperstream.events.PaperLink;

class LinkExtractorTest {

    @Test
    void classifiesRepositoriesAndHuggingFaceArtifacts() {
        String summary = "Code is available here: https://github.com/jmerullo/limber. Weights at"
                + " https://huggingface.co/acme/tiny-lm, data at https://huggingface.co/datasets/acme/fineweb2 and a"
                + " demo at https://huggingface.co/spaces/acme/demo; see https://acme.github.io/project (project page).";

        List<PaperLink> links = LinkExtractor.extract(summary, null, null);

        assertThat(links).containsExactly(
                new PaperLink("code", "https://github.com/jmerullo/limber"),
                new PaperLink("model", "https://huggingface.co/acme/tiny-lm"),
                new PaperLink("dataset", "https://huggingface.co/datasets/acme/fineweb2"),
                new PaperLink("space", "https://huggingface.co/spaces/acme/demo"),
                new PaperLink("project", "https://acme.github.io/project"));
        assertThat(LinkExtractor.hasCode(links)).isTrue();
    }

    @Test
    void usesSourceFieldsAndDropsRepeats() {
        List<PaperLink> links = LinkExtractor.extract("See https://gitlab.com/team/repo.", "https://gitlab.com/team/repo",
                "https://team.example.org");

        assertThat(links).containsExactly(new PaperLink("code", "https://gitlab.com/team/repo"),
                new PaperLink("project", "https://team.example.org"));
    }

    @Test
    void leavesOutPaperPagesAndBareHosts() {
        List<PaperLink> links = LinkExtractor.extract("Based on https://arxiv.org/abs/2207.01780 and"
                + " https://huggingface.co/papers/2207.01780, see https://github.com/ for more.", null, null);

        assertThat(links).isEmpty();
        assertThat(LinkExtractor.hasCode(links)).isFalse();
    }
}
