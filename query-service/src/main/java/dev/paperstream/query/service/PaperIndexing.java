package dev.paperstream.query.service;

import java.io.IOException;
import java.time.Duration;

import org.jboss.logging.Logger;

import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.query.domain.PaperDocuments;
import dev.paperstream.query.persistence.ElasticsearchStatus;
import dev.paperstream.query.persistence.PaperIndex;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Indexes enriched papers. While Elasticsearch is unreachable or overloaded it waits and retries with
 * growing pauses, so nothing is skipped; stale versions are counted and dropped; anything else (a
 * document the mapping refuses) is the caller's to dead-letter.
 */
@ApplicationScoped
@Startup
public class PaperIndexing {

    private static final Logger LOG = Logger.getLogger(PaperIndexing.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    private final PaperIndex index;
    private final MeterRegistry metrics;
    private volatile boolean indexReady;

    public PaperIndexing(PaperIndex index, MeterRegistry metrics) {
        this.index = index;
        this.metrics = metrics;
    }

    @PostConstruct
    void createIndexIfMissing() {
        try {
            index.ensureExists();
            indexReady = true;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Could not check or create index %s yet (%s); will retry before the first write",
                    index.indexName(), e.getMessage());
        }
    }

    /** Writes the paper, waiting out Elasticsearch outages; returns whether it was newer than the index. */
    public boolean index(EnrichedPaperEvent event) throws InterruptedException {
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                if (!indexReady) {
                    index.ensureExists();
                    indexReady = true;
                }
                PaperIndex.WriteOutcome outcome = index.write(PaperDocuments.fromEvent(event));
                metrics.counter("paperstream.query.indexed", "outcome", outcome.name().toLowerCase()).increment();
                return outcome == PaperIndex.WriteOutcome.WRITTEN;
            } catch (IOException | RuntimeException e) {
                if (!ElasticsearchStatus.isTransient(e)) {
                    throw new IndexRefusedException(event.paperId(), e);
                }
                LOG.warnf("Elasticsearch unavailable while indexing paper %s; retrying in %s: %s", event.paperId(),
                        pause, e.getMessage());
            }
            Thread.sleep(pause.toMillis());
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }
}
