package dev.paperstream.query.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.EventCodec;
import dev.paperstream.events.PaperEvent;
import dev.paperstream.events.PaperSnapshot;
import dev.paperstream.events.Topics;
import dev.paperstream.testing.KafkaTopics;
import dev.paperstream.testing.PaperstreamStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** papers.enriched into real Elasticsearch, and the search API over it. */
@QuarkusTest
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "elasticsearch", value = "true") })
class PaperResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void indexesEnrichedPaperAndFindsItByTitleWord() {
        String word = "Zq" + UUID.randomUUID().toString().replace("-", "");
        String id = "t-" + UUID.randomUUID();
        publish(enriched(id, 1, word + ": Mastering Code Generation", 5, "medium"));

        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().queryParam("q", word)
                .get("/papers/search").then().statusCode(200)
                .body("total", equalTo(1))
                .body("hits[0].id", equalTo(id))
                .body("hits[0].title", equalTo(word + ": Mastering Code Generation"))
                .body("hits[0].publishedOn", equalTo("2022-07-04"))
                .body("hits[0].authorCount", equalTo(5))
                .body("hits[0].teamSize", equalTo("medium"))
                .body("hits[0].tags[0]", equalTo("code-generation")));

        given().get("/papers/" + id).then().statusCode(200).body("id", equalTo(id)).body("upvotes", equalTo(7));
    }

    @Test
    void keepsTheNewestVersionWhenAnOlderEventArrivesLate() {
        String id = "t-" + UUID.randomUUID();
        publish(enriched(id, 2, "Second Version Title", 2, "small"));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/papers/" + id).then().statusCode(200));

        publish(enriched(id, 1, "First Version Title", 2, "small"));
        String marker = "t-" + UUID.randomUUID();
        publish(enriched(marker, 1, "Marker After Stale Event", 1, "solo"));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/papers/" + marker).then().statusCode(200));

        given().get("/papers/" + id).then().statusCode(200).body("title", equalTo("Second Version Title"));
    }

    @Test
    void sendsInvalidEventToDeadLetterTopic() {
        String key = "poison-" + UUID.randomUUID();
        KafkaTopics.send(bootstrapServers, Topics.PAPERS_ENRICHED, key, "{\"schemaVersion\": 1}");

        ConsumerRecord<String, String> dead = KafkaTopics.awaitRecords(bootstrapServers, Topics.PAPERS_ENRICHED_DLQ,
                r -> key.equals(r.key()), 1, WAIT).get(0);
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("not a valid EnrichedPaperEvent");
    }

    @Test
    void answersJsonErrors() {
        given().get("/papers/t-unknown-" + UUID.randomUUID()).then().statusCode(404).contentType(ContentType.JSON)
                .body("message", containsString("no paper with id"));
        given().queryParam("size", "0").get("/papers/search").then().statusCode(400).contentType(ContentType.JSON)
                .body("message", containsString("1 to 100"));
        given().queryParam("size", "ten").get("/papers/search").then().statusCode(400);
        given().get("/nothing-here").then().statusCode(404).contentType(ContentType.JSON);
    }

    private void publish(EnrichedPaperEvent event) {
        KafkaTopics.send(bootstrapServers, Topics.PAPERS_ENRICHED, event.paperId(), EventCodec.encode(event));
    }

    private static EnrichedPaperEvent enriched(String id, long version, String title, int authors, String teamSize) {
        PaperSnapshot paper = new PaperSnapshot(null, title, "An abstract about programs.", LocalDate.of(2022, 7, 4), 7,
                authors, List.of(), null, List.of(), null, null, List.of(), null, List.of());
        return new EnrichedPaperEvent(PaperEvent.SCHEMA_VERSION, UUID.randomUUID(), id, version, Instant.now(), "test",
                paper, List.of("code-generation"), authors, teamSize, List.of(), List.of(), false);
    }
}
