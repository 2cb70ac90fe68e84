package dev.paperstream.ingest.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import dev.paperstream.events.EventCodec;
import dev.paperstream.events.PaperEvent;
import dev.paperstream.events.PaperEventType;
import dev.paperstream.events.PaperSnapshot;
import dev.paperstream.events.UpvoteObservation;
import dev.paperstream.ingest.domain.EntryRejection;
import dev.paperstream.ingest.domain.ListedPaper;
import dev.paperstream.ingest.domain.PaperIdentity;
import dev.paperstream.ingest.domain.ParsedListing;
import dev.paperstream.ingest.messaging.OutboxWritten;
import dev.paperstream.ingest.persistence.ListingEntity;
import dev.paperstream.ingest.persistence.ListingRepository;
import dev.paperstream.ingest.persistence.OutboxEventEntity;
import dev.paperstream.ingest.persistence.OutboxRepository;
import dev.paperstream.ingest.persistence.PaperAliasEntity;
import dev.paperstream.ingest.persistence.PaperAliasRepository;
import dev.paperstream.ingest.persistence.PaperEntity;
import dev.paperstream.ingest.persistence.PaperRepository;
import dev.paperstream.ingest.persistence.UpvoteObservationEntity;
import dev.paperstream.ingest.persistence.UpvoteObservationRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

/**
 * Records a parsed listing: provenance, each paper's new state, its upvote history, and one outbox
 * event per new or changed paper, all in one transaction. An unchanged paper publishes nothing.
 *
 * <p>Identity: a paper is found by its arXiv id, else through the alias of its normalized title
 * ({@link PaperIdentity#titleKey}). A paper known only by its title key moves to its arXiv id the first
 * time a listing gives one: one paper, never two (see {@code moveToArxivId}).
 */
@ApplicationScoped
public class ListingIngestion {

    private static final Logger LOG = Logger.getLogger(ListingIngestion.class);
    private static final int MAX_ATTEMPTS = 3;
    /** PostgreSQL's SQLState for a unique key violation. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** How much upvote history events carry: enough for the longest trending window. */
    private static final Duration UPVOTE_HISTORY = Duration.ofDays(30);
    private static final TypeReference<List<EntryRejection>> REJECTIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final PaperRepository papers;
    private final PaperAliasRepository aliases;
    private final ListingRepository listings;
    private final UpvoteObservationRepository upvotes;
    private final OutboxRepository outbox;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final Event<OutboxWritten> outboxWritten;

    public ListingIngestion(PaperRepository papers, PaperAliasRepository aliases, ListingRepository listings,
            UpvoteObservationRepository upvotes, OutboxRepository outbox, ObjectMapper json, MeterRegistry metrics,
            Event<OutboxWritten> outboxWritten) {
        this.outboxWritten = outboxWritten;
        this.papers = papers;
        this.aliases = aliases;
        this.listings = listings;
        this.upvotes = upvotes;
        this.outbox = outbox;
        this.json = json;
        this.metrics = metrics;
    }

    /**
     * Stores the listing and its changes; returns what it changed. Two listings naming the same new paper at
     * the same moment both try to insert it; the loser's transaction fails on the unique key and is simply
     * run again, now finding the paper the winner stored.
     */
    public ListingSummary record(ParsedListing parsed, String source, byte[] body) {
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> recordInTransaction(parsed, source, body));
            } catch (RuntimeException e) {
                if (attempt == MAX_ATTEMPTS || !isUniqueViolation(e)) {
                    throw e;
                }
                LOG.debugf("Concurrent listing stored the same paper first; retrying (attempt %d)", attempt + 1);
            }
        }
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private ListingSummary recordInTransaction(ParsedListing parsed, String source, byte[] body) {
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

        for (ListedPaper listed : parsed.papers()) {
            String titleKey = PaperIdentity.titleKey(listed.title());
            PaperEntity paper = listed.arxivId() != null ? papers.findById(PaperIdentity.of(listed.arxivId(), null)) : null;
            PaperEntity titled = paper == null ? byTitleKey(titleKey) : null;
            if (paper == null && titled != null && (listed.arxivId() == null || titled.arxivId == null)) {
                if (listed.arxivId() != null) {
                    // First arXiv id for a paper known by its title: it moves to the arXiv id.
                    paper = moveToArxivId(titled, PaperIdentity.of(listed.arxivId(), null), listing, now);
                } else {
                    paper = titled;
                }
            }
            if (paper == null) {
                paper = newPaper(PaperIdentity.of(listed.arxivId(), listed.title()), listed, now);
                papers.persist(paper);
                ensureAlias(titleKey, paper.id, now);
                observeUpvotes(paper, listing, now);
                enqueue(paper, PaperEventType.PaperListed, listing, now);
                listing.newPapers++;
                continue;
            }
            ensureAlias(titleKey, paper.id, now);
            int upvotesBefore = paper.upvotes;
            // A moved paper always changes here: it gains its arXiv id.
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

    /** The paper a normalized title names: through its alias, else the paper whose id is that key. */
    private PaperEntity byTitleKey(String titleKey) {
        PaperAliasEntity alias = aliases.findById(titleKey);
        return papers.findById(alias != null ? alias.paperId : titleKey);
    }

    private void ensureAlias(String titleKey, String paperId, Instant now) {
        if (aliases.findById(titleKey) == null) {
            PaperAliasEntity alias = new PaperAliasEntity();
            alias.titleKey = titleKey;
            alias.paperId = paperId;
            alias.createdAt = now;
            aliases.persist(alias);
        }
    }

    /**
     * Moves a paper known by its title key to its arXiv id: same state, history and aliases under the
     * new id, the old row removed, and a tombstone queued so that consumers drop the old id. The
     * returned paper still lacks the arXiv id, so the merge that follows publishes it as a change with
     * the next version.
     */
    private PaperEntity moveToArxivId(PaperEntity old, String arxivId, ListingEntity listing, Instant now) {
        PaperEntity moved = new PaperEntity();
        moved.id = arxivId;
        moved.arxivId = old.arxivId;
        moved.title = old.title;
        moved.summary = old.summary;
        moved.publishedOn = old.publishedOn;
        moved.upvotes = old.upvotes;
        moved.authorCount = old.authorCount;
        moved.organization = old.organization;
        moved.authorsJson = old.authorsJson;
        moved.keywordsJson = old.keywordsJson;
        moved.categoriesJson = old.categoriesJson;
        moved.affiliationsJson = old.affiliationsJson;
        moved.codeUrl = old.codeUrl;
        moved.projectUrl = old.projectUrl;
        moved.version = old.version;
        moved.firstListedAt = old.firstListedAt;
        moved.updatedAt = now;
        papers.persist(moved);
        papers.flush();
        upvotes.repoint(old.id, arxivId);
        for (PaperAliasEntity alias : aliases.list("paperId", old.id)) {
            alias.paperId = arxivId;
        }
        papers.delete(old);
        enqueueTombstone(old.id, arxivId, listing, now);
        metrics.counter("paperstream.ingest.papers.moved").increment();
        return moved;
    }

    private PaperEntity newPaper(String id, ListedPaper listed, Instant now) {
        PaperEntity paper = new PaperEntity();
        paper.id = id;
        paper.arxivId = listed.arxivId();
        paper.title = listed.title();
        paper.summary = listed.summary();
        paper.publishedOn = listed.publishedOn();
        paper.upvotes = listed.upvotes() == null ? 0 : listed.upvotes();
        paper.authorCount = listed.authorCount();
        paper.organization = listed.organization();
        paper.authorsJson = writeJson(listed.authors());
        paper.keywordsJson = writeJson(listed.keywords());
        paper.categoriesJson = writeJson(listed.categories());
        paper.affiliationsJson = writeJson(listed.affiliations());
        paper.codeUrl = listed.codeUrl();
        paper.projectUrl = listed.projectUrl();
        paper.version = 1;
        paper.firstListedAt = now;
        paper.updatedAt = now;
        return paper;
    }

    /**
     * Applies what the listing says on top of what is known; a field the listing leaves out (null or
     * empty: arXiv has no upvotes, the page text no author names) keeps its known value. Returns whether
     * anything changed, and if so bumps the version.
     */
    private boolean merge(PaperEntity paper, ListedPaper listed, Instant now) {
        String summary = listed.summary().isEmpty() ? paper.summary : listed.summary();
        LocalDate publishedOn = listed.publishedOn() != null ? listed.publishedOn() : paper.publishedOn;
        int upvoteCount = listed.upvotes() != null ? listed.upvotes() : paper.upvotes;
        Integer authorCount = listed.authorCount() != null ? listed.authorCount() : paper.authorCount;
        String organization = listed.organization() != null ? listed.organization() : paper.organization;
        String arxivId = listed.arxivId() != null ? listed.arxivId() : paper.arxivId;
        String authors = listed.authors().isEmpty() ? paper.authorsJson : writeJson(listed.authors());
        String keywords = listed.keywords().isEmpty() ? paper.keywordsJson : writeJson(listed.keywords());
        String categories = listed.categories().isEmpty() ? paper.categoriesJson : writeJson(listed.categories());
        String affiliations = listed.affiliations().isEmpty() ? paper.affiliationsJson
                : writeJson(listed.affiliations());
        String codeUrl = listed.codeUrl() != null ? listed.codeUrl() : paper.codeUrl;
        String projectUrl = listed.projectUrl() != null ? listed.projectUrl() : paper.projectUrl;
        boolean changed = !paper.title.equals(listed.title())
                || !paper.summary.equals(summary)
                || !Objects.equals(paper.publishedOn, publishedOn)
                || paper.upvotes != upvoteCount
                || !Objects.equals(paper.authorCount, authorCount)
                || !Objects.equals(paper.organization, organization)
                || !Objects.equals(paper.arxivId, arxivId)
                || !paper.authorsJson.equals(authors)
                || !paper.keywordsJson.equals(keywords)
                || !paper.categoriesJson.equals(categories)
                || !paper.affiliationsJson.equals(affiliations)
                || !Objects.equals(paper.codeUrl, codeUrl)
                || !Objects.equals(paper.projectUrl, projectUrl);
        if (changed) {
            paper.title = listed.title();
            paper.summary = summary;
            paper.publishedOn = publishedOn;
            paper.upvotes = upvoteCount;
            paper.authorCount = authorCount;
            paper.organization = organization;
            paper.arxivId = arxivId;
            paper.authorsJson = authors;
            paper.keywordsJson = keywords;
            paper.categoriesJson = categories;
            paper.affiliationsJson = affiliations;
            paper.codeUrl = codeUrl;
            paper.projectUrl = projectUrl;
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

    /** A Kafka tombstone (null value) for a retired paper id, naming the id that replaced it in a header. */
    private void enqueueTombstone(String retiredId, String supersededBy, ListingEntity listing, Instant now) {
        OutboxEventEntity row = new OutboxEventEntity();
        row.eventId = UUID.randomUUID();
        row.eventType = OutboxEventEntity.TOMBSTONE;
        row.messageKey = retiredId;
        row.payload = null;
        row.supersededBy = supersededBy;
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
                paper.authorCount, readList(paper.authorsJson), paper.organization, readList(paper.keywordsJson),
                paper.codeUrl, paper.projectUrl, readList(paper.categoriesJson), paper.firstListedAt, history);
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
            throw new IllegalStateException("lists of strings and records always serialize", e);
        }
    }

    private List<String> readList(String stored) {
        try {
            return json.readValue(stored, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("paper list columns are written by this service", e);
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
