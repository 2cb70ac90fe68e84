package dev.paperstream.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class HfDailyPapersJsonParserTest {

    private static final LocalDate AS_OF = LocalDate.of(2025, 12, 18);

    private final HfDailyPapersJsonParser parser = new HfDailyPapersJsonParser();

    @Test
    void readsEveryItemOfTheDailyPapersArray() {
        ParsedListing listing = parser.parse(Fixtures.bytes(Fixtures.DAILY_JSON), AS_OF);

        assertThat(listing.format()).isEqualTo(ListingFormat.HF_DAILY_JSON);
        assertThat(listing.rejected()).isEmpty();
        assertThat(listing.papers()).extracting(ListedPaper::arxivId).containsExactly(
                "2207.01780", "2009.11462", "2302.08582", "2205.12548", "2403.15042", "2106.09685", "2305.18290");
        ListedPaper codeRl = listing.papers().get(0);
        assertThat(codeRl.title())
                .isEqualTo("CodeRL: Mastering Code Generation through Pretrained Models and Deep Reinforcement Learning");
        assertThat(codeRl.authors()).containsExactly("Hung Le", "Yue Wang", "Akhilesh Deepak Gotmare",
                "Silvio Savarese", "Steven C. H. Hoi");
        assertThat(codeRl.authorCount()).isEqualTo(5);
        assertThat(codeRl.publishedOn()).isEqualTo(LocalDate.of(2022, 7, 4));
        assertThat(codeRl.upvotes()).isEqualTo(7);
        assertThat(codeRl.keywords()).contains("program synthesis", "APPS");
        assertThat(codeRl.codeUrl()).isEqualTo("https://github.com/salesforce/CodeRL");
        assertThat(codeRl.organization()).isEqualTo("Salesforce");
        assertThat(codeRl.summary()).startsWith("Program synthesis").endsWith("simpler MBPP benchmark.");
        assertThat(codeRl.line()).isEqualTo(2);
        assertThat(listing.papers().get(1).projectUrl()).isEqualTo("https://toxicdegeneration.allenai.org/");
        assertThat(listing.papers().get(3).title())
                .isEqualTo("RLPrompt: Optimizing Discrete Text Prompts With Reinforcement Learning");
    }

    @Test
    void readsTheFlatObjectOfOnePaper() {
        ParsedListing listing = parser.parse(Fixtures.bytes(Fixtures.PAPER_JSON), AS_OF);

        assertThat(listing.papers()).singleElement().satisfies(paper -> {
            assertThat(paper.arxivId()).isEqualTo("2207.01780");
            assertThat(paper.upvotes()).isEqualTo(9);
            assertThat(paper.authors()).hasSize(5);
            assertThat(paper.organization()).isEqualTo("Salesforce");
        });
    }

    @Test
    void rejectsBadItemsWithTheirPositionAndKeepsTheOthers() {
        String body = """
                [
                  {"paper": {"id": "2401.00001", "title": "Good", "publishedAt": "2024-01-02T00:00:00.000Z", "upvotes": 3}},
                  {"paper": {"id": "2401.00002", "publishedAt": "2024-01-02T00:00:00.000Z"}},
                  {"paper": {"id": "not-an-id!", "title": "Bad id", "publishedAt": "2024-01-02T00:00:00.000Z"}},
                  {"paper": {"id": "2401.00004", "title": "Bad date", "publishedAt": "yesterday"}},
                  {"paper": {"id": "2401.00005", "title": "Bad votes", "publishedAt": "2024-01-02", "upvotes": -1}},
                  {"paper": {"id": "2401.00006", "title": "Bad repo", "publishedAt": "2024-01-02", "githubRepo": "javascript:alert(1)"}},
                  42
                ]
                """;

        ParsedListing listing = parser.parse(body.getBytes(StandardCharsets.UTF_8), AS_OF);

        assertThat(listing.papers()).extracting(ListedPaper::title).containsExactly("Good");
        assertThat(listing.rejected()).extracting(EntryRejection::entry).containsExactly(2, 3, 4, 5, 6, 7);
        assertThat(listing.rejected()).extracting(EntryRejection::line).containsExactly(3, 4, 5, 6, 7, 8);
        assertThat(listing.rejected()).extracting(EntryRejection::reason).containsExactly(
                "paper has no title", "paper id 'not-an-id!' is not an arXiv id",
                "publishedAt 'yesterday' is not an ISO-8601 date-time",
                "upvotes must be a non-negative whole number, was -1",
                "githubRepo 'javascript:alert(1)' is not an http(s) URL", "entry is not a JSON object");
    }

    @Test
    void leavesUpvotesUnknownWhenAbsentAndAcceptsVersionedIds() {
        ListedPaper paper = parser.parse("""
                {"id": "2207.01780v2", "title": "T", "publishedAt": "2022-07-04T17:05:39.000Z"}
                """.getBytes(StandardCharsets.UTF_8), AS_OF).papers().get(0);

        assertThat(paper.arxivId()).isEqualTo("2207.01780");
        assertThat(paper.upvotes()).isNull();
    }

    @Test
    void refusesBodiesThatAreNotJsonListings() {
        assertRefused("", "body is empty");
        assertRefused("<html><body>Daily Papers</body></html>", "not valid JSON");
        assertRefused("\"just a string\"", "array of daily papers or one paper object");
        assertRefused("[]", "holds no papers");
        assertRefused("[{\"paper\": {\"title\": \"T\"}}", "not valid JSON");
        assertRefused("{\"title\": \"T\", \"title\": \"U\"}", "Duplicate field");
        assertRefused("[1] [2]", "unexpected content");
        assertThatThrownBy(() -> parser.parse(new byte[] { '[', '"', (byte) 0xC3, (byte) 0x28, '"', ']' }, AS_OF))
                .isInstanceOf(ListingParseException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void refusesDeeplyNestedJsonQuickly() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        long start = System.nanoTime();
        assertRefused(deep, "nesting depth");
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

    private void assertRefused(String body, String reason) {
        assertThatThrownBy(() -> parser.parse(body.getBytes(StandardCharsets.UTF_8), AS_OF))
                .isInstanceOf(ListingParseException.class)
                .hasMessageContaining(reason);
    }
}
