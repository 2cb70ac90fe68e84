package dev.paperstream.events;

import java.time.Duration;

/** Pauses that double from a first to a longest duration: how every service waits before retrying a transient failure. */
public final class Backoff {

    private final Duration longest;
    private Duration next;

    public Backoff(Duration first, Duration longest) {
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= longest, got " + first + " and " + longest);
        }
        this.next = first;
        this.longest = longest;
    }

    /** The pause before the next attempt; each call doubles the one after it, up to the longest. */
    public Duration next() {
        Duration current = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(longest) > 0 ? longest : doubled;
        return current;
    }
}
