package dev.paperstream.query.rest;

import java.util.List;

import dev.paperstream.query.domain.PaperDocument;

/** A paper as the search API returns it. */
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
        List<String> tags) {

    static PaperHit of(PaperDocument document) {
        return new PaperHit(document.id(), document.title(), document.summary(), document.publishedOn(),
                document.upvotes(), document.authorCount(), document.teamSize(), document.organization(),
                document.authors(), document.tags());
    }
}
