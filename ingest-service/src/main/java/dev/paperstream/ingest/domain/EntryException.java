package dev.paperstream.ingest.domain;

/** A problem with one entry of a listing; the parsers turn it into an {@link EntryRejection}. */
final class EntryException extends RuntimeException {

    /** 0-based line where the problem is, or -1 when the parser tracks lines itself. */
    final int line;

    EntryException(String message) {
        this(-1, message);
    }

    EntryException(int line, String message) {
        super(message, null, false, false);
        this.line = line;
    }
}
