package dev.paperstream.query.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperstream.events.ApiException;
import dev.paperstream.query.config.QueryConfig;
import dev.paperstream.query.domain.Facet;
import dev.paperstream.query.domain.FacetCount;
import dev.paperstream.query.domain.SearchFilters;
import dev.paperstream.query.domain.SearchMode;
import dev.paperstream.query.domain.SortOrder;
import dev.paperstream.query.domain.TrendingWindow;
import dev.paperstream.query.service.InvalidCursorException;
import dev.paperstream.query.service.PaperSearch;
import dev.paperstream.query.service.PaperStream;
import dev.paperstream.query.service.StreamItem;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/** Search, trending, suggestions, similar papers and the live stream over the indexed papers. */
@Path("/papers")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class PaperResource {

    static final String TRENDING_FORMULA = "score = (upvotes gained in the window + 1) * 0.5^(hours since first"
            + " listed / half-life), half-life = half the window";

    private final PaperSearch search;
    private final PaperStream stream;
    private final ObjectMapper json;
    private final QueryConfig config;

    public PaperResource(PaperSearch search, PaperStream stream, ObjectMapper json, QueryConfig config) {
        this.search = search;
        this.stream = stream;
        this.json = json;
        this.config = config;
    }

    @GET
    @Path("/search")
    @Operation(summary = "Search papers with facets", description = "q finds papers by words (title boosted, abstract,"
            + " organization, authors, tags; a pasted title, arXiv id or paper URL finds that paper), by meaning"
            + " (the nearest papers to q's embedding), or both (hybrid, the default: the union, ranked by reciprocal"
            + " rank fusion). Facet filters restrict the results (values of one facet are alternatives); each facet"
            + " is counted under every filter except its own (multi-select), over the papers the mode matches."
            + " Without q, every mode is keyword and relevance means newest. Follow nextCursor to walk every hit"
            + " exactly once.")
    @APIResponse(responseCode = "400", description = "A parameter is invalid; the message names the allowed values")
    public SearchResponse search(
            @Parameter(description = "Search text (simple query string syntax)") @QueryParam("q") String q,
            @Parameter(description = "Tag; repeatable") @QueryParam("tag") List<String> tags,
            @Parameter(description = "Organization; repeatable") @QueryParam("organization") List<String> orgs,
            @Parameter(description = "Publication year; repeatable") @QueryParam("year") List<String> years,
            @Parameter(description = "solo, small, medium or large; repeatable") @QueryParam("teamSize")
            List<String> teamSizes,
            @Parameter(description = "true or false") @QueryParam("hasCode") String hasCode,
            @Parameter(description = "Published on or after, yyyy-MM-dd") @QueryParam("from") String from,
            @Parameter(description = "Published on or before, yyyy-MM-dd") @QueryParam("to") String to,
            @Parameter(description = "relevance, newest, upvotes or trending (7d)") @QueryParam("sort") String sort,
            @Parameter(description = "keyword, semantic or hybrid (default)") @QueryParam("mode") String mode,
            @Parameter(description = "Hits per page, 1 to 100") @QueryParam("size") @DefaultValue("20") String size,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor)
            throws IOException {
        SearchFilters filters = SearchParameters.filters(q, tags, orgs, years, teamSizes, hasCode, from, to);
        SortOrder order = SearchParameters.sort(sort);
        SearchMode searchMode = SearchParameters.mode(mode);
        int pageSize = SearchParameters.size(size, SearchParameters.MAX_SIZE);
        PaperSearch.Page page;
        try {
            page = search.search(filters, order, searchMode, pageSize,
                    Optional.ofNullable(cursor).filter(c -> !c.isBlank()));
        } catch (InvalidCursorException e) {
            throw SearchParameters.badRequest(e.getMessage());
        }
        Map<String, List<FacetCount>> facets = new LinkedHashMap<>();
        for (Facet facet : Facet.values()) {
            facets.put(facet.label(), page.result().facets().getOrDefault(facet, List.of()));
        }
        return new SearchResponse(page.mode().label(), page.result().total(),
                page.result().hits().stream().map(PaperHit::of).toList(), facets, page.nextCursor());
    }

    @GET
    @Path("/trending")
    @Operation(summary = "Trending papers", description = "Ranked by " + TRENDING_FORMULA + ".")
    @APIResponse(responseCode = "400", description = "Unknown window or size out of range")
    public TrendingResponse trending(
            @Parameter(description = "24h, 7d or 30d") @QueryParam("window") @DefaultValue("24h") String window,
            @Parameter(description = "Tag; repeatable") @QueryParam("tag") List<String> tags,
            @Parameter(description = "Papers, 1 to 100") @QueryParam("size") @DefaultValue("20") String size)
            throws IOException {
        TrendingWindow w = TrendingWindow.fromLabel(window.strip()).orElseThrow(() -> SearchParameters.badRequest(
                "window must be one of " + TrendingWindow.allowedLabels() + ", was '" + window + "'"));
        int count = SearchParameters.size(size, SearchParameters.MAX_SIZE);
        return new TrendingResponse(w.label(), TRENDING_FORMULA,
                search.trending(w, SearchParameters.values(tags), count).stream().map(d -> PaperHit.trending(d, w))
                        .toList());
    }

    @GET
    @Path("/suggest")
    @Operation(summary = "Title completions", description = "Up to 10 papers whose title, or a word of it, starts"
            + " with the prefix (case-insensitive), most upvoted first.")
    @APIResponse(responseCode = "400", description = "prefix missing or longer than 100 characters")
    public List<PaperSearch.Suggestion> suggest(
            @Parameter(description = "What the user typed so far") @QueryParam("prefix") String prefix)
            throws IOException {
        if (prefix == null || prefix.isBlank() || prefix.length() > 100) {
            throw SearchParameters.badRequest("prefix is required, 1 to 100 characters");
        }
        return search.suggest(prefix.strip());
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live stream of indexed papers", description = "Server-Sent Events (event name paper, data"
            + " a hit) of new and updated papers once indexed, filtered like search; q is applied as a simple"
            + " case-insensitive match of every term. A comment every 15 s keeps idle connections open. A reader"
            + " that falls behind is not cut off: the stream keeps its newest papers and sends an event named gap"
            + " with data {\"skipped\":n}, the number of matching papers it dropped (reload to see them).")
    @APIResponse(responseCode = "400", description = "A filter is invalid")
    @APIResponse(responseCode = "503", description = "This replica serves its maximum of streams; retry after"
            + " the Retry-After seconds")
    public Multi<OutboundSseEvent> stream(
            @QueryParam("q") String q,
            @QueryParam("tag") List<String> tags,
            @QueryParam("organization") List<String> orgs,
            @QueryParam("year") List<String> years,
            @QueryParam("teamSize") List<String> teamSizes,
            @QueryParam("hasCode") String hasCode,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @Context Sse sse) {
        SearchFilters filters = SearchParameters.filters(q, tags, orgs, years, teamSizes, hasCode, from, to);
        Multi<OutboundSseEvent> papers = stream.papers(filters).map(item -> item instanceof StreamItem.Paper paper
                ? sse.newEventBuilder().name("paper").id(paper.document().id() + ":" + paper.document().version())
                        .data(String.class, toJson(PaperHit.of(paper.document()))).build()
                : sse.newEventBuilder().name("gap")
                        .data(String.class, "{\"skipped\":" + ((StreamItem.Gap) item).skipped() + "}").build());
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(config.stream().keepAlive())
                .onOverflow().drop()
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(papers, keepAlive);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One paper by id")
    @APIResponse(responseCode = "404", description = "No paper with this id")
    public PaperHit get(@PathParam("id") String id) throws IOException {
        return search.get(id).map(PaperHit::detail).orElseThrow(() -> notFound(id));
    }

    @GET
    @Path("/{id}/similar")
    @Operation(summary = "Up to 10 papers similar in meaning", description = "The papers nearest to this paper's"
            + " embedding, within the filters (as in search); while the paper has no vector yet, more_like_this over"
            + " title, abstract and tags.")
    @APIResponse(responseCode = "400", description = "A filter is invalid")
    @APIResponse(responseCode = "404", description = "No paper with this id")
    public List<PaperHit> similar(@PathParam("id") String id,
            @QueryParam("tag") List<String> tags,
            @QueryParam("organization") List<String> orgs,
            @QueryParam("year") List<String> years,
            @QueryParam("teamSize") List<String> teamSizes,
            @QueryParam("hasCode") String hasCode,
            @QueryParam("from") String from,
            @QueryParam("to") String to) throws IOException {
        SearchFilters filters = SearchParameters.filters(null, tags, orgs, years, teamSizes, hasCode, from, to);
        return search.similar(id, filters).orElseThrow(() -> notFound(id)).stream().map(PaperHit::of).toList();
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApiException notFound(String id) {
        return new ApiException(Status.NOT_FOUND, "no paper with id " + id);
    }
}
