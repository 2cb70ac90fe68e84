package dev.paperstream.events;

/**
 * A link found for a paper.
 *
 * @param kind {@code code}, {@code model}, {@code dataset}, {@code space} or {@code project}
 * @param url  the absolute URL
 */
public record PaperLink(String kind, String url) {
}
