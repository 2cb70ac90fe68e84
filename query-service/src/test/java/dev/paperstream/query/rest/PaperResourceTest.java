package dev.paperstream.query.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.query.domain.SearchFilters;
import dev.paperstream.query.domain.SortOrder;
import dev.paperstream.query.service.PageCursor;
import dev.paperstream.testing.KafkaTopics;
import dev.paperstream.testing.PaperstreamStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** papers.enriched into real Elasticsearch with bulk requests, and reading papers back. */
@QuarkusTest
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "elasticsearch", value = "true"),
        @ResourceArg(name = "postgres", value = "true") })
class PaperResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeEach
    void awaitConsumer() {
        TestPapers.awaitConsumerReady(bootstrapServers);
    }

    @Test
    void indexesEnrichedPaperAndFindsItByTitleWord() {
        String word = TestPapers.uniqueWord("zq");
        String id = TestPapers.newId();
        publish(TestPapers.paper(id, word + ": Mastering Code Generation").hasCode(true).organization("Acme Labs")
                .build());

        // By words: hybrid would add other tests' papers near a made-up word in meaning.
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().queryParam("q", word).queryParam("mode", "keyword")
                .get("/papers/search").then().statusCode(200)
                .body("total", equalTo(1))
                .body("hits[0].id", equalTo(id))
                .body("hits[0].title", equalTo(word + ": Mastering Code Generation"))
                .body("hits[0].publishedOn", equalTo("2022-07-04"))
                .body("hits[0].authorCount", equalTo(5))
                .body("hits[0].teamSize", equalTo("medium"))
                .body("hits[0].organization", equalTo("Acme Labs"))
                .body("hits[0].hasCode", equalTo(true))
                .body("hits[0].links[0].kind", equalTo("code"))
                .body("hits[0].highlights.title[0]", containsString("<em>" + word + "</em>"))
                .body("hits[0].tags[0]", equalTo("code-generation")));

        given().get("/papers/" + id).then().statusCode(200).body("id", equalTo(id)).body("upvotes", equalTo(7));
    }

    @Test
    void keepsTheNewestVersionWhenAnOlderEventArrivesLate() {
        String id = TestPapers.newId();
        publish(TestPapers.paper(id, "Second Version Title").version(2).build());
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/papers/" + id).then().statusCode(200));

        publish(TestPapers.paper(id, "First Version Title").version(1).build());
        String marker = TestPapers.newId();
        publish(TestPapers.paper(marker, "Marker After Stale Event").build());
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/papers/" + marker).then().statusCode(200));

        given().get("/papers/" + id).then().statusCode(200).body("title", equalTo("Second Version Title"));
    }

    @Test
    void sendsInvalidEventToDeadLetterTopic() {
        String key = "poison-" + UUID.randomUUID();
        KafkaTopics.send(bootstrapServers, TestPapers.enrichedTopic(), key, "{\"schemaVersion\": 1}");

        ConsumerRecord<String, String> dead = KafkaTopics.awaitRecords(bootstrapServers, TestPapers.deadLetterTopic(),
                r -> key.equals(r.key()), 1, WAIT).get(0);
        assertThat(header(dead, "dead-letter-reason")).contains("not a valid EnrichedPaperEvent");
        assertThat(header(dead, "dead-letter-topic")).isEqualTo(TestPapers.enrichedTopic());
    }

    @Test
    void sendsDocumentTheMappingRefusesToDeadLetterTopicAndIndexesTheRest() {
        String refused = TestPapers.newId();
        String fine = TestPapers.newId();
        // U+001F is reserved in completion inputs: Elasticsearch refuses the document with a 400 item.
        publish(TestPapers.paper(refused, "Unit\u001fSeparator In A Title").build());
        publish(TestPapers.paper(fine, "A Title Without Control Characters").build());

        ConsumerRecord<String, String> dead = KafkaTopics.awaitRecords(bootstrapServers, TestPapers.deadLetterTopic(),
                r -> refused.equals(r.key()), 1, WAIT).get(0);
        assertThat(header(dead, "dead-letter-reason")).contains("Elasticsearch refused paper " + refused)
                .contains("400");
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/papers/" + fine).then().statusCode(200));
        given().get("/papers/" + refused).then().statusCode(404);
    }

    @Test
    void answersJsonErrors() {
        given().get("/papers/t-unknown-" + UUID.randomUUID()).then().statusCode(404).contentType(ContentType.JSON)
                .body("message", containsString("no paper with id"));
        given().get("/papers/t-unknown-" + UUID.randomUUID() + "/similar").then().statusCode(404)
                .contentType(ContentType.JSON).body("status", equalTo(404));
        given().queryParam("size", "0").get("/papers/search").then().statusCode(400).contentType(ContentType.JSON)
                .body("message", containsString("1 to 100"));
        given().queryParam("size", "101").get("/papers/search").then().statusCode(400);
        given().queryParam("size", "ten").get("/papers/search").then().statusCode(400);
        given().queryParam("sort", "random").get("/papers/search").then().statusCode(400)
                .body("error", equalTo("Bad Request"))
                .body("message", containsString("relevance, newest, upvotes, trending"));
        given().queryParam("cursor", "not-a-cursor").get("/papers/search").then().statusCode(400)
                .body("message", containsString("cursor is malformed"));
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"v\":1,\"f\":\""
                + PageCursor.fingerprint(SearchFilters.none(), SortOrder.UPVOTES) + "\",\"t\":1,\"a\":[\"many\",\"x\"]}")
                .getBytes(StandardCharsets.UTF_8));
        given().queryParam("sort", "upvotes").queryParam("cursor", forged).get("/papers/search").then().statusCode(400)
                .body("message", containsString("cursor does not fit"));
        given().queryParam("from", "2024-13-01").get("/papers/search").then().statusCode(400)
                .body("message", containsString("yyyy-MM-dd"));
        given().queryParam("to", "yesterday").get("/papers/search").then().statusCode(400);
        given().queryParam("year", "24").get("/papers/search").then().statusCode(400);
        given().queryParam("teamSize", "huge").get("/papers/search").then().statusCode(400)
                .body("message", containsString("solo, small, medium, large"));
        given().queryParam("hasCode", "yes").get("/papers/search").then().statusCode(400)
                .body("message", containsString("true or false"));
        given().queryParam("window", "1y").get("/papers/trending").then().statusCode(400)
                .body("message", containsString("24h, 7d, 30d"));
        given().queryParam("size", "1000").get("/papers/trending").then().statusCode(400);
        given().get("/papers/suggest").then().statusCode(400).body("message", containsString("prefix"));
        given().queryParam("teamSize", "huge").get("/papers/stream").then().statusCode(400);
        given().queryParam("q", "\"unbalanced (+-~ quote").get("/papers/search").then().statusCode(200);
        given().get("/nothing-here").then().statusCode(404).contentType(ContentType.JSON);
    }

    @Test
    void servesOpenApi() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/papers/search'.get.summary", equalTo("Search papers with facets"))
                .body("paths.'/papers/trending'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/papers/stream'", org.hamcrest.Matchers.notNullValue());
    }

    private void publish(EnrichedPaperEvent event) {
        TestPapers.publish(bootstrapServers, event);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
