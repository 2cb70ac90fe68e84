package dev.paperstream.ingest.domain;

/** The whole body is not a listing of the declared format: nothing in it could be read as a paper. */
public class ListingParseException extends RuntimeException {

    public ListingParseException(String message) {
        super(message);
    }
}
