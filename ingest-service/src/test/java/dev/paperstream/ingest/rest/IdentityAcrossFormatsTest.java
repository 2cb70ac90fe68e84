package dev.paperstream.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.paperstream.events.EventCodec;
import dev.paperstream.events.PaperEvent;
import dev.paperstream.events.PaperHeaders;
import dev.paperstream.events.Roles;
import dev.paperstream.events.Topics;
import dev.paperstream.ingest.domain.Fixtures;
import dev.paperstream.ingest.domain.PaperIdentity;
import dev.paperstream.testing.KafkaTopics;
import dev.paperstream.testing.PaperstreamStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * The sample text, then daily_papers JSON and an arXiv feed naming some of the same papers, against real
 * PostgreSQL and Kafka, in a schema of its own so that the sample's papers start unknown. Reading
 * {@code papers.listed} as a compacted topic (last record per key, tombstones delete) must give one paper
 * per title, under its arXiv id where one is known, with the latest upvote count.
 */
@QuarkusTest
@TestProfile(IdentityAcrossFormatsTest.OwnSchema.class)
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "postgres", value = "true") })
// Every request as a caller with the role ingest; ListingAuthorizationTest checks real tokens.
@TestSecurity(user = "test-ingest", roles = Roles.INGEST)
class IdentityAcrossFormatsTest {

    /** A fresh schema: the sample's papers must be new here whatever other tests posted. */
    public static class OwnSchema implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("paperstream.db.schema", "ingest_test_identity");
        }
    }

    private static final String CODE_RL =
            "CodeRL: Mastering Code Generation through Pretrained Models and Deep Reinforcement Learning";
    /** Sample papers that the JSON or the feed names with an arXiv id. */
    private static final Map<String, String> SHARED = Map.of(
            "2207.01780", CODE_RL,
            "2009.11462", "RealToxicityPrompts: Evaluating Neural Toxic Degeneration in Language Models",
            "2302.08582", "Pretraining Language Models with Human Preferences",
            "2205.12548", "RLPrompt: Optimizing Discrete Text Prompts with Reinforcement Learning",
            "2403.15042", "LLM2LLM: Boosting LLMs with Novel Iterative Data Enhancement",
            "2209.15162", "Linearly Mapping from Image to Text Space");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "mp.messaging.outgoing.papers-listed.topic")
    String listedTopic;

    @Test
    void keepsOnePaperPerTitleUnderItsArxivIdWithTheLatestUpvotes() {
        ExtractableResponse<Response> text = post("text/plain; charset=UTF-8", Fixtures.SAMPLE_TEXT);
        assertThat(text.<Integer>path("new")).isEqualTo(39);
        ExtractableResponse<Response> json = post("application/json", Fixtures.DAILY_JSON);
        assertThat(json.<String>path("format")).isEqualTo("hf-daily-json");
        assertThat(json.<Integer>path("new")).isEqualTo(2);
        assertThat(json.<Integer>path("updated")).isEqualTo(5);
        ExtractableResponse<Response> atom = post("application/atom+xml", Fixtures.ATOM_FEED);
        assertThat(atom.<String>path("format")).isEqualTo("arxiv-atom");
        assertThat(atom.<Integer>path("new")).isEqualTo(1);
        assertThat(atom.<Integer>path("updated")).isEqualTo(3);
        ExtractableResponse<Response> again = post("text/plain; charset=UTF-8", Fixtures.SAMPLE_TEXT);
        assertThat(again.<Integer>path("new")).isZero();
        ExtractableResponse<Response> flat = post("application/json", Fixtures.PAPER_JSON);
        assertThat(flat.<Integer>path("updated")).isEqualTo(1);
        ExtractableResponse<Response> unchanged = post("application/json", Fixtures.PAPER_JSON);
        assertThat(unchanged.<Integer>path("unchanged")).isEqualTo(1);

        List<ExtractableResponse<Response>> listings = List.of(text, json, atom, again, flat, unchanged);
        Set<String> sources = listings.stream().map(r -> "/ingest-service/listings/" + r.<String>path("listingId"))
                .collect(java.util.stream.Collectors.toSet());
        int moves = 6; // five sample papers gain an arXiv id from the JSON, one more from the feed
        int expected = listings.stream().mapToInt(r -> r.<Integer>path("new") + r.<Integer>path("updated")).sum() + moves;
        List<ConsumerRecord<String, String>> records = KafkaTopics.awaitRecords(bootstrapServers, listedTopic,
                r -> sources.contains(header(r, "ce_source")), expected, Duration.ofSeconds(30));

        Map<String, String> compacted = new LinkedHashMap<>();
        Map<String, String> supersededBy = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            if (record.value() == null) {
                compacted.remove(record.key());
                supersededBy.put(record.key(), header(record, PaperHeaders.SUPERSEDED_BY));
            } else {
                compacted.put(record.key(), record.value());
            }
        }
        // 39 sample papers + LoRA and DPO from the JSON + Attention Is All You Need from the feed.
        assertThat(compacted).hasSize(42);
        SHARED.forEach((arxivId, title) -> {
            assertThat(compacted).containsKey(arxivId).doesNotContainKey(PaperIdentity.titleKey(title));
            assertThat(supersededBy).containsEntry(PaperIdentity.titleKey(title), arxivId);
        });
        assertThat(compacted).containsKeys("2106.09685", "2305.18290", "1706.03762");
        assertThat(compacted.values().stream().map(v -> EventCodec.decodePaperEvent(v).paper().title().toLowerCase())
                .distinct()).hasSize(42);

        PaperEvent codeRl = EventCodec.decodePaperEvent(compacted.get("2207.01780"));
        assertThat(codeRl.paper().upvotes()).isEqualTo(9);
        assertThat(codeRl.paper().arxivId()).isEqualTo("2207.01780");
        assertThat(codeRl.paper().authors()).contains("Hung Le", "Steven C. H. Hoi");
        assertThat(codeRl.paper().keywords()).contains("program synthesis");
        assertThat(codeRl.paper().codeUrl()).isEqualTo("https://github.com/salesforce/CodeRL");
        assertThat(codeRl.paper().categories()).containsExactly("cs.LG", "cs.CL", "cs.PL");
        assertThat(codeRl.paper().upvoteHistory()).extracting(o -> o.upvotes()).containsExactly(0, 7, 0, 9);
        List<Long> versions = records.stream()
                .filter(r -> r.value() != null && r.key().equals("2207.01780"))
                .map(r -> EventCodec.decodePaperEvent(r.value()).version()).toList();
        assertThat(versions).isSorted().doesNotHaveDuplicates().first().isEqualTo(2L);
        PaperEvent atomOnly = EventCodec.decodePaperEvent(compacted.get("2209.15162"));
        assertThat(atomOnly.paper().upvotes()).isZero();
        assertThat(atomOnly.paper().authors()).containsExactly("Jack Merullo", "Louis Castricato",
                "Carsten Eickhoff", "Ellie Pavlick");

        given().get("/listings/" + json.<String>path("listingId")).then().statusCode(200)
                .body("format", equalTo("hf-daily-json")).body("updated", equalTo(5)).body("rejected", empty());
    }

    private static ExtractableResponse<Response> post(String contentType, String fixture) {
        return given().contentType(contentType).body(Fixtures.bytes(fixture))
                .queryParam("asOf", "2025-12-17").queryParam("source", "identity-test")
                .when().post("/listings")
                .then().statusCode(202).body("rejected", empty()).extract();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
