package dev.paperstream.ingest.persistence;

/** A paper row no longer had the version its change was built on; the listing's transaction is run again. */
public class ConcurrentPaperChangeException extends RuntimeException {

    public ConcurrentPaperChangeException(String paperId) {
        super("paper " + paperId + " changed concurrently");
    }
}
