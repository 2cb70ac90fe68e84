package dev.paperstream.query.domain;

import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.PaperSnapshot;

/** Explicit mapping from the event contract to the indexed document. */
public final class PaperDocuments {

    private PaperDocuments() {
    }

    public static PaperDocument fromEvent(EnrichedPaperEvent event) {
        PaperSnapshot paper = event.paper();
        return new PaperDocument(
                event.paperId(),
                paper.title(),
                paper.summary(),
                paper.publishedOn() == null ? null : paper.publishedOn().toString(),
                paper.upvotes(),
                event.authorCount(),
                event.teamSize(),
                paper.organization(),
                paper.authors(),
                event.tags(),
                event.enrichmentVersion(),
                event.version(),
                event.occurredAt().toString());
    }
}
