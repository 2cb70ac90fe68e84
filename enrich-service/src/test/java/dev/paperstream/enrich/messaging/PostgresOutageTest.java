package dev.paperstream.enrich.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.paperstream.events.EventCodec;
import dev.paperstream.events.PaperEvent;
import dev.paperstream.events.PaperEventType;
import dev.paperstream.events.PaperSnapshot;
import dev.paperstream.testing.KafkaTopics;
import dev.paperstream.testing.PostgresOutageResource;
import dev.paperstream.testing.TcpProxy;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** PostgreSQL unreachable for 30 s while papers arrive: every paper is enriched afterwards, none dead-lettered. */
@QuarkusTest
@WithTestResource(PostgresOutageResource.class)
class PostgresOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "mp.messaging.incoming.papers-listed.topic")
    String listedTopic;
    @ConfigProperty(name = "mp.messaging.outgoing.papers-enriched.topic")
    String enrichedTopic;
    @ConfigProperty(name = "mp.messaging.outgoing.papers-listed-dlq.topic")
    String deadLetterTopic;

    TcpProxy postgres;

    @Test
    void losesNothingWhilePostgresIsDown() throws Exception {
        String author = "Grace Hopper " + UUID.randomUUID();
        List<String> ids = IntStream.range(0, 5).mapToObj(i -> "t-outage-" + UUID.randomUUID()).toList();

        postgres.cut();
        Instant down = Instant.now();
        for (String id : ids) {
            KafkaTopics.send(bootstrapServers, listedTopic, id, EventCodec.encode(listedEvent(id, author)));
        }
        List<ConsumerRecord<String, String>> duringOutage = KafkaTopics.readFor(bootstrapServers,
                enrichedTopic, r -> ids.contains(r.key()), Duration.ofSeconds(5));
        assertThat(duringOutage).as("nothing enriched while the database is down").isEmpty();
        Thread.sleep(Math.max(0, OUTAGE.minus(Duration.between(down, Instant.now())).toMillis()));
        postgres.restore();

        Set<String> enriched = KafkaTopics.awaitRecords(bootstrapServers, enrichedTopic,
                r -> ids.contains(r.key()), ids.size(), Duration.ofSeconds(90)).stream()
                .map(ConsumerRecord::key).collect(Collectors.toSet());
        assertThat(enriched).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(KafkaTopics.readFor(bootstrapServers, deadLetterTopic, r -> ids.contains(r.key()),
                Duration.ofSeconds(2))).isEmpty();
        given().get("/authors/" + author).then().statusCode(200).body("papers", equalTo(ids.size()));
    }

    private static PaperEvent listedEvent(String id, String author) {
        PaperSnapshot paper = new PaperSnapshot(null, "Compilers " + id, "An abstract.", LocalDate.of(2024, 1, 1), 0,
                1, List.of(author), null, List.of(), null, null, List.of(), null, List.of());
        return new PaperEvent(PaperEvent.SCHEMA_VERSION, UUID.randomUUID(), PaperEventType.PaperListed, id, 1,
                Instant.now(), "l-outage", paper);
    }
}
