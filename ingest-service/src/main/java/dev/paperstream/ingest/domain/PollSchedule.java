package dev.paperstream.ingest.domain;

import java.time.Duration;

/** When a feed is polled next: its interval while it answers, exponential backoff while it fails. */
public final class PollSchedule {

    private PollSchedule() {
    }

    /**
     * The wait before the next poll.
     *
     * @param interval       the feed's interval, used while it answers
     * @param initialBackoff the wait after the first failure
     * @param maxBackoff     the longest wait while failing
     * @param failures       consecutive failed polls (0 after a success)
     */
    public static Duration nextDelay(Duration interval, Duration initialBackoff, Duration maxBackoff, int failures) {
        if (failures <= 0) {
            return interval;
        }
        Duration delay = initialBackoff;
        for (int i = 1; i < failures && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
