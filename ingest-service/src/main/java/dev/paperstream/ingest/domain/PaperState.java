package dev.paperstream.ingest.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A paper's current state as ingest-service knows it, with the version of its last published change.
 *
 * @param id                 the paper id: arXiv id without version, else {@code t-} and a title hash
 * @param arxivId            arXiv id when any listing gave one, else null
 * @param title              title, whitespace normalized
 * @param summary            abstract; may be empty
 * @param publishedOn        publication date, else null
 * @param upvotes            the upvote count of the newest observation (0 before any)
 * @param upvotesObservedAt  when the current upvote count was observed; null when no listing gave one
 * @param authorCount        number of authors, else null
 * @param authors            author names, possibly empty
 * @param organization       organization, else null
 * @param keywords           source keywords, possibly empty
 * @param categories         source categories, primary first, possibly empty
 * @param affiliations       author affiliations (provenance only), possibly empty
 * @param codeUrl            code repository, else null
 * @param projectUrl         project page, else null
 * @param version            version of the last published event of this paper id
 * @param firstListedAt      when ingest first received the paper
 */
public record PaperState(
        String id,
        String arxivId,
        String title,
        String summary,
        LocalDate publishedOn,
        int upvotes,
        Instant upvotesObservedAt,
        Integer authorCount,
        List<String> authors,
        String organization,
        List<String> keywords,
        List<String> categories,
        List<String> affiliations,
        String codeUrl,
        String projectUrl,
        long version,
        Instant firstListedAt) {

    public PaperState {
        authors = List.copyOf(authors);
        keywords = List.copyOf(keywords);
        categories = List.copyOf(categories);
        affiliations = List.copyOf(affiliations);
    }

    /** The state of a paper seen for the first time, before its first version is published. */
    public static PaperState first(String id, ListedPaper listed, Instant observedAt, Instant receivedAt) {
        boolean counted = listed.upvotes() != null;
        return new PaperState(id, listed.arxivId(), listed.title(), listed.summary(), listed.publishedOn(),
                counted ? listed.upvotes() : 0, counted ? observedAt : null, listed.authorCount(), listed.authors(),
                listed.organization(), listed.keywords(), listed.categories(), listed.affiliations(), listed.codeUrl(),
                listed.projectUrl(), 0, receivedAt);
    }

    /** The same paper under another id (a title-keyed paper moving to its arXiv id). */
    public PaperState withId(String newId) {
        return copy(newId, upvotesObservedAt, version);
    }

    /** The same state with the next version: what a published change carries. */
    public PaperState nextVersion() {
        return copy(id, upvotesObservedAt, version + 1);
    }

    /** The same state with the current upvote count observed at another time. */
    public PaperState withUpvotesObservedAt(Instant observedAt) {
        return copy(id, observedAt, version);
    }

    private PaperState copy(String newId, Instant newObservedAt, long newVersion) {
        return new PaperState(newId, arxivId, title, summary, publishedOn, upvotes, newObservedAt, authorCount,
                authors, organization, keywords, categories, affiliations, codeUrl, projectUrl, newVersion,
                firstListedAt);
    }
}
