package dev.paperstream.query.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperstream.events.EventCodec;
import dev.paperstream.query.rest.TestPapers;
import dev.paperstream.testing.ElasticsearchOutageResource;
import dev.paperstream.testing.KafkaTopics;
import dev.paperstream.testing.StackLocator;
import dev.paperstream.testing.TcpProxy;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Elasticsearch down for a minute while papers arrive: the indexing consumer waits it out without committing, and
 * afterwards every paper is indexed exactly once, nothing dead-lettered. The service reaches Elasticsearch through
 * a {@link TcpProxy} that the test cuts and restores; Kafka and Elasticsearch themselves are the real, shared ones.
 */
@QuarkusTest
@WithTestResource(ElasticsearchOutageResource.class)
class ElasticsearchOutageTest {

    private static final int PAPERS = 20;
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    /** The longest retry pause (30 s) after the outage, plus indexing, refresh and a loaded machine. */
    private static final Duration RECOVERY = Duration.ofSeconds(120);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "paperstream.query.index.alias")
    String alias;

    @ConfigProperty(name = "mp.messaging.incoming.papers-enriched.group.id")
    String indexingGroup;

    @Inject
    ObjectMapper json;

    /** Injected by {@link ElasticsearchOutageResource}: the service's only way to Elasticsearch. */
    TcpProxy elasticsearch;

    @Test
    void indexesEveryPaperExactlyOnceAfterElasticsearchWasDownForAMinute() throws Exception {
        TestPapers.awaitIndexingConsumer(bootstrapServers);
        String word = TestPapers.uniqueWord("outage");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PAPERS; i++) {
            ids.add(TestPapers.newId());
        }

        elasticsearch.cut();
        long restoredAt;
        Map<TopicPartition, Long> lastOffsets;
        try {
            long cutAt = System.nanoTime();
            lastOffsets = publishAll(word, ids);

            // Throughout the outage the service answers 503 (never loses its consumer), commits none of the
            // papers' offsets, and the real Elasticsearch has none of them.
            Duration elapsed = Duration.ofNanos(System.nanoTime() - cutAt);
            Duration left = OUTAGE.compareTo(elapsed.plusSeconds(5)) > 0 ? OUTAGE.minus(elapsed)
                    : Duration.ofSeconds(5);
            Awaitility.await("search unavailable for the whole outage").during(left).atMost(left.plusSeconds(10))
                    .pollInterval(Duration.ofSeconds(2)).until(() -> given().get("/papers/" + ids.get(0))
                            .statusCode() == 503);
            given().get("/papers/" + ids.get(0)).then().statusCode(503).header("Retry-After", notNullValue())
                    .body("status", equalTo(503));
            assertThat(committedBeyond(lastOffsets)).as("offsets committed while Elasticsearch was down").isEmpty();
            assertThat(foundInRealElasticsearch(ids)).as("papers that reached Elasticsearch during the outage")
                    .isZero();
        } finally {
            elasticsearch.restore();
            restoredAt = System.nanoTime();
        }

        Awaitility.await("every paper indexed after the outage").atMost(RECOVERY).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> given().queryParam("q", word).queryParam("size", "100").get("/papers/search")
                        .then().statusCode(200).body("total", equalTo(PAPERS)));
        Duration recovery = Duration.ofNanos(System.nanoTime() - restoredAt);
        System.out.printf("elasticsearch outage: %d papers searchable %d ms after a %d s outage ended%n", PAPERS,
                recovery.toMillis(), OUTAGE.toSeconds());

        List<String> hits = given().queryParam("q", word).queryParam("size", "100").get("/papers/search")
                .then().statusCode(200).extract().jsonPath().getList("hits.id", String.class);
        assertThat(hits).as("one hit per paper").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        for (int i = 0; i < PAPERS; i++) {
            given().get("/papers/" + ids.get(i)).then().statusCode(200).body("id", equalTo(ids.get(i)))
                    .body("title", equalTo(title(word, i)));
        }
        Awaitility.await("offsets committed after the outage").atMost(Duration.ofSeconds(30))
                .until(() -> committedBeyond(lastOffsets).equals(lastOffsets.keySet()));
        Set<String> keys = Set.copyOf(ids);
        assertThat(KafkaTopics.readFor(bootstrapServers, TestPapers.deadLetterTopic(), r -> keys.contains(r.key()),
                Duration.ofSeconds(5))).as("dead letters of the outage's papers").isEmpty();
    }

    private static String title(String word, int i) {
        return "Outage Paper " + i + " About " + word;
    }

    /** Publishes one paper per id with one acks=all producer; returns the last offset written per partition. */
    private Map<TopicPartition, Long> publishAll(String word, List<String> ids) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        Map<TopicPartition, Long> last = new HashMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < ids.size(); i++) {
                String value = EventCodec.encode(TestPapers.paper(ids.get(i), title(word, i)).build());
                RecordMetadata sent = producer.send(new ProducerRecord<>(TestPapers.enrichedTopic(), ids.get(i), value))
                        .get();
                last.merge(new TopicPartition(sent.topic(), sent.partition()), sent.offset(), Math::max);
            }
        }
        return last;
    }

    /** The partitions whose committed offset (of the indexing group) is past the given last offset. */
    private Set<TopicPartition> committedBeyond(Map<TopicPartition, Long> lastOffsets) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin kafka = Admin.create(props)) {
            Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(indexingGroup)
                    .partitionsToOffsetAndMetadata().get();
            return lastOffsets.entrySet().stream()
                    .filter(e -> committed.get(e.getKey()) != null
                            && committed.get(e.getKey()).offset() > e.getValue())
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
        }
    }

    /** How many of the papers the real Elasticsearch holds (a real-time multi-get, past the proxy). */
    private int foundInRealElasticsearch(List<String> ids) throws Exception {
        String hosts = StackLocator.locate().elasticsearchHosts().split(",")[0].strip();
        URI uri = URI.create((hosts.startsWith("http") ? hosts : "http://" + hosts) + "/" + alias + "/_mget");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("ids", ids)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("real Elasticsearch answers _mget: %s", response.body()).isEqualTo(200);
        int found = 0;
        for (JsonNode doc : json.readTree(response.body()).path("docs")) {
            found += doc.path("found").asBoolean() ? 1 : 0;
        }
        return found;
    }
}
