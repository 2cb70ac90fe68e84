package dev.paperstream.query.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The parameters of a page of the UI, named as in {@code GET /papers/search} so that every view is a shareable URL,
 * with the links a page needs: a facet value toggled, a facet cleared, a sort chosen, the next page.
 */
public final class PageQuery {

    /** The filter parameters, which the live stream takes too. */
    static final List<String> FILTERS = List.of("q", "tag", "organization", "year", "teamSize", "hasCode", "from",
            "to");
    private static final List<String> ALL = Stream.concat(FILTERS.stream(), Stream.of("sort", "mode")).toList();

    private final String path;
    private final Map<String, List<String>> values;

    PageQuery(String path, Map<String, List<String>> values) {
        this.path = path;
        this.values = new LinkedHashMap<>();
        for (String name : ALL) {
            List<String> given = values.getOrDefault(name, List.of()).stream().map(String::strip)
                    .filter(v -> !v.isEmpty()).distinct().toList();
            if (!given.isEmpty()) {
                this.values.put(name, given);
            }
        }
    }

    /** The values of a parameter (empty when absent). */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The first value of a parameter, or "" when absent. */
    public String first(String name) {
        List<String> given = all(name);
        return given.isEmpty() ? "" : given.get(0);
    }

    /** Whether a facet value is selected. */
    public boolean selected(String name, String value) {
        return all(name).contains(value);
    }

    /** Whether any filter is set. */
    public boolean filtered() {
        return FILTERS.stream().anyMatch(f -> !f.equals("q") && values.containsKey(f));
    }

    /** This page's URL. */
    public String url() {
        return url(values);
    }

    /** The URL with one facet value selected or unselected. */
    public String toggle(String name, String value) {
        Map<String, List<String>> next = copy();
        List<String> current = new ArrayList<>(all(name));
        if (!current.remove(value)) {
            current.add(value);
        }
        put(next, name, current);
        return url(next);
    }

    /** The URL with one parameter's values removed ("clear" on a facet). */
    public String without(String name) {
        Map<String, List<String>> next = copy();
        next.remove(name);
        return url(next);
    }

    /** The URL with every facet cleared, keeping the text, sort and mode. */
    public String withoutFilters() {
        Map<String, List<String>> next = copy();
        FILTERS.stream().filter(f -> !f.equals("q")).forEach(next::remove);
        return url(next);
    }

    /** The live stream of papers that match this page's text and filters. */
    public String streamUrl() {
        return "/papers/stream" + filterQuery();
    }

    /** The Atom feed of this page's text and filters. */
    public String feedUrl() {
        return "/papers/feed.atom" + filterQuery();
    }

    /** The RSS feed of this page's text and filters. */
    public String rssUrl() {
        return "/papers/feed.rss" + filterQuery();
    }

    private String filterQuery() {
        Map<String, List<String>> filters = copy();
        filters.keySet().retainAll(FILTERS);
        return queryString(filters);
    }

    private Map<String, List<String>> copy() {
        return new LinkedHashMap<>(values);
    }

    private static void put(Map<String, List<String>> map, String name, List<String> list) {
        if (list.isEmpty()) {
            map.remove(name);
        } else {
            map.put(name, list);
        }
    }

    private String url(Map<String, List<String>> params) {
        return path + queryString(params);
    }

    private static String queryString(Map<String, List<String>> params) {
        String query = params.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
        return query.isEmpty() ? "" : "?" + query;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
