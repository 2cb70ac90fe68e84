package dev.paperstream.query.service;

/**
 * A consumed record that cannot be indexed (position in its batch), why, and the reason it is dead-lettered with.
 */
public record Rejection(int position, Cause cause, String reason) {

    /** Why a record can never be indexed; a bounded label for metrics. */
    public enum Cause {
        /** Not a valid event or tombstone of the contract. */
        INVALID_EVENT,
        /** A valid event this service cannot turn into a document. */
        UNMAPPABLE,
        /** Elasticsearch refused the document (or the request holding only it) for good. */
        REFUSED
    }
}
