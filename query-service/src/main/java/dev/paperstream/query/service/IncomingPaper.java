package dev.paperstream.query.service;

/**
 * A consumed papers.enriched record.
 *
 * @param key   the paper id it is keyed by
 * @param value the event JSON, or null for a tombstone (the paper moved to another id)
 */
public record IncomingPaper(String key, String value) {
}
