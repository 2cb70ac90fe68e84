package dev.paperstream.query.service;

import io.opentelemetry.api.trace.SpanContext;

/**
 * A consumed papers.enriched record.
 *
 * @param key          the paper id it is keyed by
 * @param value        the event JSON, or null for a tombstone (the paper moved to another id)
 * @param version      on a tombstone, its {@code paperstream_version} header as sent (the retired id's
 *                     version), or null when the producer sent none
 * @param supersededBy on a tombstone, its {@code paperstream_superseded_by} header (the id that replaces the
 *                     key), or null
 * @param trace        the span of the record's processing, which the bulk request that indexes it links to
 *                     (invalid when untraced)
 */
public record IncomingPaper(String key, String value, String version, String supersededBy, SpanContext trace) {

    /** An untraced record. */
    public IncomingPaper(String key, String value, String version, String supersededBy) {
        this(key, value, version, supersededBy, SpanContext.getInvalid());
    }

    /** A record without tombstone headers: an event, or a tombstone of a producer that sends no version. */
    public IncomingPaper(String key, String value) {
        this(key, value, null, null);
    }
}
