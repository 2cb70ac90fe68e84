package dev.paperstream.query.domain;

import java.util.List;

/**
 * A paper as stored in the search index; dates are ISO-8601 strings as Elasticsearch returns them.
 *
 * @param id                paper id (also the document id)
 * @param title             title
 * @param summary           abstract
 * @param publishedOn       publication date, {@code yyyy-MM-dd}, or null
 * @param year              year of {@code publishedOn}, or null (the year facet)
 * @param upvotes           latest upvote count
 * @param authorCount       number of authors, or null
 * @param teamSize          team size band, or null
 * @param organization      organization, or null
 * @param authors           author names
 * @param tags              topic tags, strongest first
 * @param links             code, model, dataset, space and project links (stored, not searched)
 * @param hasCode           whether a code link is known
 * @param firstListedAt     when paperstream first saw the paper (trending decays from here)
 * @param gain24h           upvotes gained in the 24 hours before {@code gainsAsOf}
 * @param gain7d            upvotes gained in the 7 days before {@code gainsAsOf}
 * @param gain30d           upvotes gained in the 30 days before {@code gainsAsOf}
 * @param upvoteHistory     the observations the gains are computed from (the last 30 days the event carried)
 * @param gainsAsOf         when the gains were measured back from: the event, or a later re-scoring
 * @param gainsChangeAt     when a gain next changes as time passes, or null (the re-scoring picks it up then)
 * @param suggest           title completions: one input per word suffix of the title, weighted by upvotes
 * @param enrichmentVersion taxonomy version that produced the tags
 * @param version           per-paper version of the event indexed last
 * @param updatedAt         when that event occurred
 * @param textHash          {@link EmbeddingText#hash} of title and summary: whether a stored vector still fits
 */
public record PaperDocument(
        String id,
        String title,
        String summary,
        String publishedOn,
        Integer year,
        int upvotes,
        Integer authorCount,
        String teamSize,
        String organization,
        List<String> authors,
        List<String> tags,
        List<Link> links,
        boolean hasCode,
        String firstListedAt,
        int gain24h,
        int gain7d,
        int gain30d,
        List<Upvotes> upvoteHistory,
        String gainsAsOf,
        String gainsChangeAt,
        Completion suggest,
        String enrichmentVersion,
        long version,
        String updatedAt,
        String textHash) {

    public PaperDocument {
        authors = authors == null ? List.of() : List.copyOf(authors);
        tags = tags == null ? List.of() : List.copyOf(tags);
        links = links == null ? List.of() : List.copyOf(links);
        upvoteHistory = upvoteHistory == null ? List.of() : List.copyOf(upvoteHistory);
    }

    /**
     * One observation of the upvote count.
     *
     * @param observedAt ISO-8601 instant
     * @param upvotes    the count then
     */
    public record Upvotes(String observedAt, int upvotes) {
    }

    /** The upvotes gained in a trending window. */
    public int gain(TrendingWindow window) {
        return switch (window) {
            case DAY -> gain24h;
            case WEEK -> gain7d;
            case MONTH -> gain30d;
        };
    }

    /**
     * A link found for the paper.
     *
     * @param kind {@code code}, {@code model}, {@code dataset}, {@code space} or {@code project}
     * @param url  absolute URL
     */
    public record Link(String kind, String url) {
    }

    /**
     * Inputs of the completion field.
     *
     * @param input  the title and each of its word suffixes
     * @param weight ranks completions; the paper's upvotes
     */
    public record Completion(List<String> input, int weight) {

        public Completion {
            input = input == null ? List.of() : List.copyOf(input);
        }
    }
}
