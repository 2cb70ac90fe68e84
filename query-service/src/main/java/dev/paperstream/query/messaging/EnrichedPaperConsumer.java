package dev.paperstream.query.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.EventCodec;
import dev.paperstream.events.InvalidEventException;
import dev.paperstream.query.service.PaperIndexing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes {@code papers.enriched} into the search index. The offset is committed only after the write
 * returned; invalid records and documents the index refuses go to {@code papers.enriched.dlq}.
 */
@ApplicationScoped
public class EnrichedPaperConsumer {

    /** Incoming channel; its topic is {@code papers.enriched}. */
    public static final String INCOMING = "papers-enriched";

    private static final Logger LOG = Logger.getLogger(EnrichedPaperConsumer.class);

    private final PaperIndexing indexing;
    private final Counter deadLettered;

    public EnrichedPaperConsumer(PaperIndexing indexing, MeterRegistry metrics) {
        this.indexing = indexing;
        this.deadLettered = metrics.counter("paperstream.query.dead.lettered");
    }

    @Incoming(INCOMING)
    @Blocking
    public void consume(Record<String, String> record) throws InterruptedException {
        EnrichedPaperEvent event;
        try {
            event = EventCodec.decodeEnrichedPaperEvent(record.value());
        } catch (InvalidEventException e) {
            deadLettered.increment();
            LOG.warnf("Invalid record on papers.enriched (key %s) goes to the dead-letter topic: %s", record.key(),
                    e.getMessage());
            throw e;
        }
        try {
            if (!indexing.index(event)) {
                LOG.debugf("Paper %s version %d is older than the indexed one; dropped", event.paperId(),
                        event.version());
            }
        } catch (RuntimeException e) {
            deadLettered.increment();
            LOG.warnf("Elasticsearch refused paper %s (key %s); it goes to the dead-letter topic: %s",
                    event.paperId(), record.key(), e.getMessage());
            throw e;
        }
    }
}
