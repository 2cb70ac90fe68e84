package dev.paperstream.query.persistence;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.paperstream.query.domain.Facet;
import dev.paperstream.query.domain.FacetCount;
import dev.paperstream.query.domain.PaperDocument;

/**
 * One page of search results.
 *
 * @param total    exact number of matching papers
 * @param hits     the papers on this page, in order
 * @param facets   counts per facet value, each under every filter except the facet's own
 * @param lastSort the sort values of the last hit (where the next page starts), or null without hits
 */
public record SearchResult(long total, List<Hit> hits, Map<Facet, List<FacetCount>> facets, JsonNode lastSort) {

    /**
     * A paper with the fragments of its title and summary that matched.
     *
     * @param paper   the paper
     * @param title   highlighted title fragments
     * @param summary highlighted summary fragments
     */
    public record Hit(PaperDocument paper, List<String> title, List<String> summary) {
    }
}
