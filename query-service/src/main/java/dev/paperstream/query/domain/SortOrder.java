package dev.paperstream.query.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How search hits are ordered; every order ends with the paper id, so that pages are stable. */
public enum SortOrder {
    /** Best text match first; without a query, the same as {@link #NEWEST}. */
    RELEVANCE,
    /** Latest publication date first. */
    NEWEST,
    /** Most upvotes first. */
    UPVOTES,
    /** Highest {@link TrendingScore} over the 7-day window first. */
    TRENDING;

    /** As written in requests. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The order with this label. */
    public static Optional<SortOrder> fromLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst();
    }

    /** The allowed labels, comma separated. */
    public static String allowedLabels() {
        return Arrays.stream(values()).map(SortOrder::label).collect(Collectors.joining(", "));
    }
}
