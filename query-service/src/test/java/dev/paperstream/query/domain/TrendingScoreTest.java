package dev.paperstream.query.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.paperstream.events.UpvoteObservation;

class TrendingScoreTest {

    private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");

    @Test
    void ranksRecentGainsAboveEqualGainsMadeBeforeTheWindow() {
        Instant listed = NOW.minus(Duration.ofDays(3));
        int recentGain = UpvoteGains.gain(40, List.of(obs(72, 0), obs(30, 10), obs(1, 40)), listed, NOW,
                TrendingWindow.DAY.length());
        int oldGain = UpvoteGains.gain(40, List.of(obs(72, 0), obs(50, 40), obs(1, 40)), listed, NOW,
                TrendingWindow.DAY.length());

        assertThat(recentGain).isEqualTo(30);
        assertThat(oldGain).isZero();
        assertThat(score(recentGain, listed)).isGreaterThan(score(oldGain, listed));
    }

    @Test
    void ranksTheMoreRecentlyListedHigherAtEqualGains() {
        for (int gain : new int[] { 0, 1, 25, 1000 }) {
            assertThat(score(gain, NOW.minus(Duration.ofHours(2))))
                    .isGreaterThan(score(gain, NOW.minus(Duration.ofHours(20))))
                    .isGreaterThan(score(gain, NOW.minus(Duration.ofDays(6))));
        }
    }

    @Test
    void ranksTheLargerGainHigherAtEqualAge() {
        Instant listed = NOW.minus(Duration.ofHours(10));
        assertThat(score(11, listed)).isGreaterThan(score(10, listed)).isGreaterThan(score(0, listed));
    }

    @Test
    void halvesTheScoreEveryHalfWindow() {
        assertThat(TrendingScore.score(0, Duration.ZERO, TrendingWindow.DAY)).isEqualTo(1.0);
        assertThat(TrendingScore.score(9, Duration.ofHours(12), TrendingWindow.DAY)).isCloseTo(5.0, within(1e-9));
        assertThat(TrendingScore.score(9, Duration.ofDays(7), TrendingWindow.MONTH))
                .isCloseTo(10 * Math.pow(0.5, 7 / 15d), within(1e-9));
    }

    @Test
    void treatsNegativeGainsAsNone() {
        assertThat(TrendingScore.score(-5, Duration.ZERO, TrendingWindow.WEEK)).isEqualTo(1.0);
    }

    private static double score(int gain, Instant listed) {
        return TrendingScore.score(gain, Duration.between(listed, NOW), TrendingWindow.DAY);
    }

    private static UpvoteObservation obs(int hoursAgo, int upvotes) {
        return new UpvoteObservation(NOW.minus(Duration.ofHours(hoursAgo)), upvotes);
    }
}
