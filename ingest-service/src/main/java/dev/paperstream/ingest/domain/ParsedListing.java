package dev.paperstream.ingest.domain;

import java.time.LocalDate;
import java.util.List;

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
}
