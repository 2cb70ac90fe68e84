package dev.paperstream.ingest.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.paperstream.ingest.domain.EntryRejection;

/**
 * The JSON body of every error response.
 *
 * @param status   the HTTP status
 * @param error    the status reason, e.g. {@code Bad Request}
 * @param message  what is wrong and, where it helps, what to send instead
 * @param rejected the entries that could not be read, when the body held entries
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String error, String message, List<EntryRejection> rejected) {

    public ApiError(int status, String error, String message) {
        this(status, error, message, null);
    }
}
