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

    /** Longest abstract accepted, in characters: arXiv allows 1,920; this leaves room for any real source. */
    public static final int MAX_SUMMARY_LENGTH = 50_000;
    /**
     * Most text one entry may carry, in UTF-8 bytes over all its fields: its event must fit one Kafka record
     * (1 MiB by default) with room for the upvote history and headers.
     */
    public static final int MAX_ENTRY_TEXT_BYTES = 256 * 1024;

    /**
     * The listing with every paper that cannot be stored and published moved to the rejected entries: text with a
     * NUL character (PostgreSQL text cannot store it, and no real title, abstract or name has one), an abstract
     * over {@link #MAX_SUMMARY_LENGTH} characters, or more than {@link #MAX_ENTRY_TEXT_BYTES} of text in all.
     */
    public ParsedListing storable() {
        List<ListedPaper> kept = new ArrayList<>(papers.size());
        List<EntryRejection> refused = new ArrayList<>(rejected);
        for (ListedPaper paper : papers) {
            String problem = unstorable(paper);
            if (problem != null) {
                refused.add(new EntryRejection(paper.entry(), paper.line(), problem));
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

    /** Why the paper cannot be stored and published, or null when it can. */
    private static String unstorable(ListedPaper paper) {
        List<String> texts = Stream.of(Stream.of(paper.arxivId(), paper.title(), paper.summary(),
                        paper.organization(), paper.codeUrl(), paper.projectUrl()), paper.authors().stream(),
                        paper.keywords().stream(), paper.categories().stream(), paper.affiliations().stream())
                .flatMap(s -> s)
                .filter(text -> text != null)
                .toList();
        if (texts.stream().anyMatch(text -> text.indexOf('\0') >= 0)) {
            return "the entry holds a NUL character (\\u0000)";
        }
        if (paper.summary().length() > MAX_SUMMARY_LENGTH) {
            return "the abstract has " + paper.summary().length() + " characters; at most " + MAX_SUMMARY_LENGTH
                    + " are accepted";
        }
        long bytes = texts.stream().mapToLong(PaperText::utf8Length).sum();
        if (bytes > MAX_ENTRY_TEXT_BYTES) {
            return "the entry holds " + bytes + " bytes of text; at most " + MAX_ENTRY_TEXT_BYTES
                    + " fit one event";
        }
        return null;
    }
}
