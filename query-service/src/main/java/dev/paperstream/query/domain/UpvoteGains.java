package dev.paperstream.query.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.paperstream.events.UpvoteObservation;

/**
 * Upvotes gained inside a window, from a paper's upvote history. The window ends at the latest observation
 * (or {@code asOf} when there is none). The baseline is the last count observed at or before the window's start;
 * without one, a paper first listed inside the window gained all its upvotes there (baseline 0), and an older
 * paper's earliest observation is the best baseline there is.
 */
public final class UpvoteGains {

    private UpvoteGains() {
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
