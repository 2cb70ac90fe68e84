package dev.paperstream.enrich.rest;

/**
 * The JSON body of every error response.
 *
 * @param status  the HTTP status
 * @param error   the status reason, e.g. {@code Bad Request}
 * @param message what is wrong and, where it helps, the allowed values
 */
public record ApiError(int status, String error, String message) {
}
