package dev.paperstream.query.service;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import dev.paperstream.events.Backoff;
import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.EventCodec;
import dev.paperstream.events.InvalidEventException;
import dev.paperstream.events.PaperHeaders;
import dev.paperstream.query.config.QueryConfig;
import dev.paperstream.query.domain.PaperDocument;
import dev.paperstream.query.domain.PaperDocuments;
import dev.paperstream.query.domain.PaperVector;
import dev.paperstream.query.persistence.BulkAction;
import dev.paperstream.query.persistence.BulkItemOutcome;
import dev.paperstream.query.persistence.ElasticsearchStatus;
import dev.paperstream.query.persistence.PaperIndex;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Indexes batches of papers.enriched records with bulk requests, split by count and bytes. A tombstone with a
 * version retires its id for good (a marker document at that version refuses every older or equal write of the
 * id later); one without deletes the paper. Every item's outcome is handled: written, retired and deleted items
 * are done, stale versions (409) are counted and dropped, 429 and unavailability are retried with growing pauses
 * (only the items that failed), and items Elasticsearch refuses for good come back as {@link Rejection}s for the
 * dead-letter topic, beside records that are not valid events.
 * A call returns only when every record has one of these outcomes, so the caller may then commit the batch.
 */
@ApplicationScoped
@Startup
public class BulkIndexer {

    private static final Logger LOG = Logger.getLogger(BulkIndexer.class);
    /** A tombstone's version header: a plain decimal small enough that one more still fits Elasticsearch's long. */
    private static final Pattern TOMBSTONE_VERSION = Pattern.compile("[0-9]{1,18}");

    private final PaperIndex index;
    private final TextEmbedder embedder;
    private final QueryConfig.Indexing config;
    private final Counter written;
    private final Counter stale;
    private final Counter deleted;
    private final Counter retired;
    private final Counter retried;
    private final Counter rejected;
    private final Tracer tracer;
    private volatile boolean indexReady;

    /** An untraced indexer, for the benchmarks and plain tests. */
    public BulkIndexer(PaperIndex index, TextEmbedder embedder, MeterRegistry metrics, QueryConfig config) {
        this(index, embedder, metrics, config, TracerProvider.noop().get("untraced"));
    }

    @Inject
    public BulkIndexer(PaperIndex index, TextEmbedder embedder, MeterRegistry metrics, QueryConfig config,
            Tracer tracer) {
        this.index = index;
        this.tracer = tracer;
        this.embedder = embedder;
        this.config = config.indexing();
        this.written = metrics.counter("paperstream.query.indexed", "outcome", "written");
        this.stale = metrics.counter("paperstream.query.indexed", "outcome", "stale");
        this.deleted = metrics.counter("paperstream.query.indexed", "outcome", "deleted");
        this.retired = metrics.counter("paperstream.query.indexed", "outcome", "retired");
        this.retried = metrics.counter("paperstream.query.indexed", "outcome", "retried");
        this.rejected = metrics.counter("paperstream.query.indexed", "outcome", "rejected");
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

    /** Stale versions dropped so far (409 answers). */
    public double staleCount() {
        return stale.count();
    }

    /**
     * Indexes a batch: valid events are written (external version), versioned tombstones retire their id, others
     * delete their paper. Returns the records that go to the dead-letter topic; waits out Elasticsearch outages.
     */
    public List<Rejection> index(List<IncomingPaper> records) throws InterruptedException {
        return index(records, written -> {
        });
    }

    /** As {@link #index(List)}, then hands {@code written} the papers this batch wrote (not the stale or refused). */
    public List<Rejection> index(List<IncomingPaper> records, Consumer<List<PaperDocument>> written)
            throws InterruptedException {
        List<PaperDocument> writtenPapers = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        List<Object> decoded = new ArrayList<>(records.size());
        List<Integer> positions = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            IncomingPaper record = records.get(i);
            try {
                decoded.add(decode(record));
                positions.add(i);
            } catch (InvalidEventException e) {
                rejections.add(new Rejection(i, Rejection.Cause.INVALID_EVENT, e.getMessage()));
            } catch (RuntimeException e) {
                // A valid event this service cannot turn into a document: dead-letter it rather than stop the channel.
                rejections.add(new Rejection(i, Rejection.Cause.UNMAPPABLE,
                        "could not map the event to a document: " + e));
            }
        }
        List<BulkAction> actions = withStoredVectors(decoded);
        int start = 0;
        while (start < actions.size()) {
            int end = start;
            long bytes = 0;
            while (end < actions.size() && end - start < config.bulkMaxActions()
                    && (end == start || bytes + actions.get(end).sizeInBytes() <= config.bulkMaxBytes())) {
                bytes += actions.get(end).sizeInBytes();
                end++;
            }
            List<BulkItemOutcome> outcomes = tracedChunk(actions.subList(start, end),
                    positions.subList(start, end).stream().map(p -> records.get(p).trace()).toList());
            for (int i = 0; i < outcomes.size(); i++) {
                BulkItemOutcome outcome = outcomes.get(i);
                if (outcome.kind() == BulkItemOutcome.Kind.DONE
                        && decoded.get(start + i) instanceof PaperDocument document) {
                    writtenPapers.add(document);
                }
                if (outcome.kind() == BulkItemOutcome.Kind.REJECTED) {
                    rejections.add(new Rejection(positions.get(start + i), Rejection.Cause.REFUSED,
                            "Elasticsearch refused paper " + actions.get(start + i).id() + " (" + outcome.status()
                                    + "): " + outcome.reason()));
                }
            }
            start = end;
        }
        rejected.increment(rejections.size());
        rejections.sort((a, b) -> Integer.compare(a.position(), b.position()));
        if (!writtenPapers.isEmpty()) {
            written.accept(writtenPapers);
        }
        return rejections;
    }

    /**
     * The bulk actions of decoded records. A paper whose stored vector was computed from the same text by the
     * current model keeps it (an upvote change must not send it back to the embedding sweep); one whose text
     * changed is written without, and the sweep embeds it again. Without an answer from Elasticsearch the papers
     * are written without vectors, which the sweep restores.
     */
    private List<BulkAction> withStoredVectors(List<Object> decoded) {
        List<String> ids = decoded.stream().filter(PaperDocument.class::isInstance)
                .map(d -> ((PaperDocument) d).id()).distinct().toList();
        Map<String, PaperVector> stored = Map.of();
        try {
            stored = index.storedVectors(ids);
        } catch (IOException | RuntimeException e) {
            LOG.debugf("Could not read the stored vectors of %d papers (%s); the embedding sweep restores them",
                    ids.size(), e.getMessage());
        }
        List<BulkAction> actions = new ArrayList<>(decoded.size());
        for (Object item : decoded) {
            if (item instanceof PaperDocument document) {
                PaperVector vector = stored.get(document.id());
                actions.add(index.indexAction(document,
                        vector != null && vector.model().equals(embedder.modelId()) ? vector : null));
            } else {
                actions.add((BulkAction) item);
            }
        }
        return actions;
    }

    /** A paper document, or the bulk action of a tombstone. */
    private Object decode(IncomingPaper record) {
        if (record.value() == null) {
            if (record.key() == null || record.key().isBlank()) {
                throw new InvalidEventException("tombstone without a key");
            }
            if (record.version() == null) {
                // A producer from before versioned retirements: delete as before (a late older write can then bring
                // the paper back, which is what the version prevents).
                return new BulkAction.Delete(record.key());
            }
            if (!TOMBSTONE_VERSION.matcher(record.version()).matches()) {
                // Dead-lettered rather than applied unversioned: a garbled version is a producer bug to see and fix,
                // and the record can be replayed from the dead-letter topic once it is.
                throw new InvalidEventException("tombstone of " + record.key() + " has an unparsable "
                        + PaperHeaders.VERSION + " header '" + abbreviate(record.version())
                        + "' (expected a decimal version)");
            }
            return index.retireAction(record.key(), Long.parseLong(record.version()), record.supersededBy());
        }
        EnrichedPaperEvent event = EventCodec.decodeEnrichedPaperEvent(record.value());
        return PaperDocuments.fromEvent(event);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private Counter counterOf(BulkAction action) {
        if (action instanceof BulkAction.Delete) {
            return deleted;
        }
        return action instanceof BulkAction.Retire ? retired : written;
    }

    /**
     * A whole bulk request refused for a reason that retrying cannot change (a 4xx other than 429: too large, or
     * unparsable because of one item): each half is indexed on its own, down to single items, so that only the
     * items Elasticsearch cannot take are rejected (and dead-lettered) and the rest are indexed.
     */
    private void refuseOrBisect(List<BulkAction> attempt, List<Integer> positions, BulkItemOutcome[] finals,
            Exception failure) throws InterruptedException {
        if (attempt.size() == 1) {
            LOG.errorf("Elasticsearch refused the request of paper %s for good: %s", attempt.get(0).id(),
                    failure.getMessage());
            finals[positions.get(0)] = new BulkItemOutcome(BulkItemOutcome.Kind.REJECTED,
                    ElasticsearchStatus.of(failure).orElse(0), String.valueOf(failure.getMessage()));
            return;
        }
        LOG.warnf("Elasticsearch refused a bulk request of %d items (%s); indexing its halves on their own",
                attempt.size(), failure.getMessage());
        int half = attempt.size() / 2;
        List<BulkItemOutcome> first = indexChunk(attempt.subList(0, half));
        List<BulkItemOutcome> second = indexChunk(attempt.subList(half, attempt.size()));
        for (int i = 0; i < attempt.size(); i++) {
            finals[positions.get(i)] = i < half ? first.get(i) : second.get(i - half);
        }
    }

    /**
     * {@link #indexChunk} in a CLIENT span for the bulk request(s). One request serves many traces: the span is a child
     * of the first record's span and links to every record's span, so each paper's trace reaches its indexing.
     */
    private List<BulkItemOutcome> tracedChunk(List<BulkAction> chunk, List<SpanContext> traces)
            throws InterruptedException {
        List<SpanContext> traced = traces.stream().filter(SpanContext::isValid).toList();
        SpanBuilder builder = tracer.spanBuilder("elasticsearch bulk")
                .setSpanKind(SpanKind.CLIENT)
                .setParent(traced.isEmpty() ? Context.root() : Context.root().with(Span.wrap(traced.get(0))))
                .setAttribute("db.system.name", "elasticsearch")
                .setAttribute("db.operation.name", "bulk")
                .setAttribute("db.collection.name", index.indexName())
                .setAttribute("db.operation.batch.size", (long) chunk.size());
        traced.forEach(builder::addLink);
        Span span = builder.startSpan();
        try {
            return indexChunk(chunk);
        } finally {
            span.end();
        }
    }

    /** One chunk until every item has a final outcome; returns the outcomes in the chunk's order. */
    private List<BulkItemOutcome> indexChunk(List<BulkAction> chunk) throws InterruptedException {
        BulkItemOutcome[] finals = new BulkItemOutcome[chunk.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            pending.add(i);
        }
        Backoff backoff = new Backoff(config.retryFirstPause(), config.retryLongestPause());
        while (true) {
            List<BulkAction> attempt = pending.stream().map(chunk::get).toList();
            List<Integer> stillPending = new ArrayList<>();
            String failure = null;
            try {
                if (!indexReady) {
                    index.ensureExists();
                    indexReady = true;
                }
                List<BulkItemOutcome> outcomes = index.bulk(attempt, true);
                for (int i = 0; i < outcomes.size(); i++) {
                    BulkItemOutcome outcome = outcomes.get(i);
                    int position = pending.get(i);
                    switch (outcome.kind()) {
                        case DONE -> counterOf(chunk.get(position)).increment();
                        case STALE -> stale.increment();
                        case ABSENT -> deleted.increment();
                        case RETRY -> {
                            stillPending.add(position);
                            failure = outcome.status() + " " + outcome.reason();
                        }
                        case REJECTED -> {
                        }
                    }
                    if (outcome.kind() != BulkItemOutcome.Kind.RETRY) {
                        finals[position] = outcome;
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (ElasticsearchStatus.isTransient(e)) {
                    stillPending = pending;
                    failure = e.getMessage();
                } else {
                    refuseOrBisect(attempt, pending, finals, e);
                    stillPending = List.of();
                }
            }
            if (stillPending.isEmpty()) {
                return List.of(finals);
            }
            retried.increment(stillPending.size());
            Duration pause = backoff.next();
            LOG.warnf("Elasticsearch could not take %d of %d items; retrying them in %s: %s", stillPending.size(),
                    chunk.size(), pause, failure);
            Thread.sleep(pause.toMillis());
            pending = stillPending;
        }
    }
}
