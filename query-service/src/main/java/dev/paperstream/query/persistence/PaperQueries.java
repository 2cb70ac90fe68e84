package dev.paperstream.query.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.paperstream.query.domain.Facet;
import dev.paperstream.query.domain.FacetCount;
import dev.paperstream.query.domain.SearchFilters;
import dev.paperstream.query.domain.SearchText;
import dev.paperstream.query.domain.SortOrder;
import dev.paperstream.query.domain.TrendingWindow;

/**
 * Elasticsearch request bodies for the search API. User text only ever goes into a {@code simple_query_string}
 * (which never fails on syntax), match queries (no syntax at all) or a completion prefix, never into raw query DSL.
 */
public final class PaperQueries {

    /**
     * Fields searched by {@code q}, title boosted; the {@code english} sub-fields exist only with analysis-common.
     * Only analysed text: a keyword field would turn a lone {@code &} or {@code —} into a term that nothing matches,
     * and with {@code default_operator=and} that one term failed the whole query.
     */
    static final List<String> SEARCH_FIELDS = List.of("title^3", "title.english^3", "summary", "summary.english",
            "organization.text", "authors.text");
    /** The window that {@code sort=trending} ranks by. */
    public static final TrendingWindow SEARCH_TRENDING_WINDOW = TrendingWindow.WEEK;
    /** Never read back: completion inputs, and the model name of the vector (Elasticsearch omits the vector). */
    private static final List<String> SOURCE_EXCLUDES = List.of("suggest", PaperIndex.EMBEDDING_MODEL);

    /** Facet aggregations: the group of the facets without a selection, and the prefix of each selected one's. */
    private static final String WITHIN_ALL = "within-all";
    private static final String WITHIN = "within-";

    private final ObjectMapper json;

    public PaperQueries(ObjectMapper json) {
        this.json = json;
    }

    /**
     * A search: text and date range in the query, facet filters in a {@code post_filter}, and the facet counts of
     * {@link #facetAggregations} (multi-select facets). The text matches
     * by words (keyword), as one of the {@code candidates} nearest vectors within the date range (semantic), or
     * either (hybrid: the union, whose relevance order {@link dev.paperstream.query.domain.RankFusion} makes).
     *
     * @param after sort values of the previous page's last hit, or null for the first page
     * @param now   the origin of the trending decay; the same for every page of one walk
     */
    public ObjectNode search(SearchFilters filters, SortOrder sort, int size, JsonNode after, Instant now,
            Retrieval retrieval) {
        ObjectNode body = json.createObjectNode();
        body.put("size", size).put("track_total_hits", true);
        body.putObject("_source").set("excludes", json.valueToTree(SOURCE_EXCLUDES));

        ObjectNode query = filters.text().isEmpty() ? baseQuery(filters, matchAll())
                : baseQuery(filters, textClause(filters, retrieval));
        SortOrder effective = sort == SortOrder.RELEVANCE && filters.text().isEmpty() ? SortOrder.NEWEST : sort;
        body.set("query", effective == SortOrder.TRENDING ? trendingScore(query, SEARCH_TRENDING_WINDOW, now) : query);

        postFilter(body, filters);
        body.set("aggs", facetAggregations(filters));

        ArrayNode sortNode = body.putArray("sort");
        switch (effective) {
            case RELEVANCE, TRENDING -> sortNode.addObject().put("_score", "desc");
            case NEWEST -> sortNode.addObject().putObject("publishedOn").put("order", "desc").put("missing", "_last");
            case UPVOTES -> sortNode.addObject().put("upvotes", "desc");
        }
        sortNode.addObject().put("id", "asc");
        if (after != null) {
            body.set("search_after", after);
        }
        if (filters.text().isPresent()) {
            highlight(body);
        }
        return body;
    }

    /**
     * The ids of the best {@code size} papers of one side of a hybrid search, within every filter: the side's
     * ranking that reciprocal rank fusion combines.
     *
     * @param semantic the vector side (else the words side)
     */
    public ObjectNode ranking(SearchFilters filters, Retrieval retrieval, boolean semantic, int size) {
        ObjectNode body = json.createObjectNode();
        body.put("size", size).put("track_total_hits", false).put("_source", false);
        String text = filters.text().orElseThrow();
        body.set("query", baseQuery(filters, semantic ? knn(filters, retrieval) : textQuery(text)));
        postFilter(body, filters);
        ArrayNode sort = body.putArray("sort");
        sort.addObject().put("_score", "desc");
        sort.addObject().put("id", "asc");
        return body;
    }

    /**
     * Papers by id, with highlights of the search text: a page of a fused ranking, in any order (the caller orders
     * them).
     */
    public ObjectNode byIds(SearchFilters filters, List<String> ids) {
        ObjectNode body = json.createObjectNode();
        body.put("size", ids.size()).put("track_total_hits", false);
        body.putObject("_source").set("excludes", json.valueToTree(SOURCE_EXCLUDES));
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("filter").addObject().putObject("ids").set("values", json.valueToTree(ids));
        filters.text().ifPresent(text -> bool.putArray("should").add(textQuery(text)));
        highlight(body);
        return body;
    }

    /**
     * The words side of a hybrid search past its rank window: papers matching the words in their order, except
     * the vector side's (already ranked by fusion), from an offset.
     */
    public ObjectNode wordsAfterWindow(SearchFilters filters, Collection<String> exclude, int from, int size) {
        ObjectNode body = json.createObjectNode();
        body.put("from", from).put("size", size).put("track_total_hits", false);
        body.putObject("_source").set("excludes", json.valueToTree(SOURCE_EXCLUDES));
        ObjectNode bool = json.createObjectNode();
        bool.putObject("bool").putArray("must").add(textQuery(filters.text().orElseThrow()));
        if (!exclude.isEmpty()) {
            ((ObjectNode) bool.get("bool")).putArray("must_not").addObject().putObject("ids")
                    .set("values", json.valueToTree(exclude));
        }
        body.set("query", baseQuery(filters, bool));
        postFilter(body, filters);
        ArrayNode sort = body.putArray("sort");
        sort.addObject().put("_score", "desc");
        sort.addObject().put("id", "asc");
        highlight(body);
        return body;
    }

    /**
     * Up to {@code size} papers nearest to a vector within the filters, leaving one paper out (similar papers).
     */
    public ObjectNode nearest(float[] vector, String exclude, SearchFilters filters, int size) {
        ObjectNode body = json.createObjectNode();
        body.put("size", size).put("track_total_hits", false);
        body.putObject("_source").set("excludes", json.valueToTree(SOURCE_EXCLUDES));
        ObjectNode bool = json.createObjectNode();
        ArrayNode filter = bool.putArray("filter");
        Map<Facet, ObjectNode> facetFilters = facetFilters(filters);
        facetFilters.values().forEach(filter::add);
        rangeFilter(filters).ifPresent(filter::add);
        ArrayNode mustNot = bool.putArray("must_not");
        mustNot.add(retiredMarker());
        mustNot.addObject().putObject("ids").putArray("values").add(exclude);
        ObjectNode knn = body.putObject("query").putObject("knn");
        knn.put("field", PaperIndex.EMBEDDING).set("query_vector", vector(vector));
        knn.put("k", size).put("num_candidates", Math.max(100, size * 2));
        knn.set("filter", json.createObjectNode().set("bool", bool));
        return body;
    }

    /** The query's clause for the search text in a mode. */
    private ObjectNode textClause(SearchFilters filters, Retrieval retrieval) {
        String text = filters.text().orElseThrow();
        return switch (retrieval.mode()) {
            case KEYWORD -> textQuery(text);
            case SEMANTIC -> knn(filters, retrieval);
            case HYBRID -> {
                ObjectNode either = json.createObjectNode();
                ObjectNode bool = either.putObject("bool");
                bool.putArray("should").add(textQuery(text)).add(knn(filters, retrieval));
                bool.put("minimum_should_match", 1);
                yield either;
            }
        };
    }

    /**
     * The {@code k} nearest papers to the text's vector, with at least the minimum similarity, among those in the
     * date range, not retired, and with a vector from before the walk began (filtered while searching the graph, so
     * there are k of them whenever the index has k). Facet selections apply after,
     * like every facet filter, so that the facets count the same candidates under every selection.
     */
    private ObjectNode knn(SearchFilters filters, Retrieval retrieval) {
        ObjectNode query = json.createObjectNode();
        ObjectNode knn = query.putObject("knn");
        knn.put("field", PaperIndex.EMBEDDING).set("query_vector", vector(retrieval.vector()));
        knn.put("k", retrieval.candidates()).put("num_candidates", Math.max(100, retrieval.candidates() * 2))
                .put("similarity", retrieval.minSimilarity());
        ObjectNode bool = json.createObjectNode();
        bool.putArray("must_not").add(retiredMarker());
        ArrayNode filter = bool.putArray("filter");
        rangeFilter(filters).ifPresent(filter::add);
        // Vectors written after the walk started would shift its pages: they count from the next walk on.
        filter.addObject().putObject("range").putObject(PaperIndex.EMBEDDED_AT)
                .put("lte", retrieval.vectorsAsOf().toString());
        knn.set("filter", json.createObjectNode().set("bool", bool));
        return query;
    }

    private ArrayNode vector(float[] values) {
        ArrayNode array = json.createArrayNode();
        for (float value : values) {
            array.add(value);
        }
        return array;
    }

    /** A clause in a bool with retired markers left out and the date range applied. */
    private ObjectNode baseQuery(SearchFilters filters, ObjectNode clause) {
        ObjectNode bool = json.createObjectNode();
        bool.putArray("must").add(clause);
        // In the query, not the post_filter: the total and every facet leave retired ids out too.
        bool.putArray("must_not").add(retiredMarker());
        rangeFilter(filters).ifPresent(range -> bool.putArray("filter").add(range));
        return json.createObjectNode().set("bool", bool);
    }

    private Optional<ObjectNode> rangeFilter(SearchFilters filters) {
        if (filters.from().isEmpty() && filters.to().isEmpty()) {
            return Optional.empty();
        }
        ObjectNode filter = json.createObjectNode();
        ObjectNode range = filter.putObject("range").putObject("publishedOn");
        filters.from().ifPresent(d -> range.put("gte", d.toString()));
        filters.to().ifPresent(d -> range.put("lte", d.toString()));
        return Optional.of(filter);
    }

    private void postFilter(ObjectNode body, SearchFilters filters) {
        Map<Facet, ObjectNode> facetFilters = facetFilters(filters);
        if (!facetFilters.isEmpty()) {
            body.set("post_filter", allOf(facetFilters.values()));
        }
    }

    private ObjectNode matchAll() {
        ObjectNode all = json.createObjectNode();
        all.putObject("match_all");
        return all;
    }

    private void highlight(ObjectNode body) {
        ObjectNode fields = body.putObject("highlight").putObject("fields");
        fields.putObject("title").put("number_of_fragments", 0);
        fields.putObject("summary").put("fragment_size", 160).put("number_of_fragments", 3);
    }

    /** The papers with the highest {@link dev.paperstream.query.domain.TrendingScore} in a window. */
    public ObjectNode trending(TrendingWindow window, Set<String> tags, int size, Instant now) {
        ObjectNode body = json.createObjectNode();
        body.put("size", size).put("track_total_hits", false);
        body.putObject("_source").set("excludes", json.valueToTree(SOURCE_EXCLUDES));
        ObjectNode query = json.createObjectNode();
        ObjectNode bool = query.putObject("bool");
        if (!tags.isEmpty()) {
            bool.putArray("filter").addObject().putObject("terms").set("tags", json.valueToTree(tags));
        }
        // Without it a marker (no gains, no listing time: the decay counts a missing date as no decay) would rank
        // like a fresh paper.
        bool.putArray("must_not").add(retiredMarker());
        body.set("query", trendingScore(query, window, now));
        ArrayNode sort = body.putArray("sort");
        sort.addObject().put("_score", "desc");
        sort.addObject().put("id", "asc");
        return body;
    }

    /**
     * Completions of a title prefix; asks for more than needed because one title has several inputs. A retired id's
     * marker has no completion inputs, so it is never suggested (a completion suggester ignores queries).
     */
    public ObjectNode suggest(String prefix, int size) {
        ObjectNode body = json.createObjectNode();
        body.putArray("_source").add("id").add("title");
        body.putObject("suggest").putObject("titles").put("prefix", prefix).putObject("completion")
                .put("field", "suggest").put("size", size * 3).put("skip_duplicates", true);
        return body;
    }

    /** Papers similar in words to one paper, within the filters (papers without a vector yet). */
    public ObjectNode similar(String indexName, String id, SearchFilters filters, int size) {
        ObjectNode body = json.createObjectNode();
        body.put("size", size);
        body.putObject("_source").set("excludes", json.valueToTree(SOURCE_EXCLUDES));
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("must_not").add(retiredMarker());
        ArrayNode filter = bool.putArray("filter");
        facetFilters(filters).values().forEach(filter::add);
        rangeFilter(filters).ifPresent(filter::add);
        ObjectNode mlt = bool.putArray("must").addObject().putObject("more_like_this");
        mlt.set("fields", json.valueToTree(List.of("title", "summary", "tags")));
        mlt.putArray("like").addObject().put("_index", indexName).put("_id", id);
        mlt.put("min_term_freq", 1).put("min_doc_freq", 1).put("max_query_terms", 25)
                .put("minimum_should_match", "20%");
        return body;
    }

    /** Matches the marker documents of retired ids, which every read leaves out. */
    private ObjectNode retiredMarker() {
        ObjectNode term = json.createObjectNode();
        term.putObject("term").put(PaperIndex.RETIRED, true);
        return term;
    }

    /** Reads the facets of a search answer, values as strings. */
    public static Map<Facet, List<FacetCount>> facets(JsonNode response) {
        Map<Facet, List<FacetCount>> facets = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            List<FacetCount> counts = new ArrayList<>();
            JsonNode group = response.path("aggregations").path(facetGroup(facet, response.path("aggregations")));
            for (JsonNode bucket : group.path(facet.label()).path("buckets")) {
                String value = bucket.has("key_as_string") ? bucket.get("key_as_string").asText()
                        : bucket.get("key").asText();
                counts.add(new FacetCount(value, bucket.path("doc_count").asLong()));
            }
            facets.put(facet, counts);
        }
        return facets;
    }

    /**
     * {@code (gain + 1) × 0.5^(age / halfLife)}: an inner function_score replaces the query's score with
     * {@code 1 + gain}, the outer one multiplies it by an exponential decay on {@code firstListedAt}.
     */
    private ObjectNode trendingScore(ObjectNode query, TrendingWindow window, Instant now) {
        ObjectNode inner = json.createObjectNode();
        ObjectNode innerScore = inner.putObject("function_score");
        innerScore.set("query", query);
        ArrayNode functions = innerScore.putArray("functions");
        functions.addObject().put("weight", 1);
        functions.addObject().putObject("field_value_factor").put("field", window.gainField()).put("missing", 0);
        innerScore.put("score_mode", "sum").put("boost_mode", "replace");

        ObjectNode outer = json.createObjectNode();
        ObjectNode outerScore = outer.putObject("function_score");
        outerScore.set("query", inner);
        outerScore.putArray("functions").addObject().putObject("exp").putObject("firstListedAt")
                .put("origin", now.toEpochMilli())
                .put("scale", window.halfLife().toMinutes() + "m")
                .put("decay", 0.5);
        outerScore.put("boost_mode", "multiply");
        return outer;
    }

    /**
     * {@code q}: an arXiv id or paper URL finds that paper; text with operators is a {@code simple_query_string}
     * (all words, phrases, exclusions); plain words also match as a title phrase (a pasted title, whatever its
     * punctuation, or its first words), an author's name, a tag, and, from three words, a title with typos (three
     * words in four, each fuzzy).
     */
    private ObjectNode textQuery(String typed) {
        SearchText text = SearchText.parse(typed);
        ObjectNode query = json.createObjectNode();
        if (text.arxivId().isPresent()) {
            query.putObject("term").put("id", text.arxivId().get());
            return query;
        }
        if (text.words().isEmpty()) {
            query.putObject("match_none"); // punctuation only: nothing to look for, and no error either
            return query;
        }
        ObjectNode bool = query.putObject("bool");
        ArrayNode should = bool.putArray("should");
        should.addObject().putObject("simple_query_string").put("query", text.text()).put("default_operator", "and")
                .set("fields", json.valueToTree(SEARCH_FIELDS));
        if (!text.operators()) {
            should.addObject().putObject("match_phrase").putObject("title").put("query", text.text()).put("boost", 10);
            should.addObject().putObject("match_phrase").putObject("authors.text").put("query", text.text())
                    .put("boost", 4);
            should.addObject().putObject("terms").set("tags", json.valueToTree(List.of(String.join(" ", text.words()),
                    String.join("-", text.words()))));
            if (text.titleLike()) {
                // Three words in four, each within AUTO edits: a typo, or "Pretrainer s" typed for "Pretrainer's".
                should.addObject().putObject("match").putObject("title").put("query", text.text())
                        .put("minimum_should_match", "75%").put("fuzziness", "AUTO").put("prefix_length", 1)
                        .put("boost", 2);
            }
        }
        bool.put("minimum_should_match", 1);
        return query;
    }

    private Map<Facet, ObjectNode> facetFilters(SearchFilters filters) {
        Map<Facet, ObjectNode> facetFilters = new EnumMap<>(Facet.class);
        putTerms(facetFilters, Facet.TAGS, filters.tags());
        putTerms(facetFilters, Facet.ORGANIZATION, filters.organizations());
        putTerms(facetFilters, Facet.YEAR, filters.years());
        putTerms(facetFilters, Facet.TEAM_SIZE, filters.teamSizes());
        filters.hasCode().ifPresent(h -> putTerms(facetFilters, Facet.HAS_CODE, List.of(h)));
        return facetFilters;
    }

    /**
     * The counts of every facet: each counts the matches under every facet filter except its own (multi-select).
     * So the facets without a selection share one filter; they are counted under one {@code filter} aggregation
     * ({@value #WITHIN_ALL}) and each facet with a selection under its own ({@code within-<facet>}), which evaluates
     * each distinct filter once instead of once per facet.
     */
    private ObjectNode facetAggregations(SearchFilters filters) {
        Map<Facet, ObjectNode> facetFilters = facetFilters(filters);
        ObjectNode aggs = json.createObjectNode();
        Map<String, ObjectNode> countsByGroup = new HashMap<>();
        for (Facet facet : Facet.values()) {
            String group = facetFilters.containsKey(facet) ? WITHIN + facet.label() : WITHIN_ALL;
            ObjectNode counts = countsByGroup.computeIfAbsent(group, name -> {
                List<ObjectNode> others = facetFilters.entrySet().stream()
                        .filter(e -> e.getKey() != facet).map(Map.Entry::getValue).toList();
                ObjectNode agg = aggs.putObject(name);
                agg.set("filter", others.isEmpty()
                        ? json.createObjectNode().set("match_all", json.createObjectNode()) : allOf(others));
                return agg.putObject("aggs");
            });
            counts.putObject(facet.label()).putObject("terms").put("field", facet.field()).put("size", facet.size());
        }
        return aggs;
    }

    private static String facetGroup(Facet facet, JsonNode aggregations) {
        return aggregations.has(WITHIN + facet.label()) ? WITHIN + facet.label() : WITHIN_ALL;
    }

    private void putTerms(Map<Facet, ObjectNode> facetFilters, Facet facet, Collection<?> values) {
        if (!values.isEmpty()) {
            ObjectNode terms = json.createObjectNode();
            terms.putObject("terms").set(facet.field(), json.valueToTree(values.stream().sorted((a, b) ->
                    a.toString().compareTo(b.toString())).toList()));
            facetFilters.put(facet, terms);
        }
    }

    private ObjectNode allOf(Collection<ObjectNode> clauses) {
        ObjectNode bool = json.createObjectNode();
        ArrayNode filter = bool.putObject("bool").putArray("filter");
        clauses.forEach(filter::add);
        return bool;
    }
}
