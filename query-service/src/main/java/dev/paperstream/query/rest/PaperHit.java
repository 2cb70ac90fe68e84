package dev.paperstream.query.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.paperstream.query.domain.PaperDocument;
import dev.paperstream.query.domain.TrendingWindow;
import dev.paperstream.query.persistence.SearchResult;

/**
 * A paper as the search API returns it; {@code authors} are names, {@code links} are {kind, url}, {@code updatedAt}
 * is when its last change happened. {@code gain} (the
 * upvotes gained in the window) only in trending, {@code upvoteHistory} only for one paper by id.
 */
public record PaperHit(
        String id,
        String title,
        String summary,
        String publishedOn,
        int upvotes,
        Integer authorCount,
        String teamSize,
        String organization,
        List<String> authors,
        List<String> tags,
        List<PaperDocument.Link> links,
        boolean hasCode,
        String updatedAt,
        Highlights highlights,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer gain,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<PaperDocument.Upvotes> upvoteHistory) {

    /**
     * Fragments of the title and summary that matched {@code q}, matches in {@code <em>}; empty without {@code q}.
     *
     * @param title   title fragments
     * @param summary summary fragments
     */
    public record Highlights(List<String> title, List<String> summary) {

        static final Highlights NONE = new Highlights(List.of(), List.of());
    }

    /** A paper as the API shows it in a list (also the papers of a webhook delivery). */
    public static PaperHit of(PaperDocument document) {
        return of(document, Highlights.NONE);
    }

    static PaperHit of(SearchResult.Hit hit) {
        return of(hit.paper(), new Highlights(hit.title(), hit.summary()));
    }

    /** A trending paper, with what it gained in the window. */
    static PaperHit trending(PaperDocument document, TrendingWindow window) {
        return of(document, Highlights.NONE, document.gain(window), null);
    }

    /** One paper by id, with its upvote history. */
    static PaperHit detail(PaperDocument document) {
        return of(document, Highlights.NONE, null, document.upvoteHistory());
    }

    private static PaperHit of(PaperDocument document, Highlights highlights) {
        return of(document, highlights, null, null);
    }

    private static PaperHit of(PaperDocument document, Highlights highlights, Integer gain,
            List<PaperDocument.Upvotes> history) {
        return new PaperHit(document.id(), document.title(), document.summary(), document.publishedOn(),
                document.upvotes(), document.authorCount(), document.teamSize(), document.organization(),
                document.authors(), document.tags(), document.links(), document.hasCode(), document.updatedAt(),
                highlights, gain, history);
    }
}
