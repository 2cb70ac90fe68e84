package dev.paperstream.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.paperstream.ingest.domain.PaperMerge.UpvoteCount;
import dev.paperstream.ingest.domain.PaperSet.Effect;
import dev.paperstream.ingest.domain.PaperSet.Retirement;

/** Identity, merge and the writes of one chunk, without a database. */
class PaperSetTest {

    private static final String TITLE = "Tower+: Bridging Generality and Translation Specialization in Multilingual LLMs";
    private static final String TITLE_ID = PaperIdentity.titleKey(TITLE);
    private static final Instant DEC_17 = Instant.parse("2025-12-17T23:59:59.999Z");
    private static final Instant DEC_18 = Instant.parse("2025-12-18T23:59:59.999Z");
    private static final Instant NOW = Instant.parse("2025-12-20T10:00:00Z");

    @Test
    void keepsOnePaperWhenArxivIdArrivesLater() {
        PaperState known = stored(TITLE_ID, null, 7, DEC_17, 3);
        PaperSet set = new PaperSet(Map.of(TITLE_ID, known), Map.of(TITLE_ID, TITLE_ID),
                Map.of(TITLE_ID, List.of(new UpvoteCount(DEC_17, 7))));

        assertThat(set.apply(listed("2506.17080v2", 7), DEC_18, NOW)).isEqualTo(Effect.UPDATED);

        PaperSet.Writes writes = set.writes();
        assertThat(writes.moves()).containsExactly(new Retirement(TITLE_ID, "2506.17080", 4));
        assertThat(writes.inserts()).singleElement().satisfies(paper -> {
            assertThat(paper.id()).isEqualTo("2506.17080");
            assertThat(paper.arxivId()).isEqualTo("2506.17080v2");
            assertThat(paper.version()).isEqualTo(4);
        });
        assertThat(writes.updates()).isEmpty();
        assertThat(writes.changes()).singleElement().satisfies(change -> {
            assertThat(change.listed()).isFalse();
            assertThat(change.state().version()).isEqualTo(4);
            assertThat(change.history()).containsExactly(new UpvoteCount(DEC_17, 7));
        });
    }

    @Test
    void olderCaptureJoinsTheHistoryWithoutMovingUpvotesBack() {
        PaperState known = stored("2506.17080", "2506.17080", 12, DEC_18, 2);
        PaperSet set = new PaperSet(Map.of(known.id(), known), Map.of(TITLE_ID, known.id()),
                Map.of(known.id(), List.of(new UpvoteCount(DEC_18, 12))));

        assertThat(set.apply(listed("2506.17080", 5), DEC_17, NOW)).isEqualTo(Effect.UPDATED);
        assertThat(set.apply(listed("2506.17080", 5), DEC_17, NOW)).isEqualTo(Effect.UNCHANGED);

        PaperSet.Writes writes = set.writes();
        assertThat(writes.updates()).singleElement().satisfies(update -> {
            assertThat(update.state().upvotes()).isEqualTo(12);
            assertThat(update.state().upvotesObservedAt()).isEqualTo(DEC_18);
            assertThat(update.expectedVersion()).isEqualTo(2);
        });
        assertThat(writes.observations()).extracting(o -> o.count().upvotes()).containsExactly(5);
        assertThat(writes.changes()).singleElement().satisfies(change -> assertThat(change.history())
                .containsExactly(new UpvoteCount(DEC_17, 5), new UpvoteCount(DEC_18, 12)));
    }

    @Test
    void newerCaptureWithTheSameCountMovesOnlyTheObservationTime() {
        PaperState known = stored("2506.17080", "2506.17080", 12, DEC_17, 2);
        PaperSet set = new PaperSet(Map.of(known.id(), known), Map.of(TITLE_ID, known.id()), Map.of());

        assertThat(set.apply(listed("2506.17080", 12), DEC_18, NOW)).isEqualTo(Effect.UNCHANGED);

        PaperSet.Writes writes = set.writes();
        assertThat(writes.changes()).isEmpty();
        assertThat(writes.observations()).isEmpty();
        assertThat(writes.updates()).singleElement().satisfies(update -> {
            assertThat(update.state().upvotesObservedAt()).isEqualTo(DEC_18);
            assertThat(update.state().version()).isEqualTo(2);
        });
    }

    @Test
    void paperListedTwiceInOneChunkPublishesOneVersionWithItsFinalState() {
        PaperSet set = new PaperSet(Map.of(), Map.of(), Map.of());

        assertThat(set.apply(listed(null, 3), DEC_17, NOW)).isEqualTo(Effect.NEW);
        assertThat(set.apply(listed(null, 9), DEC_18, NOW)).isEqualTo(Effect.UPDATED);

        PaperSet.Writes writes = set.writes();
        assertThat(writes.inserts()).singleElement().satisfies(paper -> {
            assertThat(paper.id()).isEqualTo(TITLE_ID);
            assertThat(paper.upvotes()).isEqualTo(9);
            assertThat(paper.version()).isEqualTo(1);
        });
        assertThat(writes.newAliases()).containsExactly(Map.entry(TITLE_ID, TITLE_ID));
        assertThat(writes.changes()).singleElement().satisfies(change -> {
            assertThat(change.listed()).isTrue();
            assertThat(change.history()).extracting(UpvoteCount::upvotes).containsExactly(3, 9);
        });
    }

    @Test
    void newPaperThatGainsItsArxivIdInTheSameChunkIsListedOnceWithoutTombstone() {
        PaperSet set = new PaperSet(Map.of(), Map.of(), Map.of());

        set.apply(listed(null, 3), DEC_17, NOW);
        set.apply(listed("2506.17080", 4), DEC_18, NOW);

        PaperSet.Writes writes = set.writes();
        assertThat(writes.moves()).isEmpty();
        assertThat(writes.inserts()).extracting(PaperState::id).containsExactly("2506.17080");
        assertThat(writes.newAliases()).containsExactly(Map.entry(TITLE_ID, "2506.17080"));
        assertThat(writes.observations()).allSatisfy(o -> assertThat(o.paperId()).isEqualTo("2506.17080"));
        assertThat(writes.changes()).singleElement().satisfies(change -> assertThat(change.listed()).isTrue());
    }

    @Test
    void unchangedRepostWritesNothing() {
        PaperState known = stored("2506.17080", "2506.17080", 12, DEC_18, 2);
        PaperSet set = new PaperSet(Map.of(known.id(), known), Map.of(TITLE_ID, known.id()), Map.of());

        assertThat(set.apply(listed("2506.17080", 12), DEC_18, NOW)).isEqualTo(Effect.UNCHANGED);

        PaperSet.Writes writes = set.writes();
        assertThat(writes.inserts()).isEmpty();
        assertThat(writes.updates()).isEmpty();
        assertThat(writes.newAliases()).isEmpty();
        assertThat(writes.changes()).isEmpty();
    }

    @Test
    void arxivListingWithoutUpvotesKeepsTheKnownCount() {
        PaperState known = stored("2506.17080", "2506.17080", 12, DEC_18, 2);
        PaperSet set = new PaperSet(Map.of(known.id(), known), Map.of(TITLE_ID, known.id()), Map.of());

        ListedPaper atom = new ListedPaper(1, 1, "2506.17080", TITLE, "New abstract.", LocalDate.of(2025, 6, 20), null,
                2, List.of("A. Author", "B. Author"), null, List.of(), null, null, List.of("cs.CL"), List.of());
        assertThat(set.apply(atom, NOW, NOW)).isEqualTo(Effect.UPDATED);

        assertThat(set.writes().updates()).singleElement().satisfies(update -> {
            assertThat(update.state().upvotes()).isEqualTo(12);
            assertThat(update.state().summary()).isEqualTo("New abstract.");
            assertThat(update.state().categories()).containsExactly("cs.CL");
            assertThat(update.state().version()).isEqualTo(3);
        });
    }

    private static ListedPaper listed(String arxivId, int upvotes) {
        return new ListedPaper(1, 1, arxivId, TITLE, "An abstract.", LocalDate.of(2025, 6, 20), upvotes, 2, List.of(),
                null);
    }

    private static PaperState stored(String id, String arxivId, int upvotes, Instant observedAt, long version) {
        return new PaperState(id, arxivId, TITLE, "An abstract.", LocalDate.of(2025, 6, 20), upvotes, observedAt, 2,
                List.of(), null, List.of(), List.of(), List.of(), null, null, version, DEC_17);
    }
}
