package dev.paperstream.query.persistence;

/**
 * What Elasticsearch did with one item of a bulk request.
 *
 * @param kind   the outcome
 * @param status the item's HTTP status
 * @param reason Elasticsearch's error type and reason, or null when it succeeded
 */
public record BulkItemOutcome(Kind kind, int status, String reason) {

    /** Outcome classes that decide what the indexer does with the item. */
    public enum Kind {
        /** Written, or deleted. */
        DONE,
        /** 409: the index already holds the paper at this or a newer version; dropped. */
        STALE,
        /** A delete of a paper that is not there; nothing to do. */
        ABSENT,
        /** 429 or a 5xx; retrying later can succeed. */
        RETRY,
        /** Refused for good (e.g. a mapping error); goes to the dead-letter topic. */
        REJECTED
    }

    /** Classifies an item by its status, for an index or a delete operation. */
    public static BulkItemOutcome of(int status, boolean delete, String reason) {
        Kind kind;
        if (status >= 200 && status < 300) {
            kind = Kind.DONE;
        } else if (status == 404 && delete) {
            kind = Kind.ABSENT;
        } else if (status == 409) {
            kind = Kind.STALE;
        } else if (ElasticsearchStatus.isTransient(status)) {
            kind = Kind.RETRY;
        } else {
            kind = Kind.REJECTED;
        }
        return new BulkItemOutcome(kind, status, reason);
    }
}
