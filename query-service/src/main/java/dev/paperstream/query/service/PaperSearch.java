package dev.paperstream.query.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.elasticsearch.client.ResponseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperstream.query.domain.PaperDocument;
import dev.paperstream.query.domain.SearchFilters;
import dev.paperstream.query.domain.SortOrder;
import dev.paperstream.query.domain.TrendingWindow;
import dev.paperstream.query.persistence.PaperIndex;
import dev.paperstream.query.persistence.PaperQueries;
import dev.paperstream.query.persistence.SearchResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Search, trending, suggestions and similar papers over the index. */
@ApplicationScoped
public class PaperSearch {

    /** Most completions and similar papers returned. */
    public static final int MAX_SUGGESTIONS = 10;

    private final PaperIndex index;
    private final PaperQueries queries;
    private final ObjectMapper json;
    private final Clock clock;

    @Inject
    public PaperSearch(PaperIndex index) {
        this(index, Clock.systemUTC());
    }

    PaperSearch(PaperIndex index, Clock clock) {
        this.index = index;
        this.json = index.json();
        this.queries = new PaperQueries(json);
        this.clock = clock;
    }

    /**
     * One page of results.
     *
     * @param result     hits, total and facets
     * @param nextCursor where the next page starts, or null on the last page
     */
    public record Page(SearchResult result, String nextCursor) {
    }

    /**
     * A completion.
     *
     * @param id    paper id
     * @param title title
     */
    public record Suggestion(String id, String title) {
    }

    /** A page of search results; with a cursor, the page after the one that returned it. */
    public Page search(SearchFilters filters, SortOrder sort, int size, Optional<String> cursor)
            throws IOException, InvalidCursorException {
        String fingerprint = PageCursor.fingerprint(filters, sort);
        PageCursor from = cursor.isPresent() ? PageCursor.decode(cursor.get(), fingerprint, json) : null;
        Instant now = from == null ? clock.instant() : from.now();
        JsonNode response;
        try {
            response = index.search(queries.search(filters, sort, size, from == null ? null : from.after(), now));
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
            hits.add(new SearchResult.Hit(index.document(hit.get("_source")),
                    texts(hit.path("highlight").path("title")), texts(hit.path("highlight").path("summary"))));
            lastSort = hit.get("sort");
        }
        SearchResult result = new SearchResult(response.path("hits").path("total").path("value").asLong(), hits,
                PaperQueries.facets(response), lastSort);
        String next = hits.size() == size && lastSort != null
                ? new PageCursor(fingerprint, lastSort, now).encode(json) : null;
        return new Page(result, next);
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

    /** Up to ten papers similar in content to a paper, or empty when the paper is unknown. */
    public Optional<List<PaperDocument>> similar(String id) throws IOException {
        if (index.get(id).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(documents(index.search(queries.similar(index.alias(), id, MAX_SUGGESTIONS))));
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
