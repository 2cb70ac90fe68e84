package dev.paperstream.enrich.service;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.IntStream;

import dev.paperstream.enrich.domain.BatchAuthors;
import dev.paperstream.enrich.domain.PaperEnrichment;
import dev.paperstream.enrich.persistence.AuthorRepository;
import dev.paperstream.events.AuthorPapers;
import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.PaperEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** Enriches a batch of listed papers, counting each once for each of its authors in one transaction. */
@ApplicationScoped
public class PaperEnrichmentService {

    private final PaperEnrichment enrichment;
    private final AuthorRepository authors;

    public PaperEnrichmentService(PaperEnrichment enrichment, AuthorRepository authors) {
        this.enrichment = enrichment;
        this.authors = authors;
    }

    /**
     * The enriched events, in the order of {@code events}, author counts as if counted one after another. Tagging
     * runs after the commit, so the authors' rows stay locked only for the two statements.
     */
    public List<EnrichedPaperEvent> enrich(List<PaperEvent> events) throws SQLException {
        List<List<AuthorPapers>> counts = authors.count(new BatchAuthors(events));
        // The enrichment function is pure: the batch's papers are tagged on all cores, results in batch order.
        return IntStream.range(0, events.size()).parallel()
                .mapToObj(i -> enrichment.enrich(events.get(i), counts.get(i)))
                .toList();
    }
}
