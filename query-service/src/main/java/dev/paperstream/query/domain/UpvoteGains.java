package dev.paperstream.query.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.paperstream.events.UpvoteObservation;

/**
 * Upvotes gained inside a window, from a paper's upvote history. The window ends at {@code asOf}, or at the latest
 * observation if that is later. The baseline is the last count observed at or before the window's start; without
 * one, a paper first listed inside the window gained all its upvotes there (baseline 0), and an older paper's
 * earliest observation is the best baseline there is. Measured as of now, a gain changes as time passes only when
 * the window's start passes an observation or the first listing ({@link Gains#changesAt}).
 */
public final class UpvoteGains {

    private UpvoteGains() {
    }

    /**
     * The gains of every window as of an instant, and when they next change.
     *
     * @param gain24h   upvotes gained in the 24 hours before {@code asOf}
     * @param gain7d    in the 7 days before
     * @param gain30d   in the 30 days before
     * @param changesAt the first instant after {@code asOf} at which a window's start passes an observation or the
     *                  first listing, so that a gain can change without a new observation; null when none is left
     */
    public record Gains(int gain24h, int gain7d, int gain30d, Instant changesAt) {
    }

    /** Every window's gain measured back from {@code asOf}, and when they next change as time passes. */
    public static Gains asOf(int current, List<UpvoteObservation> history, Instant firstListedAt, Instant asOf) {
        Instant next = null;
        for (TrendingWindow window : TrendingWindow.values()) {
            List<Instant> boundaries = new ArrayList<>();
            history.stream().map(UpvoteObservation::observedAt).filter(Objects::nonNull)
                    .forEach(boundaries::add);
            if (firstListedAt != null) {
                boundaries.add(firstListedAt);
            }
            for (Instant at : boundaries) {
                Instant passes = at.plus(window.length());
                if (passes.isAfter(asOf) && (next == null || passes.isBefore(next))) {
                    next = passes;
                }
            }
        }
        return new Gains(gain(current, history, firstListedAt, asOf, TrendingWindow.DAY.length()),
                gain(current, history, firstListedAt, asOf, TrendingWindow.WEEK.length()),
                gain(current, history, firstListedAt, asOf, TrendingWindow.MONTH.length()), next);
    }

    /**
     * The gain, never negative.
     *
     * @param current       the current upvote count
     * @param history       observations, any order
     * @param firstListedAt when the paper was first listed, or null
     * @param asOf          when the event occurred; the window's end when the history is empty
     * @param window        the window's length
     */
    public static int gain(int current, List<UpvoteObservation> history, Instant firstListedAt, Instant asOf,
            Duration window) {
        Instant end = asOf;
        UpvoteObservation earliest = null;
        for (UpvoteObservation o : history) {
            if (o.observedAt() == null) {
                continue;
            }
            if (end == null || o.observedAt().isAfter(end)) {
                end = o.observedAt();
            }
            if (earliest == null || o.observedAt().isBefore(earliest.observedAt())) {
                earliest = o;
            }
        }
        if (end == null) {
            return 0;
        }
        Instant start = end.minus(window);
        UpvoteObservation baseline = null;
        for (UpvoteObservation o : history) {
            if (o.observedAt() != null && !o.observedAt().isAfter(start)
                    && (baseline == null || o.observedAt().isAfter(baseline.observedAt()))) {
                baseline = o;
            }
        }
        int base;
        if (baseline != null) {
            base = baseline.upvotes();
        } else if (firstListedAt == null || !firstListedAt.isBefore(start)) {
            base = 0;
        } else {
            base = earliest == null ? current : earliest.upvotes();
        }
        return Math.max(0, current - base);
    }
}
