package dev.paperstream.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a listing says about one paper, as ingest-service last saw it.
 *
 * @param arxivId      arXiv identifier without version, or null when the listing did not give one
 * @param title        title, whitespace normalized
 * @param summary      abstract, whitespace normalized; may be empty
 * @param publishedOn  publication date (year inferred for listings that omit it)
 * @param upvotes      upvote count on the listing; 0 when not shown
 * @param authorCount  number of authors when the listing says, else null
 * @param authors      author names when known, else empty
 * @param organization publishing organization when the listing names one instead of authors, else null
 * @param keywords     keywords supplied by the source (e.g. Hugging Face ai_keywords), else empty
 * @param codeUrl      repository URL supplied by the source, else null
 * @param projectUrl   project page URL supplied by the source, else null
 * @param categories   source categories (e.g. arXiv's cs.CL), else empty
 * @param firstListedAt when paperstream first saw the paper in any listing
 * @param upvoteHistory recent upvote counts, oldest first (at most the last 30 days), for trending
 */
public record PaperSnapshot(
        String arxivId,
        String title,
        String summary,
        LocalDate publishedOn,
        int upvotes,
        Integer authorCount,
        List<String> authors,
        String organization,
        List<String> keywords,
        String codeUrl,
        String projectUrl,
        List<String> categories,
        Instant firstListedAt,
        List<UpvoteObservation> upvoteHistory) {

    public PaperSnapshot {
        authors = authors == null ? List.of() : List.copyOf(authors);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        categories = categories == null ? List.of() : List.copyOf(categories);
        upvoteHistory = upvoteHistory == null ? List.of() : List.copyOf(upvoteHistory);
        summary = summary == null ? "" : summary;
    }
}
