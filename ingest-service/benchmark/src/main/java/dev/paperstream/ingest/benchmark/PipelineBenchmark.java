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
 * The whole pipeline against what its own index can absorb, in one run on the running local stack
 * ({@code deploy/local/stack up}): POST {@code -Dpapers=5000} new papers as {@code -Dlisting=500}-paper Daily
 * Papers listings to ingest-service, one after another, and time until all of them are searchable in
 * query-service's index (ingest, outbox relay, Kafka, enrich, Kafka, query-service's bulk indexing). Then bulk
 * the very same documents (their {@code _source}, as the pipeline indexed them) into a fresh index with the live
 * mapping, {@code -Dlisting} per {@code _bulk} request, and time until they are searchable. Prints both rates and
 * their ratio. The papers stay in the stack's index (titles start with {@code Pipeline benchmark <run>}); the
 * comparison index is deleted.
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
        URI ingest = URI.create(System.getProperty("ingest.url", "http://127.0.0.1:8081"));
        URI elasticsearch = URI.create(System.getProperty("elasticsearch.url", "http://127.0.0.1:9200"));
        String alias = System.getProperty("index", "papers");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String token = "pipelinebench" + run;

        List<byte[]> listings = new ArrayList<>();
        for (int first = 0; first < papers; first += perListing) {
            listings.add(listing(token, first, Math.min(perListing, papers - first)));
        }
        System.out.printf("Posting %,d new papers as %d listings of %d to %s …%n", papers, listings.size(), perListing,
                ingest);
        long start = System.nanoTime();
        for (byte[] body : listings) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(ingest.resolve("/listings?source=pipeline-benchmark"))
                    .header("Content-Type", "text/plain; charset=UTF-8").timeout(Duration.ofSeconds(120))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException("POST /listings answered " + response.statusCode() + ": " + response.body());
            }
        }
        double posted = seconds(start);
        double pipeline = awaitSearchable(elasticsearch, alias, token, papers, start);
        System.out.printf("  all posted after %.2f s, all searchable after %.2f s%n", posted, pipeline);

        String bulkIndex = "pipeline-bench-" + run;
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
            double bulkSeconds = awaitSearchable(elasticsearch, bulkIndex, token, papers, bulkStart);

            System.out.printf("%nEnd to end, %,d new papers in %d-paper listings (JVM %s, %d cores, one run)%n", papers,
                    perListing, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            System.out.println("| path | seconds until searchable | papers/s |");
            System.out.println("| --- | ---: | ---: |");
            System.out.printf(Locale.ROOT, "| pipeline: POST /listings → ingest → Kafka → enrich → Kafka → query → ES | %.2f | %,.0f |%n",
                    pipeline, papers / pipeline);
            System.out.printf(Locale.ROOT, "| raw Elasticsearch _bulk of the same documents, %d per request | %.2f | %,.0f |%n",
                    perListing, bulkSeconds, papers / bulkSeconds);
            System.out.printf(Locale.ROOT, "| **ratio pipeline / bulk** | | **%.2f** |%n", bulkSeconds / pipeline);
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
