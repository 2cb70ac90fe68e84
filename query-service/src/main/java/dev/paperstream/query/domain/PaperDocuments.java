package dev.paperstream.query.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.paperstream.events.AuthorPapers;
import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.PaperLink;
import dev.paperstream.events.PaperSnapshot;
import dev.paperstream.events.UpvoteObservation;

/** Explicit mapping from the event contract to the indexed document. */
public final class PaperDocuments {

    /** Completion inputs per title: the first words start the suffixes users type. */
    static final int MAX_SUGGEST_INPUTS = 24;
    /** Longer inputs cannot help a prefix match; the mapping's max_input_length is 60. */
    static final int MAX_SUGGEST_INPUT_LENGTH = 60;

    private PaperDocuments() {
    }

    public static PaperDocument fromEvent(EnrichedPaperEvent event) {
        PaperSnapshot paper = event.paper();
        Instant asOf = event.occurredAt();
        Instant firstListedAt = paper.firstListedAt() != null ? paper.firstListedAt() : asOf;
        List<String> authorNames = event.authors().isEmpty() ? paper.authors()
                : event.authors().stream().map(AuthorPapers::name).toList();
        List<PaperDocument.Link> links = new ArrayList<>();
        for (PaperLink link : event.links()) {
            links.add(new PaperDocument.Link(link.kind(), link.url()));
        }
        if (links.isEmpty()) {
            if (paper.codeUrl() != null) {
                links.add(new PaperDocument.Link("code", paper.codeUrl()));
            }
            if (paper.projectUrl() != null) {
                links.add(new PaperDocument.Link("project", paper.projectUrl()));
            }
        }
        boolean hasCode = event.hasCode() || links.stream().anyMatch(l -> "code".equals(l.kind()));
        UpvoteGains.Gains gains = UpvoteGains.asOf(paper.upvotes(), paper.upvoteHistory(), firstListedAt, asOf);
        List<PaperDocument.Upvotes> history = paper.upvoteHistory().stream().filter(o -> o.observedAt() != null)
                .map(o -> new PaperDocument.Upvotes(o.observedAt().toString(), o.upvotes())).toList();
        return new PaperDocument(
                event.paperId(),
                paper.title(),
                paper.summary(),
                paper.publishedOn() == null ? null : paper.publishedOn().toString(),
                paper.publishedOn() == null ? null : paper.publishedOn().getYear(),
                paper.upvotes(),
                event.authorCount(),
                event.teamSize(),
                paper.organization(),
                authorNames,
                event.tags(),
                links,
                hasCode,
                firstListedAt.toString(),
                gains.gain24h(),
                gains.gain7d(),
                gains.gain30d(),
                history,
                asOf.toString(),
                gains.changesAt() == null ? null : gains.changesAt().toString(),
                new PaperDocument.Completion(suggestInputs(paper.title()), paper.upvotes()),
                event.enrichmentVersion(),
                event.version(),
                asOf.toString(),
                EmbeddingText.hash(paper.title(), paper.summary()));
    }

    /** The title and each suffix starting at a later word, so that a prefix of any word completes the title. */
    public static List<String> suggestInputs(String title) {
        String[] words = title.strip().split("\\s+");
        Set<String> inputs = new LinkedHashSet<>();
        for (int i = 0; i < words.length && inputs.size() < MAX_SUGGEST_INPUTS; i++) {
            String suffix = String.join(" ", java.util.Arrays.asList(words).subList(i, words.length));
            inputs.add(suffix.length() > MAX_SUGGEST_INPUT_LENGTH ? suffix.substring(0, MAX_SUGGEST_INPUT_LENGTH)
                    : suffix);
        }
        return List.copyOf(inputs);
    }

    /**
     * The paper's gains re-measured back from {@code now} from its stored history (a re-scoring), in the fields of
     * its stored source.
     */
    public static UpvoteGains.Gains gainsAsOf(PaperDocument document, Instant now) {
        List<UpvoteObservation> history = document.upvoteHistory().stream()
                .map(u -> new UpvoteObservation(Instant.parse(u.observedAt()), u.upvotes())).toList();
        Instant firstListedAt = document.firstListedAt() == null ? null : Instant.parse(document.firstListedAt());
        return UpvoteGains.asOf(document.upvotes(), history, firstListedAt, now);
    }
}
