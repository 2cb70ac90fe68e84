package dev.paperstream.ingest.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The outcome of parsing one listing: the papers read and the entries rejected, in listing order.
 *
 * @param format      the listing format
 * @param listingDate the date the listing is for (from its header, else the {@code asOf} date)
 * @param papers      entries read as papers
 * @param rejected    entries that could not be read
 */
public record ParsedListing(ListingFormat format, LocalDate listingDate, List<ListedPaper> papers,
        List<EntryRejection> rejected) {

    public ParsedListing {
        papers = List.copyOf(papers);
        rejected = List.copyOf(rejected);
    }

    /** Number of entries the listing contained, readable or not. */
    public int entries() {
        return papers.size() + rejected.size();
    }

    /**
     * The listing with every paper whose text holds a NUL character moved to the rejected entries: PostgreSQL
     * text cannot store it, and no real title, abstract or name has one.
     */
    public ParsedListing storable() {
        List<ListedPaper> kept = new ArrayList<>(papers.size());
        List<EntryRejection> refused = new ArrayList<>(rejected);
        for (ListedPaper paper : papers) {
            if (holdsNul(paper)) {
                refused.add(new EntryRejection(paper.entry(), paper.line(), "the entry holds a NUL character (\\u0000)"));
            } else {
                kept.add(paper);
            }
        }
        if (kept.size() == papers.size()) {
            return this;
        }
        refused.sort(Comparator.comparingInt(EntryRejection::entry));
        return new ParsedListing(format, listingDate, kept, refused);
    }

    private static boolean holdsNul(ListedPaper paper) {
        return Stream.of(Stream.of(paper.arxivId(), paper.title(), paper.summary(),
                        paper.organization(), paper.codeUrl(), paper.projectUrl()), paper.authors().stream(),
                        paper.keywords().stream(), paper.categories().stream(), paper.affiliations().stream())
                .flatMap(s -> s)
                .anyMatch(text -> text != null && text.indexOf('\0') >= 0);
    }
}
