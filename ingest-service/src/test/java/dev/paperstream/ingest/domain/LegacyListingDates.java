package dev.paperstream.ingest.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as listings print them ({@code Jul 4, 2022}, {@code Dec 17}, {@code May 28 2} with a trailing
 * upvote count), and the inference of a missing year: the most recent such day not after an anchor.
 */
/** Test oracle: the parser code as of 8f69731, before the regex-free rewrite; never change it. */
final class LegacyListingDates {

    private static final Map<String, Month> MONTHS = Map.ofEntries(
            Map.entry("jan", Month.JANUARY), Map.entry("feb", Month.FEBRUARY), Map.entry("mar", Month.MARCH),
            Map.entry("apr", Month.APRIL), Map.entry("may", Month.MAY), Map.entry("jun", Month.JUNE),
            Map.entry("jul", Month.JULY), Map.entry("aug", Month.AUGUST), Map.entry("sep", Month.SEPTEMBER),
            Map.entry("oct", Month.OCTOBER), Map.entry("nov", Month.NOVEMBER), Map.entry("dec", Month.DECEMBER));

    /** Month name (3+ letters), day, optional {@code , year}, optional trailing upvote count. */
    private static final Pattern DATE_LINE = Pattern.compile(
            "(?i)^([a-z]{3})[a-z]*\\.?\\s+(\\d{1,2})(?:\\s*,\\s*(\\d{4}))?(?:\\s+(\\d{1,7}))?$");

    private LegacyListingDates() {
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
        Matcher m = DATE_LINE.matcher(line.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        Month month = MONTHS.get(m.group(1).toLowerCase(Locale.ROOT));
        if (month == null) {
            return Optional.empty();
        }
        Integer year = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        int upvotes = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        return Optional.of(new DateLine(month, Integer.parseInt(m.group(2)), year, upvotes));
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
