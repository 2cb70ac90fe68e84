package dev.paperstream.enrich.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.paperstream.enrich.domain.AuthorNames;
import dev.paperstream.enrich.domain.PaperEnrichment;
import dev.paperstream.enrich.persistence.AuthorRepository;
import dev.paperstream.events.AuthorPapers;
import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.PaperEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Enriches a listed paper and counts it once for each of its authors, in one transaction. */
@ApplicationScoped
public class PaperEnrichmentService {

    private final PaperEnrichment enrichment;
    private final AuthorRepository authors;

    public PaperEnrichmentService(PaperEnrichment enrichment, AuthorRepository authors) {
        this.enrichment = enrichment;
        this.authors = authors;
    }

    @Transactional
    public EnrichedPaperEvent enrich(PaperEvent event) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String name : event.paper().authors()) {
            if (name != null && !name.isBlank()) {
                byKey.putIfAbsent(AuthorNames.key(name), AuthorNames.clean(name));
            }
        }
        List<AuthorPapers> counted = new ArrayList<>(byKey.size());
        byKey.forEach((key, name) -> counted.add(new AuthorPapers(name, authors.countPaper(key, name,
                event.paperId()))));
        return enrichment.enrich(event, counted);
    }
}
