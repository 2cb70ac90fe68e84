package dev.paperstream.ingest.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the Hugging Face Daily Papers page saved as text. Each entry is a title line, an abstract of
 * one or more paragraphs, an author line ({@code • 5 authors}) or an organization line, a line holding
 * only {@code ·}, and a date line with an optional trailing upvote count. An optional header (site
 * chrome, then the listing date such as {@code Dec 17}) precedes the first entry.
 *
 * <p>Years missing from dates are inferred: the listing date is the most recent such day not after
 * {@code asOf}; an entry's date is the most recent such day not after the listing date.
 *
 * <p>The text is scanned once into line bounds over one {@code char[]}; lines, bylines and dates are read by
 * hand-written scanners (no regular expression, no string per line), which accept exactly what the regular
 * expressions of the first version did ({@code ParserEquivalenceTest} holds them to it).
 */
public final class DailyPapersTextParser {

    private static final char SEPARATOR = '\u00B7';
    private static final char BULLET = '\u2022';
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
        Lines lines = new Lines(text);
        int count = lines.count;
        int[] separators = new int[16];
        int separatorCount = 0;
        for (int i = 0; i < count; i++) {
            if (lines.isSeparator(i)) {
                if (separatorCount == separators.length) {
                    separators = Arrays.copyOf(separators, separatorCount * 2);
                }
                separators[separatorCount++] = i;
            }
        }
        if (separatorCount == 0) {
            throw new ListingParseException(
                    "no paper entries found: a Daily Papers entry ends with a line holding only '·' followed by a date");
        }

        int firstEntryStart = 0;
        LocalDate listingDate = asOf;
        // The header ends at the first date line before the first entry's title, if there is one.
        for (int index = 0; index < separators[0]; index++) {
            ListingDates.DateLine dateLine = lines.date(index);
            if (dateLine != null) {
                try {
                    listingDate = dateLine.year() != null
                            ? dateLine.resolve(asOf)
                            : ListingDates.mostRecentNotAfter(MonthDay.of(dateLine.month(), dateLine.day()), asOf);
                } catch (DateTimeException e) {
                    throw new ListingParseException("listing date on line " + (index + 1) + " is not a valid date: "
                            + lines.line(index).strip());
                }
                firstEntryStart = index + 1;
                break;
            }
        }

        List<ListedPaper> papers = new ArrayList<>(separatorCount);
        List<EntryRejection> rejected = new ArrayList<>();
        int start = firstEntryStart;
        for (int n = 0; n < separatorCount; n++) {
            int separator = separators[n];
            int dateIndex = lines.nextNonBlank(separator + 1, count);
            // A missing date must not swallow the next entry's title.
            ListingDates.DateLine dateLine = dateIndex >= 0 ? lines.date(dateIndex) : null;
            int end = dateLine != null ? dateIndex + 1 : separator + 1;
            int entry = n + 1;
            try {
                papers.add(readEntry(lines, start, separator, dateIndex, dateLine, entry, listingDate));
            } catch (EntryException e) {
                rejected.add(new EntryRejection(entry, e.line + 1, e.getMessage()));
            }
            start = end;
        }
        return new ParsedListing(ListingFormat.HF_DAILY_TEXT, listingDate, papers, rejected);
    }

    private static ListedPaper readEntry(Lines lines, int start, int separator, int dateIndex,
            ListingDates.DateLine dateLine, int entry, LocalDate listingDate) {
        int titleIndex = lines.nextNonBlank(start, separator);
        if (titleIndex < 0) {
            throw new EntryException(separator, "entry has no title before its '·' line");
        }
        int bylineIndex = lines.previousNonBlank(separator - 1, titleIndex);
        if (bylineIndex <= titleIndex) {
            throw new EntryException(titleIndex, "entry has no author or organization line before its '·' line");
        }
        String title = lines.normalized(titleIndex);
        if (title.length() > MAX_TITLE_LENGTH) {
            throw new EntryException(titleIndex, "title is longer than " + MAX_TITLE_LENGTH + " characters");
        }
        if (dateIndex < 0) {
            throw new EntryException(titleIndex, "entry has no date after its '·' line");
        }
        if (dateLine == null) {
            throw new EntryException(titleIndex, "line " + (dateIndex + 1)
                    + " is not a date such as 'Jul 4, 2022' or 'Dec 17 3': '"
                    + PaperText.abbreviate(lines.line(dateIndex)) + "'");
        }
        LocalDate publishedOn;
        try {
            publishedOn = dateLine.resolve(listingDate);
        } catch (DateTimeException e) {
            throw new EntryException(titleIndex, "line " + (dateIndex + 1) + " is not a valid date: '"
                    + PaperText.abbreviate(lines.line(dateIndex)) + "'");
        }

        Integer authorCount = null;
        String organization = null;
        int authors = lines.authorCount(bylineIndex);
        if (authors >= 0) {
            authorCount = authors;
            if (authorCount < 1) {
                throw new EntryException(bylineIndex, "author count must be at least 1");
            }
        } else if (lines.startsWithBullet(bylineIndex)) {
            throw new EntryException(bylineIndex, "author line is not '• N authors': '"
                    + PaperText.abbreviate(lines.line(bylineIndex)) + "'");
        } else {
            organization = lines.normalized(bylineIndex);
            if (organization.length() > MAX_ORGANIZATION_LENGTH) {
                throw new EntryException(bylineIndex, "organization line is longer than "
                        + MAX_ORGANIZATION_LENGTH + " characters");
            }
        }

        String summary = lines.paragraphs(titleIndex + 1, bylineIndex);
        return new ListedPaper(entry, titleIndex + 1, null, title, summary, publishedOn, dateLine.upvotes(),
                authorCount, List.of(), organization);
    }

    /**
     * The text's lines, split at {@code \r\n}, {@code \r} or {@code \n} (a leading byte order mark dropped),
     * as bounds into one {@code char[]}: each line's raw bounds and its bounds once stripped
     * ({@link String#strip()}); a line is blank when its stripped bounds are empty.
     */
    private static final class Lines {

        final char[] c;
        int count;
        /** Raw start and end of each line, without its terminator. */
        int[] starts;
        int[] ends;
        /** Start and end of each line stripped. */
        int[] from;
        int[] to;
        /** Scratch buffer for building paragraphs. */
        private char[] buffer = new char[256];

        Lines(String text) {
            c = text.toCharArray();
            int capacity = Math.max(16, c.length / 40);
            starts = new int[capacity];
            ends = new int[capacity];
            from = new int[capacity];
            to = new int[capacity];
            int lineStart = c.length > 0 && c[0] == '\uFEFF' ? 1 : 0;
            int n = c.length;
            for (int i = lineStart; i < n; i++) {
                char ch = c[i];
                if (ch == '\n') {
                    add(lineStart, i);
                    lineStart = i + 1;
                } else if (ch == '\r') {
                    add(lineStart, i);
                    if (i + 1 < n && c[i + 1] == '\n') {
                        i++;
                    }
                    lineStart = i + 1;
                }
            }
            add(lineStart, n);
        }

        private void add(int start, int end) {
            if (count == starts.length) {
                int capacity = count * 2;
                starts = Arrays.copyOf(starts, capacity);
                ends = Arrays.copyOf(ends, capacity);
                from = Arrays.copyOf(from, capacity);
                to = Arrays.copyOf(to, capacity);
            }
            int stripped = PaperText.stripStart(c, start, end);
            starts[count] = start;
            ends[count] = end;
            from[count] = stripped;
            to[count] = PaperText.stripEnd(c, stripped, end);
            count++;
        }

        String line(int i) {
            return new String(c, starts[i], ends[i] - starts[i]);
        }

        boolean isBlank(int i) {
            return from[i] == to[i];
        }

        boolean isSeparator(int i) {
            return to[i] - from[i] == 1 && c[from[i]] == SEPARATOR;
        }

        boolean startsWithBullet(int i) {
            return to[i] > from[i] && c[from[i]] == BULLET;
        }

        ListingDates.DateLine date(int i) {
            return ListingDates.parse(c, from[i], to[i]).orElse(null);
        }

        String normalized(int i) {
            return PaperText.normalizeSpace(c, from[i], to[i]);
        }

        /**
         * The N of a byline {@code \u2022 N authors} (or {@code author}), else -1: exactly what
         * {@code ^\u2022\s*(\d{1,6})\s+authors?$} matched on the stripped line.
         */
        int authorCount(int line) {
            int i = from[line];
            int end = to[line];
            if (i >= end || c[i] != BULLET) {
                return -1;
            }
            i++;
            while (i < end && PaperText.isSpace(c[i])) {
                i++;
            }
            int digits = i;
            int value = 0;
            while (i < end && c[i] >= '0' && c[i] <= '9' && i - digits < 7) {
                value = value * 10 + (c[i] - '0');
                i++;
            }
            if (i - digits < 1 || i - digits > 6) {
                return -1;
            }
            int spaces = i;
            while (i < end && PaperText.isSpace(c[i])) {
                i++;
            }
            if (i == spaces || end - i < 6 || end - i > 7) {
                return -1;
            }
            if (c[i] != 'a' || c[i + 1] != 'u' || c[i + 2] != 't' || c[i + 3] != 'h' || c[i + 4] != 'o'
                    || c[i + 5] != 'r' || (end - i == 7 && c[i + 6] != 's')) {
                return -1;
            }
            return value;
        }

        int nextNonBlank(int start, int end) {
            for (int i = start; i < end; i++) {
                if (!isBlank(i)) {
                    return i;
                }
            }
            return -1;
        }

        int previousNonBlank(int start, int downTo) {
            for (int i = start; i > downTo; i--) {
                if (!isBlank(i)) {
                    return i;
                }
            }
            return downTo;
        }

        /**
         * Lines {@code [start, end)} as paragraphs: each non-blank line stripped and whitespace-normalized, the
         * lines of a paragraph joined by a space, paragraphs (separated by blank lines) by a blank line.
         */
        String paragraphs(int start, int end) {
            int length = 0;
            boolean inParagraph = false;
            for (int i = start; i < end; i++) {
                if (isBlank(i)) {
                    inParagraph = false;
                    continue;
                }
                int needed = length + 2 + (to[i] - from[i]);
                if (needed > buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
                }
                if (length > 0) {
                    if (inParagraph) {
                        buffer[length++] = ' ';
                    } else {
                        buffer[length++] = '\n';
                        buffer[length++] = '\n';
                    }
                }
                length = PaperText.collapse(c, from[i], to[i], buffer, length);
                inParagraph = true;
            }
            return new String(buffer, 0, length);
        }
    }
}
