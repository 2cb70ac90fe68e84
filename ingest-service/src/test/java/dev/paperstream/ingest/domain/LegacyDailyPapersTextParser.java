package dev.paperstream.ingest.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Hugging Face Daily Papers page saved as text. Each entry is a title line, an abstract of
 * one or more paragraphs, an author line ({@code • 5 authors}) or an organization line, a line holding
 * only {@code ·}, and a date line with an optional trailing upvote count. An optional header (site
 * chrome, then the listing date such as {@code Dec 17}) precedes the first entry.
 *
 * <p>Years missing from dates are inferred: the listing date is the most recent such day not after
 * {@code asOf}; an entry's date is the most recent such day not after the listing date.
 */
/** Test oracle: the parser code as of 8f69731, before the regex-free rewrite; never change it. */
final class LegacyDailyPapersTextParser {

    private static final String SEPARATOR = "·";
    private static final Pattern AUTHOR_COUNT = Pattern.compile("^•\\s*(\\d{1,6})\\s+authors?$");
    /** Generous bounds: longer lines are not a title or organization a person wrote. */
    private static final int MAX_TITLE_LENGTH = 1_000;
    private static final int MAX_ORGANIZATION_LENGTH = 300;

    /**
     * Parses a listing.
     *
     * @param text the page text, any line endings
     * @param asOf the day the listing was saved, anchoring dates that have no year
     * @throws ListingParseException when no entry at all could be found
     */
    public ParsedListing parse(String text, LocalDate asOf) {
        List<String> lines = splitLines(text);
        List<Integer> separators = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(SEPARATOR)) {
                separators.add(i);
            }
        }
        if (separators.isEmpty()) {
            throw new ListingParseException(
                    "no paper entries found: a Daily Papers entry ends with a line holding only '·' followed by a date");
        }

        int firstEntryStart = 0;
        LocalDate listingDate = asOf;
        Optional<Integer> headerDate = findHeaderDate(lines, separators.get(0));
        if (headerDate.isPresent()) {
            int index = headerDate.get();
            LegacyListingDates.DateLine dateLine = LegacyListingDates.parse(lines.get(index)).orElseThrow();
            try {
                listingDate = dateLine.year() != null
                        ? dateLine.resolve(asOf)
                        : LegacyListingDates.mostRecentNotAfter(MonthDay.of(dateLine.month(), dateLine.day()), asOf);
            } catch (DateTimeException e) {
                throw new ListingParseException("listing date on line " + (index + 1) + " is not a valid date: "
                        + lines.get(index).strip());
            }
            firstEntryStart = index + 1;
        }

        List<ListedPaper> papers = new ArrayList<>();
        List<EntryRejection> rejected = new ArrayList<>();
        int start = firstEntryStart;
        for (int n = 0; n < separators.size(); n++) {
            int separator = separators.get(n);
            int dateIndex = nextNonBlank(lines, separator + 1, lines.size());
            // A missing date must not swallow the next entry's title.
            boolean dated = dateIndex >= 0 && LegacyListingDates.parse(lines.get(dateIndex)).isPresent();
            int end = dated ? dateIndex + 1 : separator + 1;
            int entry = n + 1;
            try {
                papers.add(readEntry(lines, start, separator, dateIndex, entry, listingDate));
            } catch (EntryException e) {
                rejected.add(new EntryRejection(entry, e.line + 1, e.getMessage()));
            }
            start = end;
        }
        return new ParsedListing(ListingFormat.HF_DAILY_TEXT, listingDate, papers, rejected);
    }

    private ListedPaper readEntry(List<String> lines, int start, int separator, int dateIndex, int entry,
            LocalDate listingDate) {
        int titleIndex = nextNonBlank(lines, start, separator);
        if (titleIndex < 0) {
            throw new EntryException(separator, "entry has no title before its '·' line");
        }
        int bylineIndex = previousNonBlank(lines, separator - 1, titleIndex);
        if (bylineIndex <= titleIndex) {
            throw new EntryException(titleIndex, "entry has no author or organization line before its '·' line");
        }
        String title = LegacyPaperText.normalizeSpace(lines.get(titleIndex));
        if (title.length() > MAX_TITLE_LENGTH) {
            throw new EntryException(titleIndex, "title is longer than " + MAX_TITLE_LENGTH + " characters");
        }
        if (dateIndex < 0) {
            throw new EntryException(titleIndex, "entry has no date after its '·' line");
        }
        LegacyListingDates.DateLine dateLine = LegacyListingDates.parse(lines.get(dateIndex))
                .orElseThrow(() -> new EntryException(titleIndex, "line " + (dateIndex + 1)
                        + " is not a date such as 'Jul 4, 2022' or 'Dec 17 3': '"
                        + LegacyPaperText.abbreviate(lines.get(dateIndex)) + "'"));
        LocalDate publishedOn;
        try {
            publishedOn = dateLine.resolve(listingDate);
        } catch (DateTimeException e) {
            throw new EntryException(titleIndex, "line " + (dateIndex + 1) + " is not a valid date: '"
                    + LegacyPaperText.abbreviate(lines.get(dateIndex)) + "'");
        }

        String byline = lines.get(bylineIndex).strip();
        Integer authorCount = null;
        String organization = null;
        Matcher authors = AUTHOR_COUNT.matcher(byline);
        if (authors.matches()) {
            authorCount = Integer.valueOf(authors.group(1));
            if (authorCount < 1) {
                throw new EntryException(bylineIndex, "author count must be at least 1");
            }
        } else if (byline.startsWith("•")) {
            throw new EntryException(bylineIndex, "author line is not '• N authors': '"
                    + LegacyPaperText.abbreviate(byline) + "'");
        } else {
            organization = LegacyPaperText.normalizeSpace(byline);
            if (organization.length() > MAX_ORGANIZATION_LENGTH) {
                throw new EntryException(bylineIndex, "organization line is longer than "
                        + MAX_ORGANIZATION_LENGTH + " characters");
            }
        }

        String summary = paragraphs(lines, titleIndex + 1, bylineIndex);
        return new ListedPaper(entry, titleIndex + 1, null, title, summary, publishedOn, dateLine.upvotes(),
                authorCount, List.of(), organization);
    }

    /** The header ends at the first date line before the first entry's title, if there is one. */
    private static Optional<Integer> findHeaderDate(List<String> lines, int firstSeparator) {
        for (int i = 0; i < firstSeparator; i++) {
            if (LegacyListingDates.parse(lines.get(i)).isPresent()) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private static String paragraphs(List<String> lines, int from, int to) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = from; i < to; i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                if (current.length() > 0) {
                    paragraphs.add(current.toString());
                    current.setLength(0);
                }
            } else {
                if (current.length() > 0) {
                    current.append(' ');
                }
                current.append(LegacyPaperText.normalizeSpace(line));
            }
        }
        if (current.length() > 0) {
            paragraphs.add(current.toString());
        }
        return String.join("\n\n", paragraphs);
    }

    private static List<String> splitLines(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return List.of(body.split("\r\n|\r|\n", -1));
    }

    private static int nextNonBlank(List<String> lines, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!lines.get(i).isBlank()) {
                return i;
            }
        }
        return -1;
    }

    private static int previousNonBlank(List<String> lines, int from, int downTo) {
        for (int i = from; i > downTo; i--) {
            if (!lines.get(i).isBlank()) {
                return i;
            }
        }
        return downTo;
    }
}
