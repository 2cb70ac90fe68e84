package dev.paperstream.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class ParsedListingTest {

    @Test
    void rejectsEntriesWhoseEventCouldNotFitOneKafkaRecordAndKeepsTheRest() {
        ListedPaper fine = paper(1, "An abstract.", List.of("A. Author"));
        ListedPaper longAbstract = paper(2, "x".repeat(ParsedListing.MAX_SUMMARY_LENGTH + 1), List.of());
        // 300 KiB of author names, each short: too much text for one event although no field is long.
        ListedPaper manyAuthors = paper(3, "An abstract.",
                Collections.nCopies(10_000, "Anonymous Author " + "ä".repeat(6)));
        ListedPaper withNul = paper(4, "An\0abstract.", List.of());

        ParsedListing storable = new ParsedListing(ListingFormat.HF_DAILY_TEXT, LocalDate.of(2025, 12, 17),
                List.of(fine, longAbstract, manyAuthors, withNul), List.of()).storable();

        assertThat(storable.papers()).containsExactly(fine);
        assertThat(storable.rejected()).extracting(EntryRejection::entry).containsExactly(2, 3, 4);
        assertThat(storable.rejected().get(0).reason()).contains("50001 characters").contains("at most 50000");
        assertThat(storable.rejected().get(1).reason()).contains("bytes of text").contains("at most 262144");
        assertThat(storable.rejected().get(2).reason()).contains("NUL");
    }

    @Test
    void countsUtf8BytesAsTheEncoderDoes() {
        for (String text : List.of("", "ascii", "Ñandú", "数学", "emoji \uD83D\uDE00 pair", "lone \uD800 surrogate")) {
            assertThat(PaperText.utf8Length(text)).as(text)
                    .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    private static ListedPaper paper(int entry, String summary, List<String> authors) {
        return new ListedPaper(entry, entry, null, "Paper " + entry, summary, LocalDate.of(2025, 12, 1), 3,
                authors.size(), authors, null, List.of(), null, null, List.of(), List.of());
    }
}
