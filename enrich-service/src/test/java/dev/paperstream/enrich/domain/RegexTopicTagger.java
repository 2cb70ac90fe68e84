package dev.paperstream.enrich.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.paperstream.events.Taxonomy;

/**
 * The reference oracle: the tagger as it was before the single-pass matcher, scanning every evidence pattern over
 * every text with {@link Matcher#find()}. Kept only in tests, to prove {@link TopicTagger} gives the same tags.
 */
final class RegexTopicTagger {

    private final Taxonomy taxonomy;

    RegexTopicTagger(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    List<String> tag(String title, String summary, List<String> keywords) {
        String keywordText = String.join(" ; ", keywords);
        record Scored(String slug, int score, int order, boolean inTitle) {
        }
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < taxonomy.tags().size(); i++) {
            Taxonomy.Tag tag = taxonomy.tags().get(i);
            int titleMentions = mentions(tag, title);
            int score = TopicTagger.TITLE_WEIGHT * titleMentions
                    + TopicTagger.KEYWORD_WEIGHT * mentions(tag, keywordText)
                    + (tag.titleOnly() ? 0 : Math.min(TopicTagger.ABSTRACT_CAP, mentions(tag, summary)));
            if (score >= TopicTagger.THRESHOLD) {
                scored.add(new Scored(tag.slug(), score, i, titleMentions > 0));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::score).reversed().thenComparingInt(Scored::order));
        double cutoff = scored.isEmpty() ? 0 : scored.get(0).score() * TopicTagger.RELATIVE_CUTOFF;
        List<String> tags = new ArrayList<>();
        for (Scored candidate : scored) {
            if ((candidate.inTitle() || candidate.score() >= cutoff) && tags.size() < TopicTagger.MAX_TAGS
                    && !tags.contains(candidate.slug())) {
                tags.add(candidate.slug());
            }
        }
        for (String slug : List.copyOf(tags)) {
            for (String implied : taxonomy.tag(slug).implies()) {
                if (!tags.contains(implied)) {
                    tags.add(implied);
                }
            }
        }
        return tags;
    }

    /** Mentions of each tag's evidence in the text, in taxonomy order. */
    int[] mentionsPerTag(String text) {
        int[] counts = new int[taxonomy.tags().size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = mentions(taxonomy.tags().get(i), text);
        }
        return counts;
    }

    private static int mentions(Taxonomy.Tag tag, String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        int count = 0;
        for (Taxonomy.Evidence evidence : tag.evidence()) {
            Matcher matcher = evidence.pattern().matcher(text);
            while (matcher.find()) {
                count++;
            }
        }
        return count;
    }
}
