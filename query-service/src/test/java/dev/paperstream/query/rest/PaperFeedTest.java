package dev.paperstream.query.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.SyndFeedInput;

import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.testing.PaperstreamStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Atom and RSS feeds of searches against the real stack: filters, entries, validity and conditional requests. */
@QuarkusTest
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "elasticsearch", value = "true"),
        @ResourceArg(name = "postgres", value = "true") })
class PaperFeedTest {

    private static final String WORD = TestPapers.uniqueWord("feed");
    private static final EnrichedPaperEvent OLDER = TestPapers.paper(TestPapers.newId(), WORD + " older study")
            .summary("The first of two.").authorNames("Ada Lovelace", "Alan Turing").tags("agents", "reasoning")
            .publishedOn(LocalDate.of(2025, 3, 1)).build();
    private static final EnrichedPaperEvent NEWER = TestPapers.paper(TestPapers.newId(), WORD + " newer study")
            .summary("The second of two.").tags("agents").publishedOn(LocalDate.of(2025, 6, 1)).build();
    private static final EnrichedPaperEvent OTHER = TestPapers.paper(TestPapers.newId(), WORD + " other topic")
            .tags("diffusion").publishedOn(LocalDate.of(2025, 7, 1)).build();
    private static volatile boolean indexed;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeEach
    void indexPapers() {
        if (indexed) {
            return;
        }
        TestPapers.awaitConsumerReady(bootstrapServers);
        TestPapers.publishAll(bootstrapServers, List.of(OLDER, NEWER, OTHER));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("q", WORD)
                .queryParam("mode", "keyword").get("/papers/search").jsonPath().getInt("total") == 3);
        indexed = true;
    }

    @Test
    void writesAValidAtomFeedOfTheNewestMatchingPapers() throws Exception {
        Response response = given().queryParam("q", WORD).queryParam("tag", "agents").get("/papers/feed.atom");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/atom+xml");
        String xml = response.asString();
        // Atom's required elements, at the feed and at each entry.
        assertThat(xml).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"").contains("<id>", "<updated>");

        SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getEntries()).extracting(SyndEntry::getTitle)
                .containsExactly(NEWER.paper().title(), OLDER.paper().title());
        SyndEntry older = feed.getEntries().get(1);
        assertThat(older.getUri()).isEqualTo("urn:paperstream:paper:" + OLDER.paperId());
        assertThat(older.getLink()).endsWith("/p/" + OLDER.paperId());
        assertThat(older.getAuthors()).extracting(SyndPerson::getName).containsExactly("Ada Lovelace", "Alan Turing");
        assertThat(older.getCategories()).extracting(SyndCategory::getName).containsExactly("agents", "reasoning");
        assertThat(older.getDescription() != null ? older.getDescription().getValue()
                : older.getContents().get(0).getValue()).isEqualTo("The first of two.");
        assertThat(older.getUpdatedDate()).isNotNull();
    }

    @Test
    void writesAValidRssFeedWithTheSameEntries() throws Exception {
        Response response = given().queryParam("q", WORD).queryParam("tag", "agents").get("/papers/feed.rss");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/rss+xml");
        String xml = response.asString();
        assertThat(xml).contains("<rss", "version=\"2.0\"", "<channel>", "<title>", "<link>", "<description>");
        SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
        assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
        assertThat(feed.getEntries()).extracting(SyndEntry::getUri).containsExactly(
                "urn:paperstream:paper:" + NEWER.paperId(), "urn:paperstream:paper:" + OLDER.paperId());
    }

    @Test
    void answersNotModifiedUntilAMatchingPaperChanges() {
        Response first = given().queryParam("q", WORD).get("/papers/feed.atom");
        String etag = first.header("ETag");
        String lastModified = first.header("Last-Modified");
        assertThat(etag).isNotBlank();
        assertThat(lastModified).isNotBlank();
        assertThat(given().header("If-None-Match", etag).queryParam("q", WORD).get("/papers/feed.atom")
                .statusCode()).isEqualTo(304);
        assertThat(given().header("If-Modified-Since", lastModified).queryParam("q", WORD).get("/papers/feed.atom")
                .statusCode()).isEqualTo(304);

        EnrichedPaperEvent upvoted = TestPapers.paper(OTHER.paperId(), OTHER.paper().title()).tags("diffusion")
                .publishedOn(LocalDate.of(2025, 7, 1)).version(2).upvotes(50).build();
        TestPapers.publish(bootstrapServers, upvoted);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> given().header("If-None-Match", etag)
                .queryParam("q", WORD).get("/papers/feed.atom").statusCode() == 200);
    }

    @Test
    void refusesABadFilterWithTheApisMessageAndIsAdvertisedBySearchPages() {
        given().queryParam("year", "soon").get("/papers/feed.rss").then().statusCode(400);
        assertThat(given().queryParam("q", WORD).get("/").asString())
                .contains("<link rel=\"alternate\" type=\"application/atom+xml\"")
                .contains("href=\"/papers/feed.atom?q=" + WORD + "\"");
    }
}
