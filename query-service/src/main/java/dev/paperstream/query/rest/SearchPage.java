package dev.paperstream.query.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.paperstream.query.domain.FacetCount;

/**
 * What the search page shows: the query, the API's response for it (or the API's error message), the facets with
 * their links, and the hits with safe highlights.
 *
 * @param query  the page's parameters
 * @param result the response of {@code GET /papers/search} for them, or null when it answered an error
 * @param error  the error's message, or null
 */
public record SearchPage(PageQuery query, SearchResponse result, String error) {

    /** The facets in sidebar order: parameter name, heading, response key. */
    private static final List<String[]> FACETS = List.of(new String[] {"tag", "Tags", "tags"},
            new String[] {"organization", "Organization", "organization"}, new String[] {"year", "Year", "year"},
            new String[] {"teamSize", "Team size", "teamSize"}, new String[] {"hasCode", "Has code", "hasCode"});

    /** One facet value: its count under every other filter, and whether it is selected. */
    public record Value(String value, long count, boolean selected, String toggleUrl) {
    }

    /** One facet of the sidebar. */
    public record FacetGroup(String param, String heading, List<Value> values, boolean active, String clearUrl) {
    }

    /** The facets, each listing its counted values and any selected value that has no count here. */
    public List<FacetGroup> facets() {
        List<FacetGroup> groups = new ArrayList<>();
        Map<String, List<FacetCount>> counts = result == null ? Map.of() : result.facets();
        for (String[] facet : FACETS) {
            List<Value> values = new ArrayList<>();
            List<String> listed = new ArrayList<>();
            for (FacetCount count : counts.getOrDefault(facet[2], List.of())) {
                values.add(new Value(count.value(), count.count(), query.selected(facet[0], count.value()),
                        query.toggle(facet[0], count.value())));
                listed.add(count.value());
            }
            for (String selected : query.all(facet[0])) {
                if (!listed.contains(selected)) {
                    values.add(new Value(selected, 0, true, query.toggle(facet[0], selected)));
                }
            }
            groups.add(new FacetGroup(facet[0], facet[1], values, !query.all(facet[0]).isEmpty(),
                    query.without(facet[0])));
        }
        return groups;
    }

    /** The URL of the next page, or null on the last. */
    public String moreUrl() {
        return result == null || result.nextCursor() == null ? null
                : query.url() + (query.url().contains("?") ? "&" : "?") + "cursor="
                        + PageQuery.encode(result.nextCursor());
    }
}
