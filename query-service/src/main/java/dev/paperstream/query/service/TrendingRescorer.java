package dev.paperstream.query.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.paperstream.query.config.QueryConfig;
import dev.paperstream.query.domain.PaperDocument;
import dev.paperstream.query.domain.PaperDocuments;
import dev.paperstream.query.domain.UpvoteGains;
import dev.paperstream.query.persistence.BulkItemOutcome;
import dev.paperstream.query.persistence.PaperIndex;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Keeps trending gains relative to now. A paper's window gains are measured back from its event when it is indexed;
 * as time passes, a window's start passes its observations and the gain shrinks without any new event. Each paper
 * stores when that next happens ({@code gainsChangeAt}); every interval this job re-measures the gains of the papers
 * whose time has come, from their stored upvote history, and writes them back at the version it read (only if no
 * write came in between; a newer version refuses it), keeping their vectors.
 */
@ApplicationScoped
public class TrendingRescorer {

    private static final Logger LOG = Logger.getLogger(TrendingRescorer.class);
    private static final int BATCH = 500;

    private final PaperIndex index;
    private final QueryConfig.Trending config;
    private final Clock clock;
    private final Counter rescored;
    private ScheduledExecutorService timer;
    private boolean failing;

    @Inject
    public TrendingRescorer(PaperIndex index, QueryConfig config, MeterRegistry metrics) {
        this(index, config, metrics, Clock.systemUTC());
    }

    TrendingRescorer(PaperIndex index, QueryConfig config, MeterRegistry metrics, Clock clock) {
        this.index = index;
        this.config = config.trending();
        this.clock = clock;
        this.rescored = metrics.counter("paperstream.query.trending.rescored");
    }

    void start(@Observes StartupEvent startup) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "trending-rescorer");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.rescoreInterval().toMillis();
        timer.scheduleWithFixedDelay(this::run, interval, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void run() {
        try {
            int written = rescoreDue(clock.instant());
            if (failing) {
                LOG.info("Trending re-scoring works again");
                failing = false;
            }
            if (written > 0) {
                LOG.debugf("Re-scored the trending gains of %d papers", written);
            }
        } catch (IOException | RuntimeException e) {
            // Elasticsearch unreachable or the index not there yet: the papers stay due, the next run takes them.
            // Said once per outage, not every interval.
            if (!failing) {
                LOG.warnf("Trending re-scoring failed (%s); retrying every %s until it works", e.getMessage(),
                        config.rescoreInterval());
                failing = true;
            }
        }
    }

    /** Re-measures the gains of every paper due at {@code now}; returns how many were written. */
    public synchronized int rescoreDue(Instant now) throws IOException {
        int written = 0;
        while (true) {
            List<PaperIndex.StoredPaper> due = index.gainsDue(now, BATCH);
            if (due.isEmpty()) {
                return written;
            }
            for (PaperIndex.StoredPaper paper : due) {
                PaperDocument document = index.document(paper.source());
                UpvoteGains.Gains gains = PaperDocuments.gainsAsOf(document, now);
                paper.source().put("gain24h", gains.gain24h()).put("gain7d", gains.gain7d())
                        .put("gain30d", gains.gain30d()).put("gainsAsOf", now.toString());
                if (gains.changesAt() == null) {
                    paper.source().remove("gainsChangeAt");
                } else {
                    paper.source().put("gainsChangeAt", gains.changesAt().toString());
                }
            }
            // A paper written since it was read is left out: the new write measured its own gains.
            int round = (int) index.rewrite(due).stream()
                    .filter(o -> o.isPresent() && o.get().kind() == BulkItemOutcome.Kind.DONE).count();
            written += round;
            rescored.increment(round);
            if (due.size() < BATCH || round == 0) {
                return written; // the rest (written meanwhile, or refused) is taken by the next run
            }
        }
    }
}
