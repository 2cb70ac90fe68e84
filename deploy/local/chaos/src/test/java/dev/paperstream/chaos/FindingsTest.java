package dev.paperstream.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FindingsTest {

    private static final PipelineViews.Topic NOTHING_RETIRED = new PipelineViews.Topic(0, Map.of(), Set.of(), 0);

    @Test
    void passesWhenEveryAcceptedPaperIsSearchableAtItsVersion() {
        Findings findings = Findings.compare(accepted(Map.of("2611.00001", 2L, "2611.00002", 1L)),
                List.of("2611.00001"), NOTHING_RETIRED, enriched(Map.of("2611.00001", 2L, "2611.00002", 1L)),
                Map.of("2611.00001", live(2), "2611.00002", live(1)), Set.of());

        assertThat(findings.passed()).isTrue();
        assertThat(findings.notEnriched()).isEmpty();
    }

    @Test
    void countsAMissingDocumentOrARetiredMarkerAsLost() {
        Findings findings = Findings.compare(accepted(Map.of("a", 1L, "b", 1L)), List.of(), NOTHING_RETIRED,
                enriched(Map.of("a", 1L, "b", 1L)), Map.of("b", new PipelineViews.Indexed(1, true)), Set.of());

        assertThat(findings.lost()).containsExactly("a", "b");
        assertThat(findings.passed()).isFalse();
    }

    @Test
    void countsAnArxivIdIngestAcceptedButPostgresLacksAsLost() {
        Findings findings = Findings.compare(accepted(Map.of()), List.of("2611.00007"), NOTHING_RETIRED,
                enriched(Map.of()), Map.of(), Set.of());

        assertThat(findings.lost()).containsExactly("2611.00007");
    }

    @Test
    void countsAnOlderIndexedVersionAsStaleAndNamesTheHopThatLagged() {
        Findings findings = Findings.compare(accepted(Map.of("a", 3L)), List.of(), NOTHING_RETIRED,
                enriched(Map.of("a", 2L)), Map.of("a", live(2)), Set.of());

        assertThat(findings.stale()).containsExactly("a");
        assertThat(findings.notEnriched()).containsExactly("a");
    }

    @Test
    void countsARetiredIdThatIsStillSearchableAsResurrected() {
        PipelineViews.Topic listed = new PipelineViews.Topic(2, Map.of("t-1", 2L), Set.of("t-1", "t-2"), 0);
        Findings findings = Findings.compare(accepted(Map.of()), List.of(), listed, enriched(Map.of()),
                Map.of("t-1", live(1), "t-2", new PipelineViews.Indexed(2, true)), Set.of());

        assertThat(findings.resurrected()).containsExactly("t-1");
    }

    @Test
    void failsOnAnyDeadLetteredPaper() {
        Findings findings = Findings.compare(accepted(Map.of()), List.of(), NOTHING_RETIRED, enriched(Map.of()),
                Map.of(), Set.of("2611.00003"));

        assertThat(findings.deadLettered()).containsExactly("2611.00003");
        assertThat(findings.passed()).isFalse();
    }

    private static PipelineViews.Accepted accepted(Map<String, Long> versions) {
        return new PipelineViews.Accepted(versions, 0, 0);
    }

    private static PipelineViews.Topic enriched(Map<String, Long> versions) {
        return new PipelineViews.Topic(versions.size(), versions, Set.of(), 0);
    }

    private static PipelineViews.Indexed live(long version) {
        return new PipelineViews.Indexed(version, false);
    }
}
