package dev.paperstream.ingest.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The whole pipeline against what its own index can absorb, on the running local stack
 * ({@code deploy/local/stack up}): POST {@code -Dpapers=5000} new papers as {@code -Dlisting=500}-paper Daily
 * Papers listings to ingest-service, one after another, and time until all of them are searchable in
 * query-service's index (ingest, outbox relay, Kafka, enrich, Kafka, query-service's bulk indexing). Then bulk
 * the very same documents (their {@code _source}, as the pipeline indexed them) into a fresh index with the live
 * mapping, {@code -Dlisting} per {@code _bulk} request, and time until they are searchable. Prints both rates and
 * their ratio. {@code -Dwarmups=4} runs first warm the services' JIT as a running stack is warm, then
 * {@code -Druns=5} measured runs, one table row each, and their median ratio. The papers stay in the stack's index
 * (titles start with {@code Pipeline benchmark <run>}); the comparison index is deleted.
 */
public final class PipelineBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(5);

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int papers = Integer.getInteger("papers", 5_000);
        int perListing = Integer.getInteger("listing", 500);
        int warmups = Integer.getInteger("warmups", 4);
        int runs = Integer.getInteger("runs", 5);
        URI ingest = URI.create(System.getProperty("ingest.url", "http://127.0.0.1:8081"));
        URI elasticsearch = URI.create(System.getProperty("elasticsearch.url", "http://127.0.0.1:9200"));
        String alias = System.getProperty("index", "papers");

        List<Run> measured = new ArrayList<>();
        for (int i = 1; i <= warmups + runs; i++) {
            boolean warmup = i <= warmups;
            System.out.printf("%s %d of %d: posting %,d new papers as %d-paper listings to %s …%n",
                    warmup ? "Warm-up run" : "Run", warmup ? i : i - warmups, warmup ? warmups : runs, papers,
                    perListing, ingest);
            Run run = measure(ingest, elasticsearch, alias, papers, perListing);
            System.out.printf(Locale.ROOT, "  all posted after %.2f s, searchable after %.2f s; raw _bulk %.2f s; ratio %.2f%n",
                    run.posted(), run.pipeline(), run.bulk(), run.ratio());
            if (!warmup) {
                measured.add(run);
            }
        }

        System.out.printf("%nEnd to end, %,d new papers in %d-paper listings (JVM %s, %d cores; %d measured runs after"
                + " %d warm-up runs)%n", papers, perListing, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), runs, warmups);
        System.out.println("| run | all posted s | pipeline searchable s | papers/s | raw `_bulk` searchable s | docs/s | ratio |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int i = 0; i < measured.size(); i++) {
            Run run = measured.get(i);
            System.out.printf(Locale.ROOT, "| %d | %.2f | %.2f | %,.0f | %.2f | %,.0f | %.2f |%n", i + 1, run.posted(),
                    run.pipeline(), papers / run.pipeline(), run.bulk(), papers / run.bulk(), run.ratio());
        }
        double[] ratios = measured.stream().mapToDouble(Run::ratio).sorted().toArray();
        if (ratios.length > 0) {
            System.out.printf(Locale.ROOT, "| **median ratio pipeline / bulk** (min %.2f, max %.2f) | | | | | | **%.2f** |%n",
                    ratios[0], ratios[ratios.length - 1], ratios[ratios.length / 2]);
        }
    }

    /** One run's seconds: all POSTs answered, all papers searchable, and the raw bulk of the same documents. */
    private record Run(double posted, double pipeline, double bulk) {
        double ratio() {
            return bulk / pipeline;
        }
    }

    private static Run measure(URI ingest, URI elasticsearch, String alias, int papers, int perListing)
            throws Exception {
        String token = "pipelinebench" + UUID.randomUUID().toString().substring(0, 8);
        List<byte[]> listings = new ArrayList<>();
        for (int first = 0; first < papers; first += perListing) {
            listings.add(listing(token, first, Math.min(perListing, papers - first)));
        }
        long start = System.nanoTime();
        for (byte[] body : listings) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(ingest.resolve("/listings?source=pipeline-benchmark"))
                    .header("Content-Type", "text/plain; charset=UTF-8").timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + IngestToken.get())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException("POST /listings answered " + response.statusCode() + ": " + response.body());
            }
        }
        double posted = seconds(start);
        double pipeline = awaitSearchable(elasticsearch, alias, token, papers, start);

        String bulkIndex = "pipeline-bench-" + token;
        List<JsonNode> sources = sources(elasticsearch, alias, token, papers);
        createIndexLike(elasticsearch, alias, bulkIndex);
        try {
            long bulkStart = System.nanoTime();
            for (int from = 0; from < sources.size(); from += perListing) {
                StringBuilder bulk = new StringBuilder();
                for (JsonNode source : sources.subList(from, Math.min(sources.size(), from + perListing))) {
                    bulk.append("{\"index\":{\"_id\":").append(JSON.writeValueAsString(source.path("id").asText()))
                            .append("}}\n").append(JSON.writeValueAsString(source)).append('\n');
                }
                JsonNode result = request(elasticsearch, "POST", "/" + bulkIndex + "/_bulk", bulk.toString(),
                        "application/x-ndjson");
                if (result.path("errors").asBoolean()) {
                    throw new IllegalStateException("bulk request had errors: " + result.toString().substring(0, 500));
                }
            }
            return new Run(posted, pipeline, awaitSearchable(elasticsearch, bulkIndex, token, papers, bulkStart));
        } finally {
            request(elasticsearch, "DELETE", "/" + bulkIndex, null, null);
        }
    }

    /** Seconds from {@code start} until the index answers {@code expected} documents with the run's token. */
    private static double awaitSearchable(URI elasticsearch, String index, String token, int expected, long start)
            throws Exception {
        long deadline = start + SETTLE_LIMIT.toNanos();
        long found = 0;
        while (System.nanoTime() < deadline) {
            found = request(elasticsearch, "POST", "/" + index + "/_count", query(token), "application/json")
                    .path("count").asLong();
            if (found >= expected) {
                return seconds(start);
            }
            Thread.sleep(50); // polling a server we do not control; 50 ms bounds the measurement error
        }
        throw new IllegalStateException(index + " holds " + found + " of " + expected + " papers after " + SETTLE_LIMIT);
    }

    private static List<JsonNode> sources(URI elasticsearch, String index, String token, int expected) throws Exception {
        ObjectNode search = (ObjectNode) JSON.readTree(query(token));
        search.put("size", expected);
        JsonNode hits = request(elasticsearch, "POST", "/" + index + "/_search", search.toString(), "application/json")
                .path("hits").path("hits");
        List<JsonNode> sources = new ArrayList<>();
        hits.forEach(hit -> sources.add(hit.path("_source")));
        return sources;
    }

    /** A fresh index with the settings' essentials and the mapping of the index behind {@code alias}. */
    private static void createIndexLike(URI elasticsearch, String alias, String index) throws Exception {
        JsonNode mappings = request(elasticsearch, "GET", "/" + alias + "/_mapping", null, null);
        JsonNode mapping = mappings.elements().next().path("mappings");
        ObjectNode body = JSON.createObjectNode();
        body.putObject("settings").put("number_of_shards", 1).put("number_of_replicas", 0);
        body.set("mappings", mapping);
        request(elasticsearch, "PUT", "/" + index, body.toString(), "application/json");
    }

    private static String query(String token) {
        return "{\"query\":{\"match\":{\"title\":\"" + token + "\"}}}";
    }

    private static JsonNode request(URI base, String method, String path, String body, String type) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static byte[] listing(String token, int first, int count) {
        StringBuilder out = new StringBuilder("Daily Papers\n\nDec 17\n\n");
        for (int i = first; i < first + count; i++) {
            out.append("Pipeline benchmark ").append(token).append(" paper ").append(i)
                    .append(": Diffusion Language Models with Reinforcement Learning from Unit Tests\n\n")
                    .append(IngestBenchmark.ABSTRACT).append("\n\n  • ").append(1 + i % 12).append(" authors\n·\n")
                    .append("Dec 1 ").append(i % 50).append("\n\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
