package dev.paperstream.ingest.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.paperstream.events.EventCodec;
import dev.paperstream.events.PaperEvent;
import dev.paperstream.events.Roles;
import dev.paperstream.events.Topics;
import dev.paperstream.testing.KafkaTopics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Kafka down for a minute while listings keep arriving: every listing is still accepted (the outbox keeps
 * its events), the service stays ready, and once the broker is back every event arrives exactly once.
 * The broker is the test's own ({@link ThrowawayKafkaBroker}), killed with SIGKILL and restarted on the
 * same ports and data; the shared broker is never touched. The outage lasts
 * {@code -Dpaperstream.test.kafka-outage=PT60S} (ISO-8601 duration).
 */
@QuarkusTest
@TestProfile(KafkaOutageTest.OwnSchema.class)
@WithTestResource(ThrowawayKafkaResource.class)
// Every request as a caller with the role ingest; ListingAuthorizationTest checks real tokens.
@TestSecurity(user = "test-ingest", roles = Roles.INGEST)
class KafkaOutageTest {

    /** Its own schema, so that the outbox holds only this test's events. */
    public static class OwnSchema implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("paperstream.db.schema", "ingest_test_outage");
        }
    }

    private static final Duration OUTAGE = Duration.parse(System.getProperty("paperstream.test.kafka-outage", "PT60S"));

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void losesAndDuplicatesNothingWhileKafkaIsDown() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> listingIds = new ArrayList<>();
        int expectedEvents = 0;

        expectedEvents += post(listing(run, 0, 5, 1), listingIds);
        KafkaTopics.awaitRecords(bootstrapServers, Topics.PAPERS_LISTED, r -> true, expectedEvents,
                Duration.ofSeconds(30));

        ThrowawayKafkaResource.broker().kill();
        long downSince = System.nanoTime();
        int[] round = { 0 };
        int[] during = { 0 };
        // While the broker is down: a new listing every few seconds, plus upvote changes of the first papers.
        Awaitility.await("Kafka outage of " + OUTAGE).atMost(OUTAGE.plusSeconds(30)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofSeconds(5)).until(() -> {
                    round[0]++;
                    during[0] += post(listing(run, round[0] * 10, 3, round[0] + 1), listingIds);
                    given().get("/q/health/ready").then().statusCode(200);
                    return System.nanoTime() - downSince >= OUTAGE.toNanos();
                });
        expectedEvents += during[0];
        assertThat(round[0]).isGreaterThanOrEqualTo(2);

        ThrowawayKafkaResource.broker().start(Topics.PAPERS_LISTED);

        Set<String> sources = listingIds.stream().map(id -> "/ingest-service/listings/" + id).collect(Collectors.toSet());
        List<ConsumerRecord<String, String>> records = KafkaTopics.awaitRecords(bootstrapServers, Topics.PAPERS_LISTED,
                r -> true, expectedEvents, Duration.ofSeconds(120));
        // Let any late duplicate arrive before judging.
        List<ConsumerRecord<String, String>> settled = KafkaTopics.readFor(bootstrapServers, Topics.PAPERS_LISTED,
                r -> true, Duration.ofSeconds(5));

        List<PaperEvent> events = settled.stream().map(r -> EventCodec.decodePaperEvent(r.value())).toList();
        assertThat(records).hasSize(expectedEvents);
        assertThat(events).hasSize(expectedEvents);
        assertThat(events).extracting(PaperEvent::eventId).doesNotHaveDuplicates();
        assertThat(events).extracting(PaperEvent::listingId).allMatch(id -> sources.contains("/ingest-service/listings/" + id));
        assertThat(events.stream().map(PaperEvent::listingId).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(listingIds);
        // Per paper, versions arrive in order with no gaps: nothing lost, nothing twice.
        events.stream().collect(Collectors.groupingBy(PaperEvent::paperId)).forEach((paperId, ofPaper) ->
                assertThat(ofPaper).extracting(PaperEvent::version)
                        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, ofPaper.size()).boxed().toList()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString(
                        "paperstream_outbox_pending 0.0")));
    }

    /** A listing of {@code count} papers numbered from {@code first}; papers 1..3 also get new upvotes each round. */
    private static String listing(String run, int first, int count, int upvotes) {
        StringBuilder text = new StringBuilder("Dec 17\n\n");
        for (int i = 0; i < count; i++) {
            text.append(paper("Outage " + run + " paper " + (first + i), 1));
        }
        if (first > 0) {
            for (int i = 0; i < 3; i++) {
                text.append(paper("Outage " + run + " paper " + i, upvotes));
            }
        }
        return text.toString();
    }

    private static String paper(String title, int upvotes) {
        return title + "\n\nAn abstract written while Kafka may be down.\n\n  • 2 authors\n·\nDec 1, 2025 " + upvotes + "\n\n";
    }

    /** Posts a listing, expects 202, returns how many events it queued. */
    private static int post(String listing, List<String> listingIds) {
        var response = given().contentType("text/plain; charset=UTF-8").body(listing.getBytes(StandardCharsets.UTF_8))
                .queryParam("asOf", "2025-12-17").post("/listings")
                .then().statusCode(202).extract();
        listingIds.add(response.path("listingId"));
        return response.<Integer>path("new") + response.<Integer>path("updated");
    }
}
