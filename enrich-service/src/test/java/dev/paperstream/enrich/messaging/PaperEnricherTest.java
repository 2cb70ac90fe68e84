package dev.paperstream.enrich.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.paperstream.events.AuthorPapers;
import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.EventCodec;
import dev.paperstream.events.PaperEvent;
import dev.paperstream.events.PaperEventType;
import dev.paperstream.events.PaperHeaders;
import dev.paperstream.events.PaperLink;
import dev.paperstream.events.PaperSnapshot;
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
    @ConfigProperty(name = "mp.messaging.incoming.papers-listed.topic")
    String listedTopic;
    @ConfigProperty(name = "mp.messaging.outgoing.papers-enriched.topic")
    String enrichedTopic;
    @ConfigProperty(name = "mp.messaging.outgoing.papers-listed-dlq.topic")
    String deadLetterTopic;

    @Test
    void enrichesListedPaperUnderTheSameKey() {
        String paperId = "t-" + UUID.randomUUID();
        PaperEvent listed = listedEvent(paperId, "CodeRL: Mastering Code Generation with Deep Reinforcement Learning",
                5, List.of(), "Code: https://github.com/salesforce/CodeRL.");

        KafkaTopics.send(bootstrapServers, listedTopic, paperId, EventCodec.encode(listed));

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
            KafkaTopics.send(bootstrapServers, listedTopic, first, firstEvent);
        }
        List<EnrichedPaperEvent> redelivered = awaitEnriched(first, 3);
        assertThat(redelivered).allSatisfy(e -> assertThat(e.authors()).contains(new AuthorPapers(ada, 1)));

        KafkaTopics.send(bootstrapServers, listedTopic, second,
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

        KafkaTopics.send(bootstrapServers, listedTopic, poisonKey, "{\"schemaVersion\":1,\"paper\":");
        KafkaTopics.send(bootstrapServers, listedTopic, goodId,
                EventCodec.encode(listedEvent(goodId, "Tiny language models", 1, List.of(), "An abstract.")));

        ConsumerRecord<String, String> dead = KafkaTopics.awaitRecords(bootstrapServers, deadLetterTopic,
                r -> poisonKey.equals(r.key()), 1, WAIT).get(0);
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("not a valid PaperEvent");
        assertThat(awaitEnriched(goodId, 1).get(0).teamSize()).isEqualTo("solo");
    }

    @Test
    void deadLettersOnlyTheBadRecordsOfABatch() {
        String before = "t-" + UUID.randomUUID();
        String poison = "poison-" + UUID.randomUUID();
        String refused = "t-refused-" + UUID.randomUUID();
        String longName = "t-long-name-" + UUID.randomUUID();
        String after = "t-" + UUID.randomUUID();
        // PostgreSQL text cannot hold NUL: the database refuses this paper on its own, whatever the retries.
        String withNul = "Nul\u0000Author " + refused;
        // Longer than author.name_key's 300 characters: cut in the domain, so the paper is still counted.
        String overlong = "A".repeat(400) + " " + longName;

        sendTogether(new ProducerRecord<>(listedTopic, before, EventCodec.encode(
                listedEvent(before, "Before", 1, List.of("Bea " + before), "An abstract."))),
                new ProducerRecord<>(listedTopic, poison, "not json"),
                new ProducerRecord<>(listedTopic, refused, EventCodec.encode(
                        listedEvent(refused, "Refused", 1, List.of(withNul), "An abstract."))),
                new ProducerRecord<>(listedTopic, longName, EventCodec.encode(
                        listedEvent(longName, "Long Name", 1, List.of(overlong), "An abstract."))),
                new ProducerRecord<>(listedTopic, after, EventCodec.encode(
                        listedEvent(after, "After", 1, List.of("Abe " + after), "An abstract."))));

        assertThat(awaitEnriched(before, 1).get(0).authors()).containsExactly(new AuthorPapers("Bea " + before, 1));
        assertThat(awaitEnriched(after, 1).get(0).authors()).containsExactly(new AuthorPapers("Abe " + after, 1));
        assertThat(awaitEnriched(longName, 1).get(0).authors()).singleElement()
                .satisfies(author -> assertThat(author.name()).hasSize(300).isEqualTo("A".repeat(300)));
        List<ConsumerRecord<String, String>> dead = KafkaTopics.awaitRecords(bootstrapServers,
                deadLetterTopic, r -> poison.equals(r.key()) || refused.equals(r.key()), 2, WAIT);
        assertThat(dead).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(poison, refused);
        assertThat(dead).allSatisfy(r -> assertThat(r.headers().lastHeader("dead-letter-reason")).isNotNull());
        assertThat(KafkaTopics.readFor(bootstrapServers, enrichedTopic, r -> refused.equals(r.key()),
                Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void countsABatchOfPapersAsIfOneAfterAnotherAndOnceWhenRedelivered() {
        String author = "Barbara Liskov " + UUID.randomUUID();
        List<String> ids = IntStream.range(0, 6).mapToObj(i -> "t-batch-" + UUID.randomUUID()).toList();
        List<ProducerRecord<String, String>> batch = ids.stream().map(id -> new ProducerRecord<>(listedTopic,
                id, EventCodec.encode(listedEvent(id, "Abstraction " + id, 1, List.of(author), "An abstract."))))
                .toList();

        sendTogether(batch.toArray(ProducerRecord[]::new));
        List<Integer> counts = ids.stream().map(id -> awaitEnriched(id, 1).get(0).authors().get(0).papers()).toList();
        assertThat(counts).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);

        sendTogether(batch.toArray(ProducerRecord[]::new));
        for (String id : ids) {
            assertThat(awaitEnriched(id, 2).get(1).authors()).containsExactly(new AuthorPapers(author, 6));
        }
        given().get("/authors/" + author).then().statusCode(200).body("papers", equalTo(6));
    }

    @Test
    void passesTombstonesOnWithTheirSupersededByAndVersionHeaders() {
        String retiredId = "t-" + UUID.randomUUID();
        ProducerRecord<String, String> retired = new ProducerRecord<>(listedTopic, retiredId, null);
        retired.headers().add(PaperHeaders.SUPERSEDED_BY, "2207.01780".getBytes(StandardCharsets.UTF_8));
        retired.headers().add(PaperHeaders.VERSION, "4".getBytes(StandardCharsets.UTF_8));

        sendTogether(retired);

        ConsumerRecord<String, String> tombstone = KafkaTopics.awaitRecords(bootstrapServers, enrichedTopic,
                r -> retiredId.equals(r.key()), 1, WAIT).get(0);
        assertThat(tombstone.value()).isNull();
        assertThat(new String(tombstone.headers().lastHeader(PaperHeaders.SUPERSEDED_BY).value(),
                StandardCharsets.UTF_8)).isEqualTo("2207.01780");
        assertThat(new String(tombstone.headers().lastHeader(PaperHeaders.VERSION).value(), StandardCharsets.UTF_8))
                .isEqualTo("4");
    }

    /** Sends the records in one producer session and flush, so that they reach enrich-service as one batch. */
    @SafeVarargs
    private void sendTogether(ProducerRecord<String, String>... records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "50");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ProducerRecord<String, String> record : records) {
                sent.add(producer.send(record));
            }
            for (Future<RecordMetadata> result : sent) {
                result.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not send to papers.listed", e);
        }
    }

    private List<EnrichedPaperEvent> awaitEnriched(String paperId, int count) {
        return KafkaTopics.awaitRecords(bootstrapServers, enrichedTopic, r -> paperId.equals(r.key()), count,
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
