package dev.paperstream.query.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.paperstream.events.Roles;
import dev.paperstream.query.domain.WebhookSignature;
import dev.paperstream.testing.PaperstreamStackResource;
import dev.paperstream.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Saved searches against the real stack: who may keep them, webhook deliveries of matching papers (signed, retried
 * with the same delivery id), refusal of private targets, and the private feed. The webhook targets are HTTP servers
 * of the test's own on loopback.
 */
@QuarkusTest
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "elasticsearch", value = "true"),
        @ResourceArg(name = "postgres", value = "true") })
class SubscriptionWebhookTest {

    private static final String SECRET = "a-webhook-secret-of-the-test";
    private static final String ALICE = TestTokens.bearer("alice", Roles.SUBSCRIBER);
    private static final String BOB = TestTokens.bearer("bob", Roles.SUBSCRIBER);
    private static final Duration DELIVERY = Duration.ofSeconds(5);

    /** One received POST. */
    record Received(String path, String body, String signature, String deliveryHeader, long atNanos) {
    }

    private static HttpServer server;
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final ConcurrentHashMap<String, AtomicInteger> FAILURES_LEFT = new ConcurrentHashMap<>();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeAll
    static void startTargets() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            RECEIVED.add(new Received(path, new String(body, StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                    exchange.getRequestHeaders().getFirst("X-Paperstream-Delivery"), System.nanoTime()));
            AtomicInteger failures = FAILURES_LEFT.get(path);
            int status = failures != null && failures.getAndDecrement() > 0 ? 500 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stopTargets() {
        server.stop(0);
    }

    @BeforeEach
    void awaitConsumer() {
        TestPapers.awaitIndexingConsumer(bootstrapServers);
    }

    @Test
    void refusesSavedSearchesWithoutATokenOrWithAnotherRole() {
        given().contentType(ContentType.JSON).body("{\"name\":\"x\"}").post("/subscriptions").then().statusCode(401)
                .contentType(ContentType.JSON).body("status", equalTo(401));
        given().auth().oauth2(TestTokens.bearer(Roles.INGEST)).contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                .post("/subscriptions").then().statusCode(403).contentType(ContentType.JSON)
                .body("message", containsString(Roles.SUBSCRIBER));
    }

    @Test
    void postsAMatchingPaperSignedWithinFiveSecondsAndNotANonMatchingOne() throws Exception {
        String word = TestPapers.uniqueWord("hook");
        String path = "/matching-" + word;
        JsonPath created = create(ALICE, word, List.of("agents"), target(path));
        String id = created.getString("id");
        assertThat(created.getString("webhook.url")).isEqualTo(target(path));
        assertThat(created.getString("webhook.secret")).isNull();

        String other = TestPapers.newId();
        String matching = TestPapers.newId();
        long published = System.nanoTime();
        TestPapers.publishAll(bootstrapServers, List.of(
                TestPapers.paper(other, word + " about diffusion").tags("diffusion").build(),
                TestPapers.paper(matching, word + " about agents").tags("agents").build()));

        Received delivery = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> received(path).stream().filter(r -> r.body().contains(matching)).findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(Duration.ofNanos(delivery.atNanos() - published)).isLessThanOrEqualTo(DELIVERY);
        assertThat(delivery.signature())
                .isEqualTo(WebhookSignature.of(SECRET, delivery.body().getBytes(StandardCharsets.UTF_8)));
        JsonPath body = JsonPath.from(delivery.body());
        assertThat(body.getString("subscriptionId")).isEqualTo(id);
        assertThat(body.getString("deliveryId")).isEqualTo(delivery.deliveryHeader());
        assertThat(body.getList("papers.id", String.class)).containsExactly(matching);
        assertThat(received(path)).noneMatch(r -> r.body().contains(other));

        given().auth().oauth2(ALICE).get("/subscriptions/" + id + "/deliveries").then().statusCode(200)
                .body("[0].status", equalTo("delivered")).body("[0].attempts", equalTo(1))
                .body("[0].lastStatus", equalTo(200)).body("[0].log[0].statusCode", equalTo(200));
        String feed = URI.create(created.getString("feed")).getRawPath() + "?"
                + URI.create(created.getString("feed")).getRawQuery();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get(feed).then()
                .statusCode(200).contentType(startsWith("application/atom+xml")).body(containsString(matching)));
        given().get("/subscriptions/" + id + "/feed.atom?token=not-the-token").then().statusCode(404);
    }

    @Test
    void retriesATargetThatFailsTwiceWithTheSameDeliveryId() {
        String word = TestPapers.uniqueWord("flaky");
        String path = "/flaky-" + word;
        FAILURES_LEFT.put(path, new AtomicInteger(2));
        String id = create(ALICE, word, List.of(), target(path)).getString("id");

        String paper = TestPapers.newId();
        TestPapers.publishAll(bootstrapServers, List.of(TestPapers.paper(paper, word + " retried").build()));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> received(path).size() >= 3);
        List<Received> attempts = received(path);
        assertThat(attempts).hasSize(3);
        assertThat(attempts).extracting(Received::deliveryHeader).containsOnly(attempts.get(0).deliveryHeader());
        assertThat(attempts).extracting(Received::body).containsOnly(attempts.get(0).body());
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(ALICE)
                .get("/subscriptions/" + id + "/deliveries").then().statusCode(200)
                .body("[0].deliveryId", equalTo(attempts.get(0).deliveryHeader()))
                .body("[0].status", equalTo("delivered")).body("[0].attempts", equalTo(3))
                .body("[0].log.statusCode", equalTo(List.of(500, 500, 200)))
                .body("[0].nextAttemptAt", nullValue()));
    }

    @Test
    void refusesWebhooksToPrivateAndMetadataAddressesAtCreation() {
        for (String url : List.of("http://169.254.169.254/latest/meta-data", "http://10.0.0.1/hook",
                "http://[::1]:8080/hook", "ftp://example.org/hook")) {
            given().auth().oauth2(ALICE).contentType(ContentType.JSON)
                    .body("{\"name\":\"n\",\"webhook\":{\"url\":\"" + url + "\",\"secret\":\"" + SECRET + "\"}}")
                    .post("/subscriptions").then().statusCode(400).contentType(ContentType.JSON)
                    .body("message", containsString("webhook.url"));
        }
        given().auth().oauth2(ALICE).contentType(ContentType.JSON)
                .body("{\"name\":\"n\",\"webhook\":{\"url\":\"" + target("/short") + "\",\"secret\":\"short\"}}")
                .post("/subscriptions").then().statusCode(400).body("message", containsString("webhook.secret"));
        given().auth().oauth2(ALICE).contentType(ContentType.JSON)
                .body("{\"name\":\"n\",\"filters\":{\"teamSize\":[\"huge\"]}}")
                .post("/subscriptions").then().statusCode(400).body("message", containsString("teamSize"));
    }

    @Test
    void showsAndDeletesASubscriptionOnlyForItsOwnerOrAnAdmin() {
        String id = create(ALICE, TestPapers.uniqueWord("own"), List.of(), null).getString("id");
        given().auth().oauth2(BOB).get("/subscriptions/" + id).then().statusCode(404);
        given().auth().oauth2(BOB).delete("/subscriptions/" + id).then().statusCode(404);
        given().auth().oauth2(TestTokens.bearer(Roles.ADMIN)).get("/subscriptions/" + id).then().statusCode(200)
                .body("id", equalTo(id));
        given().auth().oauth2(ALICE).get("/subscriptions/" + id).then().statusCode(200)
                .body("webhook", nullValue());
        given().auth().oauth2(ALICE).delete("/subscriptions/" + id).then().statusCode(204);
        given().auth().oauth2(ALICE).get("/subscriptions/" + id).then().statusCode(404);
    }

    private static JsonPath create(String token, String q, List<String> tags, String webhook) {
        String tagList = tags.isEmpty() ? "[]" : "[\"" + String.join("\",\"", tags) + "\"]";
        String hook = webhook == null ? "" : ",\"webhook\":{\"url\":\"" + webhook + "\",\"secret\":\"" + SECRET + "\"}";
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\":\"follow " + q + "\",\"filters\":{\"q\":\"" + q + "\",\"tag\":" + tagList + "}"
                        + hook + "}")
                .post("/subscriptions").then().statusCode(201).contentType(ContentType.JSON)
                .header("Location", containsString("/subscriptions/s-"))
                .extract().jsonPath();
    }

    private static String target(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static List<Received> received(String path) {
        return RECEIVED.stream().filter(r -> r.path().equals(path)).toList();
    }
}
