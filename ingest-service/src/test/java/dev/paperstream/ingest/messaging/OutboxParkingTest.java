package dev.paperstream.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.paperstream.ingest.persistence.OutboxEventEntity;
import dev.paperstream.ingest.persistence.OutboxRepository;
import dev.paperstream.testing.KafkaTopics;
import dev.paperstream.testing.PaperstreamStackResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The relay parks a row Kafka refuses for good, with the reason, and goes on relaying the rows after it. */
@QuarkusTest
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "postgres", value = "true") })
class OutboxParkingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "mp.messaging.outgoing.papers-listed.topic")
    String listedTopic;

    @Inject
    OutboxRepository outbox;

    @Test
    void parksARecordLargerThanKafkaTakesAndRelaysTheNextOne() {
        // 2 MiB: over the producer's max.request.size (1 MiB), which ingest's own entry limits never reach.
        long tooLarge = QuarkusTransaction.requiringNew().call(() -> row("t-parking-" + UUID.randomUUID(),
                "{\"summary\":\"" + "x".repeat(2 << 20) + "\"}"));
        String nextKey = "t-parking-next-" + UUID.randomUUID();
        long next = QuarkusTransaction.requiringNew().call(() -> row(nextKey, "{\"summary\":\"fits\"}"));

        assertThat(KafkaTopics.awaitRecords(bootstrapServers, listedTopic, r -> nextKey.equals(r.key()), 1, WAIT))
                .hasSize(1);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> QuarkusTransaction.requiringNew().run(() -> {
            assertThat(outbox.findByIdOptional(next)).isEmpty();
            OutboxEventEntity parked = outbox.findById(tooLarge);
            assertThat(parked.parkedAt).isNotNull();
            assertThat(parked.parkedReason).contains("RecordTooLargeException");
        }));
        QuarkusTransaction.requiringNew().run(() -> outbox.deleteById(tooLarge));
    }

    private long row(String key, String payload) {
        OutboxEventEntity row = new OutboxEventEntity();
        row.eventId = UUID.randomUUID();
        row.eventType = "PaperUpdated";
        row.messageKey = key;
        row.payload = payload;
        row.version = 1L;
        row.source = "/listings/l-parking-test";
        row.createdAt = Instant.now();
        outbox.persist(row);
        return row.id;
    }
}
