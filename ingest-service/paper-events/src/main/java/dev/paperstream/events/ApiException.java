package dev.paperstream.events;

import java.util.List;

import jakarta.ws.rs.core.Response;

/** A request the API refuses, with the status and message the client gets as {@link ApiError}. */
public class ApiException extends RuntimeException {

    private final Response.Status status;
    private final List<?> rejected;

    public ApiException(Response.Status status, String message) {
        this(status, message, null);
    }

    /** A refusal that lists the entries of the body it could not read. */
    public ApiException(Response.Status status, String message, List<?> rejected) {
        super(message, null, false, false);
        this.status = status;
        this.rejected = rejected;
    }

    /** The HTTP status it answers. */
    public Response.Status status() {
        return status;
    }

    public ApiError toError() {
        return new ApiError(status.getStatusCode(), status.getReasonPhrase(), getMessage(), rejected);
    }
}
