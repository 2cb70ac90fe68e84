package dev.paperstream.query.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.paperstream.events.BatchSpans;
import dev.paperstream.events.PaperHeaders;
import dev.paperstream.events.TraceParent;
import dev.paperstream.query.service.BulkIndexer;
import dev.paperstream.query.service.IncomingPaper;
import dev.paperstream.query.service.Rejection;
import dev.paperstream.query.service.WebhookDeliveries;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes {@code papers.enriched} in batches (one Kafka poll each) into the search index with bulk requests.
 * The batch is acknowledged, and so its offsets committed, only after every record has its outcome: indexed,
 * dropped as stale, retired or deleted (a null-value tombstone, with or without a version header), or sent to
 * {@code papers.enriched.dlq} with the reason (invalid events and documents Elasticsearch refuses); Elasticsearch
 * outages are waited out, and so is a dead-letter topic Kafka does not take yet ({@link DeadLetterSender}).
 */
@ApplicationScoped
public class EnrichedPaperConsumer {

    /** Incoming channel; its topic is {@code papers.enriched}. */
    public static final String INCOMING = "papers-enriched";

    private final BulkIndexer indexing;
    private final WebhookDeliveries deliveries;
    private final DeadLetterSender deadLetters;
    private final Tracer tracer;

    public EnrichedPaperConsumer(BulkIndexer indexing, WebhookDeliveries deliveries, DeadLetterSender deadLetters,
            Tracer tracer) {
        this.tracer = tracer;
        this.deliveries = deliveries;
        this.indexing = indexing;
        this.deadLetters = deadLetters;
    }

    @Incoming(INCOMING)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) throws InterruptedException {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        List<IncomingPaper> papers = new ArrayList<>(batch.size());
        // One span per record, continuing the paper's trace from enrich-service; ended once the batch is settled.
        List<Span> spans = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, String> record : batch) {
            Span span = startSpan(record);
            spans.add(span);
            papers.add(new IncomingPaper(record.key(), record.value(), header(record, PaperHeaders.VERSION),
                    header(record, PaperHeaders.SUPERSEDED_BY), span.getSpanContext()));
        }
        boolean settled = false;
        try {
            // Saved searches: what this batch wrote becomes webhook deliveries (one per subscription) before the ack.
            for (Rejection rejection : indexing.index(papers, deliveries::record)) {
                Span span = spans.get(rejection.position());
                span.setStatus(StatusCode.ERROR, "dead-lettered: " + rejection.reason());
                // Its log line names the record's trace.
                try (Scope ignored = span.makeCurrent()) {
                    deadLetters.send(batch.get(rejection.position()), rejection.cause(), rejection.reason());
                }
            }
            settled = true;
        } finally {
            BatchSpans.endAll(spans, settled);
        }
    }

    private Span startSpan(ConsumerRecord<String, String> record) {
        return BatchSpans.startProcessing(tracer, record.topic(), record.partition(), record.offset(), record.key(),
                header(record, TraceParent.HEADER));
    }

    /** The last value of a header as UTF-8 text, or null when the record has none. */
    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
