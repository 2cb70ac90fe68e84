package dev.paperstream.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A paper listed or updated, as published on {@link Topics#PAPERS_LISTED} keyed by {@link #paperId()}.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} for events written by this code
 * @param eventId       unique per event; consumers use it to recognise redeliveries
 * @param eventType     first sighting or change
 * @param paperId       stable paper identity: arXiv id without version, else {@code t-} and a title hash
 * @param version       per-paper version, grows by one with each change
 * @param occurredAt    when ingest-service recorded the change
 * @param listingId     the listing the change came from
 * @param paper         the paper's current state
 */
public record PaperEvent(
        int schemaVersion,
        UUID eventId,
        PaperEventType eventType,
        String paperId,
        long version,
        Instant occurredAt,
        String listingId,
        PaperSnapshot paper) {

    /** The schema version this code writes and the newest it reads. */
    public static final int SCHEMA_VERSION = 1;
}
