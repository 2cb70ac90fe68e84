package dev.paperstream.ingest.rest;

import java.util.List;

import dev.paperstream.ingest.domain.EntryRejection;
import jakarta.ws.rs.core.Response;

/** A request the API refuses, with the status and message the client gets as {@link ApiError}. */
public class ApiException extends RuntimeException {

    private final Response.Status status;
    private final List<EntryRejection> rejected;

    public ApiException(Response.Status status, String message) {
        this(status, message, null);
    }

    public ApiException(Response.Status status, String message, List<EntryRejection> rejected) {
        super(message, null, false, false);
        this.status = status;
        this.rejected = rejected;
    }

    public ApiError toError() {
        return new ApiError(status.getStatusCode(), status.getReasonPhrase(), getMessage(), rejected);
    }
}
