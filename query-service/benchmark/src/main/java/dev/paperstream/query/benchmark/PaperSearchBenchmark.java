package dev.paperstream.query.benchmark;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.EventCodec;
import dev.paperstream.query.config.QueryConfig;
import dev.paperstream.query.domain.EmbeddingText;
import dev.paperstream.query.domain.PaperDocument;
import dev.paperstream.query.domain.PaperDocuments;
import dev.paperstream.query.domain.PaperVector;
import dev.paperstream.query.domain.SearchMode;
import dev.paperstream.query.domain.SearchFilters;
import dev.paperstream.query.domain.SortOrder;
import dev.paperstream.query.persistence.BulkAction;
import dev.paperstream.query.persistence.BulkItemOutcome;
import dev.paperstream.query.persistence.PaperIndex;
import dev.paperstream.query.service.BulkIndexer;
import dev.paperstream.query.service.IncomingPaper;
import dev.paperstream.query.service.TextEmbedder;
import dev.paperstream.query.service.PaperSearch;
import dev.paperstream.query.service.Rejection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Generates a corpus of papers and measures, against the Elasticsearch of {@code PAPERSTREAM_ELASTICSEARCH_HOSTS}
 * (default {@code 127.0.0.1:9200}), in dedicated indices it deletes afterwards: a raw bulk load of the documents,
 * the pipeline's bulk indexing of the same papers as event JSON ({@link BulkIndexer}: decode, map, serialize,
 * external versions, per-item outcomes), search latency per mode (keyword, semantic, hybrid) with a query, three
 * filters and all five facets, and suggest latency. Every paper gets a vector before the searches: {@code basis}
 * generated papers are embedded for real and each paper takes one of those vectors plus Gaussian noise (σ 0.02),
 * so that the HNSW graph has the corpus's size without embedding it all (embedding costs are measured by
 * {@link RelevanceBenchmark} and {@link EmbeddingBackfillBenchmark}). Prints a table.
 * Arguments: {@code [papers] [searches] [basis]}, defaults 100000, 2000 and 2000.
 */
public final class PaperSearchBenchmark {

    private static final int BATCH = 1000;

    private PaperSearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int papers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int searches = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int basis = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        String host = Optional.ofNullable(System.getenv("PAPERSTREAM_ELASTICSEARCH_HOSTS")).orElse("127.0.0.1:9200")
                .split(",")[0];
        String run = "bench-" + Long.toString(System.currentTimeMillis(), 36);
        ObjectMapper json = JsonMapper.builder().findAndAddModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        CorpusGenerator corpus = new CorpusGenerator(Instant.now());
        try (RestClient client = RestClient.builder(HttpHost.create("http://" + host)).build()) {
            PaperIndex raw = new PaperIndex(client, json, run + "-raw", 1, 0);
            PaperIndex pipeline = new PaperIndex(client, json, run + "-pipeline", 1, 0);
            try {
                System.out.printf("Corpus: %,d papers; Elasticsearch %s; indices %s-*%n", papers, host, run);
                warmUp(client, json, corpus, run);

                raw.ensureExists();
                long rawNanos = 0;
                for (int start = 0; start < papers; start += BATCH) {
                    List<BulkAction> actions = new ArrayList<>(BATCH);
                    for (int n = start; n < Math.min(papers, start + BATCH); n++) {
                        actions.add(raw.indexAction(PaperDocuments.fromEvent(corpus.paper(n))));
                    }
                    long t0 = System.nanoTime();
                    List<BulkItemOutcome> outcomes = raw.bulk(actions, false);
                    rawNanos += System.nanoTime() - t0;
                    check(outcomes.stream().allMatch(o -> o.kind() == BulkItemOutcome.Kind.DONE), "raw bulk failed");
                }
                raw.deleteIndex();

                TextEmbedder embedder = new TextEmbedder(config());
                long pipelineNanos = indexThroughPipeline(pipeline, embedder, corpus, papers);
                pipeline.refresh();
                addVectors(pipeline, embedder, corpus, papers, basis);
                pipeline.refresh();
                awaitMerges(client, json, pipeline.indexName());

                PaperSearch search = new PaperSearch(pipeline, embedder, config());
                SplittableRandom random = new SplittableRandom(42);
                Map<SearchMode, long[]> searchNanos = new EnumMap<>(SearchMode.class);
                Map<SearchMode, Long> totalHits = new EnumMap<>(SearchMode.class);
                for (SearchMode mode : SearchMode.values()) {
                    for (int i = 0; i < 200; i++) {
                        search.search(filters(random), SortOrder.RELEVANCE, mode, 20, Optional.empty());
                    }
                    long[] nanos = new long[searches];
                    long hits = 0;
                    for (int i = 0; i < searches; i++) {
                        SearchFilters filters = filters(random);
                        long t0 = System.nanoTime();
                        PaperSearch.Page page = search.search(filters, SortOrder.RELEVANCE, mode, 20, Optional.empty());
                        nanos[i] = System.nanoTime() - t0;
                        hits += page.result().total();
                    }
                    searchNanos.put(mode, nanos);
                    totalHits.put(mode, hits / searches);
                }
                long[] embedNanos = new long[200];
                for (int i = 0; i < embedNanos.length; i++) {
                    String word = CorpusGenerator.WORDS[random.nextInt(CorpusGenerator.WORDS.length)];
                    String text = "query " + i + " " + word;
                    long t0 = System.nanoTime();
                    embedder.embedQuery(text);
                    embedNanos[i] = System.nanoTime() - t0;
                }
                long[] suggestNanos = new long[searches];
                int suggestions = 0;
                for (int i = 0; i < searches; i++) {
                    String word = CorpusGenerator.WORDS[random.nextInt(CorpusGenerator.WORDS.length)];
                    String prefix = word.substring(0, Math.min(word.length(), 2 + random.nextInt(3)));
                    long t0 = System.nanoTime();
                    suggestions += search.suggest(prefix).size();
                    suggestNanos[i] = System.nanoTime() - t0;
                }

                double rawRate = papers / (rawNanos / 1e9);
                double pipelineRate = papers / (pipelineNanos / 1e9);
                System.out.println();
                System.out.println("| measurement | value |");
                System.out.println("| --- | --- |");
                System.out.printf("| papers indexed | %,d |%n", papers);
                System.out.printf("| raw bulk load (docs/s) | %,.0f |%n", rawRate);
                System.out.printf("| pipeline bulk indexing (docs/s) | %,.0f |%n", pipelineRate);
                System.out.printf("| pipeline / raw | %.0f%% |%n", 100 * pipelineRate / rawRate);
                for (SearchMode mode : SearchMode.values()) {
                    long[] nanos = searchNanos.get(mode);
                    System.out.printf("| %s search p50 / p99 / max (ms), q + 3 filters + 5 facets, n=%d | %.1f / %.1f /"
                            + " %.1f |%n", mode.label(), searches, pct(nanos, 50), pct(nanos, 99), pct(nanos, 100));
                    System.out.printf("| %s mean total per search | %,d |%n", mode.label(), totalHits.get(mode));
                }
                System.out.printf("| query embedding, uncached, p50 / p99 (ms), n=%d | %.1f / %.1f |%n",
                        embedNanos.length, pct(embedNanos, 50), pct(embedNanos, 99));
                System.out.printf("| suggest p50 / p99 / max (ms), n=%d | %.1f / %.1f / %.1f |%n", searches,
                        pct(suggestNanos, 50), pct(suggestNanos, 99), pct(suggestNanos, 100));
                System.out.printf("| mean suggestions per prefix | %.1f |%n", suggestions / (double) searches);
            } finally {
                raw.deleteIndex();
                pipeline.deleteIndex();
            }
        }
    }

    /**
     * Waits until the index has had no merge running for 5 s in a row. Writing 100,000 vectors leaves as many
     * deleted documents and many small HNSW graphs that Elasticsearch merges in the background for minutes, on the
     * same two cores; searches measured meanwhile measure that contention, not a settled index.
     */
    static void awaitMerges(RestClient client, ObjectMapper json, String index) throws Exception {
        long start = System.nanoTime();
        long lastReport = start;
        int quietPolls = 0;
        JsonNode stats;
        do {
            Thread.sleep(1000);
            stats = json.readTree(client.performRequest(new Request("GET", "/" + index + "/_stats/merge,docs,segments"))
                    .getEntity().getContent()).path("_all").path("primaries");
            long running = stats.path("merges").path("current").asLong();
            quietPolls = running == 0 ? quietPolls + 1 : 0;
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                lastReport = System.nanoTime();
                System.out.printf(Locale.ROOT, "  merging: %d running, %s%n", running, segments(stats));
            }
        } while (quietPolls < 5);
        System.out.printf(Locale.ROOT, "Merges settled after %.0f s: %s%n", (System.nanoTime() - start) / 1e9,
                segments(stats));
    }

    private static String segments(JsonNode stats) {
        return String.format(Locale.ROOT, "%d segments, %,d deleted documents",
                stats.path("segments").path("count").asLong(), stats.path("docs").path("deleted").asLong());
    }

    /** Indexes the corpus's first papers as the consumer does ({@link BulkIndexer}); returns the time it took. */
    static long indexThroughPipeline(PaperIndex index, TextEmbedder embedder, CorpusGenerator corpus, int papers)
            throws InterruptedException {
        BulkIndexer indexing = new BulkIndexer(index, embedder, new SimpleMeterRegistry(), config());
        long nanos = 0;
        for (int start = 0; start < papers; start += BATCH) {
            List<IncomingPaper> batch = new ArrayList<>(BATCH);
            for (int n = start; n < Math.min(papers, start + BATCH); n++) {
                EnrichedPaperEvent event = corpus.paper(n);
                batch.add(new IncomingPaper(event.paperId(), EventCodec.encode(event)));
            }
            long t0 = System.nanoTime();
            List<Rejection> rejected = indexing.index(batch);
            nanos += System.nanoTime() - t0;
            check(rejected.isEmpty(), "pipeline rejected " + rejected);
        }
        return nanos;
    }

    /**
     * Gives every paper a vector: the real vectors of the first {@code basis} papers, each paper taking one of them
     * plus Gaussian noise. Written like the sweep writes: the document at its version with the vector added.
     */
    static void addVectors(PaperIndex index, TextEmbedder embedder, CorpusGenerator corpus, int papers,
            int basis) throws Exception {
        long t0 = System.nanoTime();
        List<String> texts = new ArrayList<>();
        for (int n = 0; n < Math.min(basis, papers); n++) {
            EnrichedPaperEvent event = corpus.paper(n);
            texts.add(EmbeddingText.of(event.paper().title(), event.paper().summary()));
        }
        List<float[]> vectors = embedder.embedAll(texts);
        System.out.printf(Locale.ROOT, "Embedded %,d basis papers in %.1f s%n", vectors.size(),
                (System.nanoTime() - t0) / 1e9);
        SplittableRandom random = new SplittableRandom(7);
        for (int start = 0; start < papers; start += BATCH) {
            List<BulkAction> actions = new ArrayList<>(BATCH);
            for (int n = start; n < Math.min(papers, start + BATCH); n++) {
                PaperDocument document = PaperDocuments.fromEvent(corpus.paper(n));
                float[] base = vectors.get(n % vectors.size());
                float[] noisy = new float[base.length];
                for (int i = 0; i < base.length; i++) {
                    noisy[i] = (float) (base[i] + 0.02 * gaussian(random));
                }
                actions.add(index.indexAction(document, new PaperVector(embedder.modelId(), document.textHash(),
                        noisy, Instant.EPOCH, List.of())));
            }
            List<BulkItemOutcome> outcomes = index.bulk(actions, true);
            check(outcomes.stream().allMatch(o -> o.kind() == BulkItemOutcome.Kind.DONE), "vector bulk failed");
        }
        System.out.printf(Locale.ROOT, "Vectors on %,d papers in %.1f s%n", papers, (System.nanoTime() - t0) / 1e9);
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** A query word and three filters: a tag, a publication year range, and hasCode. */
    private static SearchFilters filters(SplittableRandom random) {
        String word = CorpusGenerator.WORDS[random.nextInt(CorpusGenerator.WORDS.length)];
        String tag = CorpusGenerator.TAGS[CorpusGenerator.skewed(random, CorpusGenerator.TAGS.length)];
        int year = 2019 + random.nextInt(7);
        return new SearchFilters(Optional.of(word), Set.of(tag), Set.of(), Set.of(), Set.of(),
                Optional.of(random.nextBoolean()), Optional.of(LocalDate.of(year, 1, 1)), Optional.empty());
    }

    private static void warmUp(RestClient client, ObjectMapper json, CorpusGenerator corpus, String run)
            throws Exception {
        PaperIndex warm = new PaperIndex(client, json, run + "-warmup", 1, 0);
        try {
            BulkIndexer indexing = new BulkIndexer(warm, new TextEmbedder(config()), new SimpleMeterRegistry(),
                    config());
            for (int start = 0; start < 5_000; start += BATCH) {
                List<IncomingPaper> batch = new ArrayList<>();
                for (int n = start; n < start + BATCH; n++) {
                    EnrichedPaperEvent event = corpus.paper(n);
                    batch.add(new IncomingPaper(event.paperId(), EventCodec.encode(event)));
                }
                indexing.index(batch);
                List<BulkAction> actions = new ArrayList<>();
                for (int n = start; n < start + BATCH; n++) {
                    actions.add(warm.indexAction(PaperDocuments.fromEvent(corpus.paper(n))));
                }
                warm.bulk(actions, false);
            }
        } finally {
            warm.deleteIndex();
        }
    }

    static double pct(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    /** The configuration both benchmarks index with: a bench alias, no replica, 1000-action bulk requests. */
    static QueryConfig config() {
        return QueryConfig.of(Map.of("paperstream.query.index.alias", "bench",
                "paperstream.query.index.replicas", "0",
                "paperstream.query.indexing.bulk-max-actions", String.valueOf(BATCH)));
    }
}
