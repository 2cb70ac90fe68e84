package dev.paperstream.query.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

import dev.paperstream.query.service.PaperStream;
import dev.paperstream.testing.PaperstreamStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The live stream: a paper published to real Kafka reaches an open, filtered stream within 3 s. */
@QuarkusTest
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "elasticsearch", value = "true") })
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
    }

    /** Reads lines into the queue on a daemon thread until the stream ends. */
    private static void readLines(Stream<String> body, BlockingQueue<String> lines) {
        Thread reader = new Thread(() -> body.forEach(lines::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }
}
