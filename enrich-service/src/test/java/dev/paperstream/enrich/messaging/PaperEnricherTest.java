package dev.paperstream.enrich.messaging;

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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.paperstream.events.AuthorPapers;
import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.EventCodec;
import dev.paperstream.events.PaperEvent;
import dev.paperstream.events.PaperEventType;
import dev.paperstream.events.PaperLink;
import dev.paperstream.events.PaperSnapshot;
import dev.paperstream.events.Topics;
import dev.paperstream.testing.KafkaTopics;
import dev.paperstream.testing.PaperstreamStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** papers.listed to papers.enriched and papers.listed.dlq through real Kafka, author counts in real PostgreSQL. */
@QuarkusTest
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "postgres", value = "true") })
class PaperEnricherTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void enrichesListedPaperUnderTheSameKey() {
        String paperId = "t-" + UUID.randomUUID();
        PaperEvent listed = listedEvent(paperId, "CodeRL: Mastering Code Generation with Deep Reinforcement Learning",
                5, List.of(), "Code: https://github.com/salesforce/CodeRL.");

        KafkaTopics.send(bootstrapServers, Topics.PAPERS_LISTED, paperId, EventCodec.encode(listed));

        EnrichedPaperEvent enriched = awaitEnriched(paperId, 1).get(0);
        assertThat(enriched.eventId()).isEqualTo(listed.eventId());
        assertThat(enriched.version()).isEqualTo(listed.version());
        assertThat(enriched.authorCount()).isEqualTo(5);
        assertThat(enriched.teamSize()).isEqualTo("medium");
        assertThat(enriched.tags()).contains("code-generation", "reinforcement-learning");
        assertThat(enriched.links()).containsExactly(new PaperLink("code", "https://github.com/salesforce/CodeRL"));
        assertThat(enriched.hasCode()).isTrue();
        assertThat(enriched.enrichmentVersion()).isNotBlank();
        assertThat(enriched.paper()).isEqualTo(listed.paper());
    }

    @Test
    void countsEachPaperOncePerAuthorHoweverOftenItIsRedelivered() {
        String ada = "Ada Lovelace " + UUID.randomUUID();
        String first = "t-" + UUID.randomUUID();
        String second = "t-" + UUID.randomUUID();
        String firstEvent = EventCodec.encode(listedEvent(first, "Analytical Engines", 2, List.of(ada, "Charles Babbage"),
                "An abstract."));

        for (int delivery = 0; delivery < 3; delivery++) {
            KafkaTopics.send(bootstrapServers, Topics.PAPERS_LISTED, first, firstEvent);
        }
        List<EnrichedPaperEvent> redelivered = awaitEnriched(first, 3);
        assertThat(redelivered).allSatisfy(e -> assertThat(e.authors()).contains(new AuthorPapers(ada, 1)));

        KafkaTopics.send(bootstrapServers, Topics.PAPERS_LISTED, second,
                EventCodec.encode(listedEvent(second, "Notes on the Engine", 1, List.of("  " + ada.toUpperCase() + " "),
                        "An abstract.")));
        assertThat(awaitEnriched(second, 1).get(0).authors()).containsExactly(new AuthorPapers(ada.toUpperCase(), 2));

        given().get("/authors/" + ada.toLowerCase()).then().statusCode(200).body("papers", equalTo(2));
        given().queryParam("top", "100").get("/authors").then().statusCode(200);
        given().queryParam("top", "0").get("/authors").then().statusCode(400).contentType(ContentType.JSON)
                .body("message", containsString("1 to 100"));
        given().get("/authors/nobody-" + UUID.randomUUID()).then().statusCode(404).contentType(ContentType.JSON);
    }

    @Test
    void sendsPoisonRecordToDeadLetterTopicAndKeepsConsuming() {
        String poisonKey = "poison-" + UUID.randomUUID();
        String goodId = "t-" + UUID.randomUUID();

        KafkaTopics.send(bootstrapServers, Topics.PAPERS_LISTED, poisonKey, "{\"schemaVersion\":1,\"paper\":");
        KafkaTopics.send(bootstrapServers, Topics.PAPERS_LISTED, goodId,
                EventCodec.encode(listedEvent(goodId, "Tiny language models", 1, List.of(), "An abstract.")));

        ConsumerRecord<String, String> dead = KafkaTopics.awaitRecords(bootstrapServers, Topics.PAPERS_LISTED_DLQ,
                r -> poisonKey.equals(r.key()), 1, WAIT).get(0);
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("not a valid PaperEvent");
        assertThat(awaitEnriched(goodId, 1).get(0).teamSize()).isEqualTo("solo");
    }

    @Test
    void passesTombstonesOn() {
        String retiredId = "t-" + UUID.randomUUID();

        KafkaTopics.send(bootstrapServers, Topics.PAPERS_LISTED, retiredId, null);

        ConsumerRecord<String, String> tombstone = KafkaTopics.awaitRecords(bootstrapServers, Topics.PAPERS_ENRICHED,
                r -> retiredId.equals(r.key()), 1, WAIT).get(0);
        assertThat(tombstone.value()).isNull();
    }

    private List<EnrichedPaperEvent> awaitEnriched(String paperId, int count) {
        return KafkaTopics.awaitRecords(bootstrapServers, Topics.PAPERS_ENRICHED, r -> paperId.equals(r.key()), count,
                WAIT).stream().map(r -> EventCodec.decodeEnrichedPaperEvent(r.value())).toList();
    }

    private static PaperEvent listedEvent(String paperId, String title, int authorCount, List<String> authors,
            String summary) {
        PaperSnapshot paper = new PaperSnapshot(null, title, summary, LocalDate.of(2022, 7, 4), 3, authorCount,
                authors, null, List.of(), null, null, List.of(), null, List.of());
        return new PaperEvent(PaperEvent.SCHEMA_VERSION, UUID.randomUUID(), PaperEventType.PaperListed, paperId, 1,
                Instant.now(), "l-test", paper);
    }
}
