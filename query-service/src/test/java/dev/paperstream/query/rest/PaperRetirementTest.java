package dev.paperstream.query.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.EventCodec;
import dev.paperstream.events.PaperHeaders;
import dev.paperstream.query.persistence.PaperIndex;
import dev.paperstream.testing.KafkaTopics;
import dev.paperstream.testing.PaperstreamStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * Versioned tombstones (a {@code t-…} id that became an arXiv id) against real Kafka and Elasticsearch: a late or
 * retried index of a retired id never brings it back, and no read shows it.
 *
 * <p>Each test proves that its late records were consumed, not merely not yet applied, with a witness: a paper
 * sent afterwards to the same partition. The indexing consumer handles a partition in order and finishes a batch
 * (its bulk requests) before the next, so once the witness can be read every earlier record had its outcome.
 */
@QuarkusTest
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "elasticsearch", value = "true"),
        @ResourceArg(name = "postgres", value = "true") })
class PaperRetirementTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    PaperIndex index;

    @BeforeEach
    void awaitConsumer() {
        TestPapers.awaitConsumerReady(bootstrapServers);
    }

    @Test
    void keepsARetiredPaperDeletedWhenItsOlderAndEqualVersionsArriveAgain() throws IOException {
        String word = TestPapers.uniqueWord("retired");
        String id = TestPapers.newId();
        publish(TestPapers.paper(id, word + " Before Its arXiv Id").tags(word).version(2).build());
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/papers/" + id).then().statusCode(200));

        tombstone(id, "3", "2512.00001");
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/papers/" + id).then().statusCode(404));

        // A retried tombstone, the retried index of the last version, and one at the tombstone's own version.
        tombstone(id, "3", "2512.00001");
        publish(TestPapers.paper(id, word + " Retried Index").tags(word).version(2).build());
        RecordMetadata last = publish(TestPapers.paper(id, word + " Same Version As Retirement").tags(word)
                .version(3).build());
        awaitWitnessAfter(last);

        assertNeverShown(id, word);
        assertThat(deadLetters(id)).isEmpty();
    }

    @Test
    void refusesTheLateIndexOfAPaperWhoseTombstoneOvertookIt() throws IOException {
        String word = TestPapers.uniqueWord("overtaken");
        String id = TestPapers.newId();

        tombstone(id, "3", "2512.00002");
        RecordMetadata last = publish(TestPapers.paper(id, word + " Indexed After Its Retirement").tags(word)
                .version(2).build());
        awaitWitnessAfter(last);

        assertNeverShown(id, word);
        assertThat(deadLetters(id)).isEmpty();
    }

    @Test
    void deletesThePaperOfATombstoneWithoutAVersionAsOlderProducersSendIt() {
        String id = TestPapers.newId();
        publish(TestPapers.paper(id, "Retired By An Older Producer").build());
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/papers/" + id).then().statusCode(200));

        tombstone(id, null, null);

        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/papers/" + id).then().statusCode(404));
        assertThat(deadLetters(id)).isEmpty();
    }

    @Test
    void sendsATombstoneWithAnUnparsableVersionToTheDeadLetterTopicAndKeepsThePaper() {
        String id = TestPapers.newId();
        publish(TestPapers.paper(id, "Retired With A Garbled Version").build());
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/papers/" + id).then().statusCode(200));

        tombstone(id, "three", "2512.00003");

        ConsumerRecord<String, String> dead = KafkaTopics.awaitRecords(bootstrapServers, TestPapers.deadLetterTopic(),
                r -> id.equals(r.key()), 1, WAIT).get(0);
        assertThat(header(dead, "dead-letter-reason")).contains(PaperHeaders.VERSION).contains("'three'");
        assertThat(header(dead, PaperHeaders.VERSION)).isEqualTo("three");
        assertThat(header(dead, PaperHeaders.SUPERSEDED_BY)).isEqualTo("2512.00003");
        given().get("/papers/" + id).then().statusCode(200).body("id", equalTo(id));
    }

    /** Not by id, similar, search (by word, by tag, or walking every page), trending or suggest. */
    private void assertNeverShown(String id, String word) throws IOException {
        // Get by id is real-time; search sees writes after a refresh (every second), so without this it could
        // still show the paper as it was before its retirement.
        index.refresh();
        given().get("/papers/" + id).then().statusCode(404).body("message", containsString("no paper with id"));
        given().get("/papers/" + id + "/similar").then().statusCode(404);
        given().queryParam("q", word).queryParam("mode", "keyword").get("/papers/search").then().statusCode(200)
                .body("total", equalTo(0));
        // By meaning a made-up word is near other papers, never near the retired one: markers have no vector.
        assertThat(given().queryParam("q", word).get("/papers/search").then().statusCode(200).extract().jsonPath()
                .getList("hits.id", String.class)).doesNotContain(id);
        given().queryParam("tag", word).get("/papers/search").then().statusCode(200).body("total", equalTo(0))
                .body("facets.tags.value", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(word)));
        given().queryParam("prefix", word).get("/papers/suggest").then().statusCode(200)
                .body("size()", equalTo(0));
        given().queryParam("tag", word).queryParam("window", "30d").get("/papers/trending").then().statusCode(200)
                .body("hits.size()", equalTo(0));
        // Unfiltered reads too: the retired id's marker document has none of the searched fields, so only the
        // explicit exclusion keeps it out of these.
        assertThat(given().queryParam("window", "30d").queryParam("size", "100").get("/papers/trending").then()
                .statusCode(200).extract().jsonPath().getList("hits.id", String.class)).doesNotContain(id);
        assertThat(everySearchHitId()).doesNotContain(id);
    }

    private List<String> everySearchHitId() {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("size", "100").queryParam("sort", "newest");
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/papers/search").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("hits.id", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    /** Publishes a paper to the partition of an earlier record and waits until it is indexed. */
    private void awaitWitnessAfter(RecordMetadata earlier) {
        String witness = TestPapers.newId();
        EnrichedPaperEvent event = TestPapers.paper(witness, "Witness Of A Consumed Partition").build();
        send(new ProducerRecord<>(TestPapers.enrichedTopic(), earlier.partition(), witness, EventCodec.encode(event)));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/papers/" + witness).then()
                .statusCode(200));
    }

    private RecordMetadata publish(EnrichedPaperEvent event) {
        return send(new ProducerRecord<>(TestPapers.enrichedTopic(), event.paperId(), EventCodec.encode(event)));
    }

    /** A null-value record with the retirement headers; a null header is left out. */
    private RecordMetadata tombstone(String id, String version, String supersededBy) {
        ProducerRecord<String, String> record = new ProducerRecord<>(TestPapers.enrichedTopic(), id, null);
        if (version != null) {
            record.headers().add(PaperHeaders.VERSION, version.getBytes(StandardCharsets.UTF_8));
        }
        if (supersededBy != null) {
            record.headers().add(PaperHeaders.SUPERSEDED_BY, supersededBy.getBytes(StandardCharsets.UTF_8));
        }
        return send(record);
    }

    private RecordMetadata send(ProducerRecord<String, String> record) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            return producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + record.topic() + " at " + bootstrapServers, e);
        }
    }

    private List<ConsumerRecord<String, String>> deadLetters(String id) {
        return KafkaTopics.readFor(bootstrapServers, TestPapers.deadLetterTopic(), r -> id.equals(r.key()),
                Duration.ofSeconds(2));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
