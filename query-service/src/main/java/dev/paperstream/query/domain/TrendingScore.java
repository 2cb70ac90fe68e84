package dev.paperstream.query.domain;

import java.time.Duration;

/**
 * The trending rule: {@code score = (gain + 1) × 0.5^(hoursSinceFirstListed / halfLifeHours)}. A paper's upvote
 * gain inside the window (plus one, so that new papers without votes still rank by freshness) is halved for every
 * half-life since paperstream first listed it. Elasticsearch computes the same number with a {@code function_score}:
 * {@code field_value_factor} on the gain summed with a weight of 1, multiplied by an {@code exp} decay on
 * {@code firstListedAt} with {@code scale = halfLife} and {@code decay = 0.5}.
 */
public final class TrendingScore {

    private TrendingScore() {
    }

    /**
     * The score of a paper.
     *
     * @param gain               upvotes gained inside the window (negative counts as 0)
     * @param sinceFirstListed   time since the paper was first listed (its absolute value, as Elasticsearch's decay)
     * @param halfLife           the window's half-life
     */
    public static double score(int gain, Duration sinceFirstListed, Duration halfLife) {
        double hours = Math.abs(sinceFirstListed.toMillis()) / 3_600_000d;
        double halfLifeHours = halfLife.toMillis() / 3_600_000d;
        return (Math.max(0, gain) + 1) * Math.pow(0.5, hours / halfLifeHours);
    }

    /** The score of a paper in a window. */
    public static double score(int gain, Duration sinceFirstListed, TrendingWindow window) {
        return score(gain, sinceFirstListed, window.halfLife());
    }
}
