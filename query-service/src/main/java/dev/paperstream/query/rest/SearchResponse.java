package dev.paperstream.query.rest;

import java.util.List;
import java.util.Map;

import dev.paperstream.query.domain.FacetCount;

/**
 * One page of search results.
 *
 * @param mode       the mode that ran: {@code keyword}, {@code semantic} or {@code hybrid} ({@code keyword} without q)
 * @param total      exact number of matching papers
 * @param hits       the papers on this page
 * @param facets     per facet ({@code tags}, {@code organization}, {@code year}, {@code teamSize}, {@code hasCode})
 *                   its values with counts, each counted under every filter except the facet's own
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record SearchResponse(String mode, long total, List<PaperHit> hits, Map<String, List<FacetCount>> facets,
        String nextCursor) {
}
