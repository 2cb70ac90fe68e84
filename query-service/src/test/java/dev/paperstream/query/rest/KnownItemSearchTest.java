package dev.paperstream.query.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.query.persistence.PaperIndex;
import dev.paperstream.testing.PaperstreamStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** What people paste into a paper search box finds the paper: titles with any punctuation, ids, URLs, names. */
@QuarkusTest
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "elasticsearch", value = "true"),
        @ResourceArg(name = "postgres", value = "true") })
class KnownItemSearchTest {

    private static final String TOWER = "Tower+: Bridging Generality and Translation Specialization in Multilingual LLMs";
    private static final String PRETRAINER = "A Pretrainer's Guide to Training Data: Measuring the Effects of Data Age,"
            + " Domain Coverage, Quality, & Toxicity";
    private static final String NANDU = "Ñandú: ¿Pueden los modelos pequeños aprender morfología? — Tiny Language"
            + " Models on Spanish";
    private static final List<String> TITLES = List.of(TOWER, PRETRAINER, NANDU);

    private static final String ARXIV_ID = String.format(Locale.ROOT, "2%03d.%05d",
            ThreadLocalRandom.current().nextInt(1000), ThreadLocalRandom.current().nextInt(100_000));
    private static final String AUTHOR = "Grace " + TestPapers.uniqueWord("hopper");
    private static volatile boolean indexed;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    PaperIndex index;

    @BeforeEach
    void indexPapersAndLookAlikes() throws IOException {
        if (indexed) {
            return;
        }
        TestPapers.awaitConsumerReady(bootstrapServers);
        List<EnrichedPaperEvent> papers = List.of(
                TestPapers.paper(ARXIV_ID, TOWER).authorNames(AUTHOR, "Ricardo Rei").build(),
                TestPapers.paper(TestPapers.newId(), PRETRAINER).authorNames("Shayne Longpre", AUTHOR).build(),
                TestPapers.paper(TestPapers.newId(), NANDU).build(),
                // look-alikes that share most of the words
                TestPapers.paper(TestPapers.newId(), "Bridging Generality and Specialization in Multilingual Models")
                        .build(),
                TestPapers.paper(TestPapers.newId(), "A Guide to Training Data Quality and Toxicity Measurement").build(),
                TestPapers.paper(TestPapers.newId(), "Tiny Language Models on Spanish Morphology").build());
        TestPapers.publishAll(bootstrapServers, papers);
        for (EnrichedPaperEvent paper : papers) {
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> given().get("/papers/" + paper.paperId()).statusCode() == 200);
        }
        index.refresh(); // get by id is real-time, search waits for a refresh
        indexed = true;
    }

    @Test
    void ranksAPastedTitleFirstWhateverItsPunctuationAndCase() {
        for (String title : TITLES) {
            assertFirst(title, title);
            assertFirst(title.toLowerCase(Locale.ROOT), title);
            assertFirst(title.replaceAll("[^\\p{L}\\p{N}\\s]", " "), title);
        }
    }

    @Test
    void ranksATitleFirstWithATypoOrFromItsFirstFiveWords() {
        assertFirst(TOWER.replace("Translation", "Tarnslation"), TOWER);
        assertFirst(PRETRAINER.replace("Measuring", "Meauring"), PRETRAINER);
        assertFirst(NANDU.replace("aprender", "aprendre"), NANDU);
        for (String title : TITLES) {
            String firstFive = String.join(" ", List.of(title.split("\\s+")).subList(0, 5));
            assertFirst(firstFive, title);
        }
    }

    @Test
    void findsThePaperByItsArxivIdOrAnyOfItsUrls() {
        for (String typed : List.of(ARXIV_ID, ARXIV_ID + "v2", "arXiv:" + ARXIV_ID, "https://arxiv.org/abs/" + ARXIV_ID,
                "arxiv.org/pdf/" + ARXIV_ID + "v1.pdf", "https://huggingface.co/papers/" + ARXIV_ID)) {
            JsonPath found = search(typed);
            assertThat(found.getString("hits[0].id")).as(typed).isEqualTo(ARXIV_ID);
        }
    }

    @Test
    void findsAnAuthorsPapersByTheirName() {
        assertThat(search(AUTHOR).getList("hits.title", String.class)).containsExactlyInAnyOrder(TOWER, PRETRAINER);
    }

    @Test
    void keepsQuotedPhrasesAndExclusions() {
        assertThat(search("\"Tiny Language Models on Spanish\"").getList("hits.title", String.class))
                .containsExactlyInAnyOrder(NANDU, "Tiny Language Models on Spanish Morphology");
        assertThat(search("\"Tiny Language Models on Spanish\" -morphology").getList("hits.title", String.class))
                .containsExactly(NANDU);
    }

    @Test
    void neverFailsOnWhatUsersType() {
        for (String typed : List.of("!!!", "&&", "—", "-", "+", "|", "*", "~", "()", "((", "\"", "\"unbalanced quote",
                "-\"\"", "AND OR NOT", "?", "¿", "Tower+ -", "a | | b", "\"Tower+: Bridging")) {
            JsonPath found = given().queryParam("q", typed).get("/papers/search").then().statusCode(200).extract()
                    .jsonPath();
            assertThat(found.getList("hits")).as(typed).isNotNull();
        }
        assertThat(search("\"Tower+: Bridging").getList("hits.title", String.class)).as("unbalanced quote")
                .contains(TOWER);
    }

    private static void assertFirst(String typed, String title) {
        assertThat(search(typed).getString("hits[0].title")).as("first hit for %s", typed).isEqualTo(title);
    }

    private static JsonPath search(String typed) {
        return given().queryParam("q", typed).get("/papers/search").then().statusCode(200).extract().jsonPath();
    }
}
