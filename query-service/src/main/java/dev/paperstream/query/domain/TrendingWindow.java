package dev.paperstream.query.domain;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** A trending window: how far back upvote gains count, and how fast a listing's score halves. */
public enum TrendingWindow {
    DAY("24h", Duration.ofHours(24), "gain24h"),
    WEEK("7d", Duration.ofDays(7), "gain7d"),
    MONTH("30d", Duration.ofDays(30), "gain30d");

    private final String label;
    private final Duration length;
    private final String gainField;

    TrendingWindow(String label, Duration length, String gainField) {
        this.label = label;
        this.length = length;
        this.gainField = gainField;
    }

    /** As written in requests: {@code 24h}, {@code 7d}, {@code 30d}. */
    public String label() {
        return label;
    }

    /** How far back an upvote gain counts. */
    public Duration length() {
        return length;
    }

    /** Half the window: a listing's score halves every half-window since it was first listed. */
    public Duration halfLife() {
        return length.dividedBy(2);
    }

    /** The indexed field holding this window's gain. */
    public String gainField() {
        return gainField;
    }

    /** The window with this label. */
    public static Optional<TrendingWindow> fromLabel(String label) {
        return Arrays.stream(values()).filter(w -> w.label.equals(label)).findFirst();
    }

    /** The allowed labels, comma separated. */
    public static String allowedLabels() {
        return Arrays.stream(values()).map(TrendingWindow::label).collect(Collectors.joining(", "));
    }
}
