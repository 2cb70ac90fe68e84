package dev.paperstream.ingest.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperstream.events.EventCodec;
import dev.paperstream.events.PaperEvent;
import dev.paperstream.events.PaperEventType;
import dev.paperstream.events.PaperSnapshot;
import dev.paperstream.events.UpvoteObservation;
import dev.paperstream.ingest.domain.EntryRejection;
import dev.paperstream.ingest.domain.ListedPaper;
import dev.paperstream.ingest.domain.PaperIdentity;
import dev.paperstream.ingest.domain.ParsedListing;
import dev.paperstream.ingest.persistence.ListingEntity;
import dev.paperstream.ingest.persistence.ListingRepository;
import dev.paperstream.ingest.persistence.OutboxEventEntity;
import dev.paperstream.ingest.persistence.OutboxRepository;
import dev.paperstream.ingest.persistence.PaperEntity;
import dev.paperstream.ingest.persistence.PaperRepository;
import dev.paperstream.ingest.persistence.UpvoteObservationEntity;
import dev.paperstream.ingest.persistence.UpvoteObservationRepository;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Records a parsed listing: provenance, each paper's new state, its upvote history, and one outbox
 * event per new or changed paper, all in one transaction. An unchanged paper publishes nothing.
 */
@ApplicationScoped
public class ListingIngestion {

    /** How much upvote history events carry: enough for the longest trending window. */
    private static final Duration UPVOTE_HISTORY = Duration.ofDays(30);
    private static final TypeReference<List<EntryRejection>> REJECTIONS = new TypeReference<>() {
    };

    private final PaperRepository papers;
    private final ListingRepository listings;
    private final UpvoteObservationRepository upvotes;
    private final OutboxRepository outbox;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public ListingIngestion(PaperRepository papers, ListingRepository listings, UpvoteObservationRepository upvotes,
            OutboxRepository outbox, ObjectMapper json, MeterRegistry metrics) {
        this.papers = papers;
        this.listings = listings;
        this.upvotes = upvotes;
        this.outbox = outbox;
        this.json = json;
        this.metrics = metrics;
    }

    /** Stores the listing and its changes; returns what it changed. */
    @Transactional
    public ListingSummary record(ParsedListing parsed, String source, byte[] body) {
        Instant now = Instant.now();
        ListingEntity listing = new ListingEntity();
        listing.id = "l-" + UUID.randomUUID();
        listing.source = source;
        listing.format = parsed.format().id();
        listing.receivedAt = now;
        listing.contentSha256 = sha256(body);
        listing.listingDate = parsed.listingDate();
        listing.entries = parsed.entries();
        listing.accepted = parsed.papers().size();
        listing.rejectedJson = writeJson(parsed.rejected());
        listings.persist(listing);

        List<String> ids = parsed.papers().stream().map(p -> PaperIdentity.of(p.arxivId(), p.title())).toList();
        Map<String, PaperEntity> known = papers.list("id in ?1", ids).stream()
                .collect(Collectors.toMap(p -> p.id, Function.identity()));

        for (int i = 0; i < ids.size(); i++) {
            ListedPaper listed = parsed.papers().get(i);
            String id = ids.get(i);
            PaperEntity paper = known.get(id);
            if (paper == null) {
                paper = newPaper(id, listed, now);
                papers.persist(paper);
                known.put(id, paper);
                observeUpvotes(paper, listing, now);
                enqueue(paper, PaperEventType.PaperListed, listing, now);
                listing.newPapers++;
            } else {
                int upvotesBefore = paper.upvotes;
                if (!merge(paper, listed, now)) {
                    listing.unchangedPapers++;
                    continue;
                }
                if (paper.upvotes != upvotesBefore) {
                    observeUpvotes(paper, listing, now);
                }
                enqueue(paper, PaperEventType.PaperUpdated, listing, now);
                listing.updatedPapers++;
            }
        }
        metrics.counter("paperstream.ingest.papers", "outcome", "new").increment(listing.newPapers);
        metrics.counter("paperstream.ingest.papers", "outcome", "updated").increment(listing.updatedPapers);
        metrics.counter("paperstream.ingest.papers", "outcome", "unchanged").increment(listing.unchangedPapers);
        metrics.counter("paperstream.ingest.entries.rejected").increment(parsed.rejected().size());
        return summaryOf(listing);
    }

    /** The stored summary of a listing. */
    @Transactional
    public Optional<ListingSummary> find(String listingId) {
        return listings.findByIdOptional(listingId).map(this::summaryOf);
    }

    private static PaperEntity newPaper(String id, ListedPaper listed, Instant now) {
        PaperEntity paper = new PaperEntity();
        paper.id = id;
        paper.arxivId = listed.arxivId();
        paper.title = listed.title();
        paper.summary = listed.summary();
        paper.publishedOn = listed.publishedOn();
        paper.upvotes = listed.upvotes();
        paper.authorCount = listed.authorCount();
        paper.organization = listed.organization();
        paper.version = 1;
        paper.firstListedAt = now;
        paper.updatedAt = now;
        return paper;
    }

    /**
     * Applies what the listing says on top of what is known; a field the listing leaves out keeps its
     * known value. Returns whether anything changed, and if so bumps the version.
     */
    private static boolean merge(PaperEntity paper, ListedPaper listed, Instant now) {
        String summary = listed.summary().isEmpty() ? paper.summary : listed.summary();
        Integer authorCount = listed.authorCount() != null ? listed.authorCount() : paper.authorCount;
        String organization = listed.organization() != null ? listed.organization() : paper.organization;
        String arxivId = listed.arxivId() != null ? listed.arxivId() : paper.arxivId;
        boolean changed = !paper.title.equals(listed.title())
                || !paper.summary.equals(summary)
                || !Objects.equals(paper.publishedOn, listed.publishedOn())
                || paper.upvotes != listed.upvotes()
                || !Objects.equals(paper.authorCount, authorCount)
                || !Objects.equals(paper.organization, organization)
                || !Objects.equals(paper.arxivId, arxivId);
        if (changed) {
            paper.title = listed.title();
            paper.summary = summary;
            paper.publishedOn = listed.publishedOn();
            paper.upvotes = listed.upvotes();
            paper.authorCount = authorCount;
            paper.organization = organization;
            paper.arxivId = arxivId;
            paper.version++;
            paper.updatedAt = now;
        }
        return changed;
    }

    private void observeUpvotes(PaperEntity paper, ListingEntity listing, Instant now) {
        UpvoteObservationEntity observation = new UpvoteObservationEntity();
        observation.paperId = paper.id;
        observation.listingId = listing.id;
        observation.observedAt = now;
        observation.upvotes = paper.upvotes;
        upvotes.persist(observation);
    }

    private void enqueue(PaperEntity paper, PaperEventType type, ListingEntity listing, Instant now) {
        PaperEvent event = new PaperEvent(PaperEvent.SCHEMA_VERSION, UUID.randomUUID(), type, paper.id,
                paper.version, now, listing.id, toSnapshot(paper, now));
        OutboxEventEntity row = new OutboxEventEntity();
        row.eventId = event.eventId();
        row.eventType = type.name();
        row.messageKey = paper.id;
        row.payload = EventCodec.encode(event);
        row.source = "/ingest-service/listings/" + listing.id;
        row.createdAt = now;
        outbox.persist(row);
    }

    /** Explicit mapping from the stored paper to the event contract, with its recent upvote history. */
    private PaperSnapshot toSnapshot(PaperEntity paper, Instant now) {
        List<UpvoteObservation> history = upvotes
                .list("paperId = ?1 and observedAt >= ?2 order by observedAt", paper.id, now.minus(UPVOTE_HISTORY))
                .stream().map(o -> new UpvoteObservation(o.observedAt, o.upvotes)).toList();
        return new PaperSnapshot(paper.arxivId, paper.title, paper.summary, paper.publishedOn, paper.upvotes,
                paper.authorCount, List.of(), paper.organization, List.of(), null, null, List.of(),
                paper.firstListedAt, history);
    }

    private ListingSummary summaryOf(ListingEntity listing) {
        return new ListingSummary(listing.id, listing.format, listing.source, listing.listingDate, listing.entries,
                listing.accepted, listing.newPapers, listing.updatedPapers, listing.unchangedPapers,
                readRejections(listing.rejectedJson));
    }

    private String writeJson(List<EntryRejection> rejections) {
        try {
            return json.writeValueAsString(rejections);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rejections are plain records", e);
        }
    }

    private List<EntryRejection> readRejections(String stored) {
        try {
            return json.readValue(stored, REJECTIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("listing.rejected_json is written by this service", e);
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
