package dev.paperstream.ingest.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.paperstream.testing.PaperstreamStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** Feeds polled from a local HTTP server ({@link FixtureFeedServer}) into real PostgreSQL and Kafka. */
@QuarkusTest
@TestProfile(SourcePollingTest.OwnSchema.class)
@WithTestResource(FixtureFeedServer.class)
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "postgres", value = "true") })
class SourcePollingTest {

    /** Its own schema. */
    public static class OwnSchema implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("paperstream.db.schema", "ingest_test_sources");
        }
    }

    @Test
    void recordsAFeedOnceThenPollsItConditionally() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                FixtureFeedServer.REQUESTS.contains("/daily.json " + FixtureFeedServer.ETAG + " null"));

        Polled daily = source("hf-daily");
        assertThat(daily.getString("status")).isEqualTo("not-modified");
        assertThat(daily.getInt("httpStatus")).isEqualTo(304);
        assertThat(daily.getString("etag")).isEqualTo(FixtureFeedServer.ETAG);
        assertThat(daily.getString("format")).isEqualTo("hf-daily-json");
        assertThat(Instant.parse(daily.getString("nextPollAt"))).isAfter(Instant.parse(daily.getString("lastPollAt")));
        String listingId = daily.getString("lastListingId");
        given().get("/listings/" + listingId).then().statusCode(200)
                .body("format", equalTo("hf-daily-json")).body("source", equalTo("source:hf-daily"))
                .body("accepted", equalTo(7));
        // Only the first request went without a validator: the feed was recorded once.
        assertThat(FixtureFeedServer.REQUESTS.stream().filter(r -> r.equals("/daily.json null null"))).hasSize(1);
    }

    @Test
    void sendsIfModifiedSinceToAFeedWithLastModified() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> FixtureFeedServer.REQUESTS
                .contains("/arxiv.atom null " + FixtureFeedServer.LAST_MODIFIED));

        Polled arxiv = source("arxiv");
        assertThat(arxiv.getString("status")).isEqualTo("not-modified");
        assertThat(arxiv.getString("lastModified")).isEqualTo(FixtureFeedServer.LAST_MODIFIED);
        given().get("/listings/" + arxiv.getString("lastListingId")).then().statusCode(200)
                .body("format", equalTo("arxiv-atom")).body("accepted", equalTo(4));
    }

    @Test
    void backsOffExponentiallyFromAFailingFeed() {
        Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> FixtureFeedServer.BROKEN_AT_NANOS.size() >= 5);

        List<Long> at = List.copyOf(FixtureFeedServer.BROKEN_AT_NANOS);
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < 5; i++) {
            gaps.add(Duration.ofNanos(at.get(i) - at.get(i - 1)));
        }
        // initial-backoff 1s, doubling, capped by max-backoff 4s; the scheduler ticks every second, and on a loaded
        // 2-core machine a tick can be late by most of another second (a 4 s gap was seen as 6.0 s). The lower
        // bounds show the doubling, the upper ones the cap (uncapped, the last two gaps would be 8 s and 16 s);
        // the exact backoff is asserted below from nextPollAt.
        assertThat(gaps.get(0)).isLessThan(Duration.ofMillis(3_900));
        assertThat(gaps.get(1)).isBetween(Duration.ofMillis(1_900), Duration.ofMillis(4_900));
        assertThat(gaps.get(2)).isBetween(Duration.ofMillis(3_900), Duration.ofMillis(7_500));
        assertThat(gaps.get(3)).isBetween(Duration.ofMillis(3_900), Duration.ofMillis(7_500));
        Polled broken = source("broken");
        assertThat(broken.getString("status")).isEqualTo("error");
        assertThat(broken.getString("message")).isEqualTo("HTTP 503");
        assertThat(broken.getInt("httpStatus")).isEqualTo(503);
        assertThat(broken.getInt("consecutiveFailures")).isGreaterThanOrEqualTo(4);
        assertThat(Duration.between(Instant.parse(broken.getString("lastPollAt")),
                Instant.parse(broken.getString("nextPollAt")))).isEqualTo(Duration.ofSeconds(4));
        given().get("/q/health/ready").then().statusCode(200);
    }

    /** One entry of {@code GET /sources}. */
    private record Polled(JsonPath json, String at) {
        String getString(String field) {
            return json.getString(at + field);
        }

        int getInt(String field) {
            return json.getInt(at + field);
        }
    }

    private static Polled source(String name) {
        return new Polled(given().get("/sources").then().statusCode(200).extract().jsonPath(),
                "find { it.name == '" + name + "' }.");
    }
}
