package dev.paperstream.enrich.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.paperstream.events.Taxonomy;

/**
 * Assigns taxonomy tags from a paper's title, abstract and source keywords. Evidence is weighed:
 * each title mention counts {@value #TITLE_WEIGHT}, each keyword mention {@value #KEYWORD_WEIGHT}, each
 * abstract mention 1 (at most {@value #ABSTRACT_CAP}). A tag needs {@value #THRESHOLD} and, unless the
 * title names it, at least {@value #RELATIVE_CUTOFF} of the strongest tag's score, so a paper keeps the topics
 * it is about rather than everything its abstract mentions in passing; at most {@value #MAX_TAGS} tags, plus the
 * broader tags they imply. Tags come strongest
 * first, ties in taxonomy order. Deterministic: the same input always gives the same tags. Each text is scanned
 * once for all tags ({@link EvidenceMatcher}).
 */
public final class TopicTagger {

    static final int TITLE_WEIGHT = 3;
    static final int KEYWORD_WEIGHT = 2;
    static final int ABSTRACT_CAP = 4;
    static final int THRESHOLD = 3;
    static final double RELATIVE_CUTOFF = 0.34;
    static final int MAX_TAGS = 4;

    private final Taxonomy taxonomy;
    private final EvidenceMatcher evidence;

    public TopicTagger(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        this.evidence = new EvidenceMatcher(taxonomy.tags());
    }

    /** The taxonomy's version, recorded with every enrichment. */
    public String version() {
        return taxonomy.version();
    }

    /** Tag slugs whose evidence passes the threshold, strongest first. */
    public List<String> tag(String title, String summary, List<String> keywords) {
        String keywordText = String.join(" ; ", keywords);
        record Scored(String slug, int score, int order, boolean inTitle) {
        }
        int[] inTitle = evidence.mentionsPerTag(title);
        int[] inKeywords = evidence.mentionsPerTag(keywordText);
        int[] inSummary = evidence.mentionsPerTag(summary);
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < taxonomy.tags().size(); i++) {
            Taxonomy.Tag tag = taxonomy.tags().get(i);
            int titleMentions = inTitle[i];
            int score = TITLE_WEIGHT * titleMentions
                    + KEYWORD_WEIGHT * inKeywords[i]
                    + (tag.titleOnly() ? 0 : Math.min(ABSTRACT_CAP, inSummary[i]));
            if (score >= THRESHOLD) {
                scored.add(new Scored(tag.slug(), score, i, titleMentions > 0));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::score).reversed().thenComparingInt(Scored::order));
        double cutoff = scored.isEmpty() ? 0 : scored.get(0).score() * RELATIVE_CUTOFF;
        List<String> tags = new ArrayList<>();
        for (Scored candidate : scored) {
            if ((candidate.inTitle() || candidate.score() >= cutoff) && tags.size() < MAX_TAGS
                    && !tags.contains(candidate.slug())) {
                tags.add(candidate.slug());
            }
        }
        // Broader tags follow from narrower ones, after them and beyond the limit: they add no new evidence.
        for (String slug : List.copyOf(tags)) {
            for (String implied : taxonomy.tag(slug).implies()) {
                if (!tags.contains(implied)) {
                    tags.add(implied);
                }
            }
        }
        return tags;
    }
}
