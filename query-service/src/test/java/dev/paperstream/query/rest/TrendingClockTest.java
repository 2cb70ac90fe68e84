package dev.paperstream.query.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.UpvoteObservation;
import dev.paperstream.query.domain.PaperDocument;
import dev.paperstream.query.persistence.PaperIndex;
import dev.paperstream.testing.PaperstreamStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Trending follows the clock: a gain leaves its window when the window's start passes the observation, without any
 * new event for the paper (the re-scoring runs every second in tests).
 */
@QuarkusTest
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "elasticsearch", value = "true"),
        @ResourceArg(name = "postgres", value = "true") })
class TrendingClockTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    PaperIndex index;

    @Test
    void dropsAWeekOldGainFromTheSevenDayWindowAsTheClockMovesOn() throws Exception {
        TestPapers.awaitConsumerReady(bootstrapServers);
        String tag = TestPapers.uniqueWord("clock");
        Instant now = Instant.now();
        Instant listed = now.minus(Duration.ofDays(8));
        // 40 upvotes seen just under 7 days ago: inside the 7-day window for about 8 more seconds.
        Instant leavesWindowAt = now.plusSeconds(8);
        EnrichedPaperEvent fading = TestPapers.paper(TestPapers.newId(), "Fading " + tag).tags(tag).upvotes(40)
                .listed(listed, new UpvoteObservation(listed, 0),
                        new UpvoteObservation(leavesWindowAt.minus(Duration.ofDays(7)), 40))
                .build();
        EnrichedPaperEvent steady = TestPapers.paper(TestPapers.newId(), "Steady " + tag).tags(tag).upvotes(5)
                .listed(listed, new UpvoteObservation(listed, 0), new UpvoteObservation(now.minus(Duration.ofDays(1)), 5))
                .build();
        TestPapers.publishAll(bootstrapServers, List.of(fading, steady));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> index.get(fading.paperId()).isPresent()
                && index.get(steady.paperId()).isPresent());
        index.refresh();

        PaperDocument before = index.get(fading.paperId()).orElseThrow();
        if (Instant.now().isBefore(leavesWindowAt)) {
            assertThat(before.gain7d()).isEqualTo(40);
            assertThat(Instant.parse(before.gainsChangeAt())).isBetween(leavesWindowAt.minusSeconds(1),
                    leavesWindowAt.plusSeconds(1));
            assertThat(trending(tag)).startsWith(fading.paperId());
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> index.get(fading.paperId()).orElseThrow().gain7d() == 0);
        index.refresh();
        PaperDocument after = index.get(fading.paperId()).orElseThrow();
        assertThat(after.gain30d()).isEqualTo(40);
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(Instant.parse(after.gainsAsOf())).isAfterOrEqualTo(leavesWindowAt);
        assertThat(trending(tag)).containsExactly(steady.paperId(), fading.paperId());
    }

    private static List<String> trending(String tag) {
        return given().queryParam("window", "7d").queryParam("tag", tag).get("/papers/trending").then()
                .statusCode(200).extract().jsonPath().getList("hits.id", String.class);
    }
}
