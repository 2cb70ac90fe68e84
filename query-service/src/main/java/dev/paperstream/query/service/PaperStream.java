package dev.paperstream.query.service;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import dev.paperstream.query.config.QueryConfig;
import dev.paperstream.query.domain.PaperDocument;
import dev.paperstream.query.domain.SearchFilters;
import dev.paperstream.query.persistence.PaperIndex;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fans papers out to the open streams of this replica once they are indexed. Every replica is offered every
 * papers.enriched event (its own consumer group); an event is published when a real-time get shows the index at
 * the event's version, so a stream never shows a paper that search cannot find, and an event older than the
 * indexed paper is skipped (the newer one is or was streamed). Checks run on one scheduler thread, at most
 * {@code max-pending-checks} at a time: beyond that (a replay, an index that lags far behind) events are skipped
 * and every open stream is told so with a gap. A slow reader is never cut off: its stream keeps the newest
 * {@code subscriber-buffer} papers and reports the dropped ones as a gap. At most {@code max-subscribers} streams
 * are open at once.
 */
@ApplicationScoped
@Startup
public class PaperStream {

    private static final Logger LOG = Logger.getLogger(PaperStream.class);
    private static final Duration FIRST_CHECK = Duration.ofMillis(50);
    private static final Duration LONGEST_CHECK = Duration.ofMillis(500);

    private final PaperIndex index;
    private final QueryConfig.Stream config;
    private final Set<StreamSubscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger pendingChecks = new AtomicInteger();
    private final Counter droppedForReaders;
    private final Counter skippedChecks;
    private final Counter refused;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "paper-stream");
        thread.setDaemon(true);
        return thread;
    });

    public PaperStream(PaperIndex index, QueryConfig config, MeterRegistry metrics) {
        this.index = index;
        this.config = config.stream();
        metrics.gauge("paperstream.query.stream.subscribers", open);
        metrics.gauge("paperstream.query.stream.pending.checks", pendingChecks);
        this.droppedForReaders = metrics.counter("paperstream.query.stream.dropped", "reason", "slow-reader");
        this.skippedChecks = metrics.counter("paperstream.query.stream.dropped", "reason", "checks-full");
        this.refused = metrics.counter("paperstream.query.stream.refused");
    }

    @PreDestroy
    void stop() {
        checks.shutdownNow();
    }

    /** Open streams on this replica. */
    public int subscriberCount() {
        return open.get();
    }

    /**
     * Indexed papers matching the filters, from now on, with gaps where the reader fell behind.
     *
     * @throws StreamsFullException when {@code max-subscribers} streams are already open
     */
    public Multi<StreamItem> papers(SearchFilters filters) {
        if (open.incrementAndGet() > config.maxSubscribers()) {
            open.decrementAndGet();
            refused.increment();
            throw new StreamsFullException(config.maxSubscribers());
        }
        // The slot is taken now, so that the cap holds; the stream's termination (completion, failure or the
        // client going away) gives it back.
        return Multi.createFrom().<StreamItem> emitter(emitter -> {
            StreamSubscriber subscriber = new StreamSubscriber(filters, config.subscriberBuffer(), emitter);
            subscribers.add(subscriber);
            emitter.onRequest(n -> subscriber.drain());
            emitter.onTermination(() -> subscribers.remove(subscriber));
        }, BackPressureStrategy.ERROR).onTermination().invoke(open::decrementAndGet);
    }

    /** Publishes the paper once the index holds this version of it; nothing happens without open streams. */
    public void offer(String id, long version) {
        if (subscribers.isEmpty()) {
            return;
        }
        if (pendingChecks.incrementAndGet() > config.maxPendingChecks()) {
            pendingChecks.decrementAndGet();
            skippedChecks.increment();
            LOG.debugf("Paper %s version %d not streamed: %d index checks already pending; streams get a gap", id,
                    version, config.maxPendingChecks());
            subscribers.forEach(subscriber -> subscriber.skip(1));
            return;
        }
        long deadline = System.nanoTime() + config.indexedWait().toNanos();
        checks.execute(() -> check(id, version, deadline, FIRST_CHECK));
    }

    private void check(String id, long version, long deadline, Duration pause) {
        try {
            Optional<PaperDocument> indexed = index.get(id);
            if (indexed.isPresent() && indexed.get().version() >= version) {
                pendingChecks.decrementAndGet();
                if (indexed.get().version() == version) {
                    publish(indexed.get());
                }
                return;
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("Could not check paper %s for the stream: %s", id, e.getMessage());
        }
        if (System.nanoTime() > deadline) {
            pendingChecks.decrementAndGet();
            LOG.debugf("Paper %s version %d was not indexed within %s; not streamed", id, version,
                    config.indexedWait());
            return;
        }
        Duration next = pause.multipliedBy(2).compareTo(LONGEST_CHECK) > 0 ? LONGEST_CHECK : pause.multipliedBy(2);
        checks.schedule(() -> check(id, version, deadline, next), pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void publish(PaperDocument paper) {
        for (StreamSubscriber subscriber : subscribers) {
            droppedForReaders.increment(subscriber.offer(paper));
        }
    }
}
