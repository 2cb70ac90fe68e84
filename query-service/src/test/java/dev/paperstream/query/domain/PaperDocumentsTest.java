package dev.paperstream.query.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.paperstream.events.AuthorPapers;
import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.PaperLink;
import dev.paperstream.events.PaperSnapshot;

class PaperDocumentsTest {

    @Test
    void completesTheTitleFromEveryWord() {
        assertThat(PaperDocuments.suggestInputs("  Sparse Mixture of Experts "))
                .containsExactly("Sparse Mixture of Experts", "Mixture of Experts", "of Experts", "Experts");
    }

    @Test
    void mapsEnrichedFieldsAndFallsBackToTheListingsLinks() {
        Instant listed = Instant.parse("2025-01-02T03:04:05Z");
        PaperSnapshot paper = new PaperSnapshot("2501.00001", "A Title", "abs", LocalDate.of(2024, 12, 30), 3, 2,
                List.of("Ann", "Bo"), "Acme", List.of(), "https://github.com/a/b", null, List.of(), listed, List.of());
        EnrichedPaperEvent withoutLinks = new EnrichedPaperEvent(1, UUID.randomUUID(), "2501.00001", 4, listed,
                "tax-1", paper, List.of("nlp"), 2, "small", List.of(), List.of(), false);
        PaperDocument fallback = PaperDocuments.fromEvent(withoutLinks);
        assertThat(fallback.year()).isEqualTo(2024);
        assertThat(fallback.links()).containsExactly(new PaperDocument.Link("code", "https://github.com/a/b"));
        assertThat(fallback.hasCode()).isTrue();
        assertThat(fallback.authors()).containsExactly("Ann", "Bo");
        assertThat(fallback.firstListedAt()).isEqualTo("2025-01-02T03:04:05Z");

        EnrichedPaperEvent enriched = new EnrichedPaperEvent(1, UUID.randomUUID(), "2501.00001", 5, listed, "tax-1",
                paper, List.of("nlp"), 2, "small", List.of(new AuthorPapers("Ann Lee", 3)),
                List.of(new PaperLink("model", "https://hf.co/m")), false);
        PaperDocument document = PaperDocuments.fromEvent(enriched);
        assertThat(document.authors()).containsExactly("Ann Lee");
        assertThat(document.links()).containsExactly(new PaperDocument.Link("model", "https://hf.co/m"));
        assertThat(document.hasCode()).isFalse();
    }
}
