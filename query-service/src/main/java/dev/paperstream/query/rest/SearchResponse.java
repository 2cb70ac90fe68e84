package dev.paperstream.query.rest;

import java.util.List;

/**
 * One page of search results.
 *
 * @param total exact number of matching papers
 * @param hits  the papers on this page
 */
public record SearchResponse(long total, List<PaperHit> hits) {
}
