package dev.paperstream.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.paperstream.events.Roles;
import dev.paperstream.ingest.domain.Fixtures;
import dev.paperstream.testing.PaperstreamStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Seeded hostile requests against every ingest endpoint, through the real HTTP stack to real PostgreSQL and
 * Kafka: odd paths, parameters and bodies (NUL bytes, over-long values, invalid percent-encoding and UTF-8,
 * mutated fixtures, NUL characters inside JSON strings). None may answer a 5xx, and every error is JSON.
 */
@QuarkusTest
@TestProfile(HttpApiFuzzTest.OwnSchema.class)
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "postgres", value = "true") })
// Every request as a caller with the role ingest; ListingAuthorizationTest checks real tokens.
@TestSecurity(user = "test-ingest", roles = Roles.INGEST)
class HttpApiFuzzTest {

    /** A schema of its own: the fixtures it posts must not become known papers for other tests. */
    public static class OwnSchema implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("paperstream.db.schema", "ingest_test_fuzz");
        }
    }

    private static final int REQUESTS = 400;
    private static final List<String> NASTY = List.of("%00", "%ff%fe", "%c0%af", "..%2F..%2F", "%25", "'", "%22", ";--",
            "%0d%0a", "%e2%80%ae", "%f0%9f%98%80", "%7B%7D", "%5Cu0000", "+", "%20", "a", "l-", "2025-12-17");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "text/plain; charset=UTF-8",
            "text/plain; charset=ISO-8859-1", "text/plain; charset=bogus", "application/json", "application/atom+xml",
            "application/json; charset=UTF-16", "application/xml", "multipart/form-data", "*/*", ";;;", "text/");

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void hostileRequestsNeverAnswer5xx() throws Exception {
        Random random = new Random(20251217);
        List<byte[]> fixtures = List.of(Fixtures.bytes(Fixtures.SAMPLE_TEXT), Fixtures.bytes(Fixtures.DAILY_JSON),
                Fixtures.bytes(Fixtures.PAPER_JSON), Fixtures.bytes(Fixtures.ATOM_FEED));
        List<String> failures = new ArrayList<>();
        int[] byStatusClass = new int[6];
        for (int i = 0; i < REQUESTS; i++) {
            HttpRequest request = switch (i % 4) {
                case 0 -> HttpRequest.newBuilder(uri("/listings/" + junk(random))).GET().build();
                case 1 -> HttpRequest.newBuilder(uri("/sources?" + junk(random) + "=" + junk(random))).GET().build();
                default -> post(random, fixtures);
            };
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            byStatusClass[response.statusCode() / 100]++;
            if (response.statusCode() >= 500) {
                failures.add(request.method() + " " + request.uri() + " -> " + response.statusCode() + " "
                        + response.body());
            } else if (response.statusCode() >= 400) {
                assertThat(response.body()).as("error body of %s", request.uri()).contains("\"status\"", "\"message\"");
            }
        }
        System.out.printf("HTTP fuzz: %d requests, 2xx %d, 4xx %d, 5xx %d%n", REQUESTS, byStatusClass[2],
                byStatusClass[4], byStatusClass[5]);
        assertThat(failures).isEmpty();
        assertThat(byStatusClass[2]).as("some hostile requests still carry valid papers").isPositive();
    }

    private HttpRequest post(Random random, List<byte[]> fixtures) {
        StringBuilder query = new StringBuilder("/listings?");
        switch (random.nextInt(5)) {
            case 0 -> query.append("source=").append("s".repeat(400 + random.nextInt(400)));
            case 1 -> query.append("source=").append(junk(random));
            case 2 -> query.append("asOf=").append(junk(random));
            case 3 -> query.append("asOf=2025-12-17&source=fuzz").append(junk(random));
            default -> query.append(junk(random)).append('=').append(junk(random));
        }
        byte[] body = fixtures.get(random.nextInt(fixtures.size()));
        body = switch (random.nextInt(4)) {
            case 0 -> body;
            case 1 -> mutate(body, random);
            case 2 -> new String(body, StandardCharsets.UTF_8)
                    .replaceFirst("\"title\": ?\"", "\"title\": \"\\\\u0000")
                    .replaceFirst("\"name\": ?\"", "\"name\": \"\\\\u0000")
                    .getBytes(StandardCharsets.UTF_8);
            default -> randomBytes(random);
        };
        return HttpRequest.newBuilder(uri(query.toString()))
                .header("Content-Type", CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size())))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static String junk(Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
            out.append(random.nextBoolean() ? NASTY.get(random.nextInt(NASTY.size()))
                    : "%" + HexFormat.of().toHexDigits((byte) random.nextInt(256)));
        }
        return out.toString();
    }

    private static byte[] mutate(byte[] body, Random random) {
        byte[] copy = body.clone();
        for (int i = 0, n = 1 + random.nextInt(20); i < n; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(2048)];
        random.nextBytes(bytes);
        return bytes;
    }

    private URI uri(String pathAndQuery) {
        return URI.create(base.toString().replaceAll("/$", "") + pathAndQuery);
    }
}
