package dev.paperstream.query.service;

/** This replica already serves as many live streams as it is configured for; the client should retry later. */
public class StreamsFullException extends RuntimeException {

    public StreamsFullException(int limit) {
        super("this replica already serves its maximum of " + limit + " live streams; retry later", null, false,
                false);
    }
}
