package dev.paperstream.query.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.query.domain.EmbeddingText;
import dev.paperstream.query.domain.PaperVector;
import dev.paperstream.query.persistence.BulkItemOutcome;
import dev.paperstream.query.persistence.PaperIndex;
import dev.paperstream.query.service.EmbeddingSweep;
import dev.paperstream.query.service.TextEmbedder;
import dev.paperstream.testing.PaperstreamStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * Semantic and hybrid search against the real stack: papers found by meaning, exact facets over the hybrid matches,
 * vectors that arrive after the keyword document, and vectors that never outlive the text they were computed from.
 */
@QuarkusTest
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "elasticsearch", value = "true"),
        @ResourceArg(name = "postgres", value = "true") })
class HybridSearchTest {

    /** Shares no content word with the distillation paper below. */
    private static final String DESCRIPTION = "teaching a little network to mimic what a huge one outputs";
    private static final String LAB = "Lab " + TestPapers.uniqueWord("hybrid");
    private static final EnrichedPaperEvent DISTILLATION = TestPapers.paper(TestPapers.newId(),
            "Knowledge Distillation of Large Teachers into Compact Students")
            .summary("We compress a large teacher model into a compact student model trained on the teacher's soft"
                    + " labels, keeping most of its accuracy at a fraction of the inference cost.")
            .organization(LAB).tags("distillation", "efficiency").build();
    private static final EnrichedPaperEvent COMPRESSION = TestPapers.paper(TestPapers.newId(),
            "Teacher-Student Training for Model Compression")
            .summary("A student model learns from the predictions of a larger teacher model and becomes much cheaper"
                    + " to run.")
            .organization(LAB).tags("distillation").build();
    private static final EnrichedPaperEvent PROTEINS = TestPapers.paper(TestPapers.newId(),
            "Protein Folding with Geometric Transformers")
            .summary("We predict three-dimensional structures of proteins from amino-acid sequences.")
            .organization(LAB).tags("biology").build();
    private static final EnrichedPaperEvent RETRIEVAL = TestPapers.paper(TestPapers.newId(),
            "Retrieval-Augmented Generation for Open-Domain Question Answering")
            .summary("A language model retrieves passages from a large corpus before it answers a question.")
            .organization(LAB).tags("retrieval", "efficiency").build();
    private static final List<EnrichedPaperEvent> PAPERS = List.of(DISTILLATION, COMPRESSION, PROTEINS, RETRIEVAL);
    private static volatile boolean indexed;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    PaperIndex index;

    @Inject
    EmbeddingSweep sweep;

    @Inject
    TextEmbedder embedder;

    @BeforeEach
    void indexPapersWithVectors() {
        if (indexed) {
            return;
        }
        TestPapers.awaitConsumerReady(bootstrapServers);
        TestPapers.publishAll(bootstrapServers, PAPERS);
        for (EnrichedPaperEvent paper : PAPERS) {
            awaitVector(paper.paperId(), EmbeddingText.hash(paper.paper().title(), paper.paper().summary()));
        }
        indexed = true;
    }

    @AfterEach
    void resumeSweep() {
        sweep.pause(false);
    }

    @Test
    void findsAPaperThatSharesNoContentWordWithTheQuery() {
        assertThat(ids(search("q", DESCRIPTION, "mode", "keyword"))).doesNotContain(DISTILLATION.paperId());

        JsonPath hybrid = search("q", DESCRIPTION);
        assertThat(hybrid.getString("mode")).isEqualTo("hybrid");
        assertThat(ids(hybrid).get(0)).isEqualTo(DISTILLATION.paperId());

        JsonPath semantic = search("q", DESCRIPTION, "mode", "semantic");
        assertThat(semantic.getString("mode")).isEqualTo("semantic");
        assertThat(ids(semantic)).startsWith(DISTILLATION.paperId());
    }

    @Test
    void keepsWordMatchesFirstForAPastedTitleInHybridMode() {
        assertThat(ids(search("q", PROTEINS.paper().title())).get(0)).isEqualTo(PROTEINS.paperId());
        assertThat(ids(search("q", "protein folding")).get(0)).isEqualTo(PROTEINS.paperId());
    }

    @Test
    void countsFacetsOverTheHybridMatchesAndWalksEveryMatchOnce() throws Exception {
        // Every paper of the lab has its vector (earlier tests add some), so the union is what this test expects.
        index.refresh();
        for (String id : ids(search("organization", LAB, "size", "100"))) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> storedVector(id) != null);
        }
        String q = "teacher student";
        JsonPath first = search("q", q, "organization", LAB, "size", "1");
        long total = first.getLong("total");
        assertThat(total).isGreaterThanOrEqualTo(2);

        List<String> walked = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        Map<String, Integer> tagCounts = new HashMap<>();
        JsonPath page = first;
        while (true) {
            walked.addAll(ids(page));
            seen.add(page.getLong("total") + ":" + page.getList("hits.title"));
            for (List<String> tags : page.<List<String>>getList("hits.tags")) {
                tags.forEach(tag -> tagCounts.merge(tag, 1, Integer::sum));
            }
            String cursor = page.getString("nextCursor");
            if (cursor == null) {
                break;
            }
            page = search("q", q, "organization", LAB, "size", "1", "cursor", cursor);
        }
        assertThat(walked).as("pages %s", seen).doesNotHaveDuplicates().hasSize((int) total);
        Map<String, Integer> facet = new HashMap<>();
        first.<Map<String, Object>>getList("facets.tags").forEach(
                bucket -> facet.put((String) bucket.get("value"), ((Number) bucket.get("count")).intValue()));
        assertThat(facet).isEqualTo(tagCounts);

        // A facet selection narrows the same matches: the distillation tag's count is what comes back.
        JsonPath tagged = search("q", q, "organization", LAB, "tag", "distillation");
        assertThat(tagged.getLong("total")).isEqualTo(tagCounts.get("distillation").longValue());
        assertThat(search("organization", LAB).getString("mode")).isEqualTo("keyword");
    }

    @Test
    void makesAPaperSearchableByWordsBeforeItsVectorArrives() throws Exception {
        sweep.pause(true);
        String word = TestPapers.uniqueWord("vectorless");
        EnrichedPaperEvent paper = TestPapers.paper(TestPapers.newId(), "Sparse Experts for " + word)
                .summary("Routing tokens to a few experts of a large layer.").organization(LAB).build();
        TestPapers.publish(bootstrapServers, paper);

        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> ids(search("q", word, "mode", "keyword")).contains(paper.paperId()));
        assertThat(ids(search("q", word))).containsExactly(paper.paperId());
        assertThat(storedVector(paper.paperId())).isNull();

        sweep.pause(false);
        awaitVector(paper.paperId(), EmbeddingText.hash(paper.paper().title(), paper.paper().summary()));
        assertThat(given().get("/papers/" + paper.paperId()).then().statusCode(200).extract().jsonPath()
                .getString("title")).isEqualTo(paper.paper().title());
    }

    @Test
    void keepsTheVectorWhenOnlyUpvotesChange() throws Exception {
        sweep.pause(true);
        EnrichedPaperEvent upvoted = TestPapers.paper(DISTILLATION.paperId(), DISTILLATION.paper().title())
                .summary(DISTILLATION.paper().summary()).organization(LAB).tags("distillation", "efficiency")
                .version(2).upvotes(99).build();
        TestPapers.publish(bootstrapServers, upvoted);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/papers/" + upvoted.paperId())
                .then().extract().jsonPath().getInt("upvotes") == 99);
        // The sweep is paused: the vector is there because indexing carried it over.
        assertThat(storedVector(upvoted.paperId())).isNotNull();
    }

    @Test
    void neverAttachesAVectorToTextItWasNotComputedFrom() throws Exception {
        EnrichedPaperEvent first = TestPapers.paper(TestPapers.newId(), "Speculative Decoding with Draft Models")
                .summary("A small draft model proposes tokens that the large model verifies in parallel.")
                .organization(LAB).build();
        TestPapers.publish(bootstrapServers, first);
        String firstHash = EmbeddingText.hash(first.paper().title(), first.paper().summary());
        awaitVector(first.paperId(), firstHash);
        ObjectNode firstSource = index.json().createObjectNode().put("id", first.paperId())
                .put("title", first.paper().title()).put("summary", first.paper().summary());
        PaperVector firstVector = storedVector(first.paperId());

        sweep.pause(true);
        EnrichedPaperEvent rewritten = TestPapers.paper(first.paperId(), first.paper().title())
                .summary("We revise the method: a tree of drafts is verified by the target model in one pass.")
                .organization(LAB).version(2).build();
        TestPapers.publish(bootstrapServers, rewritten);
        String newHash = EmbeddingText.hash(rewritten.paper().title(), rewritten.paper().summary());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/papers/" + first.paperId())
                .then().extract().jsonPath().getString("summary").equals(rewritten.paper().summary()));
        // The new text dropped the old vector.
        assertThat(storedVector(first.paperId())).isNull();

        // A sweep that read version 1 and writes its vector late is refused: version 2 is stored.
        List<BulkItemOutcome> late = index.bulk(List.of(index.vectorAction(first.paperId(), 1, firstSource,
                firstVector)), true);
        assertThat(late).extracting(BulkItemOutcome::kind).containsExactly(BulkItemOutcome.Kind.STALE);
        assertThat(given().get("/papers/" + first.paperId()).then().extract().jsonPath().getString("summary"))
                .isEqualTo(rewritten.paper().summary());

        sweep.pause(false);
        awaitVector(first.paperId(), newHash);
        float[] expected = embedder.embedAll(List.of(EmbeddingText.of(rewritten.paper().title(),
                rewritten.paper().summary()))).get(0);
        assertThat(TestVectors.cosine(storedVector(first.paperId()).values(), expected)).isGreaterThan(0.999);
    }

    @Test
    void findsSimilarPapersByMeaningWithinFiltersAndByWordsWithoutAVector() throws Exception {
        List<String> similar = given().queryParam("organization", LAB).get("/papers/" + DISTILLATION.paperId()
                + "/similar").then().statusCode(200).extract().jsonPath().getList("id", String.class);
        assertThat(similar).doesNotContain(DISTILLATION.paperId()).startsWith(COMPRESSION.paperId());
        assertThat(given().queryParam("tag", "biology").get("/papers/" + DISTILLATION.paperId() + "/similar").then()
                .statusCode(200).extract().jsonPath().getList("id", String.class)).containsExactly(PROTEINS.paperId());

        sweep.pause(true);
        EnrichedPaperEvent fresh = TestPapers.paper(TestPapers.newId(), "Compact Students of Large Teachers")
                .summary("Distillation of teacher models into compact student models.").organization(LAB).build();
        TestPapers.publish(bootstrapServers, fresh);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/papers/" + fresh.paperId()).statusCode() == 200);
        assertThat(storedVector(fresh.paperId())).isNull();
        assertThat(given().queryParam("organization", LAB).get("/papers/" + fresh.paperId() + "/similar").then()
                .statusCode(200).extract().jsonPath().getList("id", String.class)).contains(DISTILLATION.paperId());
    }

    @Test
    void addsTagsByMeaningWithTheVectorAndDropsThemWithIt() throws Exception {
        // Published without tags, as if the keyword rules had found none; close to a text-to-image example.
        EnrichedPaperEvent pictures = TestPapers.paper(TestPapers.newId(), "Pictures from Words")
                .summary("We generate photorealistic images from text prompts.").organization(LAB).tags().build();
        TestPapers.publish(bootstrapServers, pictures);
        awaitVector(pictures.paperId(), EmbeddingText.hash(pictures.paper().title(), pictures.paper().summary()));
        assertThat(tagsOf(pictures.paperId())).containsExactly("text-to-image", "multimodal");
        assertThat(storedVector(pictures.paperId()).tags()).containsExactly("text-to-image", "multimodal");
        assertThat(ids(search("organization", LAB, "tag", "text-to-image"))).containsExactly(pictures.paperId());

        // Re-indexed with the same text (an upvote), the vector and its tags are carried over: the sweep is paused.
        sweep.pause(true);
        EnrichedPaperEvent upvoted = TestPapers.paper(pictures.paperId(), pictures.paper().title())
                .summary(pictures.paper().summary()).organization(LAB).tags().version(2).upvotes(12).build();
        TestPapers.publish(bootstrapServers, upvoted);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/papers/" + upvoted.paperId())
                .then().extract().jsonPath().getInt("upvotes") == 12);
        assertThat(tagsOf(pictures.paperId())).containsExactly("text-to-image", "multimodal");

        // New text drops the vector, and the tags that came with it, until the sweep embeds the new text.
        EnrichedPaperEvent rewritten = TestPapers.paper(pictures.paperId(), "Scheduling Batch Jobs")
                .summary("Jobs wait in a queue until a machine of the cluster is free.").organization(LAB)
                .tags("efficiency").version(3).build();
        TestPapers.publish(bootstrapServers, rewritten);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/papers/" + rewritten.paperId())
                .then().extract().jsonPath().getString("title").equals("Scheduling Batch Jobs"));
        assertThat(tagsOf(pictures.paperId())).containsExactly("efficiency");
        assertThat(storedVector(pictures.paperId())).isNull();
    }

    private static List<String> tagsOf(String id) {
        return given().get("/papers/" + id).then().statusCode(200).extract().jsonPath().getList("tags", String.class);
    }

    private void awaitVector(String id, String textHash) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            PaperVector vector = storedVector(id);
            return vector != null && vector.textHash().equals(textHash);
        });
    }

    /** The stored vector after a refresh (indexing reads vectors as of the last refresh, so does this). */
    private PaperVector storedVector(String id) throws java.io.IOException {
        index.refresh();
        return index.storedVectors(List.of(id)).get(id);
    }

    private static JsonPath search(String... params) {
        var request = given();
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.get("/papers/search").then().statusCode(200).extract().jsonPath();
    }

    private static List<String> ids(JsonPath page) {
        return page.getList("hits.id", String.class);
    }
}
