package dev.paperstream.enrich.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.paperstream.events.Taxonomy;

/**
 * The single-pass tagger gives exactly the tags, and per text exactly the mention counts, of the regular-expression
 * tagger it replaced ({@link RegexTopicTagger}): on the judged sample and on thousands of seeded perturbations of it
 * that stress what the patterns decide (word edges, inflections, optional hyphens and spaces, case, overlapping and
 * repeated terms, non-ASCII case folding, surrogate pairs).
 */
class SinglePassTaggingEquivalenceTest {

    private static final int GENERATED = 2_500;
    private static final String[] SEPARATORS = { "", " ", "-", "  ", " - ", "\t", "\n", "--", "/", "_", "\u00a0",
            "\u2013", ". " };
    private static final String[] ENDINGS = { "", "", "", "s", "es", "ed", "d", "ing", "er", "ers", "ation", "ations",
            "ness", "x", "2", "'s", "\u00e9", "\u00b2", "\u216b" };
    private static final String[] BEFORE = { " ", " ", " ", "", "-", "(", "x", "7", "\u00e9", "\u00b2", "\u216b",
            "\ud801\udc00", "\u0301", "\"", "\n" };
    /** Characters that java.util.regex folds onto ASCII letters, and letters that look alike but do not fold. */
    private static final String[][] LOOKALIKES = { { "k", "\u212a" }, { "s", "\u017f" }, { "i", "\u0131" },
            { "i", "\u0130" }, { "a", "\u0430" }, { "e", "\u00e9" }, { "o", "\u00f6" } };

    private static Taxonomy taxonomy;
    private static TopicTagger tagger;
    private static RegexTopicTagger oracle;
    private static EvidenceMatcher matcher;
    private static List<String[]> papers;
    private static List<String> phrases;

    @BeforeAll
    static void load() throws IOException {
        String text = resource("/taxonomy/taxonomy.txt");
        taxonomy = Taxonomy.parse(text);
        tagger = new TopicTagger(taxonomy);
        oracle = new RegexTopicTagger(taxonomy);
        matcher = new EvidenceMatcher(taxonomy.tags());
        phrases = new ArrayList<>();
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (stripped.startsWith("terms ") || stripped.startsWith("acronyms ")) {
                for (String item : stripped.substring(stripped.indexOf(' ') + 1).split(";")) {
                    if (!item.isBlank()) {
                        phrases.add(item.strip().replace("*", "").replace("!", ""));
                    }
                }
            }
        }
        papers = samplePapers();
    }

    @Test
    void judgedSampleGetsTheSameTagsAndCounts() {
        assertThat(papers).hasSize(39);
        for (String[] paper : papers) {
            assertSame(paper[0], paper[1], List.of());
        }
    }

    @Test
    void perturbedAbstractsGetTheSameTagsAndCounts() {
        Random random = new Random(20251217);
        for (int n = 0; n < GENERATED; n++) {
            String[] base = papers.get(random.nextInt(papers.size()));
            String title = random.nextInt(3) == 0 ? perturb(base[0], random, 1 + random.nextInt(3))
                    : phrase(random) + " " + phrase(random);
            String summary = perturb(base[1], random, 5 + random.nextInt(40));
            List<String> keywords = random.nextInt(4) == 0 ? List.of(phrase(random), phrase(random)) : List.of();
            assertSame(title, summary, keywords);
        }
    }

    @Test
    void denseRunsOfTermsGetTheSameCounts() {
        Random random = new Random(7);
        for (int n = 0; n < 500; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < 30; k++) {
                text.append(pick(random, BEFORE)).append(phrase(random)).append(pick(random, ENDINGS));
            }
            assertSame("", text.toString(), List.of());
        }
    }

    @Test
    void edgeCasesGetTheSameCounts() {
        for (String text : List.of("", " ", "rl", "RL", "RLs", "RLHF-RL", "xRL", "RL2", "reward modeling reward model",
                "pre-train pretrain pre - train pre--training pretrained", "fine tuning finetuned supervised fine-tuning",
                "adapting a single frozen adapta single frozen", "policy policies policys", "\ud801\udc00RL",
                "\u212aG \u212anowledge graph \u017fafety", "\u0130nstruction tuning", "LLM LLMs LLMS",
                "reasoningreasoning reasoning-reasoning", "multi-step step by step step-by-step")) {
            assertSame(text, text, List.of(text));
        }
    }

    private static void assertSame(String title, String summary, List<String> keywords) {
        for (String text : List.of(title, summary, String.join(" ; ", keywords))) {
            assertThat(matcher.mentionsPerTag(text)).as("mentions per tag in: %s", text)
                    .containsExactly(oracle.mentionsPerTag(text));
        }
        assertThat(tagger.tag(title, summary, keywords)).as("tags of: %s | %s | %s", title, summary, keywords)
                .isEqualTo(oracle.tag(title, summary, keywords));
    }

    /** The text with some words replaced by taxonomy phrases written in another way, or garbled. */
    private static String perturb(String text, Random random, int edits) {
        List<String> words = new ArrayList<>(Arrays.asList(text.split(" ")));
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(words.size() + 1);
            switch (random.nextInt(6)) {
                case 0, 1, 2 -> words.add(at, phrase(random) + pick(random, ENDINGS));
                case 3 -> words.add(at, pick(random, BEFORE) + phrase(random));
                case 4 -> {
                    if (at < words.size()) {
                        words.set(at, lookalikes(words.get(at), random));
                    }
                }
                default -> {
                    if (at + 1 < words.size()) {
                        words.set(at, words.get(at) + pick(random, SEPARATORS) + words.remove(at + 1));
                    }
                }
            }
        }
        return String.join(" ", words);
    }

    /** A taxonomy term or acronym with other separators between its words and letters in other cases. */
    private static String phrase(Random random) {
        String[] words = phrases.get(random.nextInt(phrases.size())).split(" ");
        StringBuilder out = new StringBuilder();
        for (int w = 0; w < words.length; w++) {
            if (w > 0) {
                out.append(random.nextInt(3) == 0 ? pick(random, SEPARATORS) : " ");
            }
            String word = words[w];
            out.append(switch (random.nextInt(6)) {
                case 0 -> word.toUpperCase();
                case 1 -> word.toLowerCase();
                case 2 -> word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
                case 3 -> lookalikes(word, random);
                default -> word;
            });
        }
        return out.toString();
    }

    private static String lookalikes(String word, Random random) {
        String[] swap = LOOKALIKES[random.nextInt(LOOKALIKES.length)];
        return word.replace(swap[0], swap[1]);
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** Title and abstract of each paper of the sample listing, read as EnrichmentBenchmark reads them. */
    private static List<String[]> samplePapers() throws IOException {
        String[] lines = resource("/listings/hf-daily-papers-2025-12-17.txt").split("\r?\n");
        List<String[]> result = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].strip().equals("\u00b7")) {
                continue;
            }
            int byline = previousNonBlank(lines, i - 1);
            int abstractLine = previousNonBlank(lines, byline - 1);
            int title = previousNonBlank(lines, abstractLine - 1);
            result.add(new String[] { lines[title].strip(), lines[abstractLine].strip() });
        }
        return result;
    }

    private static int previousNonBlank(String[] lines, int from) {
        int i = from;
        while (lines[i].isBlank()) {
            i--;
        }
        return i;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SinglePassTaggingEquivalenceTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
