package dev.paperstream.ingest.service;

import java.time.Duration;
import java.time.Instant;

/**
 * A polled feed as {@code GET /sources} shows it.
 *
 * @param name                 the feed's name, also the provenance of its listings
 * @param url                  where it is fetched
 * @param format               its listing format
 * @param interval             time between polls while it answers
 * @param lastPollAt           when it was last polled, null before the first poll
 * @param status               {@code pending}, {@code ok} (a listing was recorded), {@code not-modified} (304),
 *                             {@code unchanged} (same bytes as last time) or {@code error}
 * @param httpStatus           the last HTTP status, null when no response arrived
 * @param message              what went wrong, for {@code error}
 * @param etag                 the validator sent as {@code If-None-Match}
 * @param lastModified         the validator sent as {@code If-Modified-Since}
 * @param lastListingId        the listing recorded from the last changed body
 * @param consecutiveFailures  failed polls in a row; each doubles the wait, up to the maximum backoff
 * @param nextPollAt           when it is polled next
 */
public record SourceStatus(
        String name,
        String url,
        String format,
        Duration interval,
        Instant lastPollAt,
        String status,
        Integer httpStatus,
        String message,
        String etag,
        String lastModified,
        String lastListingId,
        int consecutiveFailures,
        Instant nextPollAt) {
}
