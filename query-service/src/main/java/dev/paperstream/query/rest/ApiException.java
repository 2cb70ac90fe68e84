package dev.paperstream.query.rest;

import jakarta.ws.rs.core.Response;

/** A request the API refuses, with the status and message the client gets as {@link ApiError}. */
public class ApiException extends RuntimeException {

    private final Response.Status status;

    public ApiException(Response.Status status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status it answers. */
    public Response.Status status() {
        return status;
    }

    public ApiError toError() {
        return new ApiError(status.getStatusCode(), status.getReasonPhrase(), getMessage());
    }
}
