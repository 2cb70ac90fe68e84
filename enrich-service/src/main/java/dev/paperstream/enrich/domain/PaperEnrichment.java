package dev.paperstream.enrich.domain;

import java.util.List;

import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.PaperEvent;
import dev.paperstream.events.PaperSnapshot;

/** Derives the enriched event from a listed one: tags, author count and team size. Pure and deterministic. */
public final class PaperEnrichment {

    private final TopicTagger tagger;

    public PaperEnrichment(TopicTagger tagger) {
        this.tagger = tagger;
    }

    public EnrichedPaperEvent enrich(PaperEvent event) {
        PaperSnapshot paper = event.paper();
        List<String> tags = tagger.tag(paper.title(), paper.summary(), paper.keywords());
        Integer authorCount = paper.authorCount() != null ? paper.authorCount()
                : paper.authors().isEmpty() ? null : paper.authors().size();
        TeamSize teamSize = TeamSize.of(authorCount);
        return new EnrichedPaperEvent(PaperEvent.SCHEMA_VERSION, event.eventId(), event.paperId(), event.version(),
                event.occurredAt(), tagger.version(), paper, tags, authorCount,
                teamSize == null ? null : teamSize.id(), List.of(), List.of(), false);
    }
}
