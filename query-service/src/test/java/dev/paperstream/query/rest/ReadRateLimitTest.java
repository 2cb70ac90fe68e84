package dev.paperstream.query.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.paperstream.testing.PaperstreamStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** A client over its read limit gets 429 with Retry-After, on the API and the pages alike; health is not counted. */
@QuarkusTest
@TestProfile(ReadRateLimitTest.SixPerMinute.class)
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "elasticsearch", value = "true"),
        @ResourceArg(name = "postgres", value = "true") })
class ReadRateLimitTest {

    /** Six requests a minute. */
    public static class SixPerMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Words only: a restarted application cannot load the embedding model's native tokenizer a second time
            // in one JVM (DJL), and this test is about counting requests.
            return Map.of("paperstream.query.reads-per-minute", "6", "paperstream.query.embedding.sweep", "false",
                    "paperstream.query.tagging.enabled", "false");
        }
    }

    @Test
    void answers429WithRetryAfterOnceAClientReadsMoreThanItsLimit() {
        for (int i = 0; i < 3; i++) {
            given().queryParam("q", "anything").queryParam("mode", "keyword").get("/papers/search").then().statusCode(200);
            given().get("/q/health/live").then().statusCode(200);
        }
        given().get("/papers/feed.atom").then().statusCode(200);
        given().get("/").then().statusCode(200);
        given().get("/papers/trending").then().statusCode(200);

        Response refused = given().queryParam("q", "anything").queryParam("mode", "keyword").get("/papers/search");
        refused.then().statusCode(429).contentType(ContentType.JSON)
                .body("status", equalTo(429))
                .body("message", containsString("6 requests per minute"));
        // One request is earned back every 10 s.
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 10);
        given().get("/").then().statusCode(429);
        given().get("/q/health/live").then().statusCode(200);
    }
}
