package dev.paperstream.enrich.messaging;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;

import dev.paperstream.enrich.service.PaperEnrichmentService;
import dev.paperstream.events.Backoff;
import dev.paperstream.events.BatchSpans;
import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.EventCodec;
import dev.paperstream.events.InvalidEventException;
import dev.paperstream.events.PaperEvent;
import dev.paperstream.events.PaperHeaders;
import dev.paperstream.events.SqlFailures;
import dev.paperstream.events.TraceParent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes {@code papers.listed} in batches (one poll), publishes {@code papers.enriched} under the same keys, in
 * the same order.
 * <ul>
 * <li>A batch's author counts are written in one PostgreSQL transaction.</li>
 * <li>A record that is not a valid event, or that PostgreSQL refuses on its own, goes to {@code papers.listed.dlq}
 * with the reason in SmallRye's {@code dead-letter-*} headers; the rest of its batch flows on.</li>
 * <li>While PostgreSQL is unreachable, or a transaction loses a deadlock or serialization conflict, the batch is
 * retried with growing pauses: nothing is skipped or dead-lettered, and consumption resumes where it was.</li>
 * <li>A tombstone (a paper id that ingest retired) is passed on as a tombstone, with its superseded-by and version
 * headers.</li>
 * <li>The batch is acknowledged (its offsets committed) only once every output is acknowledged by Kafka; if one is
 * not, the channel fails (failure-strategy {@code fail}) rather than skip or dead-letter valid papers, and a restart
 * redelivers the batch.</li>
 * </ul>
 */
@ApplicationScoped
public class PaperEnricher {

    /** Incoming channel; its topic is {@code papers.listed}. */
    public static final String INCOMING = "papers-listed";
    /** Outgoing channel; its topic is {@code papers.enriched}. */
    public static final String OUTGOING = "papers-enriched";
    /** Outgoing channel for invalid records; its topic is {@code papers.listed.dlq}. */
    public static final String DEAD_LETTER = "papers-listed-dlq";

    private static final Logger LOG = Logger.getLogger(PaperEnricher.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(15);
    /** Longer than the producer's delivery timeout (2 min), which settles every send first. */
    private static final Duration SEND_TIMEOUT = Duration.ofMinutes(3);
    /** Room for a whole poll (max.poll.records) of outputs before the sink takes them. */
    private static final int EMITTER_BUFFER = 2048;
    private static final Set<String> TOMBSTONE_HEADERS = Set.of(PaperHeaders.SUPERSEDED_BY, PaperHeaders.VERSION);

    private final PaperEnrichmentService enrichment;
    private final Emitter<Record<String, String>> enrichedTopic;
    private final Emitter<Record<String, String>> deadLetterTopic;
    private final Counter enriched;
    private final MeterRegistry metrics;
    private final Tracer tracer;

    public PaperEnricher(PaperEnrichmentService enrichment,
            @Channel(OUTGOING) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EMITTER_BUFFER) Emitter<Record<String, String>> enrichedTopic,
            @Channel(DEAD_LETTER) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EMITTER_BUFFER) Emitter<Record<String, String>> deadLetterTopic,
            MeterRegistry metrics, Tracer tracer) {
        this.enrichment = enrichment;
        this.tracer = tracer;
        this.enrichedTopic = enrichedTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.enriched = metrics.counter("paperstream.enrich.enriched");
        this.metrics = metrics;
        // The usual reason exists from the start at 0, so that an alert's increase() sees the first dead letter.
        metrics.counter("paperstream.enrich.dead.lettered", "reason", InvalidEventException.class.getSimpleName());
    }

    @Incoming(INCOMING)
    @Blocking
    public void enrich(ConsumerRecords<String, String> records) throws InterruptedException {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        // One span per record, continuing the trace its traceparent header names; ended once the batch is settled.
        List<Span> spans = batch.stream().map(this::startSpan).toList();
        boolean settled = false;
        try {
            enrichBatch(batch, spans);
            settled = true;
        } finally {
            BatchSpans.endAll(spans, settled);
        }
    }

    private void enrichBatch(List<ConsumerRecord<String, String>> batch, List<Span> spans) throws InterruptedException {
        // One slot per record in batch order: the output, or null when the record is dead-lettered.
        List<Message<Record<String, String>>> outputs = new ArrayList<>(batch.size());
        List<Message<Record<String, String>>> deadLetters = new ArrayList<>();
        List<ConsumerRecord<String, String>> listed = new ArrayList<>();
        List<PaperEvent> events = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        // Decoding and encoding are pure and independent per record: spread over the cores, results kept in order.
        Object[] decoded = new Object[batch.size()];
        IntStream.range(0, batch.size()).parallel().forEach(i -> decoded[i] = decode(batch.get(i)));
        for (int i = 0; i < batch.size(); i++) {
            ConsumerRecord<String, String> record = batch.get(i);
            if (record.value() == null) {
                outputs.add(tombstone(record, spans.get(i)));
            } else if (decoded[i] instanceof InvalidEventException e) {
                // Its log line names the record's trace.
                try (Scope ignored = spans.get(i).makeCurrent()) {
                    deadLetters.add(deadLetter(record, e));
                }
                spans.get(i).setStatus(StatusCode.ERROR, "dead-lettered: " + e.getMessage());
                outputs.add(null);
            } else {
                events.add((PaperEvent) decoded[i]);
                listed.add(record);
                slots.add(outputs.size());
                outputs.add(null);
            }
        }
        List<EnrichedPaperEvent> results = enrichWaitingForDatabase(events, listed, deadLetters);
        String[] encoded = new String[results.size()];
        IntStream.range(0, results.size()).parallel()
                .forEach(i -> encoded[i] = results.get(i) == null ? null : EventCodec.encode(results.get(i)));
        int enrichedCount = 0;
        for (int i = 0; i < results.size(); i++) {
            EnrichedPaperEvent result = results.get(i);
            Span span = spans.get(slots.get(i));
            if (result != null) {
                Headers headers = traced(new RecordHeaders(), span);
                outputs.set(slots.get(i), output(Record.of(result.paperId(), encoded[i]), headers));
                enrichedCount++;
            } else {
                span.setStatus(StatusCode.ERROR, "dead-lettered");
            }
        }
        List<CompletableFuture<Void>> sent = new ArrayList<>(outputs.size() + deadLetters.size());
        for (Message<Record<String, String>> output : outputs) {
            if (output != null) {
                sent.add(send(enrichedTopic, output));
            }
        }
        for (Message<Record<String, String>> deadLetter : deadLetters) {
            sent.add(send(deadLetterTopic, deadLetter));
        }
        awaitAll(sent);
        enriched.increment(enrichedCount);
    }

    /** The record's event, or the {@link InvalidEventException} that says why it is not one; null for a tombstone. */
    private Object decode(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return EventCodec.decodePaperEvent(record.value());
        } catch (InvalidEventException e) {
            return e;
        }
    }

    /**
     * Enriches the events (in order) in one transaction, retrying while the database is unavailable. When the batch
     * fails for another reason, each event is tried on its own, so that only the ones that fail alone are
     * dead-lettered: their slot in the result is null.
     */
    private List<EnrichedPaperEvent> enrichWaitingForDatabase(List<PaperEvent> events,
            List<ConsumerRecord<String, String>> records, List<Message<Record<String, String>>> deadLetters)
            throws InterruptedException {
        if (events.isEmpty()) {
            return List.of();
        }
        try {
            return retryingWhileTransient(events);
        } catch (RuntimeException | SQLException batchFailure) {
            LOG.warnf("A batch of %d papers failed (%s); enriching them one by one", events.size(),
                    batchFailure.getMessage());
        }
        List<EnrichedPaperEvent> results = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            try {
                results.add(retryingWhileTransient(List.of(events.get(i))).get(0));
            } catch (RuntimeException | SQLException e) {
                deadLetters.add(deadLetter(records.get(i), e));
                results.add(null);
            }
        }
        return results;
    }

    private List<EnrichedPaperEvent> retryingWhileTransient(List<PaperEvent> events)
            throws InterruptedException, SQLException {
        Backoff backoff = new Backoff(FIRST_PAUSE, LONGEST_PAUSE);
        while (true) {
            try {
                return enrichment.enrich(events);
            } catch (RuntimeException | SQLException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                Duration pause = backoff.next();
                LOG.warnf("PostgreSQL unavailable or in conflict while enriching %d papers (first %s); retrying in %s: %s",
                        events.size(), events.get(0).paperId(), pause, e.getMessage());
                Thread.sleep(pause.toMillis());
            }
        }
    }

    /**
     * Hibernate's connection failures and what {@link SqlFailures} calls transient (deadlocks, serialization
     * failures, timeouts, a restarting server, class 08): retrying succeeds once the database or the competing
     * transaction is done. Anything else is real.
     */
    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JDBCConnectionException) {
                return true;
            }
        }
        return SqlFailures.isTransient(failure);
    }

    private Message<Record<String, String>> tombstone(ConsumerRecord<String, String> record, Span span) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (TOMBSTONE_HEADERS.contains(header.key())) {
                headers.add(header.key(), header.value());
            }
        }
        return output(Record.of(record.key(), null), traced(headers, span));
    }

    private Span startSpan(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(TraceParent.HEADER);
        String traceParent = header == null || header.value() == null ? null
                : new String(header.value(), StandardCharsets.UTF_8);
        return BatchSpans.startProcessing(tracer, record.topic(), record.partition(), record.offset(), record.key(),
                traceParent);
    }

    /** The headers plus the span's traceparent, so that query-service continues the paper's trace. */
    private static Headers traced(Headers headers, Span span) {
        String traceParent = TraceParent.of(span);
        if (traceParent != null) {
            add(headers, TraceParent.HEADER, traceParent);
        }
        return headers;
    }

    /** The record as SmallRye's dead-letter-queue strategy would write it: same key, value and headers, plus why. */
    private Message<Record<String, String>> deadLetter(ConsumerRecord<String, String> record, Exception reason) {
        // The exception class names the kind of reason, a bounded set; the message is in the headers and the log.
        metrics.counter("paperstream.enrich.dead.lettered", "reason", reason.getClass().getSimpleName()).increment();
        LOG.warnf("Record on papers.listed (key %s) goes to the dead-letter topic: %s", record.key(),
                reason.getMessage());
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        add(headers, "dead-letter-exception-class-name", reason.getClass().getName());
        add(headers, "dead-letter-reason", String.valueOf(reason.getMessage()));
        if (reason.getCause() != null) {
            add(headers, "dead-letter-cause-class-name", reason.getCause().getClass().getName());
            add(headers, "dead-letter-cause", String.valueOf(reason.getCause().getMessage()));
        }
        add(headers, "dead-letter-topic", record.topic());
        add(headers, "dead-letter-partition", Integer.toString(record.partition()));
        add(headers, "dead-letter-offset", Long.toString(record.offset()));
        return output(Record.of(record.key(), record.value()), headers);
    }

    private static void add(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Message<Record<String, String>> output(Record<String, String> record, Headers headers) {
        Message<Record<String, String>> message = Message.of(record);
        return headers == null ? message
                : message.addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withHeaders(headers).build());
    }

    /** Sends and completes when Kafka acknowledges the record (or fails when it will not). */
    private static CompletableFuture<Void> send(Emitter<Record<String, String>> emitter,
            Message<Record<String, String>> message) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        emitter.send(message.withAck(() -> {
            acked.complete(null);
            return CompletableFuture.completedFuture(null);
        }).withNack(failure -> {
            acked.completeExceptionally(failure);
            return CompletableFuture.completedFuture(null);
        }));
        return acked;
    }

    private static void awaitAll(List<CompletableFuture<Void>> sent) throws InterruptedException {
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not take the batch's outputs; the batch will be redelivered",
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the batch's outputs within " + SEND_TIMEOUT, e);
        }
    }
}
