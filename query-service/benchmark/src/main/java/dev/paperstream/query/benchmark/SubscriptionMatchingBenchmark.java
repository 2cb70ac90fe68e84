package dev.paperstream.query.benchmark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import dev.paperstream.query.domain.PaperDocument;
import dev.paperstream.query.domain.PaperDocuments;
import dev.paperstream.query.domain.Subscription;
import dev.paperstream.query.domain.SubscriptionFilters;
import dev.paperstream.query.service.SubscriptionMatcher;

/**
 * How fast indexed papers are matched against saved searches with webhooks ({@link SubscriptionMatcher}, the step
 * every indexed batch goes through before its Kafka offsets are committed), with 0, 1,000 and 10,000 subscriptions.
 * Subscriptions are random: 40 % follow two or three words, 30 % a word within a tag, 30 % one or two tags; a fifth
 * add an organization, a fifth a team size. Papers come from {@link CorpusGenerator}, in batches of 500 (a polled batch). Measures matching only: storing
 * the deliveries (one row per matched subscription per batch) and sending them are not included. No infrastructure.
 * Arguments: papers per round (default 20,000), rounds (default 5, after 3 warm-up rounds).
 */
public final class SubscriptionMatchingBenchmark {

    private static final int BATCH = 500;

    private SubscriptionMatchingBenchmark() {
    }

    public static void main(String[] args) {
        int papers = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        CorpusGenerator corpus = new CorpusGenerator(Instant.parse("2026-01-01T00:00:00Z"));
        List<List<PaperDocument>> batches = new ArrayList<>();
        for (int start = 0; start < papers; start += BATCH) {
            List<PaperDocument> batch = new ArrayList<>(BATCH);
            for (int n = start; n < Math.min(papers, start + BATCH); n++) {
                batch.add(PaperDocuments.fromEvent(corpus.paper(n)));
            }
            batches.add(batch);
        }
        System.out.printf("Matching %,d papers (batches of %d) against saved searches; %d rounds after 3 warm-up"
                + " rounds; medians%n%n", papers, BATCH, rounds);
        System.out.println("| subscriptions | papers/s | µs per paper | matches per paper | deliveries per batch |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: |");
        for (int count : new int[] { 0, 1_000, 10_000 }) {
            SubscriptionMatcher matcher = new SubscriptionMatcher(null);
            matcher.use(subscriptions(count));
            long matches = 0;
            long deliveries = 0;
            double[] seconds = new double[rounds];
            for (int round = -3; round < rounds; round++) {
                long roundMatches = 0;
                long roundDeliveries = 0;
                long start = System.nanoTime();
                for (List<PaperDocument> batch : batches) {
                    Map<String, List<PaperDocument>> matched = matcher.match(batch);
                    roundDeliveries += matched.size();
                    for (List<PaperDocument> papersOfOne : matched.values()) {
                        roundMatches += papersOfOne.size();
                    }
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                if (round >= 0) {
                    seconds[round] = elapsed;
                    matches = roundMatches;
                    deliveries = roundDeliveries;
                }
            }
            Arrays.sort(seconds);
            double median = seconds[rounds / 2];
            System.out.printf("| %,d | %,.0f | %.1f | %.2f | %,.0f |%n", count, papers / median,
                    median * 1e6 / papers, matches / (double) papers, deliveries / (double) batches.size());
        }
    }

    private static String word(SplittableRandom random) {
        return CorpusGenerator.WORDS[random.nextInt(CorpusGenerator.WORDS.length)];
    }

    private static String tag(SplittableRandom random) {
        return CorpusGenerator.TAGS[random.nextInt(CorpusGenerator.TAGS.length)];
    }

    private static List<Subscription> subscriptions(int count) {
        SplittableRandom random = new SplittableRandom(42);
        List<Subscription> saved = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // What people follow: two or three words, or a word within a tag, or one or two tags.
            String q = null;
            List<String> tags = List.of();
            int kind = random.nextInt(10);
            if (kind < 4) {
                q = word(random) + " " + word(random) + (random.nextBoolean() ? " " + word(random) : "");
            } else if (kind < 7) {
                q = word(random);
                tags = List.of(tag(random));
            } else {
                tags = random.nextBoolean() ? List.of(tag(random)) : List.of(tag(random), tag(random));
            }
            List<String> organizations = random.nextInt(5) == 0
                    ? List.of(CorpusGenerator.organization(random.nextInt(CorpusGenerator.ORGANIZATIONS))) : List.of();
            List<String> teamSizes = random.nextInt(5) == 0
                    ? List.of(CorpusGenerator.TEAM_SIZES[random.nextInt(CorpusGenerator.TEAM_SIZES.length)]) : List.of();
            SubscriptionFilters filters = new SubscriptionFilters(q, tags, organizations, List.of(), teamSizes, null);
            saved.add(new Subscription("s-" + i, "bench", "bench " + i, filters,
                    Optional.of(java.net.URI.create("https://hooks.example/" + i)), "secret", "token", Instant.EPOCH));
        }
        return saved;
    }

}
