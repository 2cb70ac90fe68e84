package dev.paperstream.events;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON body of every error response, in all three services.
 *
 * @param status   the HTTP status
 * @param error    the status reason, e.g. {@code Bad Request}
 * @param message  what is wrong and, where it helps, what to send instead or the allowed values
 * @param rejected the entries that could not be read, when the body held entries (ingest's listings); else absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String error, String message, List<?> rejected) {

    public ApiError(int status, String error, String message) {
        this(status, error, message, null);
    }
}
