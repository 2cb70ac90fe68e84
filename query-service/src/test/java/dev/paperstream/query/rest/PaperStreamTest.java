package dev.paperstream.query.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.query.service.PaperStream;
import dev.paperstream.testing.PaperstreamStackResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The live stream: a paper published to real Kafka reaches an open, filtered stream within 3 s; a reader that falls
 * behind stays connected and is told what it missed; the replica's stream cap answers 503.
 */
@QuarkusTest
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "elasticsearch", value = "true"),
        @ResourceArg(name = "postgres", value = "true") })
class PaperStreamTest {

    private static final Duration DELIVERY = Duration.ofSeconds(3);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeEach
    void awaitConsumer() {
        TestPapers.awaitConsumerReady(bootstrapServers);
    }

    @TestHTTPResource("/papers/stream")
    URI streamUri;

    @Inject
    PaperStream stream;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    @Test
    void deliversAMatchingPaperWithinThreeSecondsAndKeepsTheConnectionAlive() throws Exception {
        String tag = TestPapers.uniqueWord("live");
        String other = TestPapers.newId();
        String matching = TestPapers.newId();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        int before = stream.subscriberCount();
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<Stream<String>>> response = client.sendAsync(HttpRequest.newBuilder(
                URI.create(streamUri + "?tag=" + tag)).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> readLines(r.body(), lines));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stream.subscriberCount() > before);

            TestPapers.publish(bootstrapServers, TestPapers.paper(other, "Not For This Stream").tags("other").build());
            long published = System.nanoTime();
            TestPapers.publish(bootstrapServers, TestPapers.paper(matching, "Streamed Live").tags(tag)
                    .hasCode(true).build());

            JsonNode data = null;
            while (data == null) {
                long left = DELIVERY.toNanos() - (System.nanoTime() - published);
                String line = lines.poll(Math.max(left, 0), TimeUnit.NANOSECONDS);
                assertThat(line).as("a data line within %s of publishing", DELIVERY).isNotNull();
                if (line.startsWith("data:")) {
                    data = json.readTree(line.substring(5).strip());
                }
            }
            Duration delivery = Duration.ofNanos(System.nanoTime() - published);
            System.out.printf("stream delivery: %d ms%n", delivery.toMillis());
            assertThat(delivery).isLessThan(DELIVERY);
            assertThat(data.path("id").asText()).isEqualTo(matching);
            assertThat(data.path("title").asText()).isEqualTo("Streamed Live");
            assertThat(data.path("hasCode").asBoolean()).isTrue();
            assertThat(data.path("tags").get(0).asText()).isEqualTo(tag);
            assertThat(data.has("highlights")).isTrue();

            // %test sends a keep-alive comment every 2 s.
            String comment = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            while (comment == null && System.nanoTime() < deadline) {
                String line = lines.poll(500, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(":")) {
                    comment = line;
                }
            }
            assertThat(comment).isNotNull().contains("keep-alive");
        } finally {
            response.cancel(true);
            response.thenAccept(r -> r.body().close());
        }
        // Gone before the next test counts subscribers: a late unsubscribe would cancel out its new one. (The line
        // reader ends with "closed" on its own thread: expected, not a failure of this wait.)
        Awaitility.await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10))
                .until(() -> stream.subscriberCount() <= before);
    }

    @Test
    void keepsAReaderThatFallsBehindConnectedWithAGapThenLiveEvents() throws Exception {
        String tag = TestPapers.uniqueWord("slow");
        int before = stream.subscriberCount();
        try (SseConnection reader = SseConnection.open(streamUri, "?tag=" + tag)) {
            assertThat(reader.status()).isEqualTo(200);
            Instant idleSince = Instant.now();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stream.subscriberCount() > before);
            double droppedBefore = droppedForSlowReaders();

            // The reader takes nothing while 5,000 matching papers of about 3 KB arrive: far more than the socket
            // buffers and the stream's own 50 (%test) hold.
            String summary = "A long abstract. ".repeat(180);
            List<EnrichedPaperEvent> burst = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                burst.add(TestPapers.paper(TestPapers.newId(), "Burst paper " + i).tags(tag).summary(summary).build());
            }
            TestPapers.publishAll(bootstrapServers, burst);
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> droppedForSlowReaders() > droppedBefore);
            // Then it stays idle for a full minute, like a background tab: still connected, nothing piles up.
            Duration leftOfTheMinute = Duration.between(Instant.now(), idleSince.plusSeconds(60));
            if (!leftOfTheMinute.isNegative()) {
                Awaitility.await("a minute without reading").pollDelay(leftOfTheMinute)
                        .atMost(leftOfTheMinute.plusSeconds(5)).until(() -> true);
            }
            assertThat(stream.subscriberCount()).as("the idle reader is still subscribed").isGreaterThan(before);

            long skipped = 0;
            int papersBeforeGap = 0;
            while (skipped == 0) {
                SseConnection.Event event = reader.next(Duration.ofSeconds(30));
                assertThat(event).as("an event after the burst").isNotNull();
                if (event.name().equals("gap")) {
                    skipped = json.readTree(event.data()).path("skipped").asLong();
                } else {
                    papersBeforeGap++;
                }
            }
            System.out.printf("slow reader: %d papers read before a gap of %d skipped%n", papersBeforeGap, skipped);
            assertThat(skipped).isPositive();

            // Still connected: drain what is left of the burst, then a new paper arrives live.
            String live = TestPapers.newId();
            TestPapers.publish(bootstrapServers, TestPapers.paper(live, "After the gap").tags(tag).build());
            String seen = null;
            while (!live.equals(seen)) {
                SseConnection.Event event = reader.next(Duration.ofSeconds(30));
                assertThat(event).as("the live paper after the gap").isNotNull();
                if (event.name().equals("paper")) {
                    seen = json.readTree(event.data()).path("id").asText();
                }
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stream.subscriberCount() == before);
    }

    @Test
    void refusesStreamsAboveTheReplicaCapWith503AndRetryAfter() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stream.subscriberCount() == 0);
        List<SseConnection> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) { // %test caps a replica at 4 streams
                open.add(SseConnection.open(streamUri, ""));
                assertThat(open.get(i).status()).isEqualTo(200);
            }
            try (SseConnection refused = SseConnection.open(streamUri, "")) {
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.header("retry-after")).isEqualTo("10");
                JsonNode error = json.readTree(refused.body());
                assertThat(error.path("status").asInt()).isEqualTo(503);
                assertThat(error.path("message").asText()).contains("maximum of 4 live streams");
            }
            open.remove(0).close();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stream.subscriberCount() == 3);
            open.add(SseConnection.open(streamUri, ""));
            assertThat(open.get(3).status()).isEqualTo(200);
        } finally {
            for (SseConnection connection : open) {
                connection.close();
            }
        }
    }

    private double droppedForSlowReaders() {
        Counter counter = metrics.find("paperstream.query.stream.dropped").tag("reason", "slow-reader").counter();
        return counter == null ? 0 : counter.count();
    }

    /** Reads lines into the queue on a daemon thread until the stream ends. */
    private static void readLines(Stream<String> body, BlockingQueue<String> lines) {
        Thread reader = new Thread(() -> body.forEach(lines::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }
}
