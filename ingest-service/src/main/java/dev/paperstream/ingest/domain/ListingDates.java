package dev.paperstream.ingest.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * Dates as listings print them ({@code Jul 4, 2022}, {@code Dec 17}, {@code May 28 2} with a trailing
 * upvote count), and the inference of a missing year: the most recent such day not after an anchor.
 */
public final class ListingDates {

    private static final Map<String, Month> MONTHS = Map.ofEntries(
            Map.entry("jan", Month.JANUARY), Map.entry("feb", Month.FEBRUARY), Map.entry("mar", Month.MARCH),
            Map.entry("apr", Month.APRIL), Map.entry("may", Month.MAY), Map.entry("jun", Month.JUNE),
            Map.entry("jul", Month.JULY), Map.entry("aug", Month.AUGUST), Map.entry("sep", Month.SEPTEMBER),
            Map.entry("oct", Month.OCTOBER), Map.entry("nov", Month.NOVEMBER), Map.entry("dec", Month.DECEMBER));

    private ListingDates() {
    }

    /**
     * A date line as printed in a listing.
     *
     * @param month   month
     * @param day     day of month, not yet checked against the month
     * @param year    year, or null when the line omits it
     * @param upvotes trailing upvote count, 0 when absent
     */
    public record DateLine(Month month, int day, Integer year, int upvotes) {

        /** The date, with a missing year inferred as the most recent such day not after {@code anchor}. */
        public LocalDate resolve(LocalDate anchor) {
            if (year != null) {
                return LocalDate.of(year, month, day);
            }
            return mostRecentNotAfter(MonthDay.of(month, day), anchor);
        }
    }

    /** Reads a date line; empty when the line is not one. */
    public static Optional<DateLine> parse(String line) {
        char[] chars = line.toCharArray();
        return parse(chars, 0, chars.length);
    }

    /**
     * Reads the date line {@code c[from, to)}, stripped first; empty when it is not one: a month name (3+
     * letters), day, optional {@code , year}, optional trailing upvote count. Scanned by hand, it accepts exactly
     * what {@code (?i)^([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:\s*,\s*(\d{4}))?(?:\s+(\d{1,7}))?$} matched
     * before: ASCII letters only, {@code \s} is {@code [ \t\n\x0B\f\r]}, {@code \d} is {@code [0-9]}.
     */
    static Optional<DateLine> parse(char[] c, int from, int to) {
        int i = PaperText.stripStart(c, from, to);
        int end = PaperText.stripEnd(c, i, to);
        int monthStart = i;
        while (i < end && isAsciiLetter(c[i])) {
            i++;
        }
        if (i - monthStart < 3) {
            return Optional.empty();
        }
        Month month = month(c[monthStart], c[monthStart + 1], c[monthStart + 2]);
        if (i < end && c[i] == '.') {
            i++;
        }
        int spaces = i;
        i = skipSpace(c, i, end);
        if (i == spaces) {
            return Optional.empty();
        }
        int dayStart = i;
        i = skipDigits(c, i, end);
        if (i - dayStart < 1 || i - dayStart > 2) {
            return Optional.empty();
        }
        int day = number(c, dayStart, i);
        Integer year = null;
        int comma = skipSpace(c, i, end);
        if (comma < end && c[comma] == ',') {
            int yearStart = skipSpace(c, comma + 1, end);
            i = skipDigits(c, yearStart, end);
            if (i - yearStart != 4) {
                return Optional.empty();
            }
            year = number(c, yearStart, i);
        }
        int upvotes = 0;
        if (i < end) {
            int upvoteStart = skipSpace(c, i, end);
            if (upvoteStart == i) {
                return Optional.empty();
            }
            i = skipDigits(c, upvoteStart, end);
            if (i != end || i - upvoteStart < 1 || i - upvoteStart > 7) {
                return Optional.empty();
            }
            upvotes = number(c, upvoteStart, i);
        }
        return month == null ? Optional.empty() : Optional.of(new DateLine(month, day, year, upvotes));
    }

    /**
     * The UTC date of an RFC 3339 date-time in its most common shape, {@code 2025-12-16T17:59:59Z} or
     * {@code 2025-12-16T17:59:59.123Z} (up to 9 fraction digits), when it is a valid one; null for any other text,
     * which the caller then reads with {@code OffsetDateTime.parse} as before. Whenever this answers, that parse
     * gives the same date: the shape is one {@code ISO_OFFSET_DATE_TIME} reads, the offset is zero and every field
     * is checked as its strict resolver checks it.
     */
    static LocalDate utcDate(String text) {
        int n = text.length();
        if (n < 20 || n > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(n - 1) != 'Z') {
            return null;
        }
        if (n > 20) {
            if (text.charAt(19) != '.' || n == 21 || !digits(text, 20, n - 1)) {
                return null;
            }
        }
        if (!digits(text, 0, 4) || !digits(text, 5, 7) || !digits(text, 8, 10) || !digits(text, 11, 13)
                || !digits(text, 14, 16) || !digits(text, 17, 19)) {
            return null;
        }
        int hour = (text.charAt(11) - '0') * 10 + (text.charAt(12) - '0');
        int minute = (text.charAt(14) - '0') * 10 + (text.charAt(15) - '0');
        int second = (text.charAt(17) - '0') * 10 + (text.charAt(18) - '0');
        if (hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int year = (text.charAt(0) - '0') * 1000 + (text.charAt(1) - '0') * 100 + (text.charAt(2) - '0') * 10
                + (text.charAt(3) - '0');
        int month = (text.charAt(5) - '0') * 10 + (text.charAt(6) - '0');
        int day = (text.charAt(8) - '0') * 10 + (text.charAt(9) - '0');
        if (month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static int skipSpace(char[] c, int from, int to) {
        int i = from;
        while (i < to && PaperText.isSpace(c[i])) {
            i++;
        }
        return i;
    }

    private static int skipDigits(char[] c, int from, int to) {
        int i = from;
        while (i < to && c[i] >= '0' && c[i] <= '9') {
            i++;
        }
        return i;
    }

    /** The value of the ASCII digits {@code c[from, to)}, at most 7 of them. */
    private static int number(char[] c, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (c[i] - '0');
        }
        return value;
    }

    /** The month named by three ASCII letters, any case; null for none. */
    private static Month month(char a, char b, char c) {
        String name = new String(new char[] { lower(a), lower(b), lower(c) });
        return MONTHS.get(name);
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /**
     * The most recent date with this month and day that is not after {@code anchor}. February 29 goes
     * back to the last leap year.
     *
     * @throws DateTimeException when the day does not exist in the month (e.g. April 31)
     */
    public static LocalDate mostRecentNotAfter(MonthDay monthDay, LocalDate anchor) {
        for (int year = anchor.getYear(); year > anchor.getYear() - 9; year--) {
            if (monthDay.isValidYear(year)) {
                LocalDate candidate = monthDay.atYear(year);
                if (!candidate.isAfter(anchor)) {
                    return candidate;
                }
            }
        }
        throw new DateTimeException("no valid date for " + monthDay);
    }

    /**
     * When a listing's upvote counts were observed: the end of its {@code asOf} day (UTC), or the time it was
     * received if that is earlier (a capture of today); the time received when no {@code asOf} was given.
     */
    public static Instant observedAt(LocalDate asOf, Instant receivedAt) {
        if (asOf == null) {
            return receivedAt;
        }
        Instant endOfDay = asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
        return endOfDay.isBefore(receivedAt) ? endOfDay : receivedAt;
    }
}
