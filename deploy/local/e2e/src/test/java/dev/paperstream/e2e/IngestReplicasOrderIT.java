package dev.paperstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.paperstream.events.Roles;
import dev.paperstream.testing.KafkaTopics;
import dev.paperstream.testing.ServiceProcess;
import dev.paperstream.testing.StackEndpoints;
import dev.paperstream.testing.StackLocator;
import dev.paperstream.testing.TestTokens;
import io.restassured.path.json.JsonPath;

/**
 * Three ingest-service instances on one PostgreSQL schema and one topic, all posted to at once with overlapping
 * listings (new papers, upvote changes, title-keyed papers gaining their arXiv id), while the instance that relays
 * the outbox is killed with SIGKILL and restarted. Then {@code papers.listed} is read from the beginning: for every
 * paper id the versions follow topic order one by one (a redelivery of the same event, same event id, is allowed
 * and counted), no version is published with two contents, and the last record is PostgreSQL's current state (or,
 * for a retired id, a tombstone with the next version).
 */
class IngestReplicasOrderIT {

    private static final Path ROOT = Path.of(System.getProperty("paperstream.root", "../../..")).toAbsolutePath()
            .normalize();
    private static final Path LOGS = ROOT.resolve("deploy/local/e2e/target/e2e-logs");
    private static final String RUN = "e2eorder" + Long.toString(System.currentTimeMillis(), 36)
            + ThreadLocalRandom.current().nextInt(1000);
    private static final String TOPIC = RUN + ".papers.listed";
    private static final int INSTANCES = 3;
    /** Papers first listed by title only (page text) and later with their arXiv id (JSON): they move. */
    private static final int TITLE_FIRST = 30;
    private static final int PAPERS = 120;
    private static final int LISTINGS_PER_INSTANCE = 24;
    private static final int PAPERS_PER_LISTING = 40;
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private static StackEndpoints stack;
    private static Map<String, String> env;
    private static final List<ServiceProcess> instances = new ArrayList<>();
    private static final List<ServiceProcess> stopped = new ArrayList<>();

    @BeforeAll
    static void startThreeIngestInstances() throws Exception {
        stack = StackLocator.locate();
        try (Admin kafka = admin()) {
            kafka.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
        env = stack.serviceEnvironment();
        for (int i = 0; i < INSTANCES; i++) {
            instances.add(start(i));
        }
        for (ServiceProcess instance : instances) {
            instance.awaitReady(STARTUP);
        }
    }

    @AfterAll
    static void stopInstancesAndRemoveRunData() throws Exception {
        for (ServiceProcess instance : instances) {
            instance.close();
        }
        for (ServiceProcess instance : stopped) {
            instance.close();
        }
        if (stack == null) {
            return;
        }
        RunData.removeIndexAndSchemas(stack, RUN);
        try (Admin kafka = admin()) {
            kafka.deleteTopics(List.of(TOPIC)).all().get();
        }
    }

    @Test
    void keepsEveryPapersVersionsInTopicOrderWhileTheRelayingInstanceIsKilled() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService posters = Executors.newFixedThreadPool(INSTANCES);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            int poster = i;
            running.add(posters.submit(() -> post(poster, accepted, refused)));
        }
        // Kill the instance that relays (the lease holder) while the others keep posting, then start it again.
        Awaitility.await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200))
                .until(() -> failFast(running) && accepted.get() >= LISTINGS_PER_INSTANCE);
        int relaying = relayingInstance();
        System.out.printf("killing ingest instance %d (it holds the outbox relay lease) after %d listings%n",
                relaying, accepted.get());
        instances.get(relaying).kill();
        stopped.add(instances.get(relaying));
        Thread.sleep(2_000); // a real pause: the others go on posting while it is down
        ServiceProcess restarted = start(relaying);
        restarted.awaitReady(STARTUP);
        instances.set(relaying, restarted);
        for (Future<?> poster : running) {
            poster.get();
        }
        posters.shutdown();
        System.out.printf("%d listings accepted, %d posts refused or cut off by the kill%n", accepted.get(),
                refused.get());
        assertThat(accepted.get()).isGreaterThanOrEqualTo(INSTANCES * LISTINGS_PER_INSTANCE - 10);

        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> count("select count(*) from " + RUN + ".outbox_event") == 0);
        Map<String, Map<String, Object>> current = currentPapers();
        int expectedRecords = count("select coalesce(sum(version), 0) from " + RUN + ".paper");
        List<ConsumerRecord<String, String>> records = KafkaTopics.readFor(stack.kafkaBootstrapServers(), TOPIC,
                record -> true, Duration.ofSeconds(15));

        Map<String, List<ConsumerRecord<String, String>>> byPaper = new LinkedHashMap<>();
        records.forEach(r -> byPaper.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
        int redeliveries = 0;
        int tombstones = 0;
        for (Map.Entry<String, List<ConsumerRecord<String, String>>> entry : byPaper.entrySet()) {
            String paperId = entry.getKey();
            Set<String> eventIds = new HashSet<>();
            Map<Long, String> contentByVersion = new HashMap<>();
            long previous = -1;
            ConsumerRecord<String, String> last = null;
            for (ConsumerRecord<String, String> record : entry.getValue()) {
                if (!eventIds.add(header(record, "ce_id"))) {
                    redeliveries++;
                    continue;
                }
                long version = version(record);
                String content = record.value() == null ? "tombstone" : JsonPath.from(record.value()).getString("paper");
                assertThat(contentByVersion.putIfAbsent(version, content))
                        .as("paper %s version %d published with two contents", paperId, version)
                        .isNull();
                if (previous >= 0) {
                    assertThat(version).as("paper %s: version after %d in topic order", paperId, previous)
                            .isEqualTo(previous + 1);
                }
                previous = version;
                last = record;
            }
            Map<String, Object> stored = current.get(paperId);
            if (stored == null) {
                tombstones++;
                assertThat(last.value()).as("last record of retired id %s", paperId).isNull();
            } else {
                JsonPath event = JsonPath.from(last.value());
                assertThat(event.getLong("version")).as("last version of %s", paperId).isEqualTo(stored.get("version"));
                assertThat(event.getInt("paper.upvotes")).as("upvotes of %s", paperId).isEqualTo(stored.get("upvotes"));
                assertThat(event.getString("paper.arxivId")).as("arXiv id of %s", paperId)
                        .isEqualTo(stored.get("arxiv_id"));
            }
        }
        System.out.printf("%d records for %d paper ids (%d in PostgreSQL, %d retired), %d redeliveries%n",
                records.size(), byPaper.size(), current.size(), tombstones, redeliveries);
        assertThat(current.keySet()).isSubsetOf(byPaper.keySet());
        assertThat(current).hasSize(PAPERS);
        assertThat(tombstones).as("title-keyed papers that moved to their arXiv id").isPositive();
        assertThat(records.size() - redeliveries).isEqualTo(expectedRecords + tombstones);
    }

    /** Posts this poster's listings round-robin over the instances, skipping an instance that is down. */
    private static void post(int poster, AtomicInteger accepted, AtomicInteger refused) {
        Random random = new Random(42 + poster);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String token = TestTokens.bearer(Roles.INGEST);
        for (int listing = 0; listing < LISTINGS_PER_INSTANCE; listing++) {
            boolean text = listing % 4 == 0 && listing < LISTINGS_PER_INSTANCE / 2;
            List<Integer> papers = new ArrayList<>();
            for (int i = 0; i < PAPERS_PER_LISTING; i++) {
                papers.add(text ? random.nextInt(TITLE_FIRST) : random.nextInt(PAPERS));
            }
            byte[] body = text ? textListing(papers, random) : jsonListing(papers, random, listing);
            String type = text ? "text/plain; charset=UTF-8" : "application/json";
            for (int attempt = 0; attempt < INSTANCES * 3; attempt++) {
                ServiceProcess target = instances.get((poster + listing + attempt) % INSTANCES);
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(target.baseUri() + "/listings?source=order-test"))
                            .header("Content-Type", type).header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 202) {
                        int done = accepted.incrementAndGet();
                        if (done % 12 == 0) {
                            System.out.printf("%d listings accepted%n", done);
                        }
                        break;
                    }
                    throw new AssertionError("POST /listings answered " + response.statusCode() + ": " + response.body());
                } catch (java.io.IOException down) {
                    refused.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** True while no poster has failed; a failed poster's error ends the test at once. */
    private static boolean failFast(List<Future<?>> posters) throws Exception {
        for (Future<?> poster : posters) {
            if (poster.isDone()) {
                poster.get();
            }
        }
        return true;
    }

    private static byte[] textListing(List<Integer> papers, Random random) {
        StringBuilder out = new StringBuilder("Daily Papers\n\nDec 17\n\n");
        for (int paper : papers) {
            out.append(title(paper)).append("\n\nAn abstract about paper ").append(paper)
                    .append(" and ordered events.\n\n  • 3 authors\n·\nDec 1 ").append(random.nextInt(200))
                    .append("\n\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] jsonListing(List<Integer> papers, Random random, int listing) {
        StringBuilder out = new StringBuilder("[");
        for (int paper : papers) {
            out.append(out.length() == 1 ? "" : ",").append("{\"paper\":{\"id\":\"")
                    .append(String.format(Locale.ROOT, "2512.%05d", paper))
                    .append("\",\"publishedAt\":\"2025-12-16T10:00:00.000Z\"")
                    .append(",\"authors\":[{\"name\":\"Ada Lovelace\"},{\"name\":\"Author ").append(listing % 3)
                    .append("\"}],\"title\":\"").append(title(paper))
                    .append("\",\"summary\":\"An abstract about paper ").append(paper)
                    .append(" and ordered events.\",\"upvotes\":").append(random.nextInt(200)).append("}}");
        }
        return out.append("]").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String title(int paper) {
        return "Ordered events under crashes, paper " + paper;
    }

    private static int relayingInstance() throws Exception {
        for (int i = 0; i < INSTANCES; i++) {
            if (instances.get(i).logged("now relays the outbox")) {
                return i;
            }
        }
        return 0;
    }

    private static long version(ConsumerRecord<String, String> record) {
        return record.value() == null ? Long.parseLong(header(record, "paperstream_version"))
                : JsonPath.from(record.value()).getLong("version");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s on %s", name, record.key()).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, Map<String, Object>> currentPapers() throws Exception {
        Map<String, Map<String, Object>> papers = new HashMap<>();
        try (Connection db = connect(); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("select id, version, upvotes, arxiv_id from " + RUN + ".paper")) {
            while (rows.next()) {
                Map<String, Object> paper = new HashMap<>();
                paper.put("version", rows.getLong("version"));
                paper.put("upvotes", rows.getInt("upvotes"));
                paper.put("arxiv_id", rows.getString("arxiv_id"));
                papers.put(rows.getString("id"), paper);
            }
        }
        return papers;
    }

    private static int count(String query) throws Exception {
        try (Connection db = connect(); Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(stack.postgresJdbcUrl(), stack.postgresUsername(), stack.postgresPassword());
    }

    private static ServiceProcess start(int instance) throws Exception {
        return ServiceProcess.start(ROOT, LOGS, "ingest-service", RUN + "-ingest-" + instance, env, Map.of(
                "paperstream.db.schema", RUN,
                "mp.messaging.outgoing.papers-listed.topic", TOPIC));
    }

    private static Admin admin() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        return Admin.create(config);
    }
}
