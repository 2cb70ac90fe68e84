package dev.paperstream.query.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTextTest {

    @Test
    void readsAnArxivIdInEveryFormPeoplePaste() {
        for (String typed : new String[] { "2106.09685", "2106.09685v2", "arXiv:2106.09685", " arxiv: 2106.09685v1 ",
            "https://arxiv.org/abs/2106.09685", "arxiv.org/pdf/2106.09685v3.pdf", "http://www.arxiv.org/abs/2106.09685/",
            "https://huggingface.co/papers/2106.09685", "huggingface.co/papers/2106.09685?utm=x" }) {
            assertThat(SearchText.parse(typed).arxivId()).as(typed).contains("2106.09685");
        }
    }

    @Test
    void doesNotTakeTextAroundAnIdForAnId() {
        assertThat(SearchText.parse("LoRA 2106.09685").arxivId()).isEmpty();
        assertThat(SearchText.parse("https://example.org/abs/2106.09685").arxivId()).isEmpty();
    }

    @Test
    void keepsOperatorsApartFromPunctuationInTitles() {
        assertThat(SearchText.parse("\"diffusion model\" -video").operators()).isTrue();
        assertThat(SearchText.parse("diffus*").operators()).isTrue();
        assertThat(SearchText.parse("agents | robots").operators()).isTrue();
        assertThat(SearchText.parse("Tower+: Bridging Generality and Translation Specialization in Multilingual LLMs")
                .operators()).isFalse();
        assertThat(SearchText.parse("Self-Play Fine-Tuning — a Study? Yes & No").operators()).isFalse();
    }

    @Test
    void splitsWordsOnPunctuationAndKeepsAccents() {
        SearchText text = SearchText.parse("Ñandú: ¿Pueden los modelos pequeños aprender morfología?");

        assertThat(text.words()).containsExactly("ñandú", "pueden", "los", "modelos", "pequeños", "aprender",
                "morfología");
        assertThat(text.titleLike()).isTrue();
        assertThat(SearchText.parse("&& ?? —").words()).isEmpty();
    }
}
