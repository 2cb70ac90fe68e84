package dev.paperstream.query.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.elasticsearch.client.ResponseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperstream.query.config.QueryConfig;
import dev.paperstream.query.domain.PaperDocument;
import dev.paperstream.query.domain.PaperVector;
import dev.paperstream.query.domain.RankFusion;
import dev.paperstream.query.domain.SearchFilters;
import dev.paperstream.query.domain.SearchMode;
import dev.paperstream.query.domain.SortOrder;
import dev.paperstream.query.domain.TrendingWindow;
import dev.paperstream.query.persistence.PaperIndex;
import dev.paperstream.query.persistence.PaperQueries;
import dev.paperstream.query.persistence.Retrieval;
import dev.paperstream.query.persistence.SearchResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Search, trending, suggestions and similar papers over the index. */
@ApplicationScoped
public class PaperSearch {

    /** Most completions and similar papers returned. */
    public static final int MAX_SUGGESTIONS = 10;

    /** The second sort value of a cursor into a fused ranking (the first is the offset). */
    private static final String FUSED = "fused";

    private final PaperIndex index;
    private final PaperQueries queries;
    private final TextEmbedder embedder;
    private final QueryConfig.Search config;
    private final ObjectMapper json;
    private final Clock clock;

    @Inject
    public PaperSearch(PaperIndex index, TextEmbedder embedder, QueryConfig config) {
        this(index, embedder, config, Clock.systemUTC());
    }

    PaperSearch(PaperIndex index, TextEmbedder embedder, QueryConfig config, Clock clock) {
        this.index = index;
        this.embedder = embedder;
        this.config = config.search();
        this.json = index.json();
        this.queries = new PaperQueries(json);
        this.clock = clock;
    }

    /**
     * One page of results.
     *
     * @param result     hits, total and facets
     * @param nextCursor where the next page starts, or null on the last page
     * @param mode       the mode that ran: keyword without {@code q}, else the one asked for
     */
    public record Page(SearchResult result, String nextCursor, SearchMode mode) {
    }

    /**
     * A completion.
     *
     * @param id    paper id
     * @param title title
     */
    public record Suggestion(String id, String title) {
    }

    /**
     * A page of search results; with a cursor, the page after the one that returned it. The mode that runs is
     * {@link SearchMode#runsAs}: keyword without text to embed, or for ids and operators in hybrid. Hybrid relevance
     * is a fused ranking ({@link #fused}); every other combination is one Elasticsearch search over the mode's
     * matches, sorted and paged by {@code search_after}.
     */
    public Page search(SearchFilters filters, SortOrder sort, SearchMode mode, int size, Optional<String> cursor)
            throws IOException, InvalidCursorException {
        SearchMode ran = mode.runsAs(filters.text());
        String fingerprint = PageCursor.fingerprint(filters, sort, ran);
        PageCursor from = cursor.isPresent() ? PageCursor.decode(cursor.get(), fingerprint, json) : null;
        Instant now = from == null ? clock.instant() : from.now();
        Retrieval retrieval = ran.semantic()
                ? new Retrieval(ran, embedder.embedQuery(filters.text().get()), config.semanticCandidates(),
                        config.minSimilarity(), now)
                : Retrieval.KEYWORD;
        if (ran == SearchMode.HYBRID && sort == SortOrder.RELEVANCE) {
            return fused(filters, retrieval, size, from, now, fingerprint);
        }
        JsonNode response;
        try {
            response = index.search(queries.search(filters, sort, size, from == null ? null : from.after(), now,
                    retrieval));
        } catch (ResponseException e) {
            if (from != null && e.getResponse().getStatusLine().getStatusCode() == 400) {
                // Well-formed but forged sort values (e.g. a string where the sort needs a number).
                throw new InvalidCursorException("cursor does not fit this search; pass back the nextCursor of a"
                        + " previous page unchanged");
            }
            throw e;
        }
        List<SearchResult.Hit> hits = new ArrayList<>();
        JsonNode lastSort = null;
        for (JsonNode hit : response.path("hits").path("hits")) {
            hits.add(hit(hit));
            lastSort = hit.get("sort");
        }
        SearchResult result = new SearchResult(response.path("hits").path("total").path("value").asLong(), hits,
                PaperQueries.facets(response), lastSort);
        String next = hits.size() == size && lastSort != null
                ? new PageCursor(fingerprint, lastSort, now).encode(json) : null;
        return new Page(result, next, ran);
    }

    /**
     * Hybrid relevance: the union of the word matches and the nearest papers, its total and facets from one
     * search, its order by reciprocal rank fusion of the best {@code rank-window} word matches and the nearest
     * papers (each within every filter). Past the fused list, the remaining word matches follow in their own order.
     * One {@code _msearch} round trip, then one for the page's papers. The cursor is the offset in that order.
     */
    private Page fused(SearchFilters filters, Retrieval retrieval, int size, PageCursor from, Instant now,
            String fingerprint) throws IOException, InvalidCursorException {
        int offset = from == null ? 0 : fusedOffset(from);
        List<JsonNode> answers = index.searchAll(List.of(
                queries.search(filters, SortOrder.RELEVANCE, 0, null, now, retrieval),
                queries.ranking(filters, retrieval, false, config.rankWindow()),
                queries.ranking(filters, retrieval, true, retrieval.candidates())));
        long total = answers.get(0).path("hits").path("total").path("value").asLong();
        List<String> words = ids(answers.get(1));
        List<String> nearest = ids(answers.get(2));
        List<String> order = RankFusion.fuse(List.of(words, nearest));

        List<SearchResult.Hit> hits = new ArrayList<>();
        if (offset < order.size()) {
            List<String> page = order.subList(offset, Math.min(order.size(), offset + size));
            Map<String, SearchResult.Hit> byId = new HashMap<>();
            for (JsonNode hit : index.search(queries.byIds(filters, page)).path("hits").path("hits")) {
                byId.put(hit.path("_id").asText(), hit(hit));
            }
            page.stream().map(byId::get).filter(Objects::nonNull).forEach(hits::add);
        }
        if (hits.size() < size && words.size() == config.rankWindow()) {
            // More word matches than the window: they follow, without the nearest papers already ranked.
            Set<String> nearestSet = new HashSet<>(nearest);
            int wordsRanked = (int) words.stream().filter(id -> !nearestSet.contains(id)).count();
            int skip = wordsRanked + Math.max(0, offset - order.size());
            for (JsonNode hit : index.search(queries.wordsAfterWindow(filters, nearest, skip, size - hits.size()))
                    .path("hits").path("hits")) {
                hits.add(hit(hit));
            }
        }
        SearchResult result = new SearchResult(total, hits, PaperQueries.facets(answers.get(0)), null);
        String next = hits.size() == size && offset + size < total
                ? new PageCursor(fingerprint, json.createArrayNode().add(offset + size).add(FUSED), now).encode(json)
                : null;
        return new Page(result, next, SearchMode.HYBRID);
    }

    private static int fusedOffset(PageCursor cursor) throws InvalidCursorException {
        JsonNode after = cursor.after();
        if (!after.get(0).canConvertToInt() || after.get(0).asInt() < 0 || !FUSED.equals(after.get(1).asText())) {
            throw new InvalidCursorException("cursor does not fit this search; pass back the nextCursor of a"
                    + " previous page unchanged");
        }
        return after.get(0).asInt();
    }

    private SearchResult.Hit hit(JsonNode hit) throws IOException {
        return new SearchResult.Hit(index.document(hit.get("_source")), texts(hit.path("highlight").path("title")),
                texts(hit.path("highlight").path("summary")));
    }

    private static List<String> ids(JsonNode response) {
        List<String> ids = new ArrayList<>();
        response.path("hits").path("hits").forEach(hit -> ids.add(hit.path("_id").asText()));
        return ids;
    }

    /** The papers with the highest trending score in a window, optionally of some tags. */
    public List<PaperDocument> trending(TrendingWindow window, Set<String> tags, int size) throws IOException {
        return documents(index.search(queries.trending(window, tags, size, clock.instant())));
    }

    /** Up to ten titles starting with the prefix, or with a word of them starting with it; by upvotes. */
    public List<Suggestion> suggest(String prefix) throws IOException {
        JsonNode response = index.search(queries.suggest(prefix, MAX_SUGGESTIONS));
        Map<String, Suggestion> suggestions = new LinkedHashMap<>();
        for (JsonNode option : response.path("suggest").path("titles").path(0).path("options")) {
            JsonNode source = option.path("_source");
            String id = source.path("id").asText(option.path("_id").asText());
            suggestions.putIfAbsent(id, new Suggestion(id, source.path("title").asText()));
            if (suggestions.size() == MAX_SUGGESTIONS) {
                break;
            }
        }
        return List.copyOf(suggestions.values());
    }

    /**
     * Up to ten papers within the filters that are nearest in meaning to a paper (its vector), or, while it has no
     * vector of the current model yet, similar in words ({@code more_like_this}); empty when the paper is unknown.
     */
    public Optional<List<PaperDocument>> similar(String id, SearchFilters filters) throws IOException {
        Optional<PaperDocument> paper = index.get(id);
        if (paper.isEmpty()) {
            return Optional.empty();
        }
        PaperVector vector = index.storedVectors(List.of(id)).get(id);
        if (vector != null && vector.model().equals(embedder.modelId())
                && vector.textHash().equals(paper.get().textHash())) {
            return Optional.of(documents(index.search(queries.nearest(vector.values(), id, filters,
                    MAX_SUGGESTIONS))));
        }
        return Optional.of(documents(index.search(queries.similar(index.alias(), id, filters, MAX_SUGGESTIONS))));
    }

    /** A paper by id. */
    public Optional<PaperDocument> get(String id) throws IOException {
        return index.get(id);
    }

    private List<PaperDocument> documents(JsonNode response) throws IOException {
        List<PaperDocument> documents = new ArrayList<>();
        for (JsonNode hit : response.path("hits").path("hits")) {
            documents.add(index.document(hit.get("_source")));
        }
        return documents;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }
}
