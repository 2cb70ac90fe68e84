package dev.paperstream.events;

/** Kafka topic names of the paper pipeline, shared by every service. */
public final class Topics {

    /** Papers as ingest-service saw them in a listing: {@link PaperEvent}, keyed by paper id. */
    public static final String PAPERS_LISTED = "papers.listed";
    /** Papers with tags, author counts and links: {@link EnrichedPaperEvent}, keyed by paper id. */
    public static final String PAPERS_ENRICHED = "papers.enriched";
    /** Records of {@code papers.listed} that enrich-service could not read or process. */
    public static final String PAPERS_LISTED_DLQ = "papers.listed.dlq";
    /** Records of {@code papers.enriched} that query-service could not read or index. */
    public static final String PAPERS_ENRICHED_DLQ = "papers.enriched.dlq";

    private Topics() {
    }
}
