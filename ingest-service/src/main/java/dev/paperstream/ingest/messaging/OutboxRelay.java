package dev.paperstream.ingest.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import dev.paperstream.events.PaperHeaders;
import dev.paperstream.events.TraceParent;
import dev.paperstream.ingest.config.IngestConfig;
import dev.paperstream.ingest.persistence.OutboxEventEntity;
import dev.paperstream.ingest.persistence.OutboxRepository;
import dev.paperstream.ingest.persistence.RelayLease;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * Publishes outbox rows to {@code papers.listed} in insertion order and deletes each once Kafka has
 * acknowledged it (idempotent producer, acks=all). While Kafka is unreachable rows simply wait; a
 * crash between acknowledgement and delete republishes the row, which consumers recognise by its
 * event id and version (at-least-once, never lost). A row without payload is sent as a tombstone
 * (null value) retiring its key's paper id, with the replacing id and the retired id's version in headers
 * ({@link PaperHeaders}). Only the instance holding the {@link RelayLease} relays, so every paper's events reach
 * the topic in version order whatever the number of replicas.
 */
@ApplicationScoped
public class OutboxRelay {

    /** Outgoing channel; its topic is {@code papers.listed}. */
    public static final String CHANNEL = "papers-listed";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Emitter<Record<String, String>> emitter;
    private final OutboxRepository outbox;
    private final IngestConfig config;
    private final Counter published;
    private volatile boolean failing;
    private final ManagedExecutor executor;
    private final RelayLease lease;
    private final Tracer tracer;
    /** The channel's topic, for span names and attributes. */
    private final String topic;
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    /** Sends that outlived their ack timeout, by outbox row id; guarded by relayPending's lock. */
    private final Map<Long, CompletableFuture<Void>> inFlight = new HashMap<>();

    public OutboxRelay(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            Emitter<Record<String, String>> emitter, OutboxRepository outbox, IngestConfig config,
            MeterRegistry metrics, ManagedExecutor executor, RelayLease lease, Tracer tracer,
            @ConfigProperty(name = "mp.messaging.outgoing." + CHANNEL + ".topic") String topic) {
        this.executor = executor;
        this.tracer = tracer;
        this.topic = topic;
        this.lease = lease;
        this.emitter = emitter;
        this.outbox = outbox;
        this.config = config;
        this.published = metrics.counter("paperstream.outbox.published");
        gauge(metrics, "paperstream.outbox.pending", "Events waiting in the outbox for Kafka",
                OutboxRepository::pending);
        gauge(metrics, "paperstream.outbox.oldest.age.seconds",
                "Age of the oldest event waiting in the outbox; grows while Kafka is unreachable",
                OutboxRepository::oldestPendingAgeSeconds);
        gauge(metrics, "paperstream.outbox.parked", "Events Kafka refused for good, kept in the outbox with the reason",
                OutboxRepository::parked);
    }

    /** A gauge read from the outbox in a transaction of its own at each scrape. */
    private void gauge(MeterRegistry metrics, String name, String description,
            ToDoubleFunction<OutboxRepository> query) {
        Gauge.builder(name, outbox,
                repository -> QuarkusTransaction.requiringNew().call(() -> query.applyAsDouble(repository)))
                .description(description)
                .strongReference(true)
                .register(metrics);
    }

    /** Relays right after a transaction that wrote events commits, rather than at the next poll. */
    void onOutboxWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        if (wakeUpPending.compareAndSet(false, true)) {
            executor.execute(() -> {
                wakeUpPending.set(false);
                relayPending();
            });
        }
    }

    /** The poll catches everything else: events left by a failed send, a crash, or another replica. */
    @Scheduled(every = "${paperstream.ingest.outbox.poll-interval:0.25s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    synchronized void relayPending() {
        if (!lease.mayRelay()) {
            return;
        }
        int relayed;
        do {
            relayed = QuarkusTransaction.requiringNew().call(this::relayBatch);
        } while (relayed == config.outbox().batchSize());
    }

    /**
     * Releases the relay lease after the batch in progress (this method waits for the monitor). With nothing of
     * this instance left in flight a standby may relay at once; with a send still unanswered it waits out the
     * takeover grace, as after a crash.
     */
    @PreDestroy
    synchronized void releaseLease() {
        lease.release(inFlight.values().stream().allMatch(CompletableFuture::isDone));
    }

    /**
     * Sends one batch and deletes the rows Kafka acknowledged. A send still unanswered when the ack
     * timeout passes (the producer may still deliver it, e.g. once a broker is back) is remembered, and
     * no row is sent again until every such send has an outcome: resending its row earlier would publish
     * it twice. A late acknowledgement deletes the row then.
     */
    int relayBatch() {
        if (inFlight.values().stream().anyMatch(ack -> !ack.isDone())) {
            return 0;
        }
        List<Long> lateAcknowledged = inFlight.entrySet().stream()
                .filter(e -> !e.getValue().isCompletedExceptionally())
                .map(Map.Entry::getKey).toList();
        inFlight.clear();
        if (!lateAcknowledged.isEmpty()) {
            outbox.delete("id in ?1", lateAcknowledged);
            published.increment(lateAcknowledged.size());
        }
        List<OutboxEventEntity> locked = outbox.lockOldest(config.outbox().batchSize());
        if (locked.isEmpty()) {
            return 0;
        }
        // One row per paper per batch: if a paper's earlier event failed while a later one got through,
        // the retry would land after it and the paper's events would be out of order on the topic.
        Set<String> keys = new HashSet<>();
        List<OutboxEventEntity> batch = locked.stream().filter(row -> keys.add(row.messageKey)).toList();
        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
        for (OutboxEventEntity row : batch) {
            acks.add(send(row));
        }
        List<Long> delivered = new ArrayList<>(batch.size());
        int settled = 0;
        long deadline = System.nanoTime() + config.outbox().ackTimeout().toNanos();
        for (int i = 0; i < batch.size(); i++) {
            OutboxEventEntity row = batch.get(i);
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                delivered.add(row.id);
            } catch (ExecutionException e) {
                if (refusedForGood(e.getCause())) {
                    park(row, e.getCause());
                    settled++;
                } else {
                    logFailure(row, e);
                }
            } catch (TimeoutException e) {
                logFailure(row, e);
                inFlight.put(row.id, acks.get(i));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                inFlight.put(row.id, acks.get(i));
            }
        }
        if (!delivered.isEmpty()) {
            outbox.delete("id in ?1", delivered);
            published.increment(delivered.size());
            if (failing && delivered.size() == batch.size()) {
                LOG.infof("Kafka reachable again: relayed %d pending events", delivered.size());
                failing = false;
            }
        }
        // A full batch, every row delivered or parked, means more may be waiting: the caller relays again at once.
        return delivered.size() + settled == locked.size() ? locked.size() : 0;
    }

    private CompletableFuture<Void> send(OutboxEventEntity row) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        // The send continues the trace of the request that wrote the row; its span ends with Kafka's answer.
        Span span = tracer.spanBuilder(topic + " publish")
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(TraceParent.parent(row.traceParent))
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.kafka.message.key", row.messageKey)
                .setAttribute("messaging.message.id", row.eventId.toString())
                .startSpan();
        acked.whenComplete((ok, failure) -> {
            if (failure != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        });
        RecordHeaders headers = new RecordHeaders();
        // CloudEvents Kafka protocol binding, binary mode: attributes as ce_ headers, data as the value.
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", row.eventId.toString());
        header(headers, "ce_type", "dev.paperstream." + row.eventType);
        header(headers, "ce_source", row.source);
        header(headers, "ce_subject", row.messageKey);
        header(headers, "ce_time", row.createdAt.toString());
        if (row.payload != null) {
            header(headers, "content-type", "application/json");
        }
        if (row.supersededBy != null) {
            header(headers, PaperHeaders.SUPERSEDED_BY, row.supersededBy);
        }
        if (row.payload == null && row.version != null) {
            header(headers, PaperHeaders.VERSION, row.version.toString());
        }
        String traceParent = TraceParent.of(span);
        if (traceParent != null) {
            header(headers, TraceParent.HEADER, traceParent);
        }
        // A Record carries the key and a value that may be null: a tombstone retiring the key's paper id.
        Message<Record<String, String>> message = Message.of(Record.of(row.messageKey, row.payload))
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

    /**
     * True when Kafka refuses the record itself (too large, invalid), so that sending it again can never succeed;
     * everything else (an unreachable broker, timeouts, leadership changes) is retried.
     */
    static boolean refusedForGood(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException
                    || t instanceof InvalidRecordException) {
                return true;
            }
        }
        return false;
    }

    private void park(OutboxEventEntity row, Throwable reason) {
        LOG.errorf("Kafka refused outbox event %s (paper %s, version %s) for good; parked in the outbox, not sent"
                + " again: %s", row.eventId, row.messageKey, row.version, reason);
        outbox.park(row.id, String.valueOf(reason));
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
