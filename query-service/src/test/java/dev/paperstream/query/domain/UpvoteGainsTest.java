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
