package dev.paperstream.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.paperstream.testing.KafkaTopics;
import dev.paperstream.testing.StackEndpoints;

/**
 * The three views the run compares, read straight from the servers: what ingest accepted (PostgreSQL), what
 * reached {@code papers.enriched} (and the dead-letter topics), and what Elasticsearch holds.
 */
final class PipelineViews {

    /** Ingest's current papers (id to version) and its outbox. */
    record Accepted(Map<String, Long> versions, int outboxPending, int outboxParked) {
    }

    /** A document of the index: its version, and whether it is a retired id's marker (never searchable). */
    record Indexed(long version, boolean retired) {

        /** Whether searches find it at that version or a newer one. */
        boolean searchableAt(long current) {
            return !retired && version >= current;
        }
    }

    /** One topic read to its end: the last version per paper id, redeliveries, and ids whose last record retires them. */
    record Topic(int records, Map<String, Long> lastVersions, Set<String> retired, int redeliveries) {
    }

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(60);
    private static final String VERSION_HEADER = "paperstream_version";

    private final StackEndpoints endpoints;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    PipelineViews(StackEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    Accepted accepted() throws SQLException {
        Map<String, Long> versions = new HashMap<>();
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            try (ResultSet rows = sql.executeQuery("select id, version from paper")) {
                while (rows.next()) {
                    versions.put(rows.getString(1), rows.getLong(2));
                }
            }
            try (ResultSet rows = sql.executeQuery("select count(*) filter (where parked_at is null),"
                    + " count(*) filter (where parked_at is not null) from outbox_event")) {
                rows.next();
                return new Accepted(versions, rows.getInt(1), rows.getInt(2));
            }
        }
    }

    /** How many papers ingest holds: one count, for the progress line. */
    long acceptedCount() throws SQLException {
        try (Connection db = connect(); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("select count(*) from paper")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(endpoints.postgresJdbcUrl(), endpoints.postgresUsername(),
                endpoints.postgresPassword());
    }

    /** Every document behind the {@code papers} alias, after a refresh. */
    Map<String, Indexed> indexed() throws IOException, InterruptedException {
        String es = "http://" + endpoints.elasticsearchHosts();
        send(HttpRequest.newBuilder(URI.create(es + "/papers/_refresh")).POST(HttpRequest.BodyPublishers.noBody()));
        Map<String, Indexed> documents = new HashMap<>();
        JsonNode page = json.readTree(send(HttpRequest.newBuilder(URI.create(es + "/papers/_search?scroll=1m"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"size\":5000,\"sort\":[\"_doc\"],\"_source\":[\"version\",\"retired\"]}"))));
        String scroll = page.path("_scroll_id").asText();
        try {
            while (page.path("hits").path("hits").size() > 0) {
                for (JsonNode hit : page.path("hits").path("hits")) {
                    JsonNode source = hit.path("_source");
                    documents.put(hit.path("_id").asText(),
                            new Indexed(source.path("version").asLong(), source.path("retired").asBoolean(false)));
                }
                ObjectNode next = json.createObjectNode().put("scroll", "1m").put("scroll_id", scroll);
                page = json.readTree(send(HttpRequest.newBuilder(URI.create(es + "/_search/scroll"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(next.toString()))));
                scroll = page.path("_scroll_id").asText(scroll);
            }
        } finally {
            send(HttpRequest.newBuilder(URI.create(es + "/_search/scroll/" + scroll)).DELETE());
        }
        return documents;
    }

    /** Documents that searches return: {@code _count} without the retired markers. */
    long searchable() throws IOException, InterruptedException {
        String es = "http://" + endpoints.elasticsearchHosts();
        String body = "{\"query\":{\"bool\":{\"must_not\":{\"term\":{\"retired\":true}}}}}";
        JsonNode count = json.readTree(send(HttpRequest.newBuilder(URI.create(es + "/papers/_count"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))));
        return count.path("count").asLong(-1);
    }

    /** {@code papers.listed} or {@code papers.enriched}: a record is redelivered when its event id was seen before. */
    Topic topic(String name) throws IOException {
        List<ConsumerRecord<String, String>> records = KafkaTopics.readAll(
                endpoints.kafkaBootstrapServers(), name, KAFKA_TIMEOUT);
        Map<String, Long> last = new HashMap<>();
        Set<String> retired = new HashSet<>();
        Set<String> events = new HashSet<>();
        int redeliveries = 0;
        for (ConsumerRecord<String, String> record : records) {
            long version = record.value() == null ? Long.parseLong(header(record, VERSION_HEADER))
                    : json.readTree(record.value()).path("version").asLong();
            // Enrich gives an enriched event the listed event's id, so (id, version) names one delivery in both.
            if (!events.add(record.key() + "@" + version + (record.value() == null ? "/retired" : ""))) {
                redeliveries++;
            }
            last.put(record.key(), version);
            if (record.value() == null) {
                retired.add(record.key());
            } else {
                retired.remove(record.key());
            }
        }
        return new Topic(records.size(), last, retired, redeliveries);
    }

    /** Distinct paper ids on the dead-letter topics. */
    Set<String> deadLettered() {
        Set<String> ids = new HashSet<>();
        for (String topic : List.of("papers.listed.dlq", "papers.enriched.dlq")) {
            KafkaTopics.readAll(endpoints.kafkaBootstrapServers(), topic, KAFKA_TIMEOUT)
                    .forEach(record -> ids.add(String.valueOf(record.key())));
        }
        return ids;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "0" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300 && response.statusCode() != 404) {
            throw new IOException(request.build().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
