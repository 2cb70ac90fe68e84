package dev.paperstream.ingest.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import dev.paperstream.ingest.config.IngestConfig;
import dev.paperstream.ingest.persistence.OutboxEventEntity;
import dev.paperstream.ingest.persistence.OutboxRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes outbox rows to {@code papers.listed} in insertion order and deletes each once Kafka has
 * acknowledged it (idempotent producer, acks=all). While Kafka is unreachable rows simply wait; a
 * crash between acknowledgement and delete republishes the row, which consumers recognise by its
 * event id and version (at-least-once, never lost).
 */
@ApplicationScoped
public class OutboxRelay {

    /** Outgoing channel; its topic is {@code papers.listed}. */
    public static final String CHANNEL = "papers-listed";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Emitter<String> emitter;
    private final OutboxRepository outbox;
    private final IngestConfig config;
    private final Counter published;
    private volatile boolean failing;

    public OutboxRelay(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
            Emitter<String> emitter, OutboxRepository outbox, IngestConfig config, MeterRegistry metrics) {
        this.emitter = emitter;
        this.outbox = outbox;
        this.config = config;
        this.published = metrics.counter("paperstream.outbox.published");
        Gauge.builder("paperstream.outbox.pending", outbox,
                repository -> QuarkusTransaction.requiringNew().call(repository::count))
                .description("Events waiting in the outbox for Kafka")
                .strongReference(true)
                .register(metrics);
    }

    @Scheduled(every = "${paperstream.ingest.outbox.poll-interval:0.25s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void relayPending() {
        int relayed;
        do {
            relayed = QuarkusTransaction.requiringNew().call(this::relayBatch);
        } while (relayed == config.outbox().batchSize());
    }

    /** Sends one batch and deletes the rows Kafka acknowledged, in order up to the first failure. */
    int relayBatch() {
        List<OutboxEventEntity> batch = outbox.lockOldest(config.outbox().batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
        for (OutboxEventEntity row : batch) {
            acks.add(send(row));
        }
        List<Long> delivered = new ArrayList<>(batch.size());
        long deadline = System.nanoTime() + config.outbox().ackTimeout().toNanos();
        for (int i = 0; i < batch.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                delivered.add(batch.get(i).id);
            } catch (ExecutionException | TimeoutException e) {
                logFailure(batch.get(i), e);
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!delivered.isEmpty()) {
            outbox.delete("id in ?1", delivered);
            published.increment(delivered.size());
            if (failing) {
                LOG.infof("Kafka reachable again: relayed %d pending events", delivered.size());
                failing = false;
            }
        }
        return delivered.size();
    }

    private CompletableFuture<Void> send(OutboxEventEntity row) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        RecordHeaders headers = new RecordHeaders();
        // CloudEvents Kafka protocol binding, binary mode: attributes as ce_ headers, data as the value.
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", row.eventId.toString());
        header(headers, "ce_type", "dev.paperstream." + row.eventType);
        header(headers, "ce_source", row.source);
        header(headers, "ce_subject", row.messageKey);
        header(headers, "ce_time", row.createdAt.toString());
        header(headers, "content-type", "application/json");
        Message<String> message = Message.of(row.payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(row.messageKey)
                        .withHeaders(headers)
                        .build())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    private void logFailure(OutboxEventEntity row, Exception e) {
        if (!failing) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.warnf("Kafka did not acknowledge outbox event %s (paper %s): %s. Pending events stay in the"
                    + " outbox and are retried every poll interval.", row.eventId, row.messageKey, cause);
            failing = true;
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
