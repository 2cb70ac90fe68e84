package dev.paperstream.ingest.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * One paper as a listing presents it, before identity is assigned. A null or empty field means the
 * listing does not say; what is already known about the paper is then kept.
 *
 * @param entry        1-based position of the entry in the listing
 * @param line         1-based line where the entry starts (for JSON and XML: where the parser found it)
 * @param arxivId      arXiv id without version when the listing gives one, else null
 * @param title        title, whitespace normalized
 * @param summary      abstract, whitespace normalized, paragraphs separated by a blank line; may be empty
 * @param publishedOn  publication date, year inferred where the listing omits it; null when not given
 * @param upvotes      upvote count; null when the format has none (arXiv)
 * @param authorCount  number of authors when known, else null
 * @param authors      author names when known, else empty
 * @param organization organization shown instead of (or beside) authors, else null
 * @param keywords     keywords supplied by the source (Hugging Face ai_keywords), else empty
 * @param codeUrl      code repository URL, else null
 * @param projectUrl   project page URL, else null
 * @param categories   source categories, primary first (arXiv's cs.CL), else empty
 * @param affiliations distinct author affiliations in order of appearance (arXiv), else empty
 */
public record ListedPaper(
        int entry,
        int line,
        String arxivId,
        String title,
        String summary,
        LocalDate publishedOn,
        Integer upvotes,
        Integer authorCount,
        List<String> authors,
        String organization,
        List<String> keywords,
        String codeUrl,
        String projectUrl,
        List<String> categories,
        List<String> affiliations) {

    public ListedPaper {
        summary = summary == null ? "" : summary;
        authors = authors == null ? List.of() : List.copyOf(authors);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        categories = categories == null ? List.of() : List.copyOf(categories);
        affiliations = affiliations == null ? List.of() : List.copyOf(affiliations);
    }

    /** A paper from a listing that gives no links, keywords, categories or affiliations (the page text). */
    public ListedPaper(int entry, int line, String arxivId, String title, String summary, LocalDate publishedOn,
            int upvotes, Integer authorCount, List<String> authors, String organization) {
        this(entry, line, arxivId, title, summary, publishedOn, upvotes, authorCount, authors, organization,
                List.of(), null, null, List.of(), List.of());
    }
}
