package dev.paperstream.events;

/**
 * An author with the number of distinct papers enrich-service has seen by them so far.
 *
 * @param name   the author's name as listed
 * @param papers distinct papers seen, including this one
 */
public record AuthorPapers(String name, int papers) {
}
