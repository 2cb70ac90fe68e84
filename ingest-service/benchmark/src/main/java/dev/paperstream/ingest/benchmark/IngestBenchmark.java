package dev.paperstream.ingest.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import dev.paperstream.ingest.domain.ArxivAtomParser;
import dev.paperstream.ingest.domain.DailyPapersTextParser;
import dev.paperstream.ingest.domain.HfDailyPapersJsonParser;
import dev.paperstream.ingest.domain.ParsedListing;

/**
 * Parse throughput (MB/s, entries/s) of each listing format on generated listings, and, when
 * {@code -Dingest.url=http://127.0.0.1:8081} names a running ingest-service, {@code POST /listings}
 * throughput with persistence: new papers (each a paper row, an alias, an upvote row and an outbox event), every
 * paper changed, and unchanged re-posts. Prints tables. Options: {@code -Dpapers=500} per parsed listing,
 * {@code -Dseconds=5} per measurement, {@code -Dposts=20} listings of {@code -Dpost-papers=500} papers posted after
 * {@code -Dwarmup-posts=200} warm-up listings.
 */
public final class IngestBenchmark {

    private static final LocalDate AS_OF = LocalDate.of(2025, 12, 17);
    static final String ABSTRACT = "We study how pretrained language models (LMs) can be adapted with"
            + " reinforcement learning from unit tests and critic feedback. Our method improves pass@k on APPS and"
            + " MBPP, transfers zero-shot, and reduces the cost of fine-tuning; code is available at"
            + " https://github.com/example/repo. We analyse $\\mathcal{O}(n^2)$ attention and sparse variants.";

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int papers = Integer.getInteger("papers", 500);
        Duration measure = Duration.ofSeconds(Long.getLong("seconds", 5));
        String run = UUID.randomUUID().toString().substring(0, 8);

        List<String[]> rows = new ArrayList<>();
        DailyPapersTextParser text = new DailyPapersTextParser();
        HfDailyPapersJsonParser json = new HfDailyPapersJsonParser();
        ArxivAtomParser atom = new ArxivAtomParser();
        rows.add(parse("hf-daily-text", text(run, 0, papers), papers, measure,
                body -> text.parse(new String(body, StandardCharsets.UTF_8), AS_OF)));
        rows.add(parse("hf-daily-json", json(run, papers), papers, measure, body -> json.parse(body, AS_OF)));
        rows.add(parse("arxiv-atom", atom(run, papers), papers, measure, body -> atom.parse(body, AS_OF)));

        System.out.printf("%nParse throughput (%d entries per listing, %s per format, JVM %s, %d cores)%n", papers,
                measure, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        System.out.printf("| %-14s | %12s | %8s | %12s | %10s |%n", "format", "listing size", "MB/s", "entries/s",
                "ms/listing");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        for (String[] row : rows) {
            System.out.printf("| %-14s | %12s | %8s | %12s | %10s |%n", (Object[]) row);
        }

        String url = System.getProperty("ingest.url");
        if (url != null) {
            post(URI.create(url.replaceAll("/$", "") + "/listings"), run, Integer.getInteger("posts", 20),
                    Integer.getInteger("post-papers", 500));
        }
    }

    private static String[] parse(String format, byte[] body, int entries, Duration measure,
            Function<byte[], ParsedListing> parser) {
        ParsedListing check = parser.apply(body);
        if (check.papers().size() != entries || !check.rejected().isEmpty()) {
            throw new IllegalStateException(format + ": generated listing parsed into " + check.papers().size()
                    + " papers and " + check.rejected().size() + " rejections, expected " + entries);
        }
        long warmupEnd = System.nanoTime() + measure.toNanos() / 2;
        while (System.nanoTime() < warmupEnd) {
            parser.apply(body);
        }
        long start = System.nanoTime();
        long end = start + measure.toNanos();
        int iterations = 0;
        while (System.nanoTime() < end || iterations < 3) {
            parser.apply(body);
            iterations++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double megabytes = (double) body.length * iterations / (1024 * 1024);
        return new String[] { format, String.format(Locale.ROOT, "%.1f KB", body.length / 1024.0),
                String.format(Locale.ROOT, "%.1f", megabytes / seconds),
                String.format(Locale.ROOT, "%,.0f", (double) entries * iterations / seconds),
                String.format(Locale.ROOT, "%.2f", seconds * 1000 / iterations) };
    }

    /**
     * Posts the same listings three times, one after another: every paper new, then every paper changed (its
     * upvote count), then unchanged re-posts; after {@code -Dwarmup-posts=200} warm-up listings of their own (the
     * service's JIT compiles its hot paths over the first few tens of listings, as a running service has done).
     */
    private static void post(URI listings, String run, int posts, int papersPerListing) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        int warmups = Integer.getInteger("warmup-posts", 200);
        for (int i = 0; i < warmups; i++) { // the service's first requests pay for JIT and connection setup
            send(http, listings, text(run + "-warm-up", i * papersPerListing, papersPerListing, 0));
        }
        System.out.printf("%nPOST /listings with PostgreSQL and the outbox (%s; %d listings of %d papers each, one"
                + " after another)%n", listings, posts, papersPerListing);
        System.out.println("| listings | listings/s | papers/s | MB/s | ms/listing |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        String[] phases = { "new papers", "all papers changed", "unchanged re-posts" };
        int[] upvoteShift = { 0, 1, 1 };
        for (int phase = 0; phase < phases.length; phase++) {
            // Bodies are made before the clock starts: the client's work is not the service's.
            List<byte[]> bodies = new ArrayList<>(posts);
            for (int i = 0; i < posts; i++) {
                bodies.add(text(run + "-post", i * papersPerListing, papersPerListing, upvoteShift[phase]));
            }
            long start = System.nanoTime();
            long bytes = 0;
            for (byte[] body : bodies) {
                send(http, listings, body);
                bytes += body.length;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "| %s | %.1f | %,.0f | %.2f | %.1f |%n", phases[phase], posts / seconds,
                    posts * papersPerListing / seconds, bytes / seconds / (1024 * 1024), seconds * 1000 / posts);
        }
    }

    private static void send(HttpClient http, URI listings, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(listings + "?asOf=2025-12-17&source=benchmark"))
                .header("Content-Type", "text/plain; charset=UTF-8")
                .header("Authorization", "Bearer " + IngestToken.get())
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST /listings answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static byte[] text(String run, int first, int count) {
        return text(run, first, count, 0);
    }

    /** A Daily Papers page of generated papers; {@code upvoteShift} changes every paper's upvote count. */
    private static byte[] text(String run, int first, int count, int upvoteShift) {
        StringBuilder out = new StringBuilder("Daily Papers\n\nDec 17\n\n");
        for (int i = first; i < first + count; i++) {
            out.append(title(run, i)).append("\n\n").append(ABSTRACT).append("\n\n")
                    .append(ABSTRACT).append("\n\n  • ").append(1 + i % 12).append(" authors\n·\n")
                    .append(i % 3 == 0 ? "Dec 1 " : "Nov 3, 2024 ").append(i % 50 + upvoteShift).append("\n\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] json(String run, int count) {
        StringBuilder out = new StringBuilder("[\n");
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ",\n").append("{\"paper\":{\"id\":\"").append(arxivId(i))
                    .append("\",\"authors\":[{\"name\":\"Ada Lovelace\",\"hidden\":false},{\"name\":\"Alan Turing\"}],")
                    .append("\"publishedAt\":\"2025-12-16T17:59:59.000Z\",\"title\":\"").append(title(run, i))
                    .append("\",\"summary\":\"").append(ABSTRACT.replace("\\", "\\\\")).append(' ')
                    .append(ABSTRACT.replace("\\", "\\\\"))
                    .append("\",\"upvotes\":").append(i % 97)
                    .append(",\"ai_keywords\":[\"reinforcement learning\",\"code generation\",\"APPS\"],")
                    .append("\"githubRepo\":\"https://github.com/example/repo\"},")
                    .append("\"numComments\":2,\"organization\":{\"name\":\"example\",\"fullname\":\"Example Lab\"},")
                    .append("\"submittedBy\":{\"name\":\"akhaliq\",\"fullname\":\"AK\"}}");
        }
        return out.append("\n]\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] atom(String run, int count) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>ArXiv Query</title>\n");
        for (int i = 0; i < count; i++) {
            out.append("  <entry>\n    <id>http://arxiv.org/abs/").append(arxivId(i)).append("v2</id>\n")
                    .append("    <updated>2025-12-17T10:00:00Z</updated>\n    <published>2025-12-16T17:59:59Z</published>\n")
                    .append("    <title>").append(title(run, i)).append("</title>\n    <summary>  ")
                    .append(ABSTRACT.replace(". ", ".\n    ")).append("\n    ").append(ABSTRACT).append("\n</summary>\n")
                    .append("    <author><name>Ada Lovelace</name><arxiv:affiliation xmlns:arxiv=\"http://arxiv.org/schemas/atom\">")
                    .append("Analytical Engines Ltd</arxiv:affiliation></author>\n")
                    .append("    <author><name>Alan Turing</name></author>\n")
                    .append("    <link href=\"http://arxiv.org/abs/").append(arxivId(i)).append("v2\" rel=\"alternate\" type=\"text/html\"/>\n")
                    .append("    <arxiv:primary_category xmlns:arxiv=\"http://arxiv.org/schemas/atom\" term=\"cs.CL\"/>\n")
                    .append("    <category term=\"cs.CL\"/>\n    <category term=\"cs.LG\"/>\n  </entry>\n");
        }
        return out.append("</feed>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String title(String run, int i) {
        return "Benchmark " + run + " paper " + i + ": Mastering Code Generation through Pretrained Models";
    }

    private static String arxivId(int i) {
        return String.format(Locale.ROOT, "2512.%05d", i);
    }
}
