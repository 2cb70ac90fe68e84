package dev.paperstream.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Random;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * Property: whatever a client sends, a parser either returns a listing or throws its documented
 * {@link ListingParseException}, never anything else. Inputs are seeded random mutations of the
 * fixtures (byte flips, truncations, line shuffles, insertions of syntax characters), so a failure
 * is reproducible from the seed and iteration printed in the assertion message.
 */
class ParserFuzzTest {

    private static final long SEED = 20251217L;
    private static final int MUTATIONS_PER_FIXTURE = 2_000;
    /** The page text is the slowest to parse; fewer of its mutations keep the test well under 20 s. */
    private static final int TEXT_MUTATIONS = 1_500;
    private static final LocalDate AS_OF = LocalDate.of(2025, 12, 17);
    @Test
    void textParserOnlyEverThrowsItsParseException() {
        DailyPapersTextParser parser = new DailyPapersTextParser();
        assertParsersHoldOn(Fixtures.bytes(Fixtures.SAMPLE_TEXT), 1, TEXT_MUTATIONS,
                body -> parser.parse(new String(body, StandardCharsets.UTF_8), AS_OF));
    }

    @Test
    void jsonParserOnlyEverThrowsItsParseException() {
        HfDailyPapersJsonParser parser = new HfDailyPapersJsonParser();
        assertParsersHoldOn(Fixtures.bytes(Fixtures.DAILY_JSON), 2, MUTATIONS_PER_FIXTURE, body -> parser.parse(body, AS_OF));
        assertParsersHoldOn(Fixtures.bytes(Fixtures.PAPER_JSON), 3, MUTATIONS_PER_FIXTURE, body -> parser.parse(body, AS_OF));
    }

    @Test
    void atomParserOnlyEverThrowsItsParseException() {
        ArxivAtomParser parser = new ArxivAtomParser();
        assertParsersHoldOn(Fixtures.bytes(Fixtures.ATOM_FEED), 4, MUTATIONS_PER_FIXTURE, body -> parser.parse(body, AS_OF));
    }

    private static void assertParsersHoldOn(byte[] fixture, long salt, int mutations, Consumer<byte[]> parse) {
        Random random = new Random(SEED * 31 + salt);
        int parsed = 0;
        int refused = 0;
        for (int i = 0; i < mutations; i++) {
            byte[] body = ListingMutations.mutate(fixture, ListingMutations.SYNTAX, random);
            try {
                parse.accept(body);
                parsed++;
            } catch (ListingParseException e) {
                assertThat(e.getMessage()).isNotBlank();
                refused++;
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("seed " + SEED + ", salt " + salt + ", mutation " + i
                        + ": parser threw " + e, e);
            }
        }
        // Both outcomes must occur, or the mutations are too weak (or too destructive) to prove anything.
        assertThat(parsed).isPositive();
        assertThat(refused).isPositive();
    }
}
