package dev.paperstream.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.paperstream.events.Roles;
import dev.paperstream.testing.HeadlessChromium;
import dev.paperstream.testing.ServiceProcess;
import dev.paperstream.testing.StackEndpoints;
import dev.paperstream.testing.StackLocator;
import dev.paperstream.testing.TestTokens;
import io.restassured.path.json.JsonPath;

/**
 * The three packaged services as processes against the real stack: the sample listing posted to
 * ingest-service is searchable in query-service. Each run uses its own topics, schema, index and
 * consumer groups, so it neither sees nor disturbs other data on the stack.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleListingPipelineIT {

    private static final Path ROOT = Path.of(System.getProperty("paperstream.root", "../../..")).toAbsolutePath()
            .normalize();
    private static final Path LOGS = ROOT.resolve("deploy/local/e2e/target/e2e-logs");
    private static final String RUN = "e2e" + Long.toString(System.currentTimeMillis(), 36)
            + ThreadLocalRandom.current().nextInt(1000);
    private static final Duration SEARCH_WAIT = Duration.ofSeconds(60);

    private static StackEndpoints stack;
    private static Map<String, String> env;
    private static Map<String, String> enrichProperties;
    private static Map<String, String> queryProperties;
    private static ServiceProcess ingest;
    private static ServiceProcess enrich;
    private static ServiceProcess query;
    private static OtlpTraceCollector traces;

    @BeforeAll
    static void startServices() throws Exception {
        stack = StackLocator.locate();
        env = stack.serviceEnvironment();
        traces = new OtlpTraceCollector();
        ingest = ServiceProcess.start(ROOT, LOGS, "ingest-service", env, traced(Map.of(
                "paperstream.db.schema", RUN,
                "mp.messaging.outgoing.papers-listed.topic", topic("papers.listed"))));
        enrichProperties = traced(Map.of(
                "paperstream.db.schema", RUN + "_enrich",
                "mp.messaging.incoming.papers-listed.topic", topic("papers.listed"),
                "mp.messaging.incoming.papers-listed.group.id", RUN + "-enrich",
                "mp.messaging.incoming.papers-listed.dead-letter-queue.topic", topic("papers.listed.dlq"),
                "mp.messaging.outgoing.papers-enriched.topic", topic("papers.enriched")));
        enrich = ServiceProcess.start(ROOT, LOGS, "enrich-service", env, enrichProperties);
        queryProperties = traced(Map.of(
                "paperstream.db.schema", RUN + "_query",
                "mp.messaging.incoming.papers-enriched.topic", topic("papers.enriched"),
                "mp.messaging.incoming.papers-enriched.group.id", RUN + "-query",
                "mp.messaging.incoming.papers-enriched.dead-letter-queue.topic", topic("papers.enriched.dlq"),
                "paperstream.query.index.alias", RUN + "-papers",
                "paperstream.query.index.replicas", "0",
                // Webhooks to this test's own server on loopback, retried soon.
                "paperstream.query.webhooks.allowed-hosts", "127.0.0.1",
                "paperstream.query.webhooks.first-retry", "1s"));
        query = ServiceProcess.start(ROOT, LOGS, "query-service", env, queryProperties);
        for (ServiceProcess service : List.of(ingest, enrich, query)) {
            service.awaitReady(Duration.ofSeconds(120));
        }
    }

    @AfterAll
    static void stopServicesAndRemoveRunData() throws Exception {
        for (ServiceProcess service : new ServiceProcess[] { query, enrich, ingest }) {
            if (service != null) {
                service.close();
            }
        }
        if (traces != null) {
            traces.close();
        }
        if (stack == null) {
            return;
        }
        RunData.removeIndexAndSchemas(stack, RUN);
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        try (Admin kafka = Admin.create(admin)) {
            kafka.deleteTopics(List.of(topic("papers.listed"), topic("papers.enriched"), topic("papers.listed.dlq"),
                    topic("papers.enriched.dlq"))).all().get();
        } catch (java.util.concurrent.ExecutionException ignored) {
            // a DLQ topic that was never created
        }
    }

    @Test
    @Order(1)
    void sampleListingBecomesSearchableWithOneHitPerPaper() throws IOException {
        byte[] sample = Files.readAllBytes(ROOT.resolve("deploy/local/sample/hf-daily-papers-2025-12-17.txt"));

        asIngest().contentType("text/plain; charset=UTF-8").body(sample)
                .queryParam("asOf", "2025-12-17")
                .post("/listings")
                .then().statusCode(202).body("accepted", equalTo(39));

        Awaitility.await("all 39 papers searchable").atMost(SEARCH_WAIT).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> given().baseUri(query.baseUri()).queryParam("size", "100")
                        .get("/papers/search").then().statusCode(200).body("total", equalTo(39)));

        JsonPath codeRl = given().baseUri(query.baseUri()).queryParam("q", "CodeRL").get("/papers/search")
                .then().statusCode(200).extract().jsonPath();
        assertThat(codeRl.getString("hits[0].title")).startsWith("CodeRL:");
        assertThat(codeRl.getInt("hits[0].authorCount")).isEqualTo(5);
        assertThat(codeRl.getString("hits[0].publishedOn")).isEqualTo("2022-07-04");
        assertThat(codeRl.getList("hits[0].tags", String.class)).contains("code-generation", "reinforcement-learning");

        List<String> titles = given().baseUri(query.baseUri()).queryParam("size", "100").get("/papers/search")
                .then().extract().jsonPath().getList("hits.title", String.class);
        assertThat(titles).hasSize(39).doesNotHaveDuplicates();
        for (String title : titles) {
            String phrase = "\"" + title.replace("\"", " ") + "\"";
            List<String> found = given().baseUri(query.baseUri()).queryParam("q", phrase).get("/papers/search")
                    .then().statusCode(200).extract().jsonPath().getList("hits.title", String.class);
            assertThat(found).as("search for %s", phrase).contains(title);
        }
    }

    @Test
    @Order(2)
    void repostingTheSampleLeavesOneHitPerPaper() throws IOException {
        byte[] sample = Files.readAllBytes(ROOT.resolve("deploy/local/sample/hf-daily-papers-2025-12-17.txt"));
        asIngest().contentType("text/plain; charset=UTF-8").body(sample)
                .queryParam("asOf", "2025-12-17").post("/listings").then().statusCode(202);
        Awaitility.await().atMost(SEARCH_WAIT).untilAsserted(() -> given().baseUri(query.baseUri())
                .queryParam("size", "100").get("/papers/search").then().body("total", equalTo(39)));

        asIngest().contentType("text/plain; charset=UTF-8").body(sample)
                .queryParam("asOf", "2025-12-17").post("/listings")
                .then().statusCode(202).body("new", equalTo(0)).body("unchanged", equalTo(39));

        given().baseUri(query.baseUri()).queryParam("size", "100").get("/papers/search")
                .then().body("total", equalTo(39));
    }

    @Test
    @Order(3)
    void replayAfterTaxonomyChangeUpdatesTagsWithoutDuplicates() throws Exception {
        byte[] sample = Files.readAllBytes(ROOT.resolve("deploy/local/sample/hf-daily-papers-2025-12-17.txt"));
        asIngest().contentType("text/plain; charset=UTF-8").body(sample)
                .queryParam("asOf", "2025-12-17").post("/listings").then().statusCode(202);
        Awaitility.await().atMost(SEARCH_WAIT).untilAsserted(() -> given().baseUri(query.baseUri())
                .queryParam("size", "100").get("/papers/search").then().body("total", equalTo(39)));

        // A new taxonomy version with one more tag, then the documented replay: stop, rewind the group, start.
        Path taxonomy = ROOT.resolve("deploy/local/e2e/target/" + RUN + "-taxonomy.txt");
        String bundled = Files.readString(ROOT.resolve("ingest-service/paper-events/src/main/resources/taxonomy/taxonomy.txt"));
        Files.writeString(taxonomy, bundled.replaceFirst("(?m)^version .*$", "version " + RUN)
                + "\ntag replay-marker | Marks papers re-enriched by this test.\n  terms mastering code generation\n");
        enrich.close();
        rewindToStart(RUN + "-enrich", topic("papers.listed"));
        Map<String, String> replayProperties = new HashMap<>(enrichProperties);
        replayProperties.put("paperstream.enrich.taxonomy-file", taxonomy.toString());
        enrich = ServiceProcess.start(ROOT, LOGS, "enrich-service", env, replayProperties);
        enrich.awaitReady(Duration.ofSeconds(120));

        Awaitility.await("re-enriched tags in search").atMost(SEARCH_WAIT).untilAsserted(() -> {
            JsonPath codeRl = given().baseUri(query.baseUri()).queryParam("q", "CodeRL").get("/papers/search")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(codeRl.getList("hits[0].tags", String.class)).contains("replay-marker");
        });
        given().baseUri(query.baseUri()).queryParam("size", "100").get("/papers/search")
                .then().body("total", equalTo(39));
    }

    /** Runs after the counts above: it adds papers beyond the sample's 39. */
    @Test
    @Order(4)
    void samePapersFromJsonAndAtomStayOneHitEachUnderTheirArxivIds() throws IOException {
        Path listings = ROOT.resolve("ingest-service/src/test/resources/listings");
        post("text/plain; charset=UTF-8", ROOT.resolve("deploy/local/sample/hf-daily-papers-2025-12-17.txt"));
        post("application/json", listings.resolve("hf-daily-papers-2025-12-18.json"));
        post("application/atom+xml", listings.resolve("arxiv-query-2025-12-18.atom.xml"));
        post("application/json", listings.resolve("hf-paper-2207.01780.json"));

        // 39 sample papers, 3 more from JSON and Atom; 6 of the sample's papers moved to their arXiv ids.
        Awaitility.await("42 papers, CodeRL under its arXiv id").atMost(SEARCH_WAIT).untilAsserted(() -> {
            given().baseUri(query.baseUri()).queryParam("size", "100").get("/papers/search")
                    .then().statusCode(200).body("total", equalTo(42));
            given().baseUri(query.baseUri()).get("/papers/2207.01780")
                    .then().statusCode(200).body("upvotes", equalTo(9));
        });
        JsonPath all = given().baseUri(query.baseUri()).queryParam("size", "100").get("/papers/search")
                .then().extract().jsonPath();
        assertThat(all.getList("hits.title", String.class)).doesNotHaveDuplicates();
        // By words: hybrid would add the papers nearest in meaning to "CodeRL".
        JsonPath codeRl = given().baseUri(query.baseUri()).queryParam("q", "CodeRL").queryParam("mode", "keyword")
                .get("/papers/search").then().extract().jsonPath();
        assertThat(codeRl.getInt("total")).isEqualTo(1);
        assertThat(codeRl.getString("hits[0].id")).isEqualTo("2207.01780");
    }

    /** A posted listing reaches the open paper browser: its banner, on pages whose search matches it only. */
    @Test
    @Order(5)
    void aPostedPaperArrivesInTheLiveBannerOfOpenPagesWhoseSearchMatches() throws Exception {
        String word = "livelens" + RUN;
        String listing = "Dec 19\n\n" + word + ": Watching Papers Arrive\n\nWe describe " + word
                + ", a lens for watching new papers as they are listed.\n\n  \u2022 2 authors\n\u00b7\nDec 19, 2025\n";
        WebDriver browser = HeadlessChromium.start();
        try {
            browser.get(query.baseUri() + "/?q=unrelatedtopic" + RUN + "&mode=keyword");
            String other = browser.getWindowHandle();
            browser.switchTo().newWindow(WindowType.TAB);
            browser.get(query.baseUri() + "/?q=" + word + "&mode=keyword");
            assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("0");

            // Both pages have opened their live streams before the listing is posted.
            Awaitility.await("both pages streaming").atMost(SEARCH_WAIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> streamSubscribers() >= 2);
            asIngest().contentType("text/plain; charset=UTF-8").body(listing)
                    .queryParam("asOf", "2025-12-19").post("/listings").then().statusCode(202);

            new WebDriverWait(browser, SEARCH_WAIT).until(d -> d.findElement(By.id("live")).isDisplayed());
            assertThat(browser.findElement(By.id("live-show")).getText()).isEqualTo("1 new paper \u2014 show");
            browser.findElement(By.id("live-show")).click();
            new WebDriverWait(browser, SEARCH_WAIT).until(d -> d.findElements(By.cssSelector("#hits .hit h2"))
                    .stream().anyMatch(h -> h.getText().startsWith(word + ":")));
            browser.switchTo().window(other);
            assertThat(browser.findElement(By.id("live")).isDisplayed()).isFalse();
        } finally {
            browser.quit();
        }
    }

    /**
     * A saved search's webhook delivery survives a restart of query-service between its attempts: the target fails
     * until the restart, and the same delivery (same id, same body) arrives afterwards.
     */
    @Test
    @Order(6)
    void aWebhookDeliveryFailingBeforeARestartOfQueryServiceArrivesAfterIt() throws Exception {
        String word = "hookrestart" + RUN;
        String secret = "the-e2e-webhook-secret";
        java.util.List<String[]> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean healthy = new java.util.concurrent.atomic.AtomicBoolean();
        com.sun.net.httpserver.HttpServer target = com.sun.net.httpserver.HttpServer
                .create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            received.add(new String[] { exchange.getRequestHeaders().getFirst("X-Paperstream-Delivery"), body,
                    exchange.getRequestHeaders().getFirst("X-Paperstream-Signature"),
                    Long.toString(System.nanoTime()) });
            exchange.sendResponseHeaders(healthy.get() ? 200 : 503, -1);
            exchange.close();
        });
        target.start();
        try {
            String subscriber = TestTokens.bearer("e2e-subscriber", Roles.SUBSCRIBER);
            String id = given().baseUri(query.baseUri()).auth().oauth2(subscriber).contentType("application/json")
                    .body("{\"name\":\"restart\",\"filters\":{\"q\":\"" + word + "\"},\"webhook\":{\"url\":"
                            + "\"http://127.0.0.1:" + target.getAddress().getPort() + "/hook\",\"secret\":\"" + secret
                            + "\"}}")
                    .post("/subscriptions").then().statusCode(201).extract().path("id");
            // The matcher reads new saved searches at once on the replica that saved them.
            long posted = System.nanoTime();
            asIngest().contentType("text/plain; charset=UTF-8").queryParam("asOf", "2025-12-20")
                    .body("Dec 20\n\n" + word + ": Deliveries That Outlive Restarts\n\nAbout " + word
                            + ".\n\n  \u2022 2 authors\n\u00b7\nDec 20, 2025\n")
                    .post("/listings").then().statusCode(202);
            Awaitility.await("a first, failed attempt").atMost(SEARCH_WAIT).until(() -> !received.isEmpty());
            String deliveryId = received.get(0)[0];
            // The bound: the webhook is called within 5 s of the listing's POST.
            assertThat(Duration.ofNanos(Long.parseLong(received.get(0)[3]) - posted)).isLessThanOrEqualTo(
                    Duration.ofSeconds(5));

            query.close();
            healthy.set(true);
            query = ServiceProcess.start(ROOT, LOGS, "query-service", env, queryProperties);
            query.awaitReady(Duration.ofSeconds(120));

            Awaitility.await("the delivery after the restart").atMost(SEARCH_WAIT)
                    .until(() -> given().baseUri(query.baseUri()).auth().oauth2(subscriber)
                            .get("/subscriptions/" + id + "/deliveries").jsonPath().getString("[0].status"),
                            "delivered"::equals);
            assertThat(received).extracting(r -> r[0]).containsOnly(deliveryId);
            assertThat(received).extracting(r -> r[1]).containsOnly(received.get(0)[1]);
            assertThat(received.get(0)[1]).contains(word).contains(deliveryId);
            String[] last = received.get(received.size() - 1);
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "HmacSHA256"));
            assertThat(last[2]).isEqualTo("sha256=" + java.util.HexFormat.of()
                    .formatHex(mac.doFinal(last[1].getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        } finally {
            target.stop(0);
        }
    }

    /**
     * Every metric an alert or a dashboard panel names ({@code k8s/overlays/prod/monitoring}) is exported by one of
     * the running services, after the traffic of the tests above (counters appear once incremented).
     */
    @Test
    @Order(7)
    void everyAlertAndPanelNamesAMetricTheServicesExport() {
        java.util.Set<String> exported = new java.util.TreeSet<>();
        for (ServiceProcess service : List.of(ingest, enrich, query)) {
            exported.addAll(MetricNames.exported(given().baseUri(service.baseUri()).get("/q/metrics").then()
                    .statusCode(200).extract().asString()));
        }
        assertThat(MetricNames.missing(MetricNames.expressions(ROOT.resolve("k8s/overlays/prod/monitoring")),
                exported)).isEmpty();
    }

    /**
     * One trace follows a paper from the listing's POST to its bulk request: the request's span (continuing the
     * caller's traceparent), the outbox relay's send to papers.listed, enrich-service's processing, the send to
     * papers.enriched and query-service's processing, each the child of the one before, across both Kafka hops and
     * the asynchronous outbox; the bulk request that indexed the paper links to it.
     */
    @Test
    @Order(8)
    void oneTraceFollowsAPaperFromItsPostToItsBulkRequest() {
        byte[] traceBytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(traceBytes);
        String traceId = HexFormat.of().formatHex(traceBytes);
        String callerSpanId = "00f067aa0ba902b7";
        String word = "tracelens" + RUN;
        String listing = "Dec 21\n\n" + word + ": Following One Paper\n\nWe follow " + word
                + " from its listing to the index.\n\n  \u2022 2 authors\n\u00b7\nDec 21, 2025\n";
        asIngest().header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                .contentType("text/plain; charset=UTF-8").body(listing)
                .queryParam("asOf", "2025-12-21").post("/listings").then().statusCode(202);

        Awaitility.await("the paper's trace through all three services").atMost(SEARCH_WAIT)
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    assertThat(traces.failures()).as("export requests the collector could not read").isEmpty();
                    List<OtlpTraceCollector.ReceivedSpan> trace = traces.trace(traceId);
                    OtlpTraceCollector.ReceivedSpan post = only(trace, "ingest-service", "POST /listings");
                    assertThat(post.kind()).isEqualTo("SPAN_KIND_SERVER");
                    assertThat(post.parentSpanId()).isEqualTo(callerSpanId);
                    OtlpTraceCollector.ReceivedSpan publish = only(trace, "ingest-service",
                            topic("papers.listed") + " publish");
                    assertThat(publish.kind()).isEqualTo("SPAN_KIND_PRODUCER");
                    assertThat(publish.parentSpanId()).isEqualTo(post.spanId());
                    OtlpTraceCollector.ReceivedSpan enriched = only(trace, "enrich-service",
                            topic("papers.listed") + " process");
                    assertThat(enriched.kind()).isEqualTo("SPAN_KIND_CONSUMER");
                    assertThat(enriched.parentSpanId()).isEqualTo(publish.spanId());
                    OtlpTraceCollector.ReceivedSpan indexed = only(trace, "query-service",
                            topic("papers.enriched") + " process");
                    assertThat(indexed.kind()).isEqualTo("SPAN_KIND_CONSUMER");
                    assertThat(indexed.parentSpanId()).isEqualTo(enriched.spanId());
                    // The bulk request serves a whole batch: the child of its first paper, linked to every one.
                    assertThat(traces.all()).filteredOn(span -> span.service().equals("query-service")
                            && span.name().equals("elasticsearch bulk")
                            && span.linkedSpanIds().contains(indexed.spanId()))
                            .singleElement().satisfies(bulk -> assertThat(bulk.kind()).isEqualTo("SPAN_KIND_CLIENT"));
                });
        // The trace ends when the bulk request is answered; search shows the paper after the next refresh.
        Awaitility.await("the traced paper searchable").atMost(SEARCH_WAIT).untilAsserted(() -> given()
                .baseUri(query.baseUri()).queryParam("q", word).queryParam("mode", "keyword")
                .get("/papers/search").then().statusCode(200).body("total", equalTo(1)));
    }

    /** The one span of the trace with this service and name. */
    private static OtlpTraceCollector.ReceivedSpan only(List<OtlpTraceCollector.ReceivedSpan> trace, String service,
            String name) {
        List<OtlpTraceCollector.ReceivedSpan> found = trace.stream()
                .filter(span -> span.service().equals(service) && span.name().equals(name)).toList();
        assertThat(found).as("%s span '%s' among %s", service, name, trace).hasSize(1);
        return found.get(0);
    }

    /** The properties plus export of every span to this test's collector, promptly. */
    private static Map<String, String> traced(Map<String, String> properties) {
        Map<String, String> traced = new HashMap<>(properties);
        traced.put("paperstream.tracing.otlp-endpoint", traces.endpoint());
        traced.put("quarkus.otel.bsp.schedule.delay", "100ms");
        return traced;
    }

    private static double streamSubscribers() {
        java.util.regex.Matcher gauge = java.util.regex.Pattern.compile(
                "(?m)^paperstream_query_stream_subscribers(?:\\{[^}]*\\})? ([0-9.Ee+-]+)$")
                .matcher(given().baseUri(query.baseUri()).get("/q/metrics").asString());
        return gauge.find() ? Double.parseDouble(gauge.group(1)) : 0;
    }

    private static void post(String contentType, Path body) throws IOException {
        asIngest().contentType(contentType).body(Files.readAllBytes(body))
                .queryParam("asOf", "2025-12-18").post("/listings").then().statusCode(202);
    }

    /** What {@code kafka-consumer-groups --reset-offsets --to-earliest} does, for a group with no members. */
    private static void rewindToStart(String group, String topic) throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        try (Admin kafka = Admin.create(config)) {
            Awaitility.await("consumer group " + group + " empty").atMost(Duration.ofSeconds(60)).until(() ->
                    kafka.describeConsumerGroups(List.of(group)).all().get().get(group).members().isEmpty());
            Map<TopicPartition, OffsetSpec> earliest = kafka.describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()),
                            p -> OffsetSpec.earliest()));
            Map<TopicPartition, OffsetAndMetadata> offsets = kafka.listOffsets(earliest).all().get().entrySet()
                    .stream().collect(Collectors.toMap(Map.Entry::getKey,
                            e -> new OffsetAndMetadata(e.getValue().offset())));
            kafka.alterConsumerGroupOffsets(group, offsets).all().get();
        }
    }

    private static String topic(String name) {
        return RUN + "." + name;
    }

    /** A request to ingest-service with a token that may post listings. */
    private static io.restassured.specification.RequestSpecification asIngest() {
        return given().baseUri(ingest.baseUri()).auth().oauth2(TestTokens.bearer(Roles.INGEST));
    }
}
