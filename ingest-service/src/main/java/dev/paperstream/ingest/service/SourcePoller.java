package dev.paperstream.ingest.service;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import dev.paperstream.events.Sha256;
import dev.paperstream.ingest.config.IngestConfig;
import dev.paperstream.ingest.domain.ListingFormat;
import dev.paperstream.ingest.domain.ListingParseException;
import dev.paperstream.ingest.domain.ListingParsers;
import dev.paperstream.ingest.domain.ParsedListing;
import dev.paperstream.ingest.domain.PollSchedule;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Polls the configured feeds ({@code paperstream.ingest.sources}) and records what they list, exactly as
 * a posted listing. Requests are conditional (ETag / If-None-Match, Last-Modified / If-Modified-Since),
 * a body identical to the last one is skipped, and a failing feed is polled with exponential backoff.
 * State is kept in memory: after a restart every feed is polled once without validators, which at worst
 * records an unchanged listing (no events).
 */
@Startup
@ApplicationScoped
public class SourcePoller {

    private static final Logger LOG = Logger.getLogger(SourcePoller.class);
    private static final Map<ListingFormat, String> ACCEPT = Map.of(
            ListingFormat.HF_DAILY_TEXT, "text/plain",
            ListingFormat.HF_DAILY_JSON, "application/json",
            ListingFormat.ARXIV_ATOM, "application/atom+xml, application/xml;q=0.9");

    private final ListingIngestion ingestion;
    private final IngestConfig config;
    private final ListingParsers parsers = new ListingParsers();
    private final Map<String, Feed> feeds = new LinkedHashMap<>();
    private final Clock clock = Clock.systemUTC();
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    public SourcePoller(ListingIngestion ingestion, IngestConfig config) {
        this.ingestion = ingestion;
        this.config = config;
        Instant now = clock.instant();
        for (IngestConfig.Source source : config.sources().orElse(List.of())) {
            ListingFormat format = ListingFormat.byId(source.format()).orElseThrow(() -> new IllegalArgumentException(
                    "paperstream.ingest.sources: format '" + source.format() + "' of " + source.url()
                            + " is not one of hf-daily-text, hf-daily-json, arxiv-atom"));
            String scheme = source.url().getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                throw new IllegalArgumentException("paperstream.ingest.sources: " + source.url() + " is not an http(s) URL");
            }
            String name = source.name().orElse(source.url().getHost() + source.url().getPath());
            if (feeds.containsKey(name)) {
                throw new IllegalArgumentException("paperstream.ingest.sources: two sources are named " + name);
            }
            feeds.put(name, new Feed(name, source, format, now));
        }
    }

    /** Every configured feed with its last poll and status, in configuration order. */
    public List<SourceStatus> statuses() {
        List<SourceStatus> statuses = new ArrayList<>();
        for (Feed feed : feeds.values()) {
            statuses.add(feed.status);
        }
        return statuses;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void pollDueFeeds() {
        for (Feed feed : feeds.values()) {
            if (!clock.instant().isBefore(feed.status.nextPollAt())) {
                poll(feed);
            }
        }
    }

    /** Polls one feed now and records the outcome. */
    void poll(Feed feed) {
        Instant started = clock.instant();
        SourceStatus before = feed.status;
        IngestConfig.Source source = feed.source;
        HttpRequest.Builder request = HttpRequest.newBuilder(source.url())
                .timeout(source.timeout())
                .header("Accept", ACCEPT.get(feed.format))
                .header("User-Agent", "paperstream-ingest-service")
                .GET();
        if (before.etag() != null) {
            request.header("If-None-Match", before.etag());
        }
        if (before.lastModified() != null) {
            request.header("If-Modified-Since", before.lastModified());
        }
        Integer httpStatus = null;
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            httpStatus = response.statusCode();
            String etag = response.headers().firstValue("ETag").orElse(before.etag());
            String lastModified = response.headers().firstValue("Last-Modified").orElse(before.lastModified());
            if (httpStatus == 304) {
                response.body().close();
                succeed(feed, started, "not-modified", httpStatus, etag, lastModified, before.lastListingId());
                return;
            }
            if (httpStatus != 200) {
                response.body().close();
                fail(feed, started, httpStatus, "HTTP " + httpStatus);
                return;
            }
            byte[] body = readLimited(response.body(), config.maxListingSize().asLongValue());
            byte[] digest = Sha256.digest(body);
            if (Arrays.equals(digest, feed.lastDigest)) {
                succeed(feed, started, "unchanged", httpStatus, etag, lastModified, before.lastListingId());
                return;
            }
            ParsedListing parsed = parsers.parse(feed.format, body, LocalDate.now(ZoneOffset.UTC)).storable();
            if (parsed.papers().isEmpty()) {
                fail(feed, started, httpStatus, "none of the " + parsed.entries() + " entries could be read as a paper");
                return;
            }
            ListingSummary summary = ingestion.record(parsed, "source:" + feed.name, body, Instant.now());
            feed.lastDigest = digest;
            succeed(feed, started, "ok", httpStatus, etag, lastModified, summary.listingId());
        } catch (ListingParseException e) {
            fail(feed, started, httpStatus, "not " + feed.format.id() + ": " + e.getMessage());
        } catch (IOException e) {
            fail(feed, started, httpStatus, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // e.g. PostgreSQL unreachable while recording: the feed is retried with backoff like any failure.
            LOG.warnf(e, "Recording feed %s failed", feed.name);
            fail(feed, started, httpStatus, "recording failed: " + e.getMessage());
        }
    }

    private void succeed(Feed feed, Instant at, String status, int httpStatus, String etag, String lastModified,
            String listingId) {
        IngestConfig.Source source = feed.source;
        feed.status = new SourceStatus(feed.name, source.url().toString(), feed.format.id(), source.interval(), at,
                status, httpStatus, null, etag, lastModified, listingId, 0, at.plus(source.interval()));
    }

    private void fail(Feed feed, Instant at, Integer httpStatus, String message) {
        IngestConfig.Source source = feed.source;
        SourceStatus before = feed.status;
        int failures = before.consecutiveFailures() + 1;
        Duration delay = PollSchedule.nextDelay(source.interval(), source.initialBackoff(), source.maxBackoff(), failures);
        if (failures == 1) {
            LOG.warnf("Polling feed %s (%s) failed: %s; retrying with backoff", feed.name, source.url(), message);
        }
        feed.status = new SourceStatus(feed.name, source.url().toString(), feed.format.id(), source.interval(), at,
                "error", httpStatus, message, before.etag(), before.lastModified(), before.lastListingId(), failures,
                at.plus(delay));
    }

    private static byte[] readLimited(InputStream in, long limit) throws IOException {
        try (in) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw new IOException("feed body is larger than paperstream.ingest.max-listing-size (" + limit + " bytes)");
            }
            return body;
        }
    }

    /** A configured feed and its state; only the scheduler thread writes it. */
    static final class Feed {
        final String name;
        final IngestConfig.Source source;
        final ListingFormat format;
        volatile SourceStatus status;
        byte[] lastDigest;

        Feed(String name, IngestConfig.Source source, ListingFormat format, Instant now) {
            this.name = name;
            this.source = source;
            this.format = format;
            this.status = new SourceStatus(name, source.url().toString(), format.id(), source.interval(), null,
                    "pending", null, null, null, null, null, 0, now);
        }
    }
}
