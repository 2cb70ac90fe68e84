package dev.paperstream.query.rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import dev.paperstream.events.ApiException;
import dev.paperstream.query.domain.TrendingWindow;
import dev.paperstream.query.service.PaperSearch;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The paper browser: server-rendered pages over the public API's resources (what {@code /papers/*} answers is what
 * the pages show), made faster by htmx (partial pages, pushed URLs) and live by the browser's EventSource. Every
 * page works without JavaScript.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class PageResource {

    private static final Logger LOG = Logger.getLogger(PageResource.class);
    private static final int PAGE_SIZE = 20;

    private final PaperResource papers;

    public PageResource(PaperResource papers) {
        this.papers = papers;
    }

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance search(SearchPage page);

        static native TemplateInstance search$main(SearchPage page);

        static native TemplateInstance search$more(SearchPage page);

        static native TemplateInstance hits(List<PaperHit> hits, PageQuery query);

        static native TemplateInstance suggestions(List<String> titles);

        static native TemplateInstance trending(TrendingResponse trending, List<String> windows);

        static native TemplateInstance paper(PaperHit paper, List<PaperHit> similar, UpvoteChart chart);

        static native TemplateInstance notFound(String message);
    }

    @GET
    @Operation(hidden = true)
    public Response search(@Context UriInfo uri, @QueryParam("cursor") String cursor,
            @HeaderParam("HX-Request") String htmx, @HeaderParam("HX-Target") String target) {
        PageQuery query = new PageQuery("/", uri.getQueryParameters());
        SearchPage page;
        int status = 200;
        try {
            page = new SearchPage(query, papers.search(query.first("q"), query.all("tag"), query.all("organization"),
                    query.all("year"), query.all("teamSize"), query.first("hasCode"), query.first("from"),
                    query.first("to"), query.first("sort"), query.first("mode"), String.valueOf(PAGE_SIZE),
                    cursor), null);
        } catch (ApiException e) {
            page = new SearchPage(query, null, e.getMessage());
            status = e.status().getStatusCode();
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "Search page %s could not be answered", query.url());
            page = new SearchPage(query, null, "Search is unavailable right now; please try again in a moment.");
            status = 503;
        }
        TemplateInstance body;
        if (htmx != null && cursor != null && !cursor.isBlank()) {
            body = Templates.search$more(page);
        } else if (htmx != null && "main".equals(target)) {
            body = Templates.search$main(page);
        } else {
            body = Templates.search(page);
        }
        return Response.status(status).entity(body).build();
    }

    @GET
    @Path("ui/suggestions")
    @Operation(hidden = true)
    public TemplateInstance suggestions(@QueryParam("q") String q) throws IOException {
        try {
            return Templates.suggestions(papers.suggest(q).stream().map(PaperSearch.Suggestion::title).toList());
        } catch (ApiException e) {
            return Templates.suggestions(List.of()); // nothing typed yet, or too long to complete
        }
    }

    @GET
    @Path("ui/hits")
    @Operation(hidden = true)
    public TemplateInstance hits(@QueryParam("id") List<String> ids) {
        List<PaperHit> hits = new ArrayList<>();
        for (String id : ids.subList(0, Math.min(ids.size(), 50))) {
            try {
                hits.add(papers.get(id));
            } catch (ApiException | IOException e) {
                // Retired or not there yet: the banner shows the papers that can be shown.
            }
        }
        return Templates.hits(hits, new PageQuery("/", Map.of()));
    }

    @GET
    @Path("trending")
    @Operation(hidden = true)
    public Response trending(@QueryParam("window") @DefaultValue("24h") String window) {
        try {
            return Response.ok(Templates.trending(papers.trending(window, List.of(), "30"),
                    Arrays.stream(TrendingWindow.values()).map(TrendingWindow::label).toList())).build();
        } catch (ApiException e) {
            return Response.status(e.status()).entity(Templates.notFound(e.getMessage())).build();
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "Trending page (window %s) could not be answered", window);
            return Response.status(503).entity(Templates.notFound("Trending is unavailable right now.")).build();
        }
    }

    @GET
    @Path("p/{id}")
    @Operation(hidden = true)
    public Response paper(@PathParam("id") String id) {
        try {
            PaperHit paper = papers.get(id);
            List<PaperHit> similar = papers.similar(id, List.of(), List.of(), List.of(), List.of(), null, null, null);
            return Response.ok(Templates.paper(paper, similar, UpvoteChart.of(paper.upvoteHistory()))).build();
        } catch (ApiException e) {
            return Response.status(e.status()).entity(Templates.notFound(e.getMessage())).build();
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "Paper page %s could not be answered", id);
            return Response.status(503).entity(Templates.notFound("This paper cannot be shown right now.")).build();
        }
    }

}
