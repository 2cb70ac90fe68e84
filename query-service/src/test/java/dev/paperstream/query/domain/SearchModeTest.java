package dev.paperstream.query.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class SearchModeTest {

    @Test
    void runsHybridAsKeywordForIdsOperatorsAndTextWithoutWords() {
        assertThat(SearchMode.HYBRID.runsAs(Optional.of("sparse experts for routing"))).isEqualTo(SearchMode.HYBRID);
        assertThat(SearchMode.HYBRID.runsAs(Optional.of("arXiv:2106.09685v2"))).isEqualTo(SearchMode.KEYWORD);
        assertThat(SearchMode.HYBRID.runsAs(Optional.of("https://huggingface.co/papers/2106.09685")))
                .isEqualTo(SearchMode.KEYWORD);
        assertThat(SearchMode.HYBRID.runsAs(Optional.of("\"tiny models\" -spanish"))).isEqualTo(SearchMode.KEYWORD);
        assertThat(SearchMode.HYBRID.runsAs(Optional.of("?!—"))).isEqualTo(SearchMode.KEYWORD);
        assertThat(SearchMode.HYBRID.runsAs(Optional.empty())).isEqualTo(SearchMode.KEYWORD);
    }

    @Test
    void runsSemanticAsAskedWheneverThereAreWords() {
        assertThat(SearchMode.SEMANTIC.runsAs(Optional.of("\"tiny models\" -spanish"))).isEqualTo(SearchMode.SEMANTIC);
        assertThat(SearchMode.SEMANTIC.runsAs(Optional.of("?!"))).isEqualTo(SearchMode.KEYWORD);
        assertThat(SearchMode.KEYWORD.runsAs(Optional.of("anything"))).isEqualTo(SearchMode.KEYWORD);
    }
}
