package dev.paperstream.enrich.messaging;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;

import dev.paperstream.enrich.service.PaperEnrichmentService;
import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.EventCodec;
import dev.paperstream.events.InvalidEventException;
import dev.paperstream.events.PaperEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes {@code papers.listed}, publishes {@code papers.enriched} under the same key.
 * <ul>
 * <li>A record that is not a valid event is counted and nacked; the channel's dead-letter strategy moves it
 * to {@code papers.listed.dlq} with the reason in its headers, and consumption goes on.</li>
 * <li>While PostgreSQL is unreachable the record is retried with growing pauses: nothing is skipped, and
 * consumption resumes where it was.</li>
 * <li>A tombstone (a paper id that ingest retired) is passed on as a tombstone.</li>
 * </ul>
 */
@ApplicationScoped
public class PaperEnricher {

    /** Incoming channel; its topic is {@code papers.listed}. */
    public static final String INCOMING = "papers-listed";
    /** Outgoing channel; its topic is {@code papers.enriched}. */
    public static final String OUTGOING = "papers-enriched";

    private static final Logger LOG = Logger.getLogger(PaperEnricher.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(15);

    private final PaperEnrichmentService enrichment;
    private final Counter enriched;
    private final Counter deadLettered;

    public PaperEnricher(PaperEnrichmentService enrichment, MeterRegistry metrics) {
        this.enrichment = enrichment;
        this.enriched = metrics.counter("paperstream.enrich.enriched");
        this.deadLettered = metrics.counter("paperstream.enrich.dead.lettered");
    }

    @Incoming(INCOMING)
    @Outgoing(OUTGOING)
    @Blocking
    public Record<String, String> enrich(Record<String, String> record) throws InterruptedException {
        if (record.value() == null) {
            return Record.of(record.key(), null);
        }
        PaperEvent event;
        try {
            event = EventCodec.decodePaperEvent(record.value());
        } catch (InvalidEventException e) {
            deadLettered.increment();
            LOG.warnf("Invalid record on papers.listed (key %s) goes to the dead-letter topic: %s", record.key(),
                    e.getMessage());
            throw e;
        }
        EnrichedPaperEvent result = enrichWaitingForDatabase(event);
        enriched.increment();
        return Record.of(result.paperId(), EventCodec.encode(result));
    }

    private EnrichedPaperEvent enrichWaitingForDatabase(PaperEvent event) throws InterruptedException {
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                return enrichment.enrich(event);
            } catch (RuntimeException e) {
                if (!isDatabaseUnavailable(e)) {
                    throw e;
                }
                LOG.warnf("PostgreSQL unavailable while enriching paper %s; retrying in %s: %s", event.paperId(),
                        pause, e.getMessage());
            }
            Thread.sleep(pause.toMillis());
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    /** Connection failures (SQLState class 08, refused connections) and transient SQL errors; anything else is real. */
    static boolean isDatabaseUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof JDBCConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
