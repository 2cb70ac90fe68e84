package dev.paperstream.ingest.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * One paper as a listing presents it, before identity is assigned.
 *
 * @param entry        1-based position of the entry in the listing
 * @param line         1-based line (or position) where the entry starts
 * @param arxivId      arXiv id without version when the listing gives one, else null
 * @param title        title, whitespace normalized
 * @param summary      abstract, whitespace normalized, paragraphs separated by a blank line
 * @param publishedOn  publication date, year inferred where the listing omits it
 * @param upvotes      upvote count, 0 when not shown
 * @param authorCount  number of authors when known, else null
 * @param authors      author names when known, else empty
 * @param organization organization shown instead of authors, else null
 */
public record ListedPaper(
        int entry,
        int line,
        String arxivId,
        String title,
        String summary,
        LocalDate publishedOn,
        int upvotes,
        Integer authorCount,
        List<String> authors,
        String organization) {

    public ListedPaper {
        authors = authors == null ? List.of() : List.copyOf(authors);
    }
}
