package dev.paperstream.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ClientRateLimitTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void allowsABurstOfOneMinutesRequestsThenSaysHowLongToWait() {
        ClientRateLimit limit = new ClientRateLimit(60);
        for (int i = 0; i < 60; i++) {
            assertThat(limit.take("10.0.0.1", 0)).isZero();
        }
        assertThat(limit.take("10.0.0.1", 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(limit.take("10.0.0.1", SECOND / 2)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void earnsRequestsBackEvenlyOverAMinute() {
        ClientRateLimit limit = new ClientRateLimit(60);
        for (int i = 0; i < 60; i++) {
            limit.take("a", 0);
        }
        assertThat(limit.take("a", 3 * SECOND)).isZero();
        assertThat(limit.take("a", 3 * SECOND)).isZero();
        assertThat(limit.take("a", 3 * SECOND)).isZero();
        assertThat(limit.take("a", 3 * SECOND)).isPositive();
    }

    @Test
    void keepsEachClientsBucketApart() {
        ClientRateLimit limit = new ClientRateLimit(1);
        assertThat(limit.take("a", 0)).isZero();
        assertThat(limit.take("a", 0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(limit.take("b", 0)).isZero();
    }

    @Test
    void neverHoldsMoreThanOneMinutesRequests() {
        ClientRateLimit limit = new ClientRateLimit(2);
        limit.take("a", 0);
        assertThat(limit.take("a", 3600 * SECOND)).isZero();
        assertThat(limit.take("a", 3600 * SECOND)).isZero();
        assertThat(limit.take("a", 3600 * SECOND)).isPositive();
    }

    @Test
    void roundsARetryAfterUpToWholeSeconds() {
        assertThat(ClientRateLimit.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(ClientRateLimit.retryAfterSeconds(Duration.ofMillis(1001))).isEqualTo(2);
        assertThat(ClientRateLimit.retryAfterSeconds(Duration.ofSeconds(60))).isEqualTo(60);
    }

    @Test
    void refusesALimitBelowOne() {
        assertThatThrownBy(() -> new ClientRateLimit(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
