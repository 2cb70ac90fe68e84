package dev.paperstream.query.service;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import dev.paperstream.query.config.QueryConfig;
import dev.paperstream.query.domain.PaperDocument;
import dev.paperstream.query.domain.SearchFilters;
import dev.paperstream.query.persistence.PaperIndex;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fans papers out to the open streams of this replica once they are indexed. Every replica is offered every
 * papers.enriched event (its own consumer group); an event is published when a real-time get shows the index at
 * the event's version, so a stream never shows a paper that search cannot find, and an event older than the
 * indexed paper is skipped (the newer one is or was streamed). Checks run on one scheduler thread, which is also
 * the only thread that emits, as a broadcast requires.
 */
@ApplicationScoped
public class PaperStream {

    private static final Logger LOG = Logger.getLogger(PaperStream.class);
    private static final Duration FIRST_CHECK = Duration.ofMillis(50);
    private static final Duration LONGEST_CHECK = Duration.ofMillis(500);
    /** Papers a slow stream may fall behind by before it misses some. */
    private static final int SUBSCRIBER_BUFFER = 1000;

    private final PaperIndex index;
    private final Duration indexedWait;
    private final BroadcastProcessor<PaperDocument> papers = BroadcastProcessor.create();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "paper-stream");
        thread.setDaemon(true);
        return thread;
    });

    public PaperStream(PaperIndex index, QueryConfig config) {
        this.index = index;
        this.indexedWait = config.stream().indexedWait();
    }

    @PreDestroy
    void stop() {
        checks.shutdownNow();
        papers.onComplete();
    }

    /** Open streams on this replica. */
    public int subscriberCount() {
        return subscribers.get();
    }

    /** Indexed papers matching the filters, from now on. */
    public Multi<PaperDocument> papers(SearchFilters filters) {
        return papers.onOverflow().buffer(SUBSCRIBER_BUFFER)
                .filter(filters::matches)
                .onSubscription().invoke(() -> subscribers.incrementAndGet())
                .onTermination().invoke(() -> subscribers.decrementAndGet());
    }

    /** Publishes the paper once the index holds this version of it; nothing happens without open streams. */
    public void offer(String id, long version) {
        if (subscribers.get() > 0) {
            long deadline = System.nanoTime() + indexedWait.toNanos();
            checks.execute(() -> check(id, version, deadline, FIRST_CHECK));
        }
    }

    private void check(String id, long version, long deadline, Duration pause) {
        try {
            Optional<PaperDocument> indexed = index.get(id);
            if (indexed.isPresent() && indexed.get().version() >= version) {
                if (indexed.get().version() == version) {
                    papers.onNext(indexed.get());
                }
                return;
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("Could not check paper %s for the stream: %s", id, e.getMessage());
        }
        if (System.nanoTime() > deadline) {
            LOG.debugf("Paper %s version %d was not indexed within %s; not streamed", id, version, indexedWait);
            return;
        }
        Duration next = pause.multipliedBy(2).compareTo(LONGEST_CHECK) > 0 ? LONGEST_CHECK : pause.multipliedBy(2);
        checks.schedule(() -> check(id, version, deadline, next), pause.toMillis(), TimeUnit.MILLISECONDS);
    }
}
