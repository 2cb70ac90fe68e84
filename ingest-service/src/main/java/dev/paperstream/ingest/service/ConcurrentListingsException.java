package dev.paperstream.ingest.service;

/** A listing kept losing races against concurrent listings on the same papers; nothing of it was stored. */
public class ConcurrentListingsException extends RuntimeException {

    public ConcurrentListingsException(int attempts, Throwable last) {
        super("the listing conflicted with concurrent listings " + attempts + " times; nothing was stored", last);
    }
}
