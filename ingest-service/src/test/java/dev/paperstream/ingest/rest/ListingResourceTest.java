package dev.paperstream.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.paperstream.events.EventCodec;
import dev.paperstream.events.PaperEvent;
import dev.paperstream.events.PaperEventType;
import dev.paperstream.events.Roles;
import dev.paperstream.events.Topics;
import dev.paperstream.ingest.domain.PaperIdentity;
import dev.paperstream.testing.KafkaTopics;
import dev.paperstream.testing.PaperstreamStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/** POST /listings against real PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "postgres", value = "true") })
// Every request as a caller with the role ingest; ListingAuthorizationTest checks real tokens.
@TestSecurity(user = "test-ingest", roles = Roles.INGEST)
class ListingResourceTest {

    private static final String UTF8_TEXT = "text/plain; charset=UTF-8";
    private static final Duration KAFKA_WAIT = Duration.ofSeconds(20);
    private static String sample;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "mp.messaging.outgoing.papers-listed.topic")
    String listedTopic;

    @BeforeAll
    static void loadSample() throws IOException {
        try (InputStream in = ListingResourceTest.class.getResourceAsStream("/listings/hf-daily-papers-2025-12-17.txt")) {
            sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void publishesOneEventPerPaperOfTheSampleKeyedByPaperId() {
        String listingId = given().contentType(UTF8_TEXT).body(sample.getBytes(StandardCharsets.UTF_8))
                .queryParam("asOf", "2025-12-17").queryParam("source", "sample-test")
                .when().post("/listings")
                .then().statusCode(202)
                .body("format", equalTo("hf-daily-text"))
                .body("listingDate", equalTo("2025-12-17"))
                .body("entries", equalTo(39))
                .body("accepted", equalTo(39))
                .body("rejected", empty())
                .extract().path("listingId");

        List<ConsumerRecord<String, String>> records = KafkaTopics.awaitRecords(bootstrapServers,
                listedTopic, r -> r.value() != null && r.value().contains(listingId), 39, KAFKA_WAIT);

        String codeRlId = PaperIdentity.titleKey(
                "CodeRL: Mastering Code Generation through Pretrained Models and Deep Reinforcement Learning");
        ConsumerRecord<String, String> codeRl = records.stream().filter(r -> r.key().equals(codeRlId))
                .findFirst().orElseThrow();
        PaperEvent event = EventCodec.decodePaperEvent(codeRl.value());
        assertThat(event.paperId()).isEqualTo(codeRlId);
        assertThat(event.listingId()).isEqualTo(listingId);
        assertThat(event.paper().authorCount()).isEqualTo(5);
        assertThat(event.paper().publishedOn()).hasToString("2022-07-04");
        assertThat(records).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
        assertThat(new String(codeRl.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                .isIn("dev.paperstream.PaperListed", "dev.paperstream.PaperUpdated");
        assertThat(new String(codeRl.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8))
                .isEqualTo(event.eventId().toString());
    }

    @Test
    void publishesNothingForUnchangedRepostAndAnUpdateForChangedUpvotes() {
        String title = "Unique Paper " + UUID.randomUUID();
        String listing = "Dec 17\n\n" + title + "\n\nAn abstract about reinforcement learning.\n\n  • 3 authors\n·\n"
                + "Dec 1, 2025 4\n";
        String paperId = PaperIdentity.titleKey(title);

        post(listing).body("new", equalTo(1)).body("unchanged", equalTo(0));
        String repost = post(listing).body("new", equalTo(0)).body("unchanged", equalTo(1))
                .extract().path("listingId");
        String changed = post(listing.replace("Dec 1, 2025 4", "Dec 1, 2025 9"))
                .body("updated", equalTo(1)).extract().path("listingId");

        List<PaperEvent> events = KafkaTopics.awaitRecords(bootstrapServers, listedTopic,
                r -> paperId.equals(r.key()), 2, KAFKA_WAIT).stream()
                .map(r -> EventCodec.decodePaperEvent(r.value())).toList();
        assertThat(events).extracting(PaperEvent::eventType)
                .containsExactly(PaperEventType.PaperListed, PaperEventType.PaperUpdated);
        assertThat(events).extracting(PaperEvent::version).containsExactly(1L, 2L);
        assertThat(events.get(1).paper().upvotes()).isEqualTo(9);
        assertThat(events.get(1).listingId()).isEqualTo(changed);
        assertThat(events).extracting(PaperEvent::listingId).doesNotContain(repost);
    }

    @Test
    void olderCapturePostedLaterKeepsTheNewerUpvoteCountAndJoinsTheHistory() {
        String arxivId = String.format("9911.%05d", new java.util.Random().nextInt(100_000));
        String json = "[{\"paper\": {\"id\": \"" + arxivId + "\", \"title\": \"Upvote Clock Paper " + UUID.randomUUID()
                + "\", \"publishedAt\": \"2025-12-16T10:00:00.000Z\", \"upvotes\": UPVOTES}}]";

        // Recent days: events carry the last 30 days of history.
        java.time.LocalDate newer = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
        java.time.LocalDate earlier = newer.minusDays(1);
        given().contentType("application/json").body(json.replace("UPVOTES", "30")).queryParam("asOf", newer.toString())
                .post("/listings").then().statusCode(202).body("new", equalTo(1));
        String older = given().contentType("application/json").body(json.replace("UPVOTES", "12"))
                .queryParam("asOf", earlier.toString()).post("/listings").then().statusCode(202).body("updated", equalTo(1))
                .extract().path("listingId");
        given().contentType("application/json").body(json.replace("UPVOTES", "12")).queryParam("asOf", earlier.toString())
                .post("/listings").then().statusCode(202).body("unchanged", equalTo(1));

        List<PaperEvent> events = KafkaTopics.awaitRecords(bootstrapServers, listedTopic,
                r -> arxivId.equals(r.key()), 2, KAFKA_WAIT).stream()
                .map(r -> EventCodec.decodePaperEvent(r.value())).toList();
        PaperEvent last = events.get(1);
        assertThat(last.listingId()).isEqualTo(older);
        assertThat(last.version()).isEqualTo(2);
        assertThat(last.paper().upvotes()).as("the count observed on the newer day stays current").isEqualTo(30);
        assertThat(last.paper().upvoteHistory()).extracting(o -> o.upvotes()).containsExactly(12, 30);
        assertThat(last.paper().upvoteHistory().get(0).observedAt())
                .isEqualTo(newer.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().minusMillis(1));
    }

    @Test
    void acceptsTheSameNewPaperPostedConcurrently() throws Exception {
        String title = "Concurrent Paper " + UUID.randomUUID();
        String listing = "Dec 17\n\n" + title + "\n\nAn abstract.\n\n  • 2 authors\n·\nDec 1, 2025 1\n";
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> news = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                news.add(clients.submit(() -> post(listing).extract().<Integer>path("new")));
            }
            int created = 0;
            for (Future<Integer> result : news) {
                created += result.get(30, TimeUnit.SECONDS);
            }
            assertThat(created).as("exactly one post created the paper").isEqualTo(1);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void keepsValidEntriesAndReportsRejectedOnes() {
        String good = "Good Paper " + UUID.randomUUID();
        String listing = "Dec 17\n\nUndated Paper\n\nAbstract.\n\n  • 2 authors\n·\n\n"
                + good + "\n\nAbstract.\n\n  • 2 authors\n·\nJun 1, 2024\n";

        String listingId = post(listing)
                .body("entries", equalTo(2))
                .body("accepted", equalTo(1))
                .body("rejected", hasSize(1))
                .body("rejected[0].entry", equalTo(1))
                .body("rejected[0].line", equalTo(3))
                .body("rejected[0].reason", containsString("not a date"))
                .extract().path("listingId");

        given().get("/listings/" + listingId).then().statusCode(200)
                .body("listingId", equalTo(listingId))
                .body("accepted", equalTo(1))
                .body("rejected[0].line", equalTo(3));
    }

    @Test
    void answersJsonErrorsForBodiesThatAreNotListings() {
        given().contentType("text/html").body("<html></html>").post("/listings")
                .then().statusCode(415).contentType(ContentType.JSON)
                .body("message", containsString("text/plain"));
        given().contentType(ContentType.TEXT).body("<html><body>Daily Papers</body></html>").post("/listings")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("message", containsString("no paper entries found"));
        given().contentType(ContentType.TEXT).body("").post("/listings")
                .then().statusCode(400).contentType(ContentType.JSON);
        given().contentType("text/plain; charset=UTF-8").body(new byte[] { 'T', (byte) 0xC3, (byte) 0x28, '\n' })
                .post("/listings")
                .then().statusCode(400).body("message", containsString("not valid UTF-8"));
        given().contentType(ContentType.TEXT).body(sample).queryParam("asOf", "17/12/2025").post("/listings")
                .then().statusCode(400).body("message", containsString("YYYY-MM-DD"));
        given().get("/listings/l-does-not-exist").then().statusCode(404).contentType(ContentType.JSON)
                .body("status", equalTo(404));
    }

    @Test
    void choosesTheParserByContentTypeAndRefusesOtherTypes() {
        // Papers of their own: the sample's papers must stay unknown to arXiv ids in this schema.
        String arxivId = String.format("9912.%05d", new java.util.Random().nextInt(100_000));
        String title = "Content Type Paper " + UUID.randomUUID();
        String json = "[{\"paper\": {\"id\": \"" + arxivId + "\", \"title\": \"" + title + "\","
                + " \"authors\": [{\"name\": \"Ada Lovelace\"}], \"publishedAt\": \"2025-12-16T10:00:00.000Z\","
                + " \"upvotes\": 3}}, {\"paper\": {\"title\": \"no date\"}}]";
        String atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>http://arxiv.org/abs/" + arxivId
                + "v2</id><title>" + title + "</title><published>2025-12-16T10:00:00Z</published></entry></feed>";

        given().contentType("application/json").body(json.getBytes(StandardCharsets.UTF_8)).post("/listings")
                .then().statusCode(202).body("format", equalTo("hf-daily-json"))
                .body("entries", equalTo(2)).body("accepted", equalTo(1)).body("new", equalTo(1))
                .body("rejected[0].entry", equalTo(2)).body("rejected[0].reason", equalTo("paper has no publishedAt date"));
        given().contentType("application/atom+xml; charset=UTF-8").body(atom.getBytes(StandardCharsets.UTF_8))
                .post("/listings").then().statusCode(202).body("format", equalTo("arxiv-atom"))
                .body("accepted", equalTo(1)).body("new", equalTo(0));
        for (String type : List.of("application/xml", "text/html", "application/octet-stream", "image/png")) {
            given().contentType(type).body(new byte[] { 'x' }).post("/listings")
                    .then().statusCode(415).contentType(ContentType.JSON).body("status", equalTo(415))
                    .body("message", containsString("application/atom+xml"));
        }
    }

    @Test
    void answers400ForJsonAndAtomBodiesThatAreNotListings() {
        given().contentType("application/json").body("<html><body>Daily Papers</body></html>").post("/listings")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("message", containsString("not valid JSON"));
        given().contentType("application/json").body("").post("/listings").then().statusCode(400);
        given().contentType("application/json").body(new byte[] { (byte) 0xFF, (byte) 0xFE, 0, 1, 2, 3 })
                .post("/listings").then().statusCode(400);
        given().contentType("application/json").body("[".repeat(5000)).post("/listings")
                .then().statusCode(400).body("message", containsString("nesting depth"));
        given().contentType("application/json").body("[{\"paper\": {\"id\": \"2401.00001\"}}]").post("/listings")
                .then().statusCode(400).body("rejected[0].reason", equalTo("paper has no title"));
        given().contentType("application/atom+xml").body("{\"not\": \"xml\"}").post("/listings")
                .then().statusCode(400).body("message", containsString("not well-formed XML"));
        given().contentType("application/atom+xml").body("<html><body/></html>").post("/listings")
                .then().statusCode(400).body("message", containsString("Atom <feed>"));
    }

    @Test
    void refusesXmlEntitiesQuicklyAndStaysReady() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>http://arxiv.org/abs/2401.00001v1</id>"
                + "<title>&xxe;</title><published>2024-01-01T00:00:00Z</published></entry></feed>";
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        laughs.append("]><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&lol9;</title></feed>");

        for (String body : List.of(xxe, laughs.toString())) {
            long start = System.nanoTime();
            given().contentType("application/atom+xml").body(body).post("/listings")
                    .then().statusCode(400).contentType(ContentType.JSON)
                    .body("message", containsString("DOCTYPE"))
                    .body("message", org.hamcrest.Matchers.not(containsString("root:")));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void refusesListingOverTheSizeLimitWith413() {
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        Arrays.fill(big, (byte) 'a');

        given().contentType(ContentType.TEXT).body(big).post("/listings")
                .then().statusCode(413).contentType(ContentType.JSON)
                .body("message", containsString("paperstream.ingest.max-listing-size"));
    }

    private static io.restassured.response.ValidatableResponse post(String listing) {
        return given().contentType(UTF8_TEXT).body(listing.getBytes(StandardCharsets.UTF_8)).queryParam("asOf", "2025-12-17")
                .when().post("/listings")
                .then().statusCode(202);
    }
}
