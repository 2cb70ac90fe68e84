package dev.paperstream.query.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SubscriptionIndexTest {

    private static final String[] WORDS = { "sparse", "experts", "diffusion", "video", "agent", "agents", "rl",
            "world", "model", "models", "language", "token", "routing", "graph", "proof" };
    private static final String[] TAGS = { "nlp", "moe", "vision", "agents", "rl" };
    private static final String[] ORGS = { "Acme", "Beta Labs", "Gamma" };

    @Test
    void matchesExactlyWhatEachSearchsFiltersMatch() {
        SplittableRandom random = new SplittableRandom(7);
        Map<String, SearchFilters> subscriptions = new LinkedHashMap<>();
        for (int i = 0; i < 2_000; i++) {
            subscriptions.put("s" + i, filters(random));
        }
        SubscriptionIndex index = new SubscriptionIndex(subscriptions);
        for (int n = 0; n < 300; n++) {
            PaperDocument paper = paper(random, n);
            List<String> expected = subscriptions.entrySet().stream()
                    .filter(e -> e.getValue().matches(paper)).map(Map.Entry::getKey).toList();
            assertThat(index.match(paper)).as("paper %d", n).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void matchesNothingWithoutSubscriptions() {
        assertThat(new SubscriptionIndex(Map.of()).match(paper(new SplittableRandom(1), 0))).isEmpty();
    }

    private static SearchFilters filters(SplittableRandom random) {
        Optional<String> text = Optional.empty();
        if (random.nextInt(3) > 0) {
            StringBuilder q = new StringBuilder(WORDS[random.nextInt(WORDS.length)]);
            if (random.nextBoolean()) {
                q.append(random.nextBoolean() ? " +" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            // Substrings of words, as people type them
            if (random.nextInt(5) == 0) {
                String word = WORDS[random.nextInt(WORDS.length)];
                q.append(" ").append(word, 0, Math.min(3, word.length()));
            }
            text = Optional.of(q.toString());
        }
        Set<String> tags = random.nextBoolean() ? Set.of(TAGS[random.nextInt(TAGS.length)]) : Set.of();
        Set<String> orgs = random.nextInt(4) == 0 ? Set.of(ORGS[random.nextInt(ORGS.length)]) : Set.of();
        Set<String> sizes = random.nextInt(4) == 0 ? Set.of("small") : Set.of();
        Optional<Boolean> code = random.nextInt(5) == 0 ? Optional.of(random.nextBoolean()) : Optional.empty();
        return new SearchFilters(text, tags, orgs, Set.of(), sizes, code, Optional.empty(), Optional.empty());
    }

    private static PaperDocument paper(SplittableRandom random, int n) {
        List<String> title = new ArrayList<>();
        for (int i = 0; i < 3 + random.nextInt(4); i++) {
            title.add(WORDS[random.nextInt(WORDS.length)]);
        }
        String summary = WORDS[random.nextInt(WORDS.length)] + " and " + WORDS[random.nextInt(WORDS.length)] + ".";
        List<String> tags = List.of(TAGS[random.nextInt(TAGS.length)]);
        return new PaperDocument("p" + n, String.join(" ", title), summary, "2024-05-06", 2024, 3, 2,
                random.nextBoolean() ? "small" : "large", ORGS[random.nextInt(ORGS.length)], List.of("Ann"), tags,
                List.of(), random.nextBoolean(), "2024-05-07T00:00:00Z", 0, 0, 0, null, null, null, null, "t1", 1,
                "2024-05-07T00:00:00Z", null);
    }
}
