package dev.paperstream.enrich.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.paperstream.enrich.domain.BatchAuthors.AuthorIncrement;
import dev.paperstream.enrich.domain.BatchAuthors.AuthorPaper;
import dev.paperstream.events.AuthorPapers;
import dev.paperstream.events.PaperEvent;
import dev.paperstream.events.PaperEventType;
import dev.paperstream.events.PaperSnapshot;

class BatchAuthorsTest {

    @Test
    void listsPairsAndAuthorsSortedAndOnceSoConcurrentBatchesLockInOneOrder() {
        BatchAuthors batch = new BatchAuthors(List.of(paper("p2", "Zoe", "ada"), paper("p1", "Ada", "Zoe", "ADA"),
                paper("p2", "ada")));

        assertThat(batch.pairs()).containsExactly(new AuthorPaper("ada", "p1"), new AuthorPaper("ada", "p2"),
                new AuthorPaper("zoe", "p1"), new AuthorPaper("zoe", "p2"));
        assertThat(batch.increments(Set.of(new AuthorPaper("ada", "p1"), new AuthorPaper("ada", "p2"))))
                .containsExactly(new AuthorIncrement("ada", "ada", 2), new AuthorIncrement("zoe", "Zoe", 0));
    }

    @Test
    void reportsCountsAsIfThePapersWereCountedOneAfterAnother() {
        List<PaperEvent> events = List.of(paper("p1", "Ada"), paper("p2", "Ada", "Bob"), paper("p1", "Ada"),
                paper("p3", "Bob"));
        BatchAuthors batch = new BatchAuthors(events);
        // Ada had 10 papers before, p1 and p2 are new for her; Bob had p2 already and p3 is new.
        Set<AuthorPaper> newlyCounted = Set.of(new AuthorPaper("ada", "p1"), new AuthorPaper("ada", "p2"),
                new AuthorPaper("bob", "p3"));

        List<List<AuthorPapers>> counts = batch.counts(newlyCounted, Map.of("ada", 12, "bob", 5));

        assertThat(counts).containsExactly(List.of(new AuthorPapers("Ada", 11)),
                List.of(new AuthorPapers("Ada", 12), new AuthorPapers("Bob", 4)), List.of(new AuthorPapers("Ada", 12)),
                List.of(new AuthorPapers("Bob", 5)));
    }

    @Test
    void redeliveredPapersKeepTheirCounts() {
        BatchAuthors batch = new BatchAuthors(List.of(paper("p1", "Ada"), paper("p1", "Ada")));

        assertThat(batch.counts(Set.of(), Map.of("ada", 3))).containsExactly(List.of(new AuthorPapers("Ada", 3)),
                List.of(new AuthorPapers("Ada", 3)));
        assertThat(batch.increments(Set.of())).containsExactly(new AuthorIncrement("ada", "Ada", 0));
    }

    @Test
    void papersWithoutNamedAuthorsNeedNoRows() {
        BatchAuthors batch = new BatchAuthors(List.of(paper("p1"), paper("p2", " ", "")));

        assertThat(batch.pairs()).isEmpty();
        assertThat(batch.increments(Set.of())).isEmpty();
        assertThat(batch.counts(Set.of(), Map.of())).containsExactly(List.of(), List.of());
    }

    private static PaperEvent paper(String id, String... authors) {
        PaperSnapshot paper = new PaperSnapshot(null, "Title " + id, "An abstract.", LocalDate.of(2024, 1, 1), 0,
                authors.length, List.of(authors), null, List.of(), null, null, List.of(), null, List.of());
        return new PaperEvent(PaperEvent.SCHEMA_VERSION, UUID.randomUUID(), PaperEventType.PaperListed, id, 1,
                Instant.now(), "l-test", paper);
    }
}
