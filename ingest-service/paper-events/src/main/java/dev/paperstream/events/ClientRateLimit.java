package dev.paperstream.events;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Per-client token buckets: each client may make {@code perMinute} requests in a burst, and earns them back
 * evenly over a minute. How every service limits a caller (by address), answering 429 with the wait.
 */
public final class ClientRateLimit {

    /** Buckets kept at most; beyond it, buckets that have refilled completely are dropped (they hold nothing). */
    static final int MAX_CLIENTS = 100_000;

    private final int perMinute;
    private final double tokensPerNano;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public ClientRateLimit(int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("a rate limit needs at least 1 request per minute, got " + perMinute);
        }
        this.perMinute = perMinute;
        this.tokensPerNano = perMinute / (double) Duration.ofMinutes(1).toNanos();
    }

    /**
     * Takes one request from {@code client}'s bucket at {@code nowNanos} (a monotonic clock).
     *
     * @return zero when the request may go ahead, else how long until the client may retry
     */
    public Duration take(String client, long nowNanos) {
        if (buckets.size() > MAX_CLIENTS) {
            buckets.values().removeIf(bucket -> bucket.isFull(nowNanos));
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(perMinute, nowNanos));
        return bucket.take(nowNanos);
    }

    /**
     * Takes one request from {@code client}'s bucket now: empty when it may go ahead, else the answer to give, 429
     * with {@code Retry-After} and an {@link ApiError} naming the limit ({@code what}: "listings", "requests").
     */
    public Optional<Response> refusal(String client, String what) {
        Duration wait = take(client, System.nanoTime());
        if (wait.isZero()) {
            return Optional.empty();
        }
        long seconds = retryAfterSeconds(wait);
        return Optional.of(Response.status(429).type(MediaType.APPLICATION_JSON).header("Retry-After", seconds)
                .entity(new ApiError(429, "Too Many Requests", "more than " + perMinute + " " + what
                        + " per minute from this address; retry in " + seconds + " s"))
                .build());
    }

    /** A wait as the whole seconds of a {@code Retry-After} header: rounded up, at least 1. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    public int perMinute() {
        return perMinute;
    }

    private final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized Duration take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) / tokensPerNano));
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= perMinute;
        }

        private void refill(long now) {
            if (now > refilledAt) {
                tokens = Math.min(perMinute, tokens + (now - refilledAt) * tokensPerNano);
                refilledAt = now;
            }
        }
    }
}
