package dev.paperstream.query.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import dev.paperstream.query.config.QueryConfig;
import dev.paperstream.query.rest.TestPapers;
import dev.paperstream.testing.KafkaTopics;
import dev.paperstream.testing.PaperstreamStackResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** A dead letter Kafka does not take at first is retried, and indexing goes on once it is written. */
@QuarkusTest
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "elasticsearch", value = "true"),
        @ResourceArg(name = "postgres", value = "true") })
class DeadLetterRetryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    DeadLetterSender sender;

    @Inject
    QueryConfig config;

    @Inject
    MeterRegistry metrics;

    @Test
    void keepsIndexingAfterADeadLetterSendFailsTwice() {
        TestPapers.awaitConsumerReady(bootstrapServers);
        FailingFirst failing = new FailingFirst((DeadLetterSender) ClientProxy.unwrap(sender), config, metrics, 2);
        QuarkusMock.installMockForType(failing, DeadLetterSender.class);

        String poison = "poison-" + UUID.randomUUID();
        String before = TestPapers.newId();
        KafkaTopics.send(bootstrapServers, TestPapers.enrichedTopic(), poison, "{\"schemaVersion\": 1}");
        TestPapers.publish(bootstrapServers, TestPapers.paper(before, "Indexed Beside A Dead Letter").build());

        assertThat(KafkaTopics.awaitRecords(bootstrapServers, TestPapers.deadLetterTopic(),
                r -> poison.equals(r.key()), 1, WAIT)).hasSize(1);
        assertThat(failing.attempts.get()).isEqualTo(3);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/papers/" + before).then().statusCode(200));

        String after = TestPapers.newId();
        TestPapers.publish(bootstrapServers, TestPapers.paper(after, "Indexed After The Retries").build());
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/papers/" + after).then().statusCode(200));
    }

    /** Refuses the first sends as a broker that does not answer would, then sends through the real channel. */
    static final class FailingFirst extends DeadLetterSender {
        private final DeadLetterSender real;
        private final int failures;
        final AtomicInteger attempts = new AtomicInteger();

        FailingFirst(DeadLetterSender real, QueryConfig config, MeterRegistry metrics, int failures) {
            super(null, config, metrics);
            this.real = real;
            this.failures = failures;
        }

        @Override
        protected void attempt(Message<String> message) {
            if (attempts.incrementAndGet() <= failures) {
                throw new IllegalStateException("scripted: Kafka did not acknowledge the dead letter");
            }
            real.attempt(message);
        }
    }
}
