package dev.paperstream.enrich.domain;

import java.util.List;

import dev.paperstream.events.AuthorPapers;
import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.PaperEvent;
import dev.paperstream.events.PaperLink;
import dev.paperstream.events.PaperSnapshot;

/**
 * Derives the enriched event from a listed one: tags, author count, team size, links. Pure and
 * deterministic; the author paper counts are given by the caller, which keeps them.
 */
public final class PaperEnrichment {

    private final TopicTagger tagger;

    public PaperEnrichment(TopicTagger tagger) {
        this.tagger = tagger;
    }

    /** The taxonomy version this enrichment applies. */
    public String version() {
        return tagger.version();
    }

    public EnrichedPaperEvent enrich(PaperEvent event, List<AuthorPapers> authors) {
        PaperSnapshot paper = event.paper();
        List<String> tags = tagger.tag(paper.title(), paper.summary(), paper.keywords());
        Integer authorCount = paper.authorCount() != null ? paper.authorCount()
                : paper.authors().isEmpty() ? null : paper.authors().size();
        TeamSize teamSize = TeamSize.of(authorCount);
        List<PaperLink> links = LinkExtractor.extract(paper.summary(), paper.codeUrl(), paper.projectUrl());
        return new EnrichedPaperEvent(PaperEvent.SCHEMA_VERSION, event.eventId(), event.paperId(), event.version(),
                event.occurredAt(), tagger.version(), paper, tags, authorCount,
                teamSize == null ? null : teamSize.id(), authors, links, LinkExtractor.hasCode(links));
    }
}
