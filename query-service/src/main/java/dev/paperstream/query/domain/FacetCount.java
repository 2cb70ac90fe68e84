package dev.paperstream.query.domain;

/**
 * One value of a facet with the number of papers that have it.
 *
 * @param value the value, as a string ({@code "2024"}, {@code "true"})
 * @param count matching papers
 */
public record FacetCount(String value, long count) {
}
