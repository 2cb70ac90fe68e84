package dev.paperstream.query.service;

/** A {@code cursor} that this service did not issue for this query. */
public class InvalidCursorException extends Exception {

    public InvalidCursorException(String message) {
        super(message, null, false, false);
    }
}
