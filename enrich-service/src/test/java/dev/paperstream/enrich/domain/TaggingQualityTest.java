package dev.paperstream.enrich.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.paperstream.events.Taxonomy;

/**
 * Measures the tagger against {@code expected-tags.tsv}: tags for each paper of the sample listing,
 * written from the abstracts by a reviewer who did not see the tagger. Micro-averaged over (paper, tag)
 * pairs, printed with every difference; precision must be at least 0.9 and recall at least 0.8. Improve
 * the taxonomy to pass, never the table.
 */
class TaggingQualityTest {

    @Test
    void meetsPrecisionAndRecallOnTheHumanJudgedSample() throws IOException {
        TopicTagger tagger = new TopicTagger(Taxonomy.parse(resource("/taxonomy/taxonomy.txt")));
        List<String> listing = List.of(resource("/listings/hf-daily-papers-2025-12-17.txt").split("\r?\n"));
        Map<String, Set<String>> expected = expectedTags();

        int truePositives = 0;
        int predicted = 0;
        int relevant = 0;
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, Set<String>> paper : expected.entrySet()) {
            String title = paper.getKey();
            Set<String> actual = new LinkedHashSet<>(tagger.tag(title, abstractOf(listing, title), List.of()));
            Set<String> hits = new LinkedHashSet<>(actual);
            hits.retainAll(paper.getValue());
            truePositives += hits.size();
            predicted += actual.size();
            relevant += paper.getValue().size();
            if (!actual.equals(paper.getValue())) {
                Set<String> extra = new LinkedHashSet<>(actual);
                extra.removeAll(paper.getValue());
                Set<String> missed = new LinkedHashSet<>(paper.getValue());
                missed.removeAll(actual);
                differences.add(title + " | extra " + extra + " missed " + missed);
            }
        }
        double precision = (double) truePositives / predicted;
        double recall = (double) truePositives / relevant;
        System.out.printf(Locale.ROOT, "Tagging quality over %d papers: precision %.3f (%d/%d), recall %.3f (%d/%d)%n",
                expected.size(), precision, truePositives, predicted, recall, truePositives, relevant);
        differences.forEach(d -> System.out.println("  " + d));

        assertThat(expected).hasSize(39);
        assertThat(precision).as("precision").isGreaterThanOrEqualTo(0.9);
        assertThat(recall).as("recall").isGreaterThanOrEqualTo(0.8);
    }

    /** The abstract: the lines after the title up to the author or organization line before the '·' line. */
    private static String abstractOf(List<String> listing, String title) {
        int start = listing.indexOf(title);
        assertThat(start).as("title in listing: %s", title).isNotNegative();
        int separator = start + 1;
        while (!listing.get(separator).strip().equals("·")) {
            separator++;
        }
        int byline = separator - 1;
        while (listing.get(byline).isBlank()) {
            byline--;
        }
        return String.join(" ", listing.subList(start + 1, byline)).strip();
    }

    private static Map<String, Set<String>> expectedTags() throws IOException {
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        for (String line : resource("/expected-tags.tsv").split("\r?\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t");
            expected.put(columns[0], new LinkedHashSet<>(List.of(columns[1].split(","))));
        }
        return expected;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TaggingQualityTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
