package dev.paperstream.query.benchmark;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.EventCodec;
import dev.paperstream.query.config.QueryConfig;
import dev.paperstream.query.persistence.PaperIndex;
import dev.paperstream.query.service.BulkIndexer;
import dev.paperstream.query.service.EmbeddingSweep;
import dev.paperstream.query.service.IncomingPaper;
import dev.paperstream.query.service.SimilarityTagger;
import dev.paperstream.query.service.TextEmbedder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The backfill: indexes generated papers without vectors, then runs the real {@link EmbeddingSweep} at full speed
 * (cpu-share 1) until every paper has one, printing progress every 10 s, the rate, and the CPU the process used
 * (cores busy on average). Arguments: {@code [papers] [threads]}, defaults 10000 and 2.
 */
public final class EmbeddingBackfillBenchmark {

    private EmbeddingBackfillBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int papers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        String host = Optional.ofNullable(System.getenv("PAPERSTREAM_ELASTICSEARCH_HOSTS")).orElse("127.0.0.1:9200")
                .split(",")[0];
        String run = "bench-backfill-" + Long.toString(System.currentTimeMillis(), 36);
        ObjectMapper json = JsonMapper.builder().findAndAddModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        QueryConfig config = QueryConfig.of(Map.of("paperstream.query.index.alias", run,
                "paperstream.query.index.replicas", "0", "paperstream.query.embedding.cpu-share", "1",
                "paperstream.query.embedding.threads", String.valueOf(threads),
                "paperstream.query.embedding.batch-size", "64"));
        TextEmbedder embedder = new TextEmbedder(config);
        try (RestClient client = RestClient.builder(HttpHost.create("http://" + host)).build()) {
            PaperIndex index = new PaperIndex(client, json, config);
            try {
                BulkIndexer indexing = new BulkIndexer(index, embedder, new SimpleMeterRegistry(), config);
                CorpusGenerator corpus = new CorpusGenerator(Instant.now());
                for (int start = 0; start < papers; start += 1000) {
                    List<IncomingPaper> batch = new ArrayList<>();
                    for (int n = start; n < Math.min(papers, start + 1000); n++) {
                        EnrichedPaperEvent event = corpus.paper(n);
                        batch.add(new IncomingPaper(event.paperId(), EventCodec.encode(event)));
                    }
                    indexing.index(batch);
                }
                index.refresh();
                embedder.embedQuery("load the model before the clock starts");
                System.out.printf(Locale.ROOT, "Backfill: %,d papers without vectors in %s; %d embedding threads%n",
                        index.countUnembedded(embedder.modelId()), run, threads);

                com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean();
                long cpu0 = os.getProcessCpuTime();
                long start = System.nanoTime();
                int written = backfill(index, embedder, config, papers);
                double seconds = (System.nanoTime() - start) / 1e9;
                double cores = (os.getProcessCpuTime() - cpu0) / 1e9 / seconds;
                System.out.println();
                System.out.println("| measurement | value |");
                System.out.println("| --- | --- |");
                System.out.printf(Locale.ROOT, "| papers embedded | %,d |%n", written);
                System.out.printf(Locale.ROOT, "| wall time (s) | %.1f |%n", seconds);
                System.out.printf(Locale.ROOT, "| papers/s | %.1f |%n", written / seconds);
                System.out.printf(Locale.ROOT, "| cores busy in this process (CPU time / wall time) | %.2f of %d |%n",
                        cores, Runtime.getRuntime().availableProcessors());
                System.out.printf(Locale.ROOT, "| 100,000 papers at this rate (min) | %.0f |%n",
                        100_000 / (written / seconds) / 60);
            } finally {
                index.deleteIndex();
            }
        }
    }

    /** Runs the real sweep until every paper has a vector, printing progress every 10 s; returns how many it wrote. */
    static int backfill(PaperIndex index, TextEmbedder embedder, QueryConfig config, int expected) throws Exception {
        EmbeddingSweep sweep = new EmbeddingSweep(index, embedder, new SimilarityTagger(embedder, config), config,
                new SimpleMeterRegistry());
        long start = System.nanoTime();
        long lastReport = start;
        int written = 0;
        while (true) {
            EmbeddingSweep.Round round = sweep.sweepOnce();
            if (round.read() == 0) {
                return written;
            }
            written += round.written();
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                lastReport = System.nanoTime();
                System.out.printf(Locale.ROOT, "  %,d of %,d embedded, %.1f papers/s%n", written, expected,
                        written / ((lastReport - start) / 1e9));
            }
        }
    }
}
