package dev.paperstream.query.service;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.paperstream.query.config.QueryConfig;
import dev.paperstream.query.domain.EmbeddingText;
import dev.paperstream.query.domain.PaperVector;
import dev.paperstream.query.persistence.BulkItemOutcome;
import dev.paperstream.query.persistence.PaperIndex;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Gives indexed papers their vectors, off the indexing path: it repeatedly reads the most recently updated papers
 * that lack a vector of the current model, embeds them, and writes each back at the version it read, so keyword
 * indexing never waits for the model. One pass over an index without vectors is the backfill; a new model or
 * revision makes every paper lack "its" vector, which is how re-embedding works.
 *
 * <p>A vector is never attached to text it was not computed from: the write carries the source it was computed
 * from, only goes out if the paper's sequence number is still the one read (no write in between), and uses the
 * read version with {@code external_gte}, so a newer version of the paper that lands meanwhile refuses it (409).
 */
@ApplicationScoped
public class EmbeddingSweep {

    private static final Logger LOG = Logger.getLogger(EmbeddingSweep.class);
    /** Papers Elasticsearch refused for good are skipped until restart; beyond this many, the oldest are retried. */
    private static final int MAX_SKIPPED = 1000;

    private final PaperIndex index;
    private final TextEmbedder embedder;
    private final SimilarityTagger tagger;
    private final QueryConfig.Embedding config;
    private final Counter embedded;
    private final Counter superseded;
    private final Counter refused;
    private final Set<String> skipped = new LinkedHashSet<>();
    private ExecutorService worker;
    private volatile boolean running;
    private volatile boolean paused;

    public EmbeddingSweep(PaperIndex index, TextEmbedder embedder, SimilarityTagger tagger, QueryConfig config,
            MeterRegistry metrics) {
        this.index = index;
        this.embedder = embedder;
        this.tagger = tagger;
        this.config = config.embedding();
        this.embedded = metrics.counter("paperstream.query.embedded", "outcome", "written");
        this.superseded = metrics.counter("paperstream.query.embedded", "outcome", "superseded");
        this.refused = metrics.counter("paperstream.query.embedded", "outcome", "refused");
    }

    void start(@Observes StartupEvent startup) {
        if (!config.sweep()) {
            LOG.info("Embedding sweep is off on this replica (paperstream.query.embedding.sweep=false)");
            return;
        }
        running = true;
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "embedding-sweep");
            thread.setDaemon(true);
            return thread;
        });
        worker.submit(this::loop);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (worker != null) {
            worker.shutdownNow();
            worker.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Holds the sweep after its current round (or lets it go on): e.g. to keep the cores for a bulk load, or in
     * tests that must see a paper before its vector.
     */
    public void pause(boolean pause) {
        paused = pause;
        LOG.infof("Embedding sweep %s", pause ? "paused" : "resumed");
    }

    private void loop() {
        long windowStart = System.nanoTime();
        long windowWritten = 0;
        while (running) {
            try {
                if (paused) {
                    Thread.sleep(config.idlePause().toMillis());
                    continue;
                }
                long roundStart = System.nanoTime();
                Round round = sweepOnce();
                windowWritten += round.written();
                long elapsed = System.nanoTime() - windowStart;
                if (windowWritten > 0 && elapsed >= config.progressInterval().toNanos()) {
                    LOG.infof("Embedding: %d papers given a %s vector in the last %.0f s (%.1f/s); %d still without"
                            + " (as of the last refresh)",
                            windowWritten, embedder.modelId(), elapsed / 1e9, windowWritten / (elapsed / 1e9),
                            index.countUnembedded(embedder.modelId()));
                    windowStart = System.nanoTime();
                    windowWritten = 0;
                }
                if (round.read() == 0) {
                    Thread.sleep(config.idlePause().toMillis());
                } else if (config.cpuShare() < 1) {
                    long busy = System.nanoTime() - roundStart;
                    Thread.sleep((long) (busy / 1e6 * (1 / Math.max(0.05, config.cpuShare()) - 1)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                if (!running) {
                    return;
                }
                // Elasticsearch unreachable or the index not there yet: nothing is lost, the next round reads again.
                LOG.warnf("Embedding sweep failed (%s); retrying in %s", e.getMessage(), Duration.ofSeconds(5));
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * What one round did.
     *
     * @param read    papers read that lacked a current vector (0: nothing to do)
     * @param written vectors written
     */
    public record Round(int read, int written) {
    }

    /** One round: embeds up to a batch of papers lacking a current vector and writes the vectors that still fit. */
    public synchronized Round sweepOnce() throws IOException {
        List<PaperIndex.StoredPaper> papers = index.unembedded(embedder.modelId(), config.batchSize(),
                List.copyOf(skipped));
        if (papers.isEmpty()) {
            return new Round(0, 0);
        }
        List<String> texts = new ArrayList<>(papers.size());
        for (PaperIndex.StoredPaper paper : papers) {
            texts.add(EmbeddingText.of(paper.source().path("title").asText(""),
                    paper.source().path("summary").asText("")));
        }
        List<float[]> vectors = embedder.embedAll(texts);
        for (int i = 0; i < papers.size(); i++) {
            ObjectNode source = papers.get(i).source();
            index.addVector(source, new PaperVector(embedder.modelId(), EmbeddingText.hashOf(texts.get(i)),
                    vectors.get(i), Instant.now(), tagger.tagsFor(vectors.get(i), PaperIndex.ruleTags(source))));
        }
        // Embedding took a while: papers written since they were read are left out (their next round embeds them).
        List<Optional<BulkItemOutcome>> outcomes = index.rewrite(papers);
        int written = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            BulkItemOutcome outcome = outcomes.get(i).orElse(null);
            if (outcome == null) {
                superseded.increment();
                continue;
            }
            switch (outcome.kind()) {
                case DONE -> written++;
                case STALE, ABSENT, RETRY -> superseded.increment(); // read again next round
                case REJECTED -> {
                    refused.increment();
                    LOG.errorf("Elasticsearch refused the vector of paper %s: %s", papers.get(i).id(),
                            outcome.reason());
                    skip(papers.get(i).id());
                }
            }
        }
        embedded.increment(written);
        return new Round(papers.size(), written);
    }

    private void skip(String id) {
        skipped.add(id);
        if (skipped.size() > MAX_SKIPPED) {
            skipped.remove(skipped.iterator().next());
        }
    }
}
