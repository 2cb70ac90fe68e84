package dev.paperstream.query.rest;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;

import dev.paperstream.events.Sha256;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Atom 1.0 and RSS 2.0 feeds of any search (ROME writes them): the newest papers that match the search's words and
 * filters, with a strong {@code ETag} (the body's hash) and {@code Last-Modified} (the newest change among them), so
 * a reader that polls gets {@code 304} until something changed.
 */
@Path("/papers")
@Blocking
public class FeedResource {

    static final String ATOM = "application/atom+xml";
    static final String RSS = "application/rss+xml";

    private final PaperResource papers;

    public FeedResource(PaperResource papers) {
        this.papers = papers;
    }

    @GET
    @Path("/feed.{format:atom|rss}")
    @Produces({ATOM, RSS})
    @Operation(summary = "Atom or RSS feed of a search", description = "feed.atom (Atom 1.0) or feed.rss (RSS 2.0):"
            + " the newest papers (newest first) that match q by words and the filters, as in /papers/search. ETag"
            + " and Last-Modified; 304 when nothing changed.")
    @APIResponse(responseCode = "400", description = "A parameter is invalid")
    public Response feed(@PathParam("format") String format, @Context UriInfo uri, @Context Request request,
            @QueryParam("q") String q, @QueryParam("tag") List<String> tags,
            @QueryParam("organization") List<String> orgs, @QueryParam("year") List<String> years,
            @QueryParam("teamSize") List<String> teamSizes, @QueryParam("hasCode") String hasCode,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @Parameter(description = "Entries, 1 to 100") @QueryParam("size") @DefaultValue("50") String size)
            throws IOException {
        SearchResponse newest = papers.search(q, tags, orgs, years, teamSizes, hasCode, from, to, "newest", "keyword",
                size, null);
        return "atom".equals(format) ? feed("atom_1.0", ATOM, uri, request, newest)
                : feed("rss_2.0", RSS, uri, request, newest);
    }

    private static Response feed(String type, String mediaType, UriInfo uri, Request request, SearchResponse result) {
        String base = uri.getBaseUri().toString().replaceAll("/$", "");
        Date lastModified = Date.from(result.hits().stream().map(FeedResource::changedAt).max(Instant::compareTo)
                .orElse(Instant.EPOCH));
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType(type);
        String query = uri.getRequestUri().getRawQuery();
        feed.setTitle("paperstream" + (query == null ? "" : ": " + describe(uri)));
        feed.setDescription("The newest papers that match this search on paperstream.");
        feed.setUri(uri.getRequestUri().toString());
        feed.setLink(base + "/" + (query == null ? "" : "?" + query));
        feed.setLinks(List.of(link("alternate", feed.getLink(), "text/html", null),
                link("self", uri.getRequestUri().toString(), mediaType, null)));
        feed.setPublishedDate(lastModified);
        List<SyndEntry> entries = new ArrayList<>();
        for (PaperHit hit : result.hits()) {
            entries.add(entry(hit, base));
        }
        feed.setEntries(entries);
        String body;
        try {
            body = new SyndFeedOutput().outputString(feed);
        } catch (FeedException e) {
            throw new IllegalStateException("could not write the " + type + " feed", e);
        }
        EntityTag etag = new EntityTag("sha256-" + Sha256.hex(body));
        Response.ResponseBuilder notModified = request.evaluatePreconditions(lastModified, etag);
        if (notModified != null) {
            return notModified.tag(etag).lastModified(lastModified).build();
        }
        return Response.ok(body, mediaType + ";charset=UTF-8").tag(etag).lastModified(lastModified).build();
    }

    private static SyndEntry entry(PaperHit hit, String base) {
        SyndEntry entry = new SyndEntryImpl();
        entry.setUri("urn:paperstream:paper:" + hit.id());
        entry.setTitle(hit.title());
        entry.setLink(base + "/p/" + hit.id());
        List<SyndLink> links = new ArrayList<>();
        links.add(link("alternate", entry.getLink(), "text/html", null));
        for (var link : hit.links()) {
            links.add(link("related", link.url(), null, link.kind()));
        }
        entry.setLinks(links);
        SyndContent summary = new SyndContentImpl();
        summary.setType("text/plain");
        summary.setValue(hit.summary() == null ? "" : hit.summary());
        entry.setDescription(summary);
        List<SyndPerson> authors = new ArrayList<>();
        for (String name : hit.authors()) {
            SyndPerson author = new SyndPersonImpl();
            author.setName(name);
            authors.add(author);
        }
        entry.setAuthors(authors);
        List<SyndCategory> categories = new ArrayList<>();
        for (String tag : hit.tags()) {
            SyndCategory category = new SyndCategoryImpl();
            category.setName(tag);
            categories.add(category);
        }
        entry.setCategories(categories);
        if (hit.publishedOn() != null) {
            entry.setPublishedDate(Date.from(LocalDate.parse(hit.publishedOn()).atStartOfDay(ZoneOffset.UTC)
                    .toInstant()));
        }
        entry.setUpdatedDate(Date.from(changedAt(hit)));
        return entry;
    }

    private static SyndLink link(String rel, String href, String type, String title) {
        SyndLink link = new SyndLinkImpl();
        link.setRel(rel);
        link.setHref(href);
        link.setType(type);
        link.setTitle(title);
        return link;
    }

    /** When a paper last changed: its last event, else its publication day. */
    private static Instant changedAt(PaperHit hit) {
        if (hit.updatedAt() != null) {
            return Instant.parse(hit.updatedAt());
        }
        return hit.publishedOn() == null ? Instant.EPOCH
                : LocalDate.parse(hit.publishedOn()).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static String describe(UriInfo uri) {
        List<String> parts = new ArrayList<>();
        uri.getQueryParameters().forEach((name, values) -> {
            if (!name.equals("size")) {
                parts.add(name + "=" + String.join(",", values));
            }
        });
        return String.join(", ", parts);
    }
}
