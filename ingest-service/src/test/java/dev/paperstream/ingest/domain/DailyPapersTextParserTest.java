package dev.paperstream.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DailyPapersTextParserTest {

    private static final LocalDate AS_OF = LocalDate.of(2025, 12, 17);
    private static String sample;

    private final DailyPapersTextParser parser = new DailyPapersTextParser();

    @BeforeAll
    static void loadSample() throws IOException {
        try (InputStream in = DailyPapersTextParserTest.class.getResourceAsStream(
                "/listings/hf-daily-papers-2025-12-17.txt")) {
            sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsEveryEntryOfTheSampleListing() {
        ParsedListing listing = parser.parse(sample, AS_OF);

        assertThat(listing.rejected()).isEmpty();
        assertThat(listing.papers()).hasSize(39);
        assertThat(listing.listingDate()).isEqualTo(AS_OF);
        assertThat(listing.papers()).allSatisfy(paper -> {
            assertThat(paper.title()).isNotBlank().doesNotContain("\n");
            assertThat(paper.summary()).hasSizeGreaterThan(100);
            assertThat(paper.publishedOn()).isBefore(AS_OF.plusDays(1));
            assertThat(paper.authorCount() != null ^ paper.organization() != null).isTrue();
        });
        assertThat(listing.papers().get(0).title())
                .isEqualTo("CodeRL: Mastering Code Generation through Pretrained Models and Deep Reinforcement Learning");
        assertThat(listing.papers().get(38).title()).startsWith("The Construction of Instruction-tuned LLMs for Finance");
    }

    @Test
    void readsFullDateWithAuthorCount() {
        ListedPaper codeRl = byTitle().get("CodeRL: Mastering Code Generation through Pretrained Models and Deep Reinforcement Learning");

        assertThat(codeRl.authorCount()).isEqualTo(5);
        assertThat(codeRl.publishedOn()).isEqualTo(LocalDate.of(2022, 7, 4));
        assertThat(codeRl.upvotes()).isZero();
        assertThat(codeRl.organization()).isNull();
        assertThat(codeRl.summary()).startsWith("Program synthesis or code generation aims to generate a program")
                .endsWith("new SOTA results on the simpler MBPP benchmark.");
        assertThat(codeRl.entry()).isEqualTo(1);
        assertThat(codeRl.line()).isEqualTo(13);
    }

    @Test
    void infersYearAndReadsTrailingUpvotes() {
        Map<String, ListedPaper> papers = byTitle();

        ListedPaper sentence = papers.get("Let's Predict Sentence by Sentence");
        assertThat(sentence.publishedOn()).isEqualTo(LocalDate.of(2025, 5, 28));
        assertThat(sentence.upvotes()).isEqualTo(2);
        assertThat(sentence.authorCount()).isEqualTo(10);

        ListedPaper sampling = papers.get("Enabling Approximate Joint Sampling in Diffusion LMs");
        assertThat(sampling.publishedOn()).isEqualTo(LocalDate.of(2025, 9, 25));
        assertThat(sampling.upvotes()).isZero();

        ListedPaper decay = papers.get("How Learning Rate Decay Wastes Your Best Data in Curriculum-Based LLM Pretraining");
        assertThat(decay.publishedOn()).isEqualTo(LocalDate.of(2025, 11, 24));
    }

    @Test
    void readsUpvotesAfterFullDate() {
        ListedPaper llm2llm = byTitle().get("LLM2LLM: Boosting LLMs with Novel Iterative Data Enhancement");

        assertThat(llm2llm.publishedOn()).isEqualTo(LocalDate.of(2024, 3, 22));
        assertThat(llm2llm.upvotes()).isEqualTo(2);
        assertThat(llm2llm.authorCount()).isEqualTo(9);
        assertThat(byTitle().get("In-Context Pretraining: Language Modeling Beyond Document Boundaries").upvotes())
                .isEqualTo(3);
    }

    @Test
    void readsOrganizationLineInsteadOfAuthors() {
        ListedPaper fineWeb = byTitle().get(
                "FineWeb2: One Pipeline to Scale Them All -- Adapting Pre-Training Data Processing to Every Language");

        assertThat(fineWeb.organization()).isEqualTo("HuggingFaceFW FineData");
        assertThat(fineWeb.authorCount()).isNull();
        assertThat(fineWeb.publishedOn()).isEqualTo(LocalDate.of(2025, 6, 25));
        assertThat(fineWeb.upvotes()).isEqualTo(1);
    }

    @Test
    void readsSingleAuthorAndKeepsUrlsAndTexInAbstracts() {
        Map<String, ListedPaper> papers = byTitle();

        assertThat(papers.get("Think Beyond Size: Adaptive Prompting for More Effective Reasoning").authorCount())
                .isEqualTo(1);
        assertThat(papers.get("Linearly Mapping from Image to Text Space").summary())
                .endsWith("Code is available here: https://github.com/jmerullo/limber");
        assertThat(papers.get("Generative Adapter: Contextualizing Language Models in Parameters with A Single Forward Pass")
                .summary()).contains("(\\eg text prompts");
    }

    @Test
    void readsCrlfLineEndingsLikeLf() {
        ParsedListing lf = parser.parse(sample, AS_OF);
        ParsedListing crlf = parser.parse(sample.replace("\n", "\r\n"), AS_OF);

        assertThat(crlf).isEqualTo(lf);
    }

    @Test
    void usesAsOfAsListingDateWhenHeaderIsMissing() {
        String withoutHeader = sample.substring(sample.indexOf("CodeRL:"));

        ParsedListing listing = parser.parse(withoutHeader, LocalDate.of(2025, 12, 20));

        assertThat(listing.papers()).hasSize(39);
        assertThat(listing.listingDate()).isEqualTo(LocalDate.of(2025, 12, 20));
    }

    @Test
    void infersListingDateFromAsOf() {
        ParsedListing listing = parser.parse(sample, LocalDate.of(2026, 1, 5));

        assertThat(listing.listingDate()).isEqualTo(LocalDate.of(2025, 12, 17));
        assertThat(byTitle(listing).get("Tiny language models").publishedOn()).isEqualTo(LocalDate.of(2025, 7, 20));
    }

    @Test
    void placesDecemberEntryOfJanuaryListingInPreviousYear() {
        String listing = "Daily Papers\n\nJan 27\n\nA Paper\n\nAn abstract.\n\n  • 3 authors\n·\nDec 30 4\n";

        ListedPaper paper = parser.parse(listing, LocalDate.of(2026, 1, 27)).papers().get(0);

        assertThat(paper.publishedOn()).isEqualTo(LocalDate.of(2025, 12, 30));
        assertThat(paper.upvotes()).isEqualTo(4);
    }

    @Test
    void rejectsEntryWithoutDateAndKeepsTheOthers() {
        String listing = "Dec 17\n\nFirst\n\nAbstract one.\n\n  • 2 authors\n·\n\n"
                + "Second\n\nAbstract two.\n\n  • 3 authors\n·\nJun 1, 2024\n";

        ParsedListing parsed = parser.parse(listing, AS_OF);

        assertThat(parsed.papers()).extracting(ListedPaper::title).containsExactly("Second");
        assertThat(parsed.rejected()).singleElement().satisfies(rejection -> {
            assertThat(rejection.entry()).isEqualTo(1);
            assertThat(rejection.line()).isEqualTo(3);
            assertThat(rejection.reason()).contains("not a date");
        });
    }

    @Test
    void rejectsImpossibleDate() {
        String listing = "Bad Date Paper\n\nAbstract.\n\n  • 2 authors\n·\nFeb 30, 2024\n";

        ParsedListing parsed = parser.parse(listing, AS_OF);

        assertThat(parsed.papers()).isEmpty();
        assertThat(parsed.rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("not a valid date"));
    }

    @Test
    void rejectsEntryWithoutByline() {
        String listing = "Lonely Title\n·\nJun 1, 2024\n";

        ParsedListing parsed = parser.parse(listing, AS_OF);

        assertThat(parsed.rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("no author or organization line"));
    }

    @Test
    void failsWhenNothingIsAPaper() {
        assertThatThrownBy(() -> parser.parse("", AS_OF)).isInstanceOf(ListingParseException.class);
        assertThatThrownBy(() -> parser.parse("<html><body>Hello</body></html>", AS_OF))
                .isInstanceOf(ListingParseException.class)
                .hasMessageContaining("no paper entries found");
    }

    private Map<String, ListedPaper> byTitle() {
        return byTitle(parser.parse(sample, AS_OF));
    }

    private static Map<String, ListedPaper> byTitle(ParsedListing listing) {
        return listing.papers().stream().collect(Collectors.toMap(ListedPaper::title, Function.identity()));
    }
}
