package dev.paperstream.query.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.paperstream.events.PaperHeaders;
import dev.paperstream.query.service.IncomingPaper;
import dev.paperstream.query.service.PaperIndexing;
import dev.paperstream.query.service.Rejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes {@code papers.enriched} in batches (one Kafka poll each) into the search index with bulk requests.
 * The batch is acknowledged, and so its offsets committed, only after every record has its outcome: indexed,
 * dropped as stale, retired or deleted (a null-value tombstone, with or without a version header), or sent to
 * {@code papers.enriched.dlq} with the reason (invalid events and documents Elasticsearch refuses); Elasticsearch
 * outages are waited out.
 */
@ApplicationScoped
public class EnrichedPaperConsumer {

    /** Incoming channel; its topic is {@code papers.enriched}. */
    public static final String INCOMING = "papers-enriched";
    /** Outgoing channel of dead letters; its topic is {@code papers.enriched.dlq}. */
    public static final String DEAD_LETTERS = "papers-enriched-dlq";

    private static final Logger LOG = Logger.getLogger(EnrichedPaperConsumer.class);

    private final PaperIndexing indexing;
    private final MutinyEmitter<String> deadLetters;
    private final Counter deadLettered;

    public EnrichedPaperConsumer(PaperIndexing indexing, @Channel(DEAD_LETTERS) MutinyEmitter<String> deadLetters,
            MeterRegistry metrics) {
        this.indexing = indexing;
        this.deadLetters = deadLetters;
        this.deadLettered = metrics.counter("paperstream.query.dead.lettered");
    }

    @Incoming(INCOMING)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) throws InterruptedException {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        List<IncomingPaper> papers = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, String> record : batch) {
            papers.add(new IncomingPaper(record.key(), record.value(), header(record, PaperHeaders.VERSION),
                    header(record, PaperHeaders.SUPERSEDED_BY)));
        }
        for (Rejection rejection : indexing.index(papers)) {
            ConsumerRecord<String, String> record = batch.get(rejection.position());
            LOG.warnf("Record %s-%d@%d (key %s) goes to the dead-letter topic: %s", record.topic(),
                    record.partition(), record.offset(), record.key(), rejection.reason());
            // The original headers first (a tombstone's version and successor among them), so that the dead letter
            // can be replayed as it was; the dead-letter headers come last and so win lastHeader().
            RecordHeaders headers = new RecordHeaders(record.headers().toArray());
            headers.add("dead-letter-reason", rejection.reason().getBytes(StandardCharsets.UTF_8));
            headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
            headers.add("dead-letter-partition", String.valueOf(record.partition()).getBytes(StandardCharsets.UTF_8));
            headers.add("dead-letter-offset", String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
            OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(record.key()).withHeaders(headers).build();
            // Waits for the broker's acknowledgement: the batch's offsets must not be committed before.
            deadLetters.sendMessageAndAwait(Message.of(record.value() == null ? "" : record.value())
                    .addMetadata(metadata));
            deadLettered.increment();
        }
    }

    /** The last value of a header as UTF-8 text, or null when the record has none. */
    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
