package dev.paperstream.query.benchmark;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.paperstream.query.persistence.PaperIndex;
import dev.paperstream.query.service.TextEmbedder;
import dev.paperstream.testing.ServiceProcess;
import dev.paperstream.testing.StackLocator;

/**
 * First render of the paper browser's search page at scale: the corpus is indexed (with vectors, as in
 * {@link PaperSearchBenchmark}) into an index of its own, the built query-service ({@code
 * query-service/target/quarkus-app}) is started as the e2e tests start it ({@link ServiceProcess}: a free port, the
 * prod profile, a 256 MB heap) against that index (its embedding sweep off, its Kafka topics unique to the run), and {@code GET /?q=&tag=&hasCode=&from=} pages (a word, three filters, five
 * facets, the whole HTML page) are timed from this JVM over loopback, per mode: server time plus a loopback round
 * trip, so a slight overestimate. Prints a table. Arguments: {@code [papers] [renders] [basis]}, defaults 100000,
 * 1000 and 2000. Needs {@code mvn install} of query-service first, and the stack's infrastructure.
 */
public final class PageRenderBenchmark {

    private PageRenderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int papers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int renders = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int basis = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        Path root = Path.of(System.getProperty("paperstream.root",
                System.getProperty("maven.multiModuleProjectDirectory", "."))).toAbsolutePath();
        String host = Optional.ofNullable(System.getenv("PAPERSTREAM_ELASTICSEARCH_HOSTS")).orElse("127.0.0.1:9200")
                .split(",")[0];
        String run = "bench-ui-" + Long.toString(System.currentTimeMillis(), 36);
        ObjectMapper json = JsonMapper.builder().findAndAddModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        CorpusGenerator corpus = new CorpusGenerator(Instant.now());
        ServiceProcess service = null;
        try (RestClient client = RestClient.builder(HttpHost.create("http://" + host)).build()) {
            PaperIndex index = new PaperIndex(client, json, run, 1, 0);
            try {
                System.out.printf("Corpus: %,d papers; Elasticsearch %s; index %s%n", papers, host, run);
                TextEmbedder embedder = new TextEmbedder(PaperSearchBenchmark.config());
                long nanos = PaperSearchBenchmark.indexThroughPipeline(index, embedder, corpus, papers);
                System.out.printf(Locale.ROOT, "Indexed in %.1f s%n", nanos / 1e9);
                index.refresh();
                PaperSearchBenchmark.addVectors(index, embedder, corpus, papers, basis);
                index.refresh();

                // The stack's endpoints as the e2e tests pass them (loopback only, no phone-home from the model).
                Map<String, String> env = StackLocator.fromEnvironment(System.getenv()).serviceEnvironment();
                service = ServiceProcess.start(root, root.resolve("query-service/benchmark/target"), "query-service",
                        run, env, Map.of(
                                "paperstream.query.index.alias", run,
                                // Saved searches of its own: never a running demo's subscriptions and deliveries.
                                "paperstream.db.schema", "query_bench",
                                "paperstream.query.embedding.sweep", "false",
                                "mp.messaging.incoming.papers-enriched.topic", run + ".papers.enriched",
                                "mp.messaging.incoming.papers-enriched.group.id", run,
                                "mp.messaging.incoming.papers-enriched.dead-letter-queue.topic", run + ".dlq"));
                service.awaitReady(Duration.ofSeconds(60));
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
                String base = service.baseUri();

                SplittableRandom random = new SplittableRandom(42);
                System.out.println();
                System.out.println("| mode | renders | p50 (ms) | p99 (ms) | max (ms) | mean page size |");
                System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
                for (String mode : List.of("keyword", "hybrid", "semantic")) {
                    for (int i = 0; i < 100; i++) {
                        get(http, base + page(random, mode));
                    }
                    long[] times = new long[renders];
                    long bytes = 0;
                    for (int i = 0; i < renders; i++) {
                        String url = base + page(random, mode);
                        long t0 = System.nanoTime();
                        bytes += get(http, url).length();
                        times[i] = System.nanoTime() - t0;
                    }
                    System.out.printf(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %.1f | %,d B |%n", mode, renders,
                            PaperSearchBenchmark.pct(times, 50), PaperSearchBenchmark.pct(times, 99),
                            PaperSearchBenchmark.pct(times, 100), bytes / renders);
                }
            } finally {
                if (service != null) {
                    service.close();
                }
                index.deleteIndex();
            }
        }
    }

    /** The search page with a word, a tag, hasCode and a from date: the filters of PaperSearchBenchmark. */
    private static String page(SplittableRandom random, String mode) {
        String word = CorpusGenerator.WORDS[random.nextInt(CorpusGenerator.WORDS.length)];
        String tag = CorpusGenerator.TAGS[CorpusGenerator.skewed(random, CorpusGenerator.TAGS.length)];
        return "/?q=" + URLEncoder.encode(word, StandardCharsets.UTF_8) + "&tag=" + tag + "&hasCode="
                + random.nextBoolean() + "&from=" + (2019 + random.nextInt(7)) + "-01-01&mode=" + mode;
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
    }
}
