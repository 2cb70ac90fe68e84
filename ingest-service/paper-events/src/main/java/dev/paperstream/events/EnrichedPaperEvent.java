package dev.paperstream.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A paper with the fields enrich-service derives, as published on {@link Topics#PAPERS_ENRICHED}
 * keyed by {@link #paperId()}.
 *
 * @param schemaVersion     {@link PaperEvent#SCHEMA_VERSION}
 * @param eventId           the id of the {@link PaperEvent} this enrichment came from
 * @param paperId           stable paper identity
 * @param version           the per-paper version of the source event; search keeps the highest
 * @param occurredAt        when the source change occurred
 * @param enrichmentVersion version of the taxonomy and rules that produced the derived fields
 * @param paper             the paper as listed
 * @param tags              topic tag slugs, strongest first
 * @param authorCount       number of authors when known, else null
 * @param teamSize          {@code solo}, {@code small}, {@code medium}, {@code large}, or null when unknown
 * @param authors           author names with their paper counts, when names are known
 * @param links             code, model, dataset, space and project links found
 * @param hasCode           whether any {@code code} link was found
 */
public record EnrichedPaperEvent(
        int schemaVersion,
        UUID eventId,
        String paperId,
        long version,
        Instant occurredAt,
        String enrichmentVersion,
        PaperSnapshot paper,
        List<String> tags,
        Integer authorCount,
        String teamSize,
        List<AuthorPapers> authors,
        List<PaperLink> links,
        boolean hasCode) {

    public EnrichedPaperEvent {
        tags = tags == null ? List.of() : List.copyOf(tags);
        authors = authors == null ? List.of() : List.copyOf(authors);
        links = links == null ? List.of() : List.copyOf(links);
    }
}
