package dev.paperstream.query.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import dev.paperstream.events.AuthorPapers;
import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.PaperEvent;
import dev.paperstream.events.PaperLink;
import dev.paperstream.events.PaperSnapshot;
import dev.paperstream.events.UpvoteObservation;

/** A deterministic corpus of enriched paper events: paper {@code n} is the same in every run. */
final class CorpusGenerator {

    static final String[] WORDS = ("transformer diffusion language model vision agent reasoning retrieval graph "
            + "neural sparse mixture expert attention token scaling benchmark robust efficient adaptive multimodal "
            + "video speech policy reward learning reinforcement contrastive generative latent embedding alignment "
            + "instruction tuning distillation quantization pruning memory context long planning tool code math "
            + "proof protein molecule image segmentation detection tracking depth point cloud audio music dataset "
            + "evaluation safety privacy federated continual meta few shot zero prompt chain thought search ranking "
            + "recommendation compression kernel optimizer gradient stochastic bayesian uncertainty calibration "
            + "causal counterfactual explanation interpretability circuit neuron feature probe world simulation "
            + "robot navigation manipulation locomotion driving weather climate physics chemistry biology medical")
            .split(" ");
    static final String[] TAGS = ("nlp vision rl robotics speech multimodal code-generation reasoning retrieval "
            + "efficiency safety theory graphs diffusion agents evaluation datasets medical science audio").split(" ");
    static final String[] TEAM_SIZES = { "solo", "small", "medium", "large" };
    static final int ORGANIZATIONS = 60;

    private final Instant now;

    CorpusGenerator(Instant now) {
        this.now = now;
    }

    static String organization(int n) {
        return "Organization " + n;
    }

    EnrichedPaperEvent paper(int n) {
        SplittableRandom random = new SplittableRandom(n * 7919L + 17);
        String title = words(random, 6 + random.nextInt(8), true);
        String summary = words(random, 50 + random.nextInt(40), false);
        List<String> tags = new ArrayList<>();
        int tagCount = 1 + random.nextInt(3);
        while (tags.size() < tagCount) {
            String tag = TAGS[skewed(random, TAGS.length)];
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        int authors = 1 + random.nextInt(30);
        List<AuthorPapers> names = new ArrayList<>();
        for (int i = 0; i < Math.min(authors, 6); i++) {
            names.add(new AuthorPapers("Author " + random.nextInt(20_000), 1 + random.nextInt(9)));
        }
        String teamSize = authors == 1 ? "solo" : authors <= 4 ? "small" : authors <= 12 ? "medium" : "large";
        boolean hasCode = random.nextInt(3) == 0;
        List<PaperLink> links = hasCode ? List.of(new PaperLink("code", "https://github.com/org/repo" + n))
                : List.of();
        Instant listed = now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 60)));
        int upvotes = 0;
        List<UpvoteObservation> history = new ArrayList<>();
        for (Instant at = listed; at.isBefore(now) && history.size() < 30; at = at.plus(Duration.ofHours(
                12 + random.nextInt(36)))) {
            upvotes += random.nextInt(1 + skewed(random, 40));
            history.add(new UpvoteObservation(at, upvotes));
        }
        LocalDate published = LocalDate.of(2019 + skewed(random, 7), 1 + random.nextInt(12), 1 + random.nextInt(28));
        PaperSnapshot paper = new PaperSnapshot(null, title, summary, published, upvotes, authors,
                names.stream().map(AuthorPapers::name).toList(), organization(skewed(random, ORGANIZATIONS)),
                List.of(), null, null, List.of("cs.LG"), listed, history);
        return new EnrichedPaperEvent(PaperEvent.SCHEMA_VERSION, new UUID(n, 1), "bench-" + n, 1, now, "bench",
                paper, tags, authors, teamSize, names, links, hasCode);
    }

    /** Skewed towards small numbers, like real tag and organization frequencies. */
    static int skewed(SplittableRandom random, int bound) {
        double u = random.nextDouble();
        return Math.min(bound - 1, (int) (bound * u * u));
    }

    static String words(SplittableRandom random, int count, boolean capitalize) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String word = WORDS[skewed(random, WORDS.length)];
            if (capitalize) {
                word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
            }
            text.append(i == 0 ? "" : " ").append(word);
        }
        return text.toString();
    }
}
