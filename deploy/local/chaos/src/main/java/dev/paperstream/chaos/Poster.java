package dev.paperstream.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import dev.paperstream.events.Roles;
import dev.paperstream.testing.TestTokens;

/**
 * Posts the workload's listings one after the other, alternating between the two ingest instances, paced so that
 * the workload spans the fault schedule. A listing that an instance does not accept (down, cut off, 5xx) goes to
 * the other one, with a pause, until it is accepted or {@link #GIVE_UP} has passed.
 */
final class Poster implements Runnable {

    private static final Duration GIVE_UP = Duration.ofMinutes(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final List<Workload.Listing> listings;
    private final String token = TestTokens.bearer("chaos-poster", Roles.INGEST);
    private final IntFunction<String> ingestUri;
    private final Duration interval;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final AtomicInteger posted = new AtomicInteger();
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger retries = new AtomicInteger();
    final AtomicInteger givenUp = new AtomicInteger();
    /** 5xx answers other than 503 (a 503 with Retry-After is the contract while a dependency is down). */
    final AtomicInteger unexpected5xx = new AtomicInteger();
    /** arXiv ids of papers in accepted listings. */
    final Set<String> acceptedArxivIds = ConcurrentHashMap.newKeySet();
    volatile String lastRefusal = "";

    /** @param ingestUri the base URI of instance 1 or 2, asked afresh for each attempt (a restart changes it) */
    Poster(List<Workload.Listing> listings, IntFunction<String> ingestUri, Duration interval) {
        this.listings = listings;
        this.ingestUri = ingestUri;
        this.interval = interval;
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        for (int i = 0; i < listings.size() && !Thread.currentThread().isInterrupted(); i++) {
            pace(start, i);
            Workload.Listing listing = listings.get(i);
            if (post(listing, 1 + i % 2)) {
                accepted.incrementAndGet();
                acceptedArxivIds.addAll(listing.arxivIds());
            } else {
                givenUp.incrementAndGet();
            }
            posted.incrementAndGet();
        }
    }

    private void pace(long start, int index) {
        long due = start + interval.toNanos() * index;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            sleep(Duration.ofNanos(wait));
        }
    }

    private boolean post(Workload.Listing listing, int firstInstance) {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            int instance = (firstInstance - 1 + attempt) % 2 + 1;
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(ingestUri.apply(instance) + "/listings?source=chaos"))
                        .header("Content-Type", listing.contentType()).header("Authorization", "Bearer " + token)
                        .timeout(REQUEST_TIMEOUT)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(listing.body())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202) {
                    return true;
                }
                lastRefusal = "HTTP " + response.statusCode() + ": " + abbreviate(response.body());
                if (response.statusCode() >= 500 && response.statusCode() != 503) {
                    unexpected5xx.incrementAndGet();
                }
                if (response.statusCode() < 500 && response.statusCode() != 429) {
                    return false; // the listing itself is refused: retrying cannot help (and must not happen)
                }
            } catch (IOException unreachable) {
                lastRefusal = unreachable.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            retries.incrementAndGet();
            sleep(Duration.ofMillis(attempt % 2 == 0 ? 100 : 1_000));
        }
        return false;
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
