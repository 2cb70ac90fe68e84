package dev.paperstream.query.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.paperstream.events.UpvoteObservation;

class UpvoteGainsTest {

    private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void measuresFromTheLastCountBeforeTheWindowStarts() {
        List<UpvoteObservation> history = List.of(obs(60, 5), obs(26, 12), obs(10, 20), obs(0, 31));
        assertThat(UpvoteGains.gain(31, history, NOW.minus(Duration.ofDays(3)), NOW, DAY)).isEqualTo(19);
    }

    @Test
    void countsEveryUpvoteOfAPaperFirstListedInsideTheWindow() {
        List<UpvoteObservation> history = List.of(obs(5, 8), obs(0, 14));
        assertThat(UpvoteGains.gain(14, history, NOW.minus(Duration.ofHours(5)), NOW, DAY)).isEqualTo(14);
    }

    @Test
    void fallsBackToTheEarliestObservationOfAnOlderPaper() {
        List<UpvoteObservation> history = List.of(obs(20, 50), obs(0, 70));
        assertThat(UpvoteGains.gain(70, history, NOW.minus(Duration.ofDays(40)), NOW, DAY)).isEqualTo(20);
    }

    @Test
    void dropsAGainFromTheWindowWhenTheClockPassesItsObservation() {
        // 40 upvotes observed 6 days ago, none since: inside the 7-day window today, outside it two days later.
        List<UpvoteObservation> history = List.of(obs(24 * 10, 0), obs(24 * 6, 40));
        Instant listed = NOW.minus(Duration.ofDays(10));

        UpvoteGains.Gains today = UpvoteGains.asOf(40, history, listed, NOW);
        UpvoteGains.Gains later = UpvoteGains.asOf(40, history, listed, NOW.plus(Duration.ofDays(2)));

        assertThat(today.gain7d()).isEqualTo(40);
        assertThat(today.gain24h()).isZero();
        assertThat(later.gain7d()).isZero();
        assertThat(later.gain30d()).isEqualTo(40);
        // The 7-day gain changes exactly when the window's start passes the observation of 6 days ago.
        assertThat(today.changesAt()).isEqualTo(NOW.minus(Duration.ofDays(6)).plus(Duration.ofDays(7)));
        assertThat(UpvoteGains.asOf(40, history, listed, today.changesAt().minusSeconds(1)).gain7d()).isEqualTo(40);
        assertThat(UpvoteGains.asOf(40, history, listed, today.changesAt()).gain7d()).isZero();
    }

    @Test
    void hasNoFurtherChangeOnceEveryObservationLeftTheLongestWindow() {
        List<UpvoteObservation> history = List.of(obs(24 * 50, 0), obs(24 * 40, 9));
        assertThat(UpvoteGains.asOf(9, history, NOW.minus(Duration.ofDays(50)), NOW).changesAt()).isNull();
    }

    @Test
    void neverReportsALoss() {
        List<UpvoteObservation> history = List.of(obs(30, 50), obs(0, 45));
        assertThat(UpvoteGains.gain(45, history, NOW.minus(Duration.ofDays(2)), NOW, DAY)).isZero();
    }

    @Test
    void withoutHistoryANewPaperGainedItsUpvotesAndAnOldOneNothingKnown() {
        assertThat(UpvoteGains.gain(9, List.of(), NOW.minus(Duration.ofHours(1)), NOW, DAY)).isEqualTo(9);
        assertThat(UpvoteGains.gain(9, List.of(), NOW.minus(Duration.ofDays(9)), NOW, DAY)).isZero();
    }

    private static UpvoteObservation obs(int hoursAgo, int upvotes) {
        return new UpvoteObservation(NOW.minus(Duration.ofHours(hoursAgo)), upvotes);
    }
}
