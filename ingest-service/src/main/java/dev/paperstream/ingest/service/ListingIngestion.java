package dev.paperstream.ingest.service;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import dev.paperstream.events.Sha256;
import dev.paperstream.events.TraceParent;
import dev.paperstream.ingest.config.IngestConfig;
import dev.paperstream.ingest.domain.EntryRejection;
import dev.paperstream.ingest.domain.ListedPaper;
import dev.paperstream.ingest.domain.PaperSet;
import dev.paperstream.ingest.domain.ParsedListing;
import dev.paperstream.ingest.messaging.OutboxWritten;
import dev.paperstream.ingest.persistence.ConcurrentPaperChangeException;
import dev.paperstream.ingest.persistence.ListingEntity;
import dev.paperstream.ingest.persistence.ListingRepository;
import dev.paperstream.ingest.persistence.OutboxWriter;
import dev.paperstream.ingest.persistence.PaperStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

/**
 * Records a parsed listing in one transaction: provenance, then the papers chunk by chunk, each chunk as a set
 * (identity resolution and locking in {@link PaperStore#lockKnown}, merge rules in {@link PaperSet}, batched
 * writes, and outbox events built from the states in memory by {@link OutboxEvents}). An unchanged paper
 * publishes nothing.
 */
@ApplicationScoped
public class ListingIngestion {

    private static final Logger LOG = Logger.getLogger(ListingIngestion.class);
    private static final int MAX_ATTEMPTS = 10;
    /**
     * SQLStates after which the whole listing is simply run again: a unique key another listing inserted first
     * (the same new paper or alias), a deadlock, a serialization failure.
     */
    private static final Set<String> RETRIED_STATES = Set.of("23505", "40P01", "40001");
    private static final TypeReference<List<EntryRejection>> REJECTIONS = new TypeReference<>() {
    };

    private final ListingRepository listings;
    private final PaperStore papers;
    private final OutboxWriter outbox;
    private final IngestConfig config;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final Event<OutboxWritten> outboxWritten;

    public ListingIngestion(ListingRepository listings, PaperStore papers, OutboxWriter outbox, IngestConfig config,
            ObjectMapper json, MeterRegistry metrics, Event<OutboxWritten> outboxWritten) {
        this.listings = listings;
        this.papers = papers;
        this.outbox = outbox;
        this.config = config;
        this.json = json;
        this.metrics = metrics;
        this.outboxWritten = outboxWritten;
    }

    /**
     * Stores the listing and its changes; returns what it changed. {@code observedAt} is when the listing's
     * upvote counts were observed (its {@code asOf}, else when it was received). Two listings naming the same
     * new paper at the same moment both try to insert it; the loser's transaction fails on the unique key and is
     * run again, now finding the paper the winner stored.
     */
    public ListingSummary record(ParsedListing parsed, String source, byte[] body, Instant observedAt) {
        for (int attempt = 1;; attempt++) {
            try {
                ListingSummary summary = QuarkusTransaction.requiringNew()
                        .call(() -> recordInTransaction(parsed, source, body, observedAt));
                // One line per listing, under the request's trace id: where an operator starts following a paper.
                LOG.infof("Listing %s (%s from %s): %d new, %d updated, %d unchanged, %d rejected", summary.listingId(),
                        summary.format(), summary.source(), summary.newPapers(), summary.updated(),
                        summary.unchanged(), summary.rejected().size());
                return summary;
            } catch (RuntimeException e) {
                if (!isRetried(e)) {
                    throw e;
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw new ConcurrentListingsException(MAX_ATTEMPTS, e);
                }
                LOG.debugf("A concurrent listing changed the same papers first; retrying (attempt %d): %s",
                        attempt + 1, e.getMessage());
                pause(attempt);
            }
        }
    }

    /** A short random pause growing with the attempt, so that listings that collided do not collide again. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a listing", e);
        }
    }

    private static boolean isRetried(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrentPaperChangeException
                    || t instanceof SQLException sql && sql.getSQLState() != null
                            && RETRIED_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private ListingSummary recordInTransaction(ParsedListing parsed, String source, byte[] body, Instant observedAt) {
        Instant now = Instant.now();
        ListingEntity listing = new ListingEntity();
        listing.id = "l-" + UUID.randomUUID();
        listing.source = source;
        listing.format = parsed.format().id();
        listing.receivedAt = now;
        listing.contentSha256 = Sha256.hex(body);
        listing.listingDate = parsed.listingDate();
        listing.entries = parsed.entries();
        listing.accepted = parsed.papers().size();
        listing.rejectedJson = writeJson(parsed.rejected());
        listings.persist(listing);
        // The listing row exists before the JDBC batches that reference it.
        listings.flush();

        List<ListedPaper> listed = parsed.papers();
        int chunkSize = config.chunkSize();
        for (int from = 0; from < listed.size(); from += chunkSize) {
            List<ListedPaper> chunk = listed.subList(from, Math.min(listed.size(), from + chunkSize));
            PaperSet set = papers.lockKnown(chunk, OutboxEvents.UPVOTE_HISTORY);
            for (ListedPaper paper : chunk) {
                switch (set.apply(paper, observedAt, now)) {
                    case NEW -> listing.newPapers++;
                    case UPDATED -> listing.updatedPapers++;
                    case UNCHANGED -> listing.unchangedPapers++;
                }
            }
            PaperSet.Writes writes = set.writes();
            papers.write(writes, listing.id, now);
            // The request's trace continues at the relay's send (OutboxRelay) through the row's traceparent.
            outbox.write(OutboxEvents.of(writes, listing.id, now, TraceParent.current()));
            if (!writes.moves().isEmpty()) {
                metrics.counter("paperstream.ingest.papers.moved").increment(writes.moves().size());
            }
        }
        metrics.counter("paperstream.ingest.papers", "outcome", "new").increment(listing.newPapers);
        metrics.counter("paperstream.ingest.papers", "outcome", "updated").increment(listing.updatedPapers);
        metrics.counter("paperstream.ingest.papers", "outcome", "unchanged").increment(listing.unchangedPapers);
        metrics.counter("paperstream.ingest.entries.rejected").increment(parsed.rejected().size());
        if (listing.newPapers + listing.updatedPapers > 0) {
            outboxWritten.fire(new OutboxWritten());
        }
        return summaryOf(listing);
    }

    /** The stored summary of a listing. */
    @Transactional
    public Optional<ListingSummary> find(String listingId) {
        return listings.findByIdOptional(listingId).map(this::summaryOf);
    }

    private ListingSummary summaryOf(ListingEntity listing) {
        return new ListingSummary(listing.id, listing.format, listing.source, listing.listingDate, listing.entries,
                listing.accepted, listing.newPapers, listing.updatedPapers, listing.unchangedPapers,
                readRejections(listing.rejectedJson));
    }

    private String writeJson(List<?> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lists of records always serialize", e);
        }
    }

    private List<EntryRejection> readRejections(String stored) {
        try {
            return json.readValue(stored, REJECTIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("listing.rejected_json is written by this service", e);
        }
    }
}
