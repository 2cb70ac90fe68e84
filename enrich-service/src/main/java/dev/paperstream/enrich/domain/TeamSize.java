package dev.paperstream.enrich.domain;

import java.util.Locale;

/** Team size bands by author count: solo 1, small 2–4, medium 5–9, large 10 or more. */
public enum TeamSize {
    SOLO,
    SMALL,
    MEDIUM,
    LARGE;

    /** The band for an author count, or null when the count is unknown. */
    public static TeamSize of(Integer authorCount) {
        if (authorCount == null || authorCount < 1) {
            return null;
        }
        if (authorCount == 1) {
            return SOLO;
        }
        if (authorCount <= 4) {
            return SMALL;
        }
        return authorCount <= 9 ? MEDIUM : LARGE;
    }

    /** The facet value: {@code solo}, {@code small}, {@code medium}, {@code large}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
