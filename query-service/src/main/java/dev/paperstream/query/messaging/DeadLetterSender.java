package dev.paperstream.query.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.paperstream.events.Backoff;
import dev.paperstream.query.config.QueryConfig;
import dev.paperstream.query.service.Rejection;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes a papers.enriched record that can never be indexed to {@code papers.enriched.dlq}, with the reason, and
 * waits for the broker's acknowledgement (the batch's offsets must not be committed before). A send that fails is
 * retried with growing pauses until Kafka takes it: indexing pauses, it never stops, and nothing is skipped.
 */
// Created at startup, not at the first dead letter: its counters must exist before then.
@Startup
@ApplicationScoped
public class DeadLetterSender {

    /** Outgoing channel of dead letters; its topic is {@code papers.enriched.dlq}. */
    public static final String CHANNEL = "papers-enriched-dlq";

    private static final Logger LOG = Logger.getLogger(DeadLetterSender.class);

    private final MutinyEmitter<String> deadLetters;
    private final QueryConfig.Indexing config;
    private final MeterRegistry metrics;

    public DeadLetterSender(@Channel(CHANNEL) MutinyEmitter<String> deadLetters, QueryConfig config,
            MeterRegistry metrics) {
        this.deadLetters = deadLetters;
        this.config = config.indexing();
        this.metrics = metrics;
        // Every cause exists from the start at 0, so that an alert's increase() sees the first dead letter.
        for (Rejection.Cause cause : Rejection.Cause.values()) {
            deadLettered(cause);
        }
    }

    private io.micrometer.core.instrument.Counter deadLettered(Rejection.Cause cause) {
        return metrics.counter("paperstream.query.dead.lettered", "cause", cause.name().toLowerCase(Locale.ROOT));
    }

    /** Sends the record with its reason; returns once Kafka has acknowledged it. */
    public void send(ConsumerRecord<String, String> record, Rejection.Cause cause, String reason)
            throws InterruptedException {
        LOG.warnf("Record %s-%d@%d (key %s) goes to the dead-letter topic: %s", record.topic(), record.partition(),
                record.offset(), record.key(), reason);
        Backoff backoff = new Backoff(config.retryFirstPause(), config.retryLongestPause());
        while (true) {
            try {
                attempt(message(record, reason));
                deadLettered(cause).increment();
                return;
            } catch (RuntimeException e) {
                Duration pause = backoff.next();
                metrics.counter("paperstream.query.dead.letter.send.failures").increment();
                LOG.errorf("Could not write key %s to the dead-letter topic; indexing waits and retries in %s: %s",
                        record.key(), pause, e.getMessage());
                Thread.sleep(pause.toMillis());
            }
        }
    }

    /** One send, waiting for the acknowledgement; throws when Kafka refuses it. */
    protected void attempt(Message<String> message) {
        deadLetters.sendMessageAndAwait(message);
    }

    private static Message<String> message(ConsumerRecord<String, String> record, String reason) {
        // The original headers first (a tombstone's version and successor among them), so that the dead letter can be
        // replayed as it was; the dead-letter headers come last and so win lastHeader().
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", String.valueOf(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build();
        return Message.of(record.value() == null ? "" : record.value()).addMetadata(metadata);
    }
}
