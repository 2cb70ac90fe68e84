package dev.paperstream.query.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.EventCodec;
import dev.paperstream.events.InvalidEventException;
import dev.paperstream.query.service.PaperStream;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Broadcast feed of {@code papers.enriched} for this replica's live streams. Its consumer group is unique per
 * replica (every replica sees every event) and starts at the latest offset; it commits nothing and ignores what
 * it cannot read, because the indexing consumer owns durability and dead-lettering.
 */
@ApplicationScoped
public class PaperStreamFeed {

    /** Incoming channel; its topic is {@code papers.enriched}, its group {@code query-stream-<uuid>}. */
    public static final String INCOMING = "papers-enriched-stream";

    private static final Logger LOG = Logger.getLogger(PaperStreamFeed.class);

    private final PaperStream stream;

    public PaperStreamFeed(PaperStream stream) {
        this.stream = stream;
    }

    @Incoming(INCOMING)
    public void consume(Record<String, String> record) {
        if (record.value() == null || stream.subscriberCount() == 0) {
            return;
        }
        try {
            EnrichedPaperEvent event = EventCodec.decodeEnrichedPaperEvent(record.value());
            stream.offer(event.paperId(), event.version());
        } catch (InvalidEventException e) {
            LOG.debugf("Not streaming an invalid record (key %s): %s", record.key(), e.getMessage());
        }
    }
}
