package dev.paperstream.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArxivAtomParserTest {

    private static final LocalDate AS_OF = LocalDate.of(2025, 12, 18);
    private static final String FEED_START = "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
            + " xmlns:arxiv=\"http://arxiv.org/schemas/atom\">\n";

    private final ArxivAtomParser parser = new ArxivAtomParser();

    @Test
    void readsEveryEntryOfTheFeed() {
        ParsedListing listing = parser.parse(Fixtures.bytes(Fixtures.ATOM_FEED), AS_OF);

        assertThat(listing.format()).isEqualTo(ListingFormat.ARXIV_ATOM);
        assertThat(listing.rejected()).isEmpty();
        assertThat(listing.papers()).extracting(ListedPaper::arxivId)
                .containsExactly("2207.01780", "2009.11462", "2209.15162", "1706.03762");
        ListedPaper codeRl = listing.papers().get(0);
        assertThat(codeRl.title())
                .isEqualTo("CodeRL: Mastering Code Generation through Pretrained Models and Deep Reinforcement Learning");
        assertThat(codeRl.summary()).startsWith("Program synthesis or code generation aims to generate a program that"
                + " satisfies a problem specification. Recent").endsWith("simpler MBPP benchmark.")
                .doesNotContain("\n").doesNotContain("  ");
        assertThat(codeRl.publishedOn()).isEqualTo(LocalDate.of(2022, 7, 4));
        assertThat(codeRl.authors()).containsExactly("Hung Le", "Yue Wang", "Akhilesh Deepak Gotmare",
                "Silvio Savarese", "Steven C. H. Hoi");
        assertThat(codeRl.affiliations()).containsExactly("Salesforce Research");
        assertThat(codeRl.categories()).containsExactly("cs.LG", "cs.CL", "cs.PL");
        assertThat(codeRl.upvotes()).isNull();
        assertThat(codeRl.line()).isEqualTo(10);
        assertThat(listing.papers().get(1).affiliations()).containsExactly(
                "Paul G. Allen School of Computer Science & Engineering, University of Washington",
                "Allen Institute for AI", "University of Washington");
    }

    @Test
    void readsASingleEntryDocument() {
        String entry = """
                <entry xmlns="http://www.w3.org/2005/Atom"><id>http://arxiv.org/abs/hep-th/9901001v1</id>
                <title>Old  style</title><published>1999-01-01T00:00:00Z</published></entry>""";

        assertThat(parser.parse(entry.getBytes(StandardCharsets.UTF_8), AS_OF).papers())
                .singleElement().extracting(ListedPaper::arxivId).isEqualTo("hep-th/9901001");
    }

    @Test
    void rejectsBadEntriesWithTheirLineAndKeepsTheOthers() {
        String feed = FEED_START + """
                <entry><id>http://arxiv.org/abs/2401.00001v1</id><title>Good</title>
                  <published>2024-01-01T00:00:00Z</published></entry>
                <entry><id>http://arxiv.org/abs/2401.00002v1</id><published>2024-01-01T00:00:00Z</published></entry>
                <entry><id>http://arxiv.org/abs/2401.00003v1</id><title>No date</title></entry>
                <entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id><title>Error</title>
                  <summary>incorrect id format for 1234</summary><updated>2024-01-01T00:00:00-05:00</updated></entry>
                <entry><id>http://example.org/x</id><title>Not arXiv</title><published>2024-01-01T00:00:00Z</published></entry>
                </feed>""";

        ParsedListing listing = parser.parse(feed.getBytes(StandardCharsets.UTF_8), AS_OF);

        assertThat(listing.papers()).extracting(ListedPaper::title).containsExactly("Good");
        assertThat(listing.rejected()).extracting(EntryRejection::entry).containsExactly(2, 3, 4, 5);
        assertThat(listing.rejected()).extracting(EntryRejection::line).containsExactly(5, 6, 7, 9);
        assertThat(listing.rejected()).extracting(EntryRejection::reason).containsExactly("entry has no title",
                "entry has no published date", "the arXiv API reports an error: incorrect id format for 1234",
                "entry id 'http://example.org/x' is not an arXiv abstract URL");
    }

    @Test
    void refusesBodiesThatAreNotAtomFeeds() {
        assertRefused("", "body is empty");
        assertRefused("{\"title\": \"json\"}", "not well-formed XML");
        assertRefused("<html><body>Daily Papers</body></html>", "not an Atom <feed>");
        assertRefused("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>", "not well-formed XML");
        assertRefused(FEED_START + "</feed>", "holds no entries");
        assertThatThrownBy(() -> parser.parse(new byte[] { '<', 'f', (byte) 0xC3, (byte) 0x28, '/', '>' }, AS_OF))
                .isInstanceOf(ListingParseException.class);
    }

    @Test
    void neverReadsAFileThroughAnExternalEntity(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE feed [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + FEED_START.substring(FEED_START.indexOf('\n') + 1)
                + "<entry><id>http://arxiv.org/abs/2401.00001v1</id><title>&xxe;</title>"
                + "<published>2024-01-01T00:00:00Z</published></entry></feed>";

        assertThatThrownBy(() -> parser.parse(xxe.getBytes(StandardCharsets.UTF_8), AS_OF))
                .isInstanceOf(ListingParseException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void refusesBillionLaughsWithinASecond() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">");
        }
        dtd.append("]>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>&lol9;</title></entry></feed>");

        long start = System.nanoTime();
        assertThatThrownBy(() -> parser.parse(dtd.toString().getBytes(StandardCharsets.UTF_8), AS_OF))
                .isInstanceOf(ListingParseException.class);
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

    @Test
    void refusesUndeclaredEntityReferences() {
        String feed = FEED_START + "<entry><id>http://arxiv.org/abs/2401.00001v1</id><title>&nbsp;x</title>"
                + "<published>2024-01-01T00:00:00Z</published></entry></feed>";

        assertThatThrownBy(() -> parser.parse(feed.getBytes(StandardCharsets.UTF_8), AS_OF))
                .isInstanceOf(ListingParseException.class);
    }

    @Test
    void refusesDeeplyNestedXmlQuickly() {
        String deep = FEED_START + "<entry><title>" + "<b>".repeat(50_000) + "</b>".repeat(50_000)
                + "</title></entry></feed>";

        long start = System.nanoTime();
        assertRefused(deep, "nested deeper");
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

    private void assertRefused(String body, String reason) {
        assertThatThrownBy(() -> parser.parse(body.getBytes(StandardCharsets.UTF_8), AS_OF))
                .isInstanceOf(ListingParseException.class)
                .hasMessageContaining(reason);
    }
}
