package dev.paperstream.query.service;

import java.time.Instant;
import java.util.Base64;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.paperstream.events.Sha256;
import dev.paperstream.query.domain.SearchFilters;
import dev.paperstream.query.domain.SearchMode;
import dev.paperstream.query.domain.SortOrder;

/**
 * Where the next page of a search starts: the sort values of the last hit (ending with its id, the tie-break), a
 * fingerprint of the query and filters it belongs to, and the instant trending scores decay from, as base64url
 * JSON. Opaque to clients; a cursor of another query, or any other string, is refused.
 *
 * @param fingerprint the query it belongs to
 * @param after       sort values of the last hit of the previous page
 * @param now         the origin of the trending decay for the whole walk
 */
public record PageCursor(String fingerprint, JsonNode after, Instant now) {

    /** Sort values per hit: the order's key and the id. */
    static final int SORT_VALUES = 2;

    /** Encodes the cursor. */
    public String encode(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("v", 1).put("f", fingerprint).put("t", now.toEpochMilli()).set("a", after);
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(node));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Decodes a cursor and checks that it belongs to the query with this fingerprint. */
    public static PageCursor decode(String cursor, String expectedFingerprint, ObjectMapper json)
            throws InvalidCursorException {
        JsonNode node;
        try {
            node = json.readTree(Base64.getUrlDecoder().decode(cursor.strip()));
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new InvalidCursorException("cursor is malformed; pass back the nextCursor of a previous page"
                    + " unchanged");
        }
        if (node == null || node.path("v").asInt() != 1 || !node.path("f").isTextual() || !node.path("t").isNumber()
                || !node.path("a").isArray() || node.path("a").size() != SORT_VALUES) {
            throw new InvalidCursorException("cursor is malformed; pass back the nextCursor of a previous page"
                    + " unchanged");
        }
        for (JsonNode value : node.get("a")) {
            if (!value.isNumber() && !value.isTextual() && !value.isNull()) {
                throw new InvalidCursorException("cursor is malformed; pass back the nextCursor of a previous page"
                        + " unchanged");
            }
        }
        if (!expectedFingerprint.equals(node.get("f").asText())) {
            throw new InvalidCursorException("cursor belongs to another query; a cursor only continues the search"
                    + " (q, filters and sort) that returned it");
        }
        return new PageCursor(expectedFingerprint, (ArrayNode) node.get("a"), Instant.ofEpochMilli(
                node.get("t").asLong()));
    }

    /** A short, stable digest of the query, filters and sort (not the page size) of a keyword search. */
    public static String fingerprint(SearchFilters filters, SortOrder sort) {
        return fingerprint(filters, sort, SearchMode.KEYWORD);
    }

    /** A short, stable digest of the query, filters, sort and mode (not the page size). */
    public static String fingerprint(SearchFilters filters, SortOrder sort, SearchMode mode) {
        String canonical = String.join("\u0001", filters.text().orElse(""), new TreeSet<>(filters.tags()).toString(),
                new TreeSet<>(filters.organizations()).toString(), new TreeSet<>(filters.years()).toString(),
                new TreeSet<>(filters.teamSizes()).toString(), filters.hasCode().map(String::valueOf).orElse(""),
                filters.from().map(String::valueOf).orElse(""), filters.to().map(String::valueOf).orElse(""),
                sort.label()) + (mode == SearchMode.KEYWORD ? "" : "\u0001" + mode.label());
        return Sha256.hex(canonical).substring(0, 16);
    }
}
