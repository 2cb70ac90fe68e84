package dev.paperstream.events;

/** A record on a paper topic that is not a valid event of this contract; the message says why. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String reason) {
        super(reason);
    }

    public InvalidEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
