package dev.paperstream.enrich.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

import dev.paperstream.enrich.domain.PaperEnrichment;
import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.EventCodec;
import dev.paperstream.events.InvalidEventException;
import dev.paperstream.events.PaperEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes {@code papers.listed}, publishes {@code papers.enriched} under the same key. A record that is
 * not a valid event is counted and nacked, and the channel's dead-letter strategy moves it to
 * {@code papers.listed.dlq} with the reason in its headers; consumption goes on.
 */
@ApplicationScoped
public class PaperEnricher {

    /** Incoming channel; its topic is {@code papers.listed}. */
    public static final String INCOMING = "papers-listed";
    /** Outgoing channel; its topic is {@code papers.enriched}. */
    public static final String OUTGOING = "papers-enriched";

    private static final Logger LOG = Logger.getLogger(PaperEnricher.class);

    private final PaperEnrichment enrichment;
    private final Counter enriched;
    private final Counter deadLettered;

    public PaperEnricher(PaperEnrichment enrichment, MeterRegistry metrics) {
        this.enrichment = enrichment;
        this.enriched = metrics.counter("paperstream.enrich.enriched");
        this.deadLettered = metrics.counter("paperstream.enrich.dead.lettered");
    }

    @Incoming(INCOMING)
    @Outgoing(OUTGOING)
    public Record<String, String> enrich(Record<String, String> record) {
        PaperEvent event;
        try {
            event = EventCodec.decodePaperEvent(record.value());
        } catch (InvalidEventException e) {
            deadLettered.increment();
            LOG.warnf("Invalid record on papers.listed (key %s) goes to the dead-letter topic: %s", record.key(),
                    e.getMessage());
            throw e;
        }
        EnrichedPaperEvent result = enrichment.enrich(event);
        enriched.increment();
        return Record.of(result.paperId(), EventCodec.encode(result));
    }
}
