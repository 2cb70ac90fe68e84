package dev.paperstream.query.persistence;

import java.util.OptionalInt;

import org.elasticsearch.client.ResponseException;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;

/**
 * The HTTP status behind an Elasticsearch client failure. Depending on the response, the client
 * reports an error status as {@link ElasticsearchException}, {@link TransportException} or the low-level
 * {@link ResponseException}; a failure with no status never reached Elasticsearch.
 */
public final class ElasticsearchStatus {

    private ElasticsearchStatus() {
    }

    /** The status code, or empty when the request got no answer. */
    public static OptionalInt of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ElasticsearchException e) {
                return OptionalInt.of(e.status());
            }
            if (t instanceof ResponseException e) {
                return OptionalInt.of(e.getResponse().getStatusLine().getStatusCode());
            }
            if (t instanceof TransportException e && e.statusCode() > 0) {
                return OptionalInt.of(e.statusCode());
            }
        }
        return OptionalInt.empty();
    }

    /** True when retrying later can succeed: no answer at all, overload (429) or a server-side error (5xx). */
    public static boolean isTransient(Throwable failure) {
        OptionalInt status = of(failure);
        return status.isEmpty() || isTransient(status.getAsInt());
    }

    /**
     * True for 429 and every 5xx: Elasticsearch is overloaded, restarting or failing on its side, and the same
     * request can succeed later. Every other 4xx describes the request itself and never will.
     */
    public static boolean isTransient(int status) {
        return status == 429 || status >= 500;
    }
}
