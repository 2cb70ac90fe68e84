package dev.paperstream.testing;

/** No Kafka, Elasticsearch and PostgreSQL to test against; the message says how to start them. */
public class StackUnavailableException extends RuntimeException {

    public StackUnavailableException(String message) {
        super(message);
    }
}
