package dev.paperstream.query.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SearchFiltersTest {

    private static final PaperDocument PAPER = new PaperDocument("p1", "Sparse Experts", "Routing tokens.",
            "2024-05-06", 2024, 3, 2, "small", "Acme", List.of("Ann"), List.of("nlp", "moe"), List.of(), true,
            "2024-05-07T00:00:00Z", 0, 0, 0, null, null, null, null, "t1", 1, "2024-05-07T00:00:00Z", null);

    @Test
    void matchesAnyValueOfAFacetAndEveryFacet() {
        assertThat(filters(Optional.empty(), Set.of("cv", "moe"), Set.of("Acme"), Optional.of(true)).matches(PAPER))
                .isTrue();
        assertThat(filters(Optional.empty(), Set.of("cv"), Set.of(), Optional.empty()).matches(PAPER)).isFalse();
        assertThat(filters(Optional.empty(), Set.of(), Set.of("Other"), Optional.empty()).matches(PAPER)).isFalse();
        assertThat(filters(Optional.empty(), Set.of(), Set.of(), Optional.of(false)).matches(PAPER)).isFalse();
    }

    @Test
    void matchesTextTermsCaseInsensitively() {
        assertThat(filters(Optional.of("sparse +ROUTING"), Set.of(), Set.of(), Optional.empty()).matches(PAPER))
                .isTrue();
        assertThat(filters(Optional.of("sparse dense"), Set.of(), Set.of(), Optional.empty()).matches(PAPER))
                .isFalse();
    }

    @Test
    void appliesThePublicationDateRange() {
        SearchFilters inRange = new SearchFilters(Optional.empty(), Set.of(), Set.of(), Set.of(2024), Set.of(),
                Optional.empty(), Optional.of(LocalDate.of(2024, 5, 6)), Optional.of(LocalDate.of(2024, 5, 6)));
        SearchFilters after = new SearchFilters(Optional.empty(), Set.of(), Set.of(), Set.of(), Set.of(),
                Optional.empty(), Optional.of(LocalDate.of(2024, 5, 7)), Optional.empty());
        assertThat(inRange.matches(PAPER)).isTrue();
        assertThat(after.matches(PAPER)).isFalse();
    }

    private static SearchFilters filters(Optional<String> text, Set<String> tags, Set<String> orgs,
            Optional<Boolean> hasCode) {
        return new SearchFilters(text, tags, orgs, Set.of(), Set.of(), hasCode, Optional.empty(), Optional.empty());
    }
}
