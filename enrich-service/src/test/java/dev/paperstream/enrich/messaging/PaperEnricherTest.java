package dev.paperstream.enrich.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.EventCodec;
import dev.paperstream.events.PaperEvent;
import dev.paperstream.events.PaperEventType;
import dev.paperstream.events.PaperSnapshot;
import dev.paperstream.events.Topics;
import dev.paperstream.testing.KafkaTopics;
import dev.paperstream.testing.PaperstreamStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** papers.listed to papers.enriched and papers.listed.dlq through a real Kafka broker. */
@QuarkusTest
@WithTestResource(value = PaperstreamStackResource.class, initArgs = @ResourceArg(name = "kafka", value = "true"))
class PaperEnricherTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void enrichesListedPaperUnderTheSameKey() {
        String paperId = "t-" + UUID.randomUUID();
        PaperEvent listed = listedEvent(paperId, "CodeRL: Mastering Code Generation with Deep Reinforcement Learning", 5);

        KafkaTopics.send(bootstrapServers, Topics.PAPERS_LISTED, paperId, EventCodec.encode(listed));

        ConsumerRecord<String, String> record = KafkaTopics.awaitRecords(bootstrapServers, Topics.PAPERS_ENRICHED,
                r -> paperId.equals(r.key()), 1, WAIT).get(0);
        EnrichedPaperEvent enriched = EventCodec.decodeEnrichedPaperEvent(record.value());
        assertThat(enriched.eventId()).isEqualTo(listed.eventId());
        assertThat(enriched.version()).isEqualTo(listed.version());
        assertThat(enriched.authorCount()).isEqualTo(5);
        assertThat(enriched.teamSize()).isEqualTo("medium");
        assertThat(enriched.tags()).contains("code-generation", "reinforcement-learning");
        assertThat(enriched.enrichmentVersion()).isNotBlank();
        assertThat(enriched.paper()).isEqualTo(listed.paper());
    }

    @Test
    void sendsPoisonRecordToDeadLetterTopicAndKeepsConsuming() {
        String poisonKey = "poison-" + UUID.randomUUID();
        String goodId = "t-" + UUID.randomUUID();

        KafkaTopics.send(bootstrapServers, Topics.PAPERS_LISTED, poisonKey, "{\"schemaVersion\":1,\"paper\":");
        KafkaTopics.send(bootstrapServers, Topics.PAPERS_LISTED, goodId,
                EventCodec.encode(listedEvent(goodId, "Tiny language models", 1)));

        ConsumerRecord<String, String> dead = KafkaTopics.awaitRecords(bootstrapServers, Topics.PAPERS_LISTED_DLQ,
                r -> poisonKey.equals(r.key()), 1, WAIT).get(0);
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("not a valid PaperEvent");
        List<ConsumerRecord<String, String>> enriched = KafkaTopics.awaitRecords(bootstrapServers,
                Topics.PAPERS_ENRICHED, r -> goodId.equals(r.key()), 1, WAIT);
        assertThat(EventCodec.decodeEnrichedPaperEvent(enriched.get(0).value()).teamSize()).isEqualTo("solo");
    }

    private static PaperEvent listedEvent(String paperId, String title, int authors) {
        PaperSnapshot paper = new PaperSnapshot(null, title, "An abstract.", LocalDate.of(2022, 7, 4), 3, authors,
                List.of(), null, List.of(), null, null, List.of(), null, List.of());
        return new PaperEvent(PaperEvent.SCHEMA_VERSION, UUID.randomUUID(), PaperEventType.PaperListed, paperId, 1,
                Instant.now(), "l-test", paper);
    }
}
