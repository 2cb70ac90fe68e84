package dev.paperstream.query.service;

/** Elasticsearch refused a paper for a reason retrying cannot fix, such as a mapping error. */
public class IndexRefusedException extends RuntimeException {

    public IndexRefusedException(String paperId, Throwable cause) {
        super("Elasticsearch refused paper " + paperId + ": " + cause.getMessage(), cause);
    }
}
