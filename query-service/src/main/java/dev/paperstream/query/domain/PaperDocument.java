package dev.paperstream.query.domain;

import java.util.List;

/**
 * A paper as stored in the search index; dates are ISO-8601 strings as Elasticsearch returns them.
 *
 * @param id                paper id (also the document id)
 * @param title             title
 * @param summary           abstract
 * @param publishedOn       publication date, {@code yyyy-MM-dd}, or null
 * @param upvotes           latest upvote count
 * @param authorCount       number of authors, or null
 * @param teamSize          team size band, or null
 * @param organization      organization, or null
 * @param authors           author names
 * @param tags              topic tags, strongest first
 * @param enrichmentVersion taxonomy version that produced the tags
 * @param version           per-paper version of the event indexed last
 * @param updatedAt         when that event occurred
 */
public record PaperDocument(
        String id,
        String title,
        String summary,
        String publishedOn,
        int upvotes,
        Integer authorCount,
        String teamSize,
        String organization,
        List<String> authors,
        List<String> tags,
        String enrichmentVersion,
        long version,
        String updatedAt) {

    public PaperDocument {
        authors = authors == null ? List.of() : List.copyOf(authors);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
