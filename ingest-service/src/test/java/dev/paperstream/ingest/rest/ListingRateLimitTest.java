package dev.paperstream.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.paperstream.events.Roles;
import dev.paperstream.testing.PaperstreamStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** A client that posts listings faster than its limit gets 429 with Retry-After; reads stay unlimited. */
@QuarkusTest
@TestProfile(ListingRateLimitTest.ThreePerMinute.class)
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "postgres", value = "true") })
@TestSecurity(user = "test-ingest", roles = Roles.INGEST)
class ListingRateLimitTest {

    /** Three listings a minute, and a schema of its own. */
    public static class ThreePerMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("paperstream.ingest.writes-per-minute", "3", "paperstream.db.schema", "ingest_test_rate");
        }
    }

    @Test
    void answers429WithRetryAfterOnceAClientPostsMoreThanItsLimit() {
        for (int i = 0; i < 3; i++) {
            post().then().statusCode(202);
        }
        Response refused = post();
        refused.then().statusCode(429).contentType(ContentType.JSON)
                .body("status", equalTo(429))
                .body("message", containsString("3 listings per minute"));
        // One listing is earned back every 20 s.
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 20);

        given().get("/sources").then().statusCode(200);
    }

    private static Response post() {
        String listing = "Dec 17\n\nRate Limit Paper " + UUID.randomUUID() + "\n\nAn abstract.\n\n  • 2 authors\n·\n"
                + "Dec 1, 2025 3\n";
        return given().contentType(ContentType.TEXT).queryParam("asOf", "2025-12-17").body(listing).post("/listings");
    }
}
