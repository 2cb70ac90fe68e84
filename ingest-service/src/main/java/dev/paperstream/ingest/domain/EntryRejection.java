package dev.paperstream.ingest.domain;

/**
 * An entry of a listing that could not be read as a paper; the rest of the listing is still accepted.
 *
 * @param entry  1-based position of the entry in the listing
 * @param line   1-based line where the entry starts
 * @param reason what is wrong, in words a person posting the listing can act on
 */
public record EntryRejection(int entry, int line, String reason) {
}
