package dev.paperstream.query.benchmark;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.EventCodec;
import dev.paperstream.events.PaperEvent;
import dev.paperstream.events.PaperSnapshot;
import dev.paperstream.ingest.domain.DailyPapersTextParser;
import dev.paperstream.ingest.domain.ListedPaper;
import dev.paperstream.query.config.QueryConfig;
import dev.paperstream.query.domain.SearchFilters;
import dev.paperstream.query.domain.SearchMode;
import dev.paperstream.query.domain.SortOrder;
import dev.paperstream.query.persistence.PaperIndex;
import dev.paperstream.query.service.BulkIndexer;
import dev.paperstream.query.service.IncomingPaper;
import dev.paperstream.query.service.TextEmbedder;
import dev.paperstream.query.service.PaperSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Search quality per mode (keyword, semantic, hybrid), through {@link PaperSearch} against a real index with real
 * vectors. Every paper of a sample listing (text pages, parsed by ingest's parser) is indexed among generated
 * papers, and every paper gets its vector from the real {@link EmbeddingSweep}. Then, per mode:
 * <ul>
 * <li>known items: each sample paper searched for by five variants of its title (exact, lower-cased, without
 * punctuation, with one typo, its first five words); mean reciprocal rank in the top 10;</li>
 * <li>descriptive queries: {@code descriptive-queries.tsv}, queries written by someone who read the papers, each
 * without the words of its paper's title, judged against that one paper; recall at 5 and MRR@10.</li>
 * </ul>
 * Neither set was used to tune the queries, the model settings or the similarity threshold.
 * Arguments: {@code [generated papers] [listing files…]}, defaults 2000 and the bundled sample listing.
 */
public final class RelevanceBenchmark {

    private static final int TOP = 10;
    private static final int RECALL_AT = 5;

    private RelevanceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int generated = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        Path root = Path.of(System.getProperty("paperstream.root",
                System.getProperty("maven.multiModuleProjectDirectory", "."))).toAbsolutePath();
        List<Path> listings = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            listings.add(Path.of(args[i]));
        }
        if (listings.isEmpty()) {
            listings.add(root.resolve("deploy/local/sample/hf-daily-papers-2025-12-17.txt"));
        }
        List<EnrichedPaperEvent> known = samplePapers(listings);
        List<String[]> descriptive = descriptiveQueries();
        String host = Optional.ofNullable(System.getenv("PAPERSTREAM_ELASTICSEARCH_HOSTS")).orElse("127.0.0.1:9200")
                .split(",")[0];
        String run = "bench-relevance-" + Long.toString(System.currentTimeMillis(), 36);
        ObjectMapper json = JsonMapper.builder().findAndAddModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        QueryConfig config = QueryConfig.of(Map.of("paperstream.query.index.alias", run,
                "paperstream.query.index.replicas", "0", "paperstream.query.embedding.cpu-share", "1",
                "paperstream.query.embedding.batch-size", "64"));
        TextEmbedder embedder = new TextEmbedder(config);
        try (RestClient client = RestClient.builder(HttpHost.create("http://" + host)).build()) {
            PaperIndex index = new PaperIndex(client, json, config);
            try {
                System.out.printf("Relevance: %d papers from %s and %d descriptive queries, among %,d generated"
                        + " papers; index %s%n", known.size(), listings, descriptive.size(), generated, run);
                BulkIndexer indexing = new BulkIndexer(index, embedder, new SimpleMeterRegistry(), config);
                CorpusGenerator corpus = new CorpusGenerator(Instant.now());
                List<IncomingPaper> batch = new ArrayList<>();
                for (int n = 0; n < generated; n++) {
                    add(batch, corpus.paper(n), indexing);
                }
                for (EnrichedPaperEvent paper : known) {
                    add(batch, paper, indexing);
                }
                indexing.index(batch);
                index.refresh();
                long start = System.nanoTime();
                int embedded = EmbeddingBackfillBenchmark.backfill(index, embedder, config, generated + known.size());
                System.out.printf(Locale.ROOT, "Embedded %,d papers in %.1f s%n", embedded,
                        (System.nanoTime() - start) / 1e9);
                index.refresh();
                Map<String, String> idsByTitle = new LinkedHashMap<>();
                known.forEach(paper -> idsByTitle.put(paper.paper().title(), paper.paperId()));
                PaperSearch search = new PaperSearch(index, embedder, config);
                List<String> summary = new ArrayList<>();
                for (SearchMode mode : SearchMode.values()) {
                    double knownMrr = knownItems(search, mode, known);
                    Described described = descriptive(search, mode, descriptive, idsByTitle);
                    summary.add(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |",
                            mode.label(), knownMrr, described.report().recall(), described.report().mrr(),
                            described.tuning().recall(), described.tuning().mrr(), described.allRecall()));
                }
                System.out.println();
                System.out.printf("| mode | known-item MRR@10 (%d queries) | descriptive Recall@%d, report half |"
                        + " MRR@10, report half | Recall@%d, tuning half | MRR@10, tuning half | Recall@%d, all %d |%n",
                        known.size() * 5, RECALL_AT, RECALL_AT, RECALL_AT, descriptive.size());
                System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
                summary.forEach(System.out::println);
            } finally {
                index.deleteIndex();
            }
        }
    }

    private static double knownItems(PaperSearch search, SearchMode mode, List<EnrichedPaperEvent> known)
            throws Exception {
        Map<String, UnaryOperator<String>> variants = new LinkedHashMap<>();
        variants.put("exact", title -> title);
        variants.put("lower-cased", title -> title.toLowerCase(Locale.ROOT));
        variants.put("no punctuation", title -> title.replaceAll("[^\\p{L}\\p{N}\\s]", " ").replaceAll("\\s+", " ")
                .strip());
        variants.put("one typo", RelevanceBenchmark::typo);
        variants.put("first five words", title -> String.join(" ", List.of(title.split("\\s+")).subList(0,
                Math.min(5, title.split("\\s+").length))));
        System.out.println();
        System.out.printf("Known items, mode %s%n", mode.label());
        System.out.println("| variant | queries | MRR@10 | first | in top 10 |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        double allRanks = 0;
        int allQueries = 0;
        List<String> misses = new ArrayList<>();
        for (Map.Entry<String, UnaryOperator<String>> variant : variants.entrySet()) {
            double reciprocal = 0;
            int first = 0;
            int found = 0;
            for (EnrichedPaperEvent paper : known) {
                String typed = variant.getValue().apply(paper.paper().title());
                int rank = rank(search, mode, typed, paper.paperId());
                if (rank > 0) {
                    reciprocal += 1.0 / rank;
                    found++;
                    first += rank == 1 ? 1 : 0;
                }
                if (rank != 1) {
                    misses.add(String.format(Locale.ROOT, "%s: rank %s for \"%s\"", variant.getKey(),
                            rank == 0 ? "> " + TOP : Integer.toString(rank), typed));
                }
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %d | %d |%n", variant.getKey(), known.size(),
                    reciprocal / known.size(), first, found);
            allRanks += reciprocal;
            allQueries += known.size();
        }
        System.out.printf(Locale.ROOT, "| all | %d | %.3f | | |%n", allQueries, allRanks / allQueries);
        misses.forEach(miss -> System.out.println("  not first: " + miss));
        return allRanks / allQueries;
    }

    /** Recall at 5 and MRR@10 of some descriptive queries. */
    private record Scores(int recalled, double reciprocal, int queries) {

        Scores add(int rank) {
            return new Scores(recalled + (rank > 0 && rank <= RECALL_AT ? 1 : 0),
                    reciprocal + (rank > 0 ? 1.0 / rank : 0), queries + 1);
        }

        double recall() {
            return (double) recalled / queries;
        }

        double mrr() {
            return reciprocal / queries;
        }
    }

    /** The descriptive queries' scores: tuning half (each paper's first query), report half (its second). */
    private record Described(Scores tuning, Scores report) {

        double allRecall() {
            return (double) (tuning.recalled() + report.recalled()) / (tuning.queries() + report.queries());
        }
    }

    /** Recall at 5 and MRR@10 of the judged descriptive queries, per half. */
    private static Described descriptive(PaperSearch search, SearchMode mode, List<String[]> queries,
            Map<String, String> idsByTitle) throws Exception {
        Scores tuning = new Scores(0, 0, 0);
        Scores report = new Scores(0, 0, 0);
        Set<String> seen = new HashSet<>();
        for (String[] query : queries) {
            String id = idsByTitle.get(query[1]);
            if (id == null) {
                throw new IllegalStateException("descriptive-queries.tsv names a paper the listing lacks: " + query[1]);
            }
            boolean first = seen.add(query[1]);
            int rank = rank(search, mode, query[0], id);
            if (first) {
                tuning = tuning.add(rank);
            } else {
                report = report.add(rank);
            }
            if (rank == 0 || rank > RECALL_AT) {
                System.out.printf("  %s half, not in the top %d (rank %s): \"%s\"%n", first ? "tuning" : "report",
                        RECALL_AT, rank == 0 ? "> " + TOP : Integer.toString(rank), query[0]);
            }
        }
        System.out.printf(Locale.ROOT, "Descriptive queries, mode %s: Recall@%d tuning %.3f (%d of %d), report %.3f"
                + " (%d of %d); MRR@10 tuning %.3f, report %.3f%n", mode.label(), RECALL_AT, tuning.recall(),
                tuning.recalled(), tuning.queries(), report.recall(), report.recalled(), report.queries(),
                tuning.mrr(), report.mrr());
        return new Described(tuning, report);
    }

    private static int rank(PaperSearch search, SearchMode mode, String typed, String id) throws Exception {
        SearchFilters filters = new SearchFilters(Optional.of(typed), Set.of(), Set.of(), Set.of(), Set.of(),
                Optional.empty(), Optional.empty(), Optional.empty());
        List<String> ids = search.search(filters, SortOrder.RELEVANCE, mode, TOP, Optional.empty()).result().hits()
                .stream().map(hit -> hit.paper().id()).toList();
        return ids.indexOf(id) + 1;
    }

    /** Query and judged title per line of the bundled {@code descriptive-queries.tsv} (header skipped). */
    private static List<String[]> descriptiveQueries() throws Exception {
        try (InputStream in = RelevanceBenchmark.class.getResourceAsStream("/descriptive-queries.tsv")) {
            List<String[]> queries = new ArrayList<>();
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1)
                    .filter(line -> !line.isBlank()).toList();
            for (String line : lines) {
                queries.add(line.split("\t", 2));
            }
            return queries;
        }
    }

    /** Swaps two letters in the middle of the title's longest word: a transposition, the commonest typo. */
    static String typo(String title) {
        String[] words = title.split("\\s+");
        int longest = 0;
        for (int i = 1; i < words.length; i++) {
            if (words[i].length() > words[longest].length()) {
                longest = i;
            }
        }
        String word = words[longest];
        if (word.length() >= 4) {
            int at = word.length() / 2;
            words[longest] = word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2);
        }
        return String.join(" ", words);
    }

    private static List<EnrichedPaperEvent> samplePapers(List<Path> listings) throws Exception {
        List<EnrichedPaperEvent> papers = new ArrayList<>();
        DailyPapersTextParser parser = new DailyPapersTextParser();
        for (Path listing : listings) {
            for (ListedPaper listed : parser.parse(Files.readString(listing), LocalDate.of(2025, 12, 17)).papers()) {
                PaperSnapshot paper = new PaperSnapshot(listed.arxivId(), listed.title(), listed.summary(),
                        listed.publishedOn(), listed.upvotes() == null ? 0 : listed.upvotes(), listed.authorCount(),
                        listed.authors(), listed.organization(), List.of(), null, null, List.of(), Instant.now(),
                        List.of());
                papers.add(new EnrichedPaperEvent(PaperEvent.SCHEMA_VERSION, UUID.randomUUID(),
                        "known-" + papers.size(), 1, Instant.now(), "bench", paper, List.of(), listed.authorCount(),
                        "small", List.of(), List.of(), false));
            }
        }
        return papers;
    }

    private static void add(List<IncomingPaper> batch, EnrichedPaperEvent event, BulkIndexer indexing)
            throws Exception {
        batch.add(new IncomingPaper(event.paperId(), EventCodec.encode(event)));
        if (batch.size() == 1000) {
            indexing.index(batch);
            batch.clear();
        }
    }
}
