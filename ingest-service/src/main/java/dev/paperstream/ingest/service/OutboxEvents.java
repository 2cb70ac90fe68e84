package dev.paperstream.ingest.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.paperstream.events.EventCodec;
import dev.paperstream.events.PaperEvent;
import dev.paperstream.events.PaperEventType;
import dev.paperstream.events.PaperSnapshot;
import dev.paperstream.events.UpvoteObservation;
import dev.paperstream.ingest.domain.PaperSet;
import dev.paperstream.ingest.domain.PaperSet.Change;
import dev.paperstream.ingest.domain.PaperSet.Retirement;
import dev.paperstream.ingest.domain.PaperState;
import dev.paperstream.ingest.persistence.OutboxEventEntity;

/**
 * The outbox rows of a chunk's writes, built from the states in memory: each retired id's tombstone, then one
 * event per published change. The mapping from a paper's state to the event contract lives here only.
 */
final class OutboxEvents {

    /** How much upvote history events carry, back from a paper's newest observation: the longest trending window. */
    static final Duration UPVOTE_HISTORY = Duration.ofDays(30);

    private OutboxEvents() {
    }

    static List<OutboxEventEntity> of(PaperSet.Writes writes, String listingId, Instant now, String traceParent) {
        String source = "/ingest-service/listings/" + listingId;
        List<OutboxEventEntity> rows = new ArrayList<>(writes.moves().size() + writes.changes().size());
        for (Retirement retired : writes.moves()) {
            OutboxEventEntity row = row(retired.retiredId(), OutboxEventEntity.TOMBSTONE, retired.version(), source,
                    now, traceParent);
            row.supersededBy = retired.supersededBy();
            rows.add(row);
        }
        for (Change change : writes.changes()) {
            PaperState paper = change.state();
            PaperEventType type = change.listed() ? PaperEventType.PaperListed : PaperEventType.PaperUpdated;
            OutboxEventEntity row = row(paper.id(), type.name(), paper.version(), source, now, traceParent);
            row.payload = EventCodec.encode(new PaperEvent(PaperEvent.SCHEMA_VERSION, row.eventId, type, paper.id(),
                    paper.version(), now, listingId, snapshot(change)));
            rows.add(row);
        }
        return rows;
    }

    private static OutboxEventEntity row(String key, String type, long version, String source, Instant now,
            String traceParent) {
        OutboxEventEntity row = new OutboxEventEntity();
        row.eventId = UUID.randomUUID();
        row.eventType = type;
        row.messageKey = key;
        row.version = version;
        row.source = source;
        row.createdAt = now;
        row.traceParent = traceParent;
        return row;
    }

    /** Explicit mapping from a paper's state to the event contract, with its recent upvote history. */
    private static PaperSnapshot snapshot(Change change) {
        PaperState paper = change.state();
        Instant since = paper.upvotesObservedAt() == null ? Instant.MAX : paper.upvotesObservedAt().minus(UPVOTE_HISTORY);
        List<UpvoteObservation> history = change.history().stream()
                .filter(count -> !count.observedAt().isBefore(since))
                .map(count -> new UpvoteObservation(count.observedAt(), count.upvotes()))
                .toList();
        return new PaperSnapshot(paper.arxivId(), paper.title(), paper.summary(), paper.publishedOn(), paper.upvotes(),
                paper.authorCount(), paper.authors(), paper.organization(), paper.keywords(), paper.codeUrl(),
                paper.projectUrl(), paper.categories(), paper.firstListedAt(), history);
    }
}
