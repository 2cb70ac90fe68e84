package dev.paperstream.query.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.paperstream.query.domain.SearchFilters;
import dev.paperstream.query.domain.SortOrder;

class PageCursorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void roundTripsSortValuesAndTheDecayOrigin() throws Exception {
        String fingerprint = PageCursor.fingerprint(SearchFilters.none(), SortOrder.UPVOTES);
        ArrayNode after = JSON.createArrayNode().add(42).add("2501.00001");
        String encoded = new PageCursor(fingerprint, after, Instant.ofEpochMilli(1234)).encode(JSON);

        PageCursor decoded = PageCursor.decode(encoded, fingerprint, JSON);

        assertThat(encoded).matches("[A-Za-z0-9_-]+");
        assertThat(decoded.after()).isEqualTo(after);
        assertThat(decoded.now()).isEqualTo(Instant.ofEpochMilli(1234));
    }

    @Test
    void refusesACursorOfAnotherQuery() {
        String upvotes = PageCursor.fingerprint(SearchFilters.none(), SortOrder.UPVOTES);
        String cursor = new PageCursor(upvotes, JSON.createArrayNode().add(1).add("x"), Instant.EPOCH).encode(JSON);
        SearchFilters tagged = new SearchFilters(Optional.empty(), Set.of("nlp"), Set.of(), Set.of(), Set.of(),
                Optional.empty(), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> PageCursor.decode(cursor, PageCursor.fingerprint(tagged, SortOrder.UPVOTES), JSON))
                .isInstanceOf(InvalidCursorException.class).hasMessageContaining("another query");
    }

    @Test
    void refusesMalformedCursors() {
        String fingerprint = PageCursor.fingerprint(SearchFilters.none(), SortOrder.NEWEST);
        for (String bad : new String[] { "%%%", "bm90IGpzb24", "e30", "eyJ2IjoxLCJmIjoiYSIsInQiOjEsImEiOlt7fSwxXX0" }) {
            assertThatThrownBy(() -> PageCursor.decode(bad, fingerprint, JSON))
                    .isInstanceOf(InvalidCursorException.class).hasMessageContaining("malformed");
        }
    }

    @Test
    void fingerprintIgnoresTheOrderOfRepeatedValues() {
        SearchFilters ab = new SearchFilters(Optional.of("q"), Set.of("a", "b"), Set.of(), Set.of(), Set.of(),
                Optional.empty(), Optional.empty(), Optional.empty());
        SearchFilters ba = new SearchFilters(Optional.of("q"), Set.of("b", "a"), Set.of(), Set.of(), Set.of(),
                Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(PageCursor.fingerprint(ab, SortOrder.RELEVANCE)).isEqualTo(PageCursor.fingerprint(ba,
                SortOrder.RELEVANCE)).isNotEqualTo(PageCursor.fingerprint(ab, SortOrder.NEWEST));
    }
}
